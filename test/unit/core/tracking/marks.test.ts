import { AppError } from "../../../../src/core/errors";
import {
  isMarkNotSavable,
  isTrackedCategory,
  markTracked,
  trackedCategory,
  trackedOrgsIn,
  trackedOrgsOf,
} from "../../../../src/core/tracking/marks";
import { createOfficeMailboxPort } from "../../../../src/office/mailbox-port";
import { FakeMailbox, markNeedsOpenMessage } from "../../../support/fake-mailbox";
import { installOfficeFake } from "../../../../src/simulator/host/office-fake";
import { testOrg } from "./fake-org-service";

const contoso = testOrg("Contoso");
const fabrikam = testOrg("Fabrikam", { friendlyName: "Fabrikam Support" });
const adventure = testOrg("Adventure", { friendlyName: "Adventure Works" });
const orgs = [contoso, fabrikam, adventure];

describe("the tracked category", () => {
  test("is 'Tracked to <friendly name>', recognised as Outlook compares names (case-insensitively), and no other org's", () => {
    expect(trackedCategory(contoso)).toBe("Tracked to Contoso Sales");
    expect(isTrackedCategory("Tracked to Contoso Sales", contoso)).toBe(true);
    expect(isTrackedCategory("TRACKED TO contoso sales", contoso)).toBe(true);
    expect(isTrackedCategory(" Tracked to Contoso Sales ", contoso)).toBe(true);
    expect(isTrackedCategory("Tracked to Contoso Sales EU", contoso)).toBe(false);
    expect(isTrackedCategory("Tracked to Contoso", contoso)).toBe(false);
    expect(isTrackedCategory("Tracked to Fabrikam Support", contoso)).toBe(false);
    expect(isTrackedCategory("Contoso Sales", contoso)).toBe(false);
  });
});

describe("trackedOrgsOf: which orgs an item is tracked in", () => {
  test("the union of the mark's orgs and the orgs whose category it carries, in the orgs' order, ids where the mark has them", async () => {
    const mailbox = new FakeMailbox();
    mailbox.add("m1");
    mailbox.item("m1").mark = { activities: { [fabrikam.key]: "fab-1", "https://removed.crm.dynamics.com": "gone-1" } };
    mailbox.item("m1").categories = ["Red", "tracked to adventure works", "Tracked to Fabrikam Support"];

    const tracked = await trackedOrgsOf("m1", orgs, { mailbox });

    expect(tracked).toEqual([
      { org: fabrikam, activityId: "fab-1" },
      { org: adventure, activityId: undefined },
    ]);
    expect(mailbox.calls.map((c) => c.method)).toEqual(["getMark", "getCategories"]);
  });

  test("a mark entry alone (the person removed the category by hand) still counts; nothing at all is no org", () => {
    expect(trackedOrgsIn({ activities: { [contoso.key]: "c-1" } }, [], orgs)).toEqual([{ org: contoso, activityId: "c-1" }]);
    expect(trackedOrgsIn({ activities: {} }, ["Red", "Tracked to Somewhere Else"], orgs)).toEqual([]);
  });

  test("a mailbox failure is thrown as is", async () => {
    const mailbox = new FakeMailbox();
    mailbox.add("m1");
    mailbox.failNext("getCategories");
    await expect(trackedOrgsOf("m1", orgs, { mailbox })).rejects.toMatchObject({ kind: "office" });
  });
});

describe("markTracked: the category always, the mark where the host can save it", () => {
  test("on the open message: mark entry and category; returns true", async () => {
    const mailbox = FakeMailbox.withMultipleSelection("m1");
    mailbox.add("m1");
    await expect(markTracked(mailbox, "m1", contoso, "c-1")).resolves.toBe(true);
    expect(mailbox.item("m1")).toMatchObject({ mark: { activities: { [contoso.key]: "c-1" } }, categories: ["Tracked to Contoso Sales"] });
  });

  test("on a message of a multiple selection: the category alone; returns false, no error", async () => {
    const mailbox = FakeMailbox.withMultipleSelection("other");
    mailbox.add("m1");
    mailbox.item("m1").mark = { activities: { [fabrikam.key]: "fab-1" } };
    await expect(markTracked(mailbox, "m1", contoso, "c-1")).resolves.toBe(false);
    expect(mailbox.callsOf("setMark", "m1")).toHaveLength(1);
    expect(mailbox.item("m1")).toMatchObject({ mark: { activities: { [fabrikam.key]: "fab-1" } }, categories: ["Tracked to Contoso Sales"] });
  });

  test.each([
    ["a host failure", new AppError("office", "Saving failed.", { code: "9017" })],
    ["a mark too large", new AppError("invalidInput", "Too large.", { messageKey: "office.markTooLarge" })],
  ])("any other failure to save the mark (%s) is thrown and no category is set", async (_, error) => {
    const mailbox = new FakeMailbox();
    mailbox.add("m1");
    mailbox.failNext("setMark", { error });
    await expect(markTracked(mailbox, "m1", contoso, "c-1")).rejects.toBe(error);
    expect(mailbox.item("m1").categories).toEqual([]);
  });

  test("an entry already holding the id is not written again", async () => {
    const mailbox = FakeMailbox.withMultipleSelection();
    mailbox.add("m1");
    mailbox.item("m1").mark = { activities: { [contoso.key]: "c-1" } };
    await expect(markTracked(mailbox, "m1", contoso, "c-1")).resolves.toBe(true);
    expect(mailbox.callsOf("setMark")).toHaveLength(0);
  });
});

describe("the mark-not-savable error, as core recognises it", () => {
  test("is what the Outlook MailboxPort throws for a message loaded from a selection, and what the fake mailbox throws", async () => {
    const fake = installOfficeFake({
      messages: [{ itemId: "AAMk-1", internetMessageId: "<1@x>", subject: "S", from: { emailAddress: "s@x.example" } }],
      openItemId: undefined,
    });
    try {
      const thrown = await createOfficeMailboxPort()
        .setMark("AAMk-1", { activities: { [contoso.key]: "c-1" } })
        .then(() => undefined, (error: unknown) => error);
      expect(isMarkNotSavable(thrown)).toBe(true);
    } finally {
      fake.uninstall();
    }
    expect(isMarkNotSavable(markNeedsOpenMessage())).toBe(true);
    expect(isMarkNotSavable(new AppError("office", "Other.", { messageKey: "office.itemGone" }))).toBe(false);
    expect(isMarkNotSavable(new AppError("invalidInput", "x", { messageKey: "office.markNeedsOpenMessage" }))).toBe(false);
  });
});
