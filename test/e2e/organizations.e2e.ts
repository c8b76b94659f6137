import { worldPerTest, type E2eTest } from "./support/e2e-harness";
import { openTaskPane } from "./support/flows";
import { notice, recordEmulatorRequests, showTab, waitForSavedPreference } from "./support/message-flows";
import {
  addDialog,
  connectOnlineChoice,
  connectPastedUrl,
  countOpenedWindows,
  delayStatusChecks,
  fieldState,
  listedOrganizations,
  openAddDialog,
  onlineListOptions,
  openOnlineList,
  organizationItem,
  pendingFaults,
  pressOrgButton,
  recordAllRequests,
  savedOrganizations,
  settledScreenshot,
  signingInWhenAsked,
  typeOrganizationUrl,
} from "./support/org-flows";

/**
 * The task pane's Organizations view, end to end: adding orgs from Global Discovery and by a
 * pasted address, switching the synchronizing org, refusing bad addresses before anything leaves
 * the browser, coming back with and without saved credentials, signing out and removing. What the
 * add-in saved is read from the simulated Outlook's roaming settings; the requests are counted in
 * the browser.
 */

const NANCY = { itemId: "msg-nancy-quote" };
const CONTOSO = "Contoso Sales";
const FABRIKAM = "Fabrikam Support";
const CONFIRM_TITLE = "Change your synchronizing or primary organization?";

describe("the Organizations view in the Outlook simulator", () => {
  const startTest = worldPerTest();

  /** The address of an org as copied from the browser's address bar on a list of contacts. */
  const copiedAddress = (test: E2eTest, org: string): string => `${test.emulator.orgUrl(org)}/main.aspx?appid=4c1a0d2e&pagetype=entitylist&etn=contact`;

  /** Opens the pane on a message and shows the Organizations view. */
  const openOrganizations = async (test: E2eTest): Promise<void> => {
    await test.select(NANCY.itemId);
    await openTaskPane(test);
    await showTab(test, "Organizations");
  };

  /** Adds Contoso, then Fabrikam, both by their pasted addresses (signing in once, as Alex). */
  const addBothByUrl = async (test: E2eTest): Promise<void> => {
    await openAddDialog(test);
    await connectPastedUrl(test, copiedAddress(test, "contoso"), CONTOSO);
    await openAddDialog(test);
    await connectPastedUrl(test, copiedAddress(test, "fabrikam"), FABRIKAM);
  };

  test("adds one org picked from the Dynamics 365 (online) list and one by its pasted address: both connected, the first synchronizing", async () => {
    const t = await startTest("organizations add online and by url");
    const contosoUrl = t.emulator.orgUrl("contoso");
    const fabrikamUrl = t.emulator.orgUrl("fabrikam");
    await openOrganizations(t);
    const requests = recordEmulatorRequests(t);

    const listing = await openOnlineList(t);
    expect(listing.windows).toBe(1); // Global Discovery needs a sign-in
    expect(await onlineListOptions(t.pane)).toEqual([
      { text: `${CONTOSO} ${contosoUrl}`, enabled: true },
      { text: `${FABRIKAM} ${fabrikamUrl}`, enabled: true },
    ]);
    await settledScreenshot(t, "online-list");
    const pickedOnline = await connectOnlineChoice(t, CONTOSO);
    await notice(t.pane, `${CONTOSO} was added.`).waitFor();

    await openAddDialog(t);
    const field = await typeOrganizationUrl(t, copiedAddress(t, "fabrikam"));
    expect(await fieldState(field)).toEqual({ invalid: false, description: `OrgTrack connects to ${fabrikamUrl}.` });
    const pasted = await connectPastedUrl(t, copiedAddress(t, "fabrikam"), FABRIKAM);
    await notice(t.pane, `${FABRIKAM} was added.`).waitFor();
    requests.stop();
    await settledScreenshot(t, "two-organizations");

    // One sign-in served Global Discovery and both orgs (their tokens came silently).
    expect([pickedOnline.windows, pasted.windows]).toEqual([0, 0]);
    expect(await listedOrganizations(t.pane)).toEqual([
      { name: CONTOSO, url: contosoUrl, badges: ["Synchronizing", "Connected"] },
      { name: FABRIKAM, url: fabrikamUrl, badges: ["Connected"] },
    ]);
    const saved = await savedOrganizations(t.page);
    expect(saved.orgs.map(({ friendlyName, url }) => ({ friendlyName, url }))).toEqual([
      { friendlyName: CONTOSO, url: contosoUrl },
      { friendlyName: FABRIKAM, url: fabrikamUrl },
    ]);
    expect(saved.synchronizingKey).toBe(saved.orgs[0]?.key);
    // The list came from Global Discovery; each org was checked with WhoAmI before it was added.
    const paths = requests.toOrgs().map((request) => `${request.method} ${request.url.pathname}`);
    expect(paths.filter((path) => path.includes("/discovery/api/"))).toEqual(["GET /discovery/api/discovery/v2.0/Instances"]);
    expect(paths.filter((path) => path.endsWith("/WhoAmI"))).toEqual(["GET /contoso/api/data/v9.2/WhoAmI", "GET /fabrikam/api/data/v9.2/WhoAmI"]);
    expect(t.pageErrors).toEqual([]);
  });

  test("Synchronize on the second org asks first: Cancel keeps the first synchronizing (on screen and saved), OK makes the second synchronizing", async () => {
    const t = await startTest("organizations switch synchronizing");
    await openOrganizations(t);
    await addBothByUrl(t);
    const before = await savedOrganizations(t.page);
    const [contosoKey, fabrikamKey] = before.orgs.map((org) => org.key);
    expect(before.synchronizingKey).toBe(contosoKey);

    await pressOrgButton(t, FABRIKAM, "Synchronize");
    const question = t.pane.getByRole("alertdialog", { name: CONFIRM_TITLE });
    await question.getByText(`${FABRIKAM} becomes your synchronizing organization instead of ${CONTOSO}.`, { exact: false }).waitFor();
    await settledScreenshot(t, "confirmation");
    await question.getByRole("button", { name: "Cancel", exact: true }).click();
    await question.waitFor({ state: "detached" });
    await organizationItem(t.pane, FABRIKAM).getByText("Changing the synchronizing organization…").waitFor({ state: "detached" });
    expect((await listedOrganizations(t.pane)).map((org) => [org.name, org.badges])).toEqual([
      [CONTOSO, ["Synchronizing", "Connected"]],
      [FABRIKAM, ["Connected"]],
    ]);
    expect(await savedOrganizations(t.page)).toEqual(before);

    await pressOrgButton(t, FABRIKAM, "Synchronize");
    await question.getByRole("button", { name: "OK", exact: true }).click();
    await notice(t.pane, `${FABRIKAM} is now your synchronizing organization.`).waitFor();
    expect((await listedOrganizations(t.pane)).map((org) => [org.name, org.badges])).toEqual([
      [CONTOSO, ["Connected"]],
      [FABRIKAM, ["Synchronizing", "Connected"]],
    ]);
    expect(await savedOrganizations(t.page)).toEqual({ orgs: before.orgs, synchronizingKey: fabrikamKey });
    await settledScreenshot(t, "switched");

    // Outlook starting again reads the same choice.
    await t.reopen();
    await openOrganizations(t);
    await organizationItem(t.pane, FABRIKAM).getByText("Synchronizing", { exact: true }).waitFor();
    expect((await listedOrganizations(t.pane)).map((org) => [org.name, org.badges.includes("Synchronizing")])).toEqual([
      [CONTOSO, false],
      [FABRIKAM, true],
    ]);
    expect(t.pageErrors).toEqual([]);
  });

  test.each([
    ["http", "http://contoso.crm.dynamics.com", "The address starts with http://, which would send your sign-in unencrypted. Use the https:// address of your organization."],
    ["javascript", "javascript:alert(1)", 'Only "https://" addresses can be an organization; "javascript:" addresses cannot.'],
    [
      "look-alike",
      "https://contoso.crm.dynamics.com.evil.example/main.aspx?pagetype=entitylist&etn=contact",
      "contoso.crm.dynamics.com.evil.example only looks like a Dynamics 365 address. It is not one, so OrgTrack will not send your sign-in to it.",
    ],
  ])("a bad pasted address (%s: %s) shows the parser's message on the field; nothing is added, no window opens, no request leaves", async (kind, address, message) => {
    const t = await startTest(`organizations refused ${kind} address`);
    await openOrganizations(t);
    const siteOrigin = new URL(t.page.url()).origin;
    const windows = countOpenedWindows(t);
    const requests = recordAllRequests(t);

    await openAddDialog(t);
    const field = await typeOrganizationUrl(t, address);
    await addDialog(t.pane).getByRole("button", { name: "Connect", exact: true }).click();
    await addDialog(t.pane).getByText(message, { exact: true }).waitFor();
    expect(await fieldState(field)).toEqual({ invalid: true, description: expect.stringContaining(message) as unknown as string });
    await settledScreenshot(t);
    await addDialog(t.pane).getByRole("button", { name: "Cancel", exact: true }).click();
    await addDialog(t.pane).waitFor({ state: "detached" });
    windows.stop();
    requests.stop();

    expect(windows.count()).toBe(0);
    // Only the pane's own code may have been fetched from the add-in's site: nothing went to the emulator or the pasted host.
    expect(requests.urls().filter((url) => url.origin !== siteOrigin).map((url) => url.origin)).toEqual([]);
    await t.pane.getByText("No organization yet", { exact: true }).waitFor();
    expect(await savedOrganizations(t.page)).toEqual({ orgs: [], synchronizingKey: undefined });
    expect(t.pageErrors).toEqual([]);
  });

  test("with Save my credentials on, Outlook starting again finds both orgs connected without a sign-in window, their statuses checked at the same time", async () => {
    const t = await startTest("organizations saved credentials");
    await openOrganizations(t);
    await showTab(t, "Settings");
    await t.pane.getByRole("switch", { name: "Save my credentials on this device" }).click();
    await waitForSavedPreference(t, "saveCredentials", true);
    await showTab(t, "Organizations");
    await addBothByUrl(t);

    // Each status check waits 800 ms at the org: checked one after the other, the second request would leave after the first answer.
    await delayStatusChecks(t.emulator, ["contoso", "fabrikam"], 800);
    const timeline: string[] = [];
    const onRequest = (request: { url(): string }): void => void (request.url().endsWith("/WhoAmI") && timeline.push("sent"));
    const onAnswer = (response: { url(): string }): void => void (response.url().endsWith("/WhoAmI") && timeline.push("answered"));
    t.context.on("request", onRequest);
    t.context.on("response", onAnswer);
    await t.reopen();
    const windows = countOpenedWindows(t);
    await openOrganizations(t);
    await organizationItem(t.pane, CONTOSO).getByText("Connected", { exact: true }).waitFor();
    await organizationItem(t.pane, FABRIKAM).getByText("Connected", { exact: true }).waitFor();
    t.context.off("request", onRequest);
    t.context.off("response", onAnswer);
    windows.stop();
    await settledScreenshot(t);

    expect(windows.count()).toBe(0);
    expect(timeline).toEqual(["sent", "sent", "answered", "answered"]);
    expect(await pendingFaults(t.emulator)).toBe(0); // both checks were held
    expect((await listedOrganizations(t.pane)).map((org) => [org.name, org.badges])).toEqual([
      [CONTOSO, ["Synchronizing", "Connected"]],
      [FABRIKAM, ["Connected"]],
    ]);
    expect(t.pageErrors).toEqual([]);
  });

  test("with Save my credentials off, Outlook starting again shows Sign-in needed without a window; Connect asks to sign in and connects", async () => {
    const t = await startTest("organizations session credentials");
    await openOrganizations(t);
    await showTab(t, "Settings");
    expect(await t.pane.getByRole("switch", { name: "Save my credentials on this device" }).isChecked()).toBe(false);
    await showTab(t, "Organizations");
    await openAddDialog(t);
    await connectPastedUrl(t, copiedAddress(t, "contoso"), CONTOSO);

    await t.reopen();
    const windows = countOpenedWindows(t);
    const requests = recordEmulatorRequests(t);
    await openOrganizations(t);
    const contoso = organizationItem(t.pane, CONTOSO);
    await contoso.getByText("Sign-in needed", { exact: true }).waitFor();
    windows.stop();
    await settledScreenshot(t, "sign-in-needed");
    expect(windows.count()).toBe(0);
    expect(requests.toOrgs()).toEqual([]);

    const connect = contoso.getByRole("button", { name: "Connect", exact: true });
    const connecting = await signingInWhenAsked(t, async () => {
      await connect.click();
      await contoso.getByText("Connected", { exact: true }).waitFor();
    });
    requests.stop();
    expect(connecting.windows).toBe(1);
    expect(requests.toOrgs().map((request) => `${request.method} ${request.url.pathname}`)).toEqual(["GET /contoso/api/data/v9.2/WhoAmI"]);
    await notice(t.pane, `Connected to ${CONTOSO}.`).waitFor();
    expect(t.pageErrors).toEqual([]);
  });

  test("Sign out leaves the org listed as Sign-in needed; removing the synchronizing org asks which org synchronizes next", async () => {
    const t = await startTest("organizations sign out and remove");
    await openOrganizations(t);
    await addBothByUrl(t);
    const [contosoKey, fabrikamKey] = (await savedOrganizations(t.page)).orgs.map((org) => org.key);

    await pressOrgButton(t, FABRIKAM, "Sign out");
    await notice(t.pane, `You signed out of ${FABRIKAM}.`).waitFor();
    expect((await listedOrganizations(t.pane)).map((org) => [org.name, org.badges])).toEqual([
      [CONTOSO, ["Synchronizing", "Connected"]],
      [FABRIKAM, ["Sign-in needed"]],
    ]);

    await pressOrgButton(t, CONTOSO, "Remove");
    const question = t.pane.getByRole("alertdialog", { name: `Remove ${CONTOSO}?` });
    const successor = question.getByRole("radiogroup", { name: "Which organization synchronizes next?" });
    expect(await successor.getByRole("radio", { name: FABRIKAM }).isChecked()).toBe(true);
    await settledScreenshot(t, "remove-synchronizing");
    await question.getByRole("button", { name: "Remove", exact: true }).click();
    await notice(t.pane, `${CONTOSO} was removed.`).waitFor();
    await settledScreenshot(t, "removed");

    expect((await listedOrganizations(t.pane)).map((org) => [org.name, org.badges])).toEqual([[FABRIKAM, ["Synchronizing", "Sign-in needed"]]]);
    const saved = await savedOrganizations(t.page);
    expect(saved.orgs.map((org) => org.key)).toEqual([fabrikamKey]);
    expect(saved.synchronizingKey).toBe(fabrikamKey);
    expect(contosoKey).not.toBe(fabrikamKey);
    expect(t.pageErrors).toEqual([]);
  });
});
