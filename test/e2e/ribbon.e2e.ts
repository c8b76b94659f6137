import { worldPerTest, type E2eTest } from "./support/e2e-harness";
import { addOrganizationByUrl, copiesInOrg, copyTrackedBy, openTaskPane, settledCompletions } from "./support/flows";

/**
 * The ribbon's Track and Untrack, end to end: the production build's commands bundle runs in the
 * simulator's function-file frame, the task pane in its frame, against a fresh emulator each test.
 */

const NANCY = { itemId: "msg-nancy-quote", internetMessageId: "<quote-0042.nancy@adventure-works.example>" };
const NEWSLETTER = { itemId: "msg-newsletter", internetMessageId: "<news-2025-03.list@tailspintoys.example>" };

describe("ribbon commands in the Outlook simulator", () => {
  const startTest = worldPerTest();

  const connectContoso = async (test: E2eTest): Promise<void> => {
    await openTaskPane(test);
    await addOrganizationByUrl(test, `${test.emulator.orgUrl("contoso")}/main.aspx?appid=4c1a&pagetype=dashboard`, "Contoso Sales");
  };

  test("Track with no organization yet: the notification says to add one in OrgTrack; completed once", async () => {
    const t = await startTest("track without an organization");
    await t.select(NANCY.itemId);
    const result = await t.runCommand("Track");
    await t.screenshot();
    expect(result.notifications).toEqual([expect.objectContaining({ type: "errorMessage", message: "Add an organization first: open OrgTrack and choose Add organization." })]);
    expect(await settledCompletions(t, 0)).toBe(1);
    expect(t.pageErrors).toEqual([]);
  });

  test("track a received message from the ribbon: the category appears and the copy exists in the org", async () => {
    const t = await startTest("track from the ribbon");
    await t.select(NANCY.itemId);
    await connectContoso(t);
    const result = await t.runCommand("Track");
    await t.page.getByRole("region", { name: "Reading pane" }).getByText("Tracked to Contoso Sales.").waitFor();
    await t.screenshot();
    expect(result.notifications).toEqual([expect.objectContaining({ type: "informationalMessage", message: "Tracked to Contoso Sales." })]);
    expect((await t.item(NANCY.itemId)).categories).toEqual(["Tracked to Contoso Sales"]);
    const copies = await copiesInOrg(t.emulator, "contoso", NANCY.internetMessageId);
    expect(copies).toEqual([expect.objectContaining({ subject: "Quote for 50 touring bikes" })]);
    expect(await settledCompletions(t, 0)).toBe(1);
  });

  test("a refused message shows the org's reason and gets no category", async () => {
    const t = await startTest("refused message");
    await t.select(NEWSLETTER.itemId);
    await connectContoso(t);
    const result = await t.runCommand("Track");
    await t.screenshot();
    expect(result.notifications).toEqual([expect.objectContaining({ type: "errorMessage", message: "Not tracked: None of the recipients is a user of Contoso Sales." })]);
    expect((await t.item(NEWSLETTER.itemId)).categories).toEqual([]);
    expect(await copiesInOrg(t.emulator, "contoso", NEWSLETTER.internetMessageId)).toEqual([]);
  });

  test("untrack as the owner from the ribbon: the copy is gone from the org, the category too", async () => {
    const t = await startTest("untrack as owner");
    await t.select(NANCY.itemId);
    await connectContoso(t);
    await t.runCommand("Track");
    expect(await copiesInOrg(t.emulator, "contoso", NANCY.internetMessageId)).toHaveLength(1);
    const result = await t.runCommand("Untrack");
    await t.screenshot();
    expect(result.notifications).toEqual([expect.objectContaining({ type: "informationalMessage", message: "Untracked: the copy was deleted from Contoso Sales." })]);
    expect((await t.item(NANCY.itemId)).categories).toEqual([]);
    expect(await copiesInOrg(t.emulator, "contoso", NANCY.internetMessageId)).toEqual([]);
    expect(await settledCompletions(t, 1)).toBe(1);
  });

  test("a copy a colleague tracked: Track links to it, Untrack leaves it in the org (not the owner)", async () => {
    const t = await startTest("untrack as non-owner");
    const colleagues = await copyTrackedBy(t.emulator, "contoso", "morgan.lee@contoso.example", {
      internetMessageId: NANCY.internetMessageId,
      subject: "Quote for 50 touring bikes",
      from: "nancy@adventure-works.example",
      to: "alex.wu@contoso.example",
    });
    await t.select(NANCY.itemId);
    await connectContoso(t);
    const tracked = await t.runCommand("Track");
    expect(tracked.notifications).toEqual([expect.objectContaining({ message: "Contoso Sales already had this message; it is linked here now." })]);
    expect((await t.item(NANCY.itemId)).categories).toEqual(["Tracked to Contoso Sales"]);
    const untracked = await t.runCommand("Untrack");
    await t.page.getByRole("region", { name: "Reading pane" }).getByText("only unlinked here").waitFor();
    await t.screenshot();
    expect(untracked.notifications).toEqual([expect.objectContaining({ type: "informationalMessage", message: "Untracked: the copy stays in Contoso Sales; only unlinked here." })]);
    expect((await t.item(NANCY.itemId)).categories).toEqual([]);
    expect((await copiesInOrg(t.emulator, "contoso", NANCY.internetMessageId)).map((copy) => copy.activityid)).toEqual([colleagues]);
  });

  test("in German (Office's display language): the ribbon's labels and the commands' words follow it", async () => {
    const t = await startTest("german", { query: "lang=de-DE" });
    await t.select(NANCY.itemId);
    await t.page.getByRole("toolbar", { name: "Ribbon" }).getByRole("button", { name: "Nachverfolgen", exact: true }).waitFor();
    const result = await t.runCommand("Nachverfolgen");
    await t.screenshot();
    expect(result.notifications).toEqual([expect.objectContaining({ type: "errorMessage", message: "Fügen Sie zuerst eine Organisation hinzu: OrgTrack öffnen und „Organisation hinzufügen“ wählen." })]);
  });
});
