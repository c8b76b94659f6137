import { worldPerTest, type E2eTest } from "./support/e2e-harness";
import { copiesInOrg, copyTrackedBy } from "./support/flows";
import {
  addAnotherOrganization,
  connectFromOrganizations,
  delayRequests,
  emailsInOrg,
  fixtureMessages,
  functionCallValues,
  loadMailbox,
  notice,
  openPaneWithContoso,
  recordEmulatorRequests,
  recordIdByEmail,
  reloadSimulator,
  showTab,
  trackedInList,
  trackToPicker,
  validationPayloadRows,
  waitForSavedPreference,
  webApiCalls,
} from "./support/message-flows";

/**
 * Tracking from the task pane, end to end: the production build's task pane in the simulator's
 * frame, signed in for real on the emulator's page, against a fresh emulator each test. What the
 * org stores is read through its Web API; the requests the pane sends are counted in the browser.
 */

const NANCY = {
  itemId: "msg-nancy-quote",
  internetMessageId: "<quote-0042.nancy@adventure-works.example>",
  subject: "Quote for 50 touring bikes",
  from: "nancy@adventure-works.example",
};
const NEWSLETTER = { itemId: "msg-newsletter", internetMessageId: "<news-2025-03.list@tailspintoys.example>" };
const CATEGORY = "Tracked to Contoso Sales";
const TRACK = { name: "Track", exact: true } as const;
const CHECK_INCOMING_EMAIL = "GET CheckIncomingEmail(MessageId=@m,Subject=@s,From=@f,To=@t,Cc=@c,Bcc=@b)";
const DELIVER_INCOMING_EMAIL = "POST emails/Microsoft.Dynamics.CRM.DeliverIncomingEmail";

describe("tracking from the task pane in the Outlook simulator", () => {
  const startTest = worldPerTest();

  /** Opens the pane on a message, adds Contoso and shows "This message". */
  const openMessageWithContoso = async (test: E2eTest, itemId: string): Promise<void> => {
    await test.select(itemId);
    await openPaneWithContoso(test);
    await showTab(test, "This message");
  };

  /** Presses the pane's Track and waits for the org's verdict. */
  const trackFromPane = async (test: E2eTest): Promise<void> => {
    await test.pane.getByRole("button", TRACK).click();
    await notice(test.pane, "Tracked to Contoso Sales").waitFor();
  };

  test("This message: the validation line shows what Contoso receives, Track goes to the synchronizing org, the verdict, the category, one copy, Tracked in", async () => {
    const t = await startTest("pane track this message");
    await t.select(NANCY.itemId);
    await openPaneWithContoso(t);
    // A second org, added after Contoso: Contoso stays the synchronizing org and the picker's default.
    await addAnotherOrganization(t, t.emulator.orgUrl("fabrikam"), "Fabrikam Support");
    await showTab(t, "This message");
    await t.pane.getByText("This message is not tracked in any of your organizations.").waitFor();
    expect(await trackToPicker(t.pane)).toEqual({ options: ["Contoso Sales (synchronizing)", "Fabrikam Support"], chosen: "Contoso Sales (synchronizing)" });
    expect(await validationPayloadRows(t.pane, "Contoso Sales")).toEqual([
      ["From", NANCY.from],
      ["To", "alex.wu@contoso.example"],
      ["Subject", NANCY.subject],
      ["Message ID", NANCY.internetMessageId],
    ]);

    const requests = recordEmulatorRequests(t);
    await trackFromPane(t);
    await trackedInList(t.pane).getByRole("listitem", { name: "Contoso Sales" }).getByText("Tracked", { exact: true }).waitFor();
    requests.stop();
    await t.screenshot("verdict");

    expect(await notice(t.pane, "Tracked to Contoso Sales").innerText()).toContain("Contoso Sales accepted this message: your tracking settings there accept all email messages.");
    expect((await t.item(NANCY.itemId)).categories).toEqual([CATEGORY]);
    expect(await copiesInOrg(t.emulator, "contoso", NANCY.internetMessageId)).toEqual([expect.objectContaining({ subject: NANCY.subject })]);
    expect(await copiesInOrg(t.emulator, "fabrikam", NANCY.internetMessageId)).toEqual([]);
    expect(await trackedInList(t.pane).getByRole("listitem").evaluateAll((items) => items.map((item) => item.getAttribute("aria-label")))).toEqual(["Contoso Sales"]);
    // Two round trips with the token cached (architecture.md): validate, then store.
    const sent = requests.toOrgs();
    expect(webApiCalls(sent)).toEqual([CHECK_INCOMING_EMAIL, DELIVER_INCOMING_EMAIL]);
    // The validation request carried exactly what the line showed, nothing else.
    const validation = sent[0];
    if (validation === undefined) throw new Error("No validation request was sent.");
    expect(functionCallValues(validation)).toEqual({ "@m": NANCY.internetMessageId, "@s": NANCY.subject, "@f": NANCY.from, "@t": "alex.wu@contoso.example", "@c": "", "@b": "" });
    expect(webApiCalls(requests.all().filter((request) => request.identity))).toEqual([]);
    expect(t.pageErrors).toEqual([]);
  });

  test("a refused message tracked from the pane shows the org's reason in words and stores nothing", async () => {
    const t = await startTest("pane refused message");
    await openMessageWithContoso(t, NEWSLETTER.itemId);
    const requests = recordEmulatorRequests(t);
    await t.pane.getByRole("button", TRACK).click();
    const refusal = notice(t.pane, "Contoso Sales did not keep this message");
    await refusal.waitFor();
    requests.stop();
    await t.screenshot();

    expect(await refusal.innerText()).toContain("None of the recipients is a user of Contoso Sales.");
    await t.pane.getByText("This message is not tracked in any of your organizations.").waitFor();
    expect((await t.item(NEWSLETTER.itemId)).categories).toEqual([]);
    expect(await copiesInOrg(t.emulator, "contoso", NEWSLETTER.internetMessageId)).toEqual([]);
    // Validation only: nothing was sent to be stored.
    expect(webApiCalls(requests.toOrgs())).toEqual([CHECK_INCOMING_EMAIL]);
  });

  test("set regarding: the sender's contact from the suggestions becomes the regarding record of the org's copy", async () => {
    const t = await startTest("pane set regarding");
    const nancy = await recordIdByEmail(t.emulator, "contoso", "contacts", NANCY.from);
    await openMessageWithContoso(t, NANCY.itemId);
    await trackFromPane(t);
    const [copy] = await emailsInOrg(t.emulator, "contoso");
    expect(copy?._regardingobjectid_value).toBeNull();

    await trackedInList(t.pane).getByRole("listitem", { name: "Contoso Sales" }).getByRole("button", { name: "Set regarding" }).click();
    const suggestions = t.pane.getByRole("radiogroup", { name: "Suggestions from the sender and recipients" });
    const contact = suggestions.getByRole("radio", { name: `Nancy Anderson · Contact · ${NANCY.from}` });
    await contact.check();
    await t.pane.getByRole("button", { name: "Link to record" }).click();
    await notice(t.pane, "The copy in Contoso Sales is now regarding Nancy Anderson.").waitFor();
    await t.screenshot();

    const emails = await emailsInOrg(t.emulator, "contoso");
    expect(emails).toEqual([expect.objectContaining({ messageid: NANCY.internetMessageId, _regardingobjectid_value: nancy })]);
  });

  test("untrack as the owner: the pane says beforehand that the copy will be deleted; afterwards it is gone from the org", async () => {
    const t = await startTest("pane untrack as owner");
    await openMessageWithContoso(t, NANCY.itemId);
    await trackFromPane(t);
    expect(await copiesInOrg(t.emulator, "contoso", NANCY.internetMessageId)).toHaveLength(1);

    const requests = recordEmulatorRequests(t);
    await trackedInList(t.pane).getByRole("listitem", { name: "Contoso Sales" }).getByRole("button", { name: "Untrack" }).click();
    const question = t.pane.getByRole("alertdialog", { name: "Untrack this message from Contoso Sales?" });
    await question.getByText("You own the copy in Contoso Sales, so it will be deleted from Contoso Sales.").waitFor();
    await t.screenshot("question");
    // Asking deleted nothing.
    expect(await copiesInOrg(t.emulator, "contoso", NANCY.internetMessageId)).toHaveLength(1);

    await question.getByRole("button", { name: "OK" }).click();
    await notice(t.pane, "Untracked: the copy was deleted from Contoso Sales.").waitFor();
    requests.stop();
    await t.screenshot("done");
    expect(await copiesInOrg(t.emulator, "contoso", NANCY.internetMessageId)).toEqual([]);
    expect((await t.item(NANCY.itemId)).categories).toEqual([]);
    await t.pane.getByText("This message is not tracked in any of your organizations.").waitFor();
    // Two round trips (architecture.md): who owns the copy, then delete it.
    expect(webApiCalls(requests.toOrgs())).toEqual([expect.stringMatching(/^GET emails/), expect.stringMatching(/^DELETE emails\([0-9a-f-]{36}\)$/)]);
  });

  test("untrack a copy a colleague owns: the pane says beforehand that it stays in the org; afterwards it is still there", async () => {
    const t = await startTest("pane untrack as non-owner");
    const colleagues = await copyTrackedBy(t.emulator, "contoso", "morgan.lee@contoso.example", { internetMessageId: NANCY.internetMessageId, subject: NANCY.subject, from: NANCY.from, to: "alex.wu@contoso.example" });
    await openMessageWithContoso(t, NANCY.itemId);
    await t.pane.getByRole("button", TRACK).click();
    await notice(t.pane, "Contoso Sales already had a copy of this message (tracked elsewhere or by a colleague); this message is now linked to it.").waitFor();

    await trackedInList(t.pane).getByRole("listitem", { name: "Contoso Sales" }).getByRole("button", { name: "Untrack" }).click();
    const question = t.pane.getByRole("alertdialog", { name: "Untrack this message from Contoso Sales?" });
    await question.getByText("Someone else owns the copy in Contoso Sales, so it stays in Contoso Sales; only the link in Outlook is removed.").waitFor();
    await t.screenshot("question");
    await question.getByRole("button", { name: "OK" }).click();
    await notice(t.pane, "Untracked: the copy stays in Contoso Sales; it is only unlinked here.").waitFor();

    expect((await copiesInOrg(t.emulator, "contoso", NANCY.internetMessageId)).map((copy) => copy.activityid)).toEqual([colleagues]);
    expect((await t.item(NANCY.itemId)).categories).toEqual([]);
  });

  test("bulk track of 20 selected messages: a progress bar, then one result per message (18 tracked, 2 refused with the reason), 18 copies, 2 $batch requests", async () => {
    const t = await startTest("pane bulk track");
    const messages = fixtureMessages("bulk-mailbox.json");
    const selected = messages.slice(0, 20);
    const refused = selected.filter((message) => !message.to.some((to) => to.emailAddress === "alex.wu@contoso.example"));
    const accepted = selected.filter((message) => !refused.includes(message));
    expect([accepted.length, refused.length, messages.length]).toEqual([18, 2, 22]);
    await loadMailbox(t, messages);
    await t.select(messages[0]?.itemId ?? "");
    await openPaneWithContoso(t);
    await t.select(...selected.map((message) => message.itemId));
    await showTab(t, "Selected messages (20)");
    await t.pane.getByRole("heading", { name: "20 selected messages" }).waitFor();

    // The validation $batch waits a little at the org, as over a real network, so the progress bar can be seen.
    await delayRequests(t.emulator, "/contoso/api/data/v9.2/$batch", 1500, 1);
    const requests = recordEmulatorRequests(t);
    await t.pane.getByRole("button", { name: "Track 20 messages" }).click();
    await t.pane.getByRole("progressbar").waitFor();
    await t.pane.getByText("Tracking to Contoso Sales").waitFor();
    await t.screenshot("progress");
    const results = t.pane.getByRole("list", { name: "Results" });
    await results.waitFor();
    requests.stop();
    await results.getByRole("listitem", { name: refused[0]?.subject ?? "", exact: true }).scrollIntoViewIfNeeded();
    await t.screenshot("results");

    expect(await t.pane.getByRole("progressbar").count()).toBe(0);
    await notice(t.pane, "18 of 20 messages tracked to Contoso Sales.").waitFor();
    expect(await results.getByRole("listitem").count()).toBe(20);
    for (const message of accepted) {
      const row = results.getByRole("listitem", { name: message.subject, exact: true });
      expect(await row.getByText("Tracked", { exact: true }).count()).toBe(1);
    }
    for (const message of refused) {
      const row = results.getByRole("listitem", { name: message.subject, exact: true });
      expect(await row.getByText("Not kept", { exact: true }).count()).toBe(1);
      expect(await row.innerText()).toContain("None of the recipients is a user of Contoso Sales.");
    }

    const stored = await emailsInOrg(t.emulator, "contoso");
    expect(stored.map((email) => email.messageid).sort()).toEqual(accepted.map((message) => message.internetMessageId).sort());
    for (const message of selected) expect((await t.item(message.itemId)).categories).toEqual(accepted.includes(message) ? [CATEGORY] : []);
    for (const message of messages.slice(20)) expect((await t.item(message.itemId)).categories).toEqual([]);
    // architecture.md: a bulk track is 2 $batch round trips (validate all, store the accepted), token cached.
    expect(webApiCalls(requests.all())).toEqual(["POST $batch", "POST $batch"]);
    expect(t.pageErrors).toEqual([]);
  });

  test("Connect automatically off: a track waits in the queue with no request to the org; Connect replays it once; connecting again makes no second copy", async () => {
    const t = await startTest("pane queued while disconnected");
    await t.select(NANCY.itemId);
    await openPaneWithContoso(t);
    await showTab(t, "Settings");
    const connectAutomatically = t.pane.getByRole("switch", { name: "Connect automatically" });
    expect(await connectAutomatically.isChecked()).toBe(true);
    await connectAutomatically.click();
    await waitForSavedPreference(t, "connectAutomatically", false);

    // The setting applies from the next start of the pane (this session stays connected): reload the simulator.
    const requests = recordEmulatorRequests(t);
    await reloadSimulator(t, NANCY.itemId);
    await showTab(t, "This message");
    await t.pane.getByRole("button", TRACK).click();
    await notice(t.pane, "Waiting to be tracked to Contoso Sales: the request is in the queue and is sent when you connect.").waitFor();
    await showTab(t, "Settings");
    expect(await t.pane.getByRole("switch", { name: "Connect automatically" }).isChecked()).toBe(false);
    const waiting = t.pane.getByRole("list", { name: "Waiting requests" }).getByRole("listitem");
    expect(await waiting.evaluateAll((items) => items.map((item) => item.getAttribute("aria-label")))).toEqual(["Track to Contoso Sales"]);
    await t.screenshot("queue");
    expect(webApiCalls(requests.all())).toEqual([]);
    expect(await copiesInOrg(t.emulator, "contoso", NANCY.internetMessageId)).toEqual([]);
    expect((await t.item(NANCY.itemId)).categories).toEqual([]);

    const beforeConnect = requests.count();
    await connectFromOrganizations(t, "Contoso Sales");
    await notice(t.pane, "Connected to Contoso Sales. 1 waiting requests were processed.").waitFor();
    // The status check, then the replayed track: validate, store.
    expect(webApiCalls(requests.toOrgs(beforeConnect))).toEqual(["GET WhoAmI", CHECK_INCOMING_EMAIL, DELIVER_INCOMING_EMAIL]);
    await t.screenshot("replayed");
    expect(await copiesInOrg(t.emulator, "contoso", NANCY.internetMessageId)).toHaveLength(1);
    expect((await t.item(NANCY.itemId)).categories).toEqual([CATEGORY]);
    await showTab(t, "Settings");
    await t.pane.getByText("No requests are waiting.").waitFor();

    // Connecting again (after a reload) finds nothing to replay: still one copy.
    const beforeSecondConnect = requests.count();
    await reloadSimulator(t, NANCY.itemId);
    await connectFromOrganizations(t, "Contoso Sales");
    await notice(t.pane, "Connected to Contoso Sales.").waitFor();
    requests.stop();
    expect(webApiCalls(requests.toOrgs(beforeSecondConnect))).toEqual(["GET WhoAmI"]);
    expect(await copiesInOrg(t.emulator, "contoso", NANCY.internetMessageId)).toHaveLength(1);
  });
});
