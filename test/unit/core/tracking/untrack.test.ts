import { AppError } from "../../../../src/core/errors";
import { trackMessage } from "../../../../src/core/tracking/tracker";
import { executeUntrack, planUntrack, untrackMessage } from "../../../../src/core/tracking/untrack";
import { FakeMailbox } from "../../../support/fake-mailbox";
import { copyIdOf, FakeOrgService, testOrg } from "./fake-org-service";

const ME = "11111111-1111-1111-1111-111111111111";
const COLLEAGUE = "22222222-2222-2222-2222-222222222222";
const contoso = testOrg("Contoso", { userId: ME });
const fabrikam = testOrg("Fabrikam", { friendlyName: "Fabrikam Support" });

async function trackedItem() {
  const mailbox = new FakeMailbox();
  const services = new Map([
    [contoso.key, new FakeOrgService(contoso, ME)],
    [fabrikam.key, new FakeOrgService(fabrikam, ME)],
  ]);
  const deps = { mailbox, serviceFor: (org: { key: string }) => services.get(org.key) as FakeOrgService };
  mailbox.add("m1");
  const tracked = await trackMessage("m1", contoso, deps);
  await trackMessage("m1", fabrikam, deps);
  const service = services.get(contoso.key) as FakeOrgService;
  service.calls.length = 0;
  return { mailbox, deps, service, activityId: copyIdOf(tracked) };
}

describe("untrack", () => {
  test("owner: the plan says the copy will be deleted; executing deletes it and removes only this org's mark (2 round trips)", async () => {
    const { mailbox, deps, service, activityId } = await trackedItem();
    const plan = await planUntrack("m1", contoso, deps);
    expect(plan).toMatchObject({ action: "delete", activityId, message: "The copy will be deleted from Contoso Sales." });
    expect(service.emails.has(activityId)).toBe(true);

    const result = await executeUntrack(plan, deps);
    expect(result).toMatchObject({ itemId: "m1", done: "deleted" });
    expect(service.emails.has(activityId)).toBe(false);
    expect(service.calls.map((c) => c.method)).toEqual(["emailOwner", "deleteEmail"]);
    expect(Object.keys(mailbox.item("m1").mark.activities)).toEqual([fabrikam.key]);
    expect(mailbox.item("m1").categories).toEqual(["Tracked to Fabrikam Support"]);
  });

  test("not the owner: the copy stays in the org; only the local mark goes", async () => {
    const { mailbox, deps, service, activityId } = await trackedItem();
    (service.emails.get(activityId) as { ownerId: string }).ownerId = COLLEAGUE;
    const plan = await planUntrack("m1", contoso, deps);
    expect(plan).toMatchObject({ action: "unlinkOnly", reason: "notOwner", message: "The copy stays in Contoso Sales; it is only unlinked here." });
    const result = await executeUntrack(plan, deps);
    expect(result.done).toBe("unlinked");
    expect(service.emails.has(activityId)).toBe(true);
    expect(service.callsOf("deleteEmail")).toHaveLength(0);
    expect(mailbox.item("m1").mark.activities[contoso.key]).toBeUndefined();
    expect(mailbox.item("m1").categories).toEqual(["Tracked to Fabrikam Support"]);
  });

  test("a copy the person may not even read is not theirs: unlink only", async () => {
    const { deps, service, activityId } = await trackedItem();
    service.unreadable.add(activityId);
    expect(await planUntrack("m1", contoso, deps)).toMatchObject({ action: "unlinkOnly", reason: "notOwner" });
  });

  test("already deleted in the org: just unmark", async () => {
    const { mailbox, deps, service, activityId } = await trackedItem();
    service.emails.delete(activityId);
    const plan = await planUntrack("m1", contoso, deps);
    expect(plan).toMatchObject({ action: "unmarkOnly", reason: "alreadyDeleted" });
    expect(plan.message).toContain("already deleted");
    expect((await executeUntrack(plan, deps)).done).toBe("unmarked");
    expect(service.callsOf("deleteEmail")).toHaveLength(0);
    expect(mailbox.item("m1").mark.activities[contoso.key]).toBeUndefined();
  });

  test("owner ids compare case-insensitively; without a known user id WhoAmI is asked", async () => {
    const { deps, service, activityId } = await trackedItem();
    (service.emails.get(activityId) as { ownerId: string }).ownerId = ME.toUpperCase();
    const withoutUserId = { ...contoso, userId: undefined };
    expect(await planUntrack("m1", withoutUserId, deps)).toMatchObject({ action: "delete" });
    expect(service.calls.map((c) => c.method)).toEqual(["emailOwner", "whoAmI"]);
  });

  test("a copy deleted between plan and execute counts as already gone", async () => {
    const { mailbox, deps, service, activityId } = await trackedItem();
    const plan = await planUntrack("m1", contoso, deps);
    service.emails.delete(activityId);
    expect((await executeUntrack(plan, deps)).done).toBe("unmarked");
    expect(mailbox.item("m1").mark.activities[contoso.key]).toBeUndefined();
  });

  test("a refused delete is thrown and the mark is kept", async () => {
    const { mailbox, deps, service } = await trackedItem();
    const plan = await planUntrack("m1", contoso, deps);
    service.failNext("deleteEmail", new AppError("forbidden", "Missing prvDeleteActivity.", { code: "0x80040220" }));
    await expect(executeUntrack(plan, deps)).rejects.toMatchObject({ kind: "forbidden" });
    expect(mailbox.item("m1").mark.activities[contoso.key]).toBe(plan.activityId);
    expect(mailbox.item("m1").categories).toContain("Tracked to Contoso Sales");
  });

  test("an item not tracked in the org: notFound", async () => {
    const { mailbox, deps } = await trackedItem();
    mailbox.add("m2");
    await expect(planUntrack("m2", contoso, deps)).rejects.toMatchObject({ kind: "notFound", messageKey: "tracking.notTracked" });
  });

  test("untrackMessage asks with the plan first; declining changes nothing", async () => {
    const { mailbox, deps, service, activityId } = await trackedItem();
    const seen: string[] = [];
    await expect(untrackMessage("m1", contoso, deps, async (plan) => (seen.push(plan.action), false))).rejects.toMatchObject({ kind: "cancelled" });
    expect(seen).toEqual(["delete"]);
    expect(service.emails.has(activityId)).toBe(true);
    expect(mailbox.item("m1").mark.activities[contoso.key]).toBe(activityId);

    expect(await untrackMessage("m1", contoso, deps, async () => true)).toMatchObject({ done: "deleted" });
    expect(service.emails.has(activityId)).toBe(false);
  });
});

describe("untrack of an item whose mark has no activity id (tracked from a multiple selection, or on another device)", () => {
  /** An item tracked to contoso while it was not open: the category marks it, the mark has no entry. */
  async function categorized(options: { owner?: string; userId?: string | undefined } = {}) {
    const mailbox = FakeMailbox.withMultipleSelection();
    const service = new FakeOrgService(contoso, ME);
    const deps = { mailbox, serviceFor: () => service };
    mailbox.add("m1");
    const tracked = await trackMessage("m1", contoso, deps);
    const activityId = copyIdOf(tracked);
    if (options.owner !== undefined) (service.emails.get(activityId) as { ownerId: string }).ownerId = options.owner;
    expect(mailbox.item("m1")).toMatchObject({ mark: { activities: {} }, categories: ["Tracked to Contoso Sales"] });
    service.calls.length = 0;
    mailbox.calls.length = 0;
    return { mailbox, service, deps, activityId };
  }

  test("owner: the copy is found by its message id and deleted (2 round trips); the category goes; no mark write", async () => {
    const { mailbox, service, deps, activityId } = await categorized();
    const plan = await planUntrack("m1", contoso, deps);
    expect(plan).toMatchObject({ action: "delete", activityId, message: "The copy will be deleted from Contoso Sales." });
    expect(service.callsOf("findTrackedEmail")[0]?.args).toEqual(["<m1@mail.example>"]);

    await expect(executeUntrack(plan, deps)).resolves.toMatchObject({ done: "deleted" });
    expect(service.calls.map((c) => c.method)).toEqual(["findTrackedEmail", "deleteEmail"]);
    expect(service.emails.has(activityId)).toBe(false);
    expect(mailbox.item("m1").categories).toEqual([]);
    expect(mailbox.callsOf("setMark")).toHaveLength(0);
  });

  test("without a known user id WhoAmI is asked once more", async () => {
    const { service, deps } = await categorized();
    await expect(planUntrack("m1", { ...contoso, userId: undefined }, deps)).resolves.toMatchObject({ action: "delete" });
    expect(service.calls.map((c) => c.method)).toEqual(["findTrackedEmail", "whoAmI"]);
  });

  test("not the owner: the copy stays in the org, only the category goes", async () => {
    const { mailbox, service, deps, activityId } = await categorized({ owner: COLLEAGUE });
    const plan = await planUntrack("m1", contoso, deps);
    expect(plan).toMatchObject({ action: "unlinkOnly", reason: "notOwner", activityId, message: "The copy stays in Contoso Sales; it is only unlinked here." });
    await expect(executeUntrack(plan, deps)).resolves.toMatchObject({ done: "unlinked" });
    expect(service.emails.has(activityId)).toBe(true);
    expect(service.callsOf("deleteEmail")).toHaveLength(0);
    expect(mailbox.item("m1").categories).toEqual([]);
  });

  test.each([
    ["the person may not read the copy", (service: FakeOrgService, id: string) => void service.unreadable.add(id)],
    ["the copy was deleted in the org", (service: FakeOrgService, id: string) => void service.emails.delete(id)],
  ])("no copy the person can see (%s): unmark only, saying so; nothing deleted", async (_, hide) => {
    const { mailbox, service, deps, activityId } = await categorized({ owner: COLLEAGUE });
    hide(service, activityId);
    const plan = await planUntrack("m1", contoso, deps);
    expect(plan).toEqual({
      action: "unmarkOnly",
      reason: "noVisibleCopy",
      itemId: "m1",
      org: contoso,
      message: "Contoso Sales has no copy of this message that you can see; only the mark is removed here.",
    });
    await expect(executeUntrack(plan, deps)).resolves.toMatchObject({ done: "unmarked" });
    expect(service.calls.map((c) => c.method)).toEqual(["findTrackedEmail"]);
    expect(mailbox.item("m1").categories).toEqual([]);
  });

  test("the other orgs' categories stay", async () => {
    const { mailbox, deps } = await categorized();
    mailbox.item("m1").categories.push("Tracked to Fabrikam Support");
    await executeUntrack(await planUntrack("m1", contoso, deps), deps);
    expect(mailbox.item("m1").categories).toEqual(["Tracked to Fabrikam Support"]);
  });
});

describe("untrack of an item with a mark entry that Outlook cannot change here (a message of a multiple selection)", () => {
  test("nothing is deleted or unmarked and the error says to open the message; opened, the untrack goes through", async () => {
    const mailbox = FakeMailbox.withMultipleSelection("m1");
    const service = new FakeOrgService(contoso, ME);
    const deps = { mailbox, serviceFor: () => service };
    mailbox.add("m1");
    const activityId = copyIdOf(await trackMessage("m1", contoso, deps));
    expect(mailbox.item("m1").mark.activities).toEqual({ [contoso.key]: activityId });
    mailbox.openItemId = "another";

    const plan = await planUntrack("m1", contoso, deps);
    await expect(executeUntrack(plan, deps)).rejects.toMatchObject({ kind: "office", messageKey: "office.markNeedsOpenMessage" });
    expect(service.emails.has(activityId)).toBe(true);
    expect(service.callsOf("deleteEmail")).toHaveLength(0);
    expect(mailbox.item("m1")).toMatchObject({ mark: { activities: { [contoso.key]: activityId } }, categories: ["Tracked to Contoso Sales"] });

    mailbox.openItemId = "m1";
    await expect(executeUntrack(plan, deps)).resolves.toMatchObject({ done: "deleted" });
    expect(mailbox.item("m1")).toMatchObject({ mark: { activities: {} }, categories: [] });
  });

  test("a refused delete puts the mark entry back (it was removed first)", async () => {
    const { mailbox, deps, service, activityId } = await trackedItem();
    const plan = await planUntrack("m1", contoso, deps);
    const entryDuringDelete: (string | undefined)[] = [];
    const deleteEmail = service.deleteEmail.bind(service);
    service.deleteEmail = async (id) => {
      entryDuringDelete.push(mailbox.item("m1").mark.activities[contoso.key]);
      return deleteEmail(id);
    };
    service.failNext("deleteEmail", new AppError("forbidden", "Missing prvDeleteActivity.", { code: "0x80040220" }));
    await expect(executeUntrack(plan, deps)).rejects.toMatchObject({ kind: "forbidden" });
    expect(entryDuringDelete).toEqual([undefined]);
    expect(mailbox.item("m1").mark.activities).toEqual({ [contoso.key]: activityId, [fabrikam.key]: expect.any(String) });
  });
});
