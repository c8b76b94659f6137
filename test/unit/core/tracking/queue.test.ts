import { AppError } from "../../../../src/core/errors";
import type { SettingsStore } from "../../../../src/core/ports";
import { SettingsRepository } from "../../../../src/core/settings/repository";
import { createTrackingQueue, type ReplayDeps } from "../../../../src/core/tracking/queue";
import { trackMessage } from "../../../../src/core/tracking/tracker";
import { FakeMailbox } from "../../../support/fake-mailbox";
import { FakeOrgService, testOrg } from "./fake-org-service";

const contoso = testOrg("Contoso");
const fabrikam = testOrg("Fabrikam", { friendlyName: "Fabrikam Support" });

/** A SettingsStore in memory (what roamingSettings / localStorage are in the add-in). */
class MemoryStore implements SettingsStore {
  text: string | undefined;
  readonly limitBytes = 32 * 1024;
  async load(): Promise<string | undefined> {
    return this.text;
  }
  async save(document: string): Promise<void> {
    this.text = document;
  }
}

function setup() {
  const store = new MemoryStore();
  const repository = new SettingsRepository(store);
  let n = 0;
  const queue = createTrackingQueue(repository, { clock: () => Date.UTC(2025, 2, 4, 10, 0, n), newId: () => `q${++n}` });
  const mailbox = new FakeMailbox();
  const services = new Map([
    [contoso.key, new FakeOrgService(contoso)],
    [fabrikam.key, new FakeOrgService(fabrikam)],
  ]);
  const orgs = new Map([
    [contoso.key, contoso],
    [fabrikam.key, fabrikam],
  ]);
  const deps: ReplayDeps = { mailbox, serviceFor: (org) => services.get(org.key) as FakeOrgService, orgByKey: (key) => orgs.get(key) };
  return { store, repository, queue, mailbox, deps, orgs, contosoService: services.get(contoso.key) as FakeOrgService, fabrikamService: services.get(fabrikam.key) as FakeOrgService };
}

describe("the offline queue", () => {
  test("queued requests are persisted in the settings document, oldest first, with an ISO time", async () => {
    const { store, queue } = setup();
    const first = await queue.enqueue({ kind: "track", itemId: "m1", orgKey: contoso.key });
    await queue.enqueue({ kind: "untrack", itemId: "m2", orgKey: contoso.key });
    expect(first).toEqual({ id: "q1", kind: "track", itemId: "m1", orgKey: contoso.key, queuedAt: "2025-03-04T10:00:01.000Z" });
    const saved = JSON.parse(store.text as string) as { queue: unknown[] };
    expect(saved.queue).toEqual([first, expect.objectContaining({ kind: "untrack", itemId: "m2" })]);

    const afterRestart = createTrackingQueue(new SettingsRepository(store));
    expect((await afterRestart.pending()).map((q) => q.id)).toEqual(["q1", "q2"]);
  });

  test("a double click queues one request; track, untrack, track of one item stays three", async () => {
    const { queue } = setup();
    const a = await queue.enqueue({ kind: "track", itemId: "m1", orgKey: contoso.key });
    const b = await queue.enqueue({ kind: "track", itemId: "m1", orgKey: contoso.key });
    expect(b).toEqual(a);
    await queue.enqueue({ kind: "track", itemId: "m1", orgKey: fabrikam.key });
    await queue.enqueue({ kind: "untrack", itemId: "m1", orgKey: contoso.key });
    await queue.enqueue({ kind: "track", itemId: "m1", orgKey: contoso.key });
    expect((await queue.pending()).map((q) => `${q.kind}:${q.orgKey === contoso.key ? "contoso" : "fabrikam"}`)).toEqual([
      "track:contoso",
      "track:fabrikam",
      "untrack:contoso",
      "track:contoso",
    ]);
  });

  test("replay tracks each queued item once; replaying twice still leaves one copy and sends nothing more", async () => {
    const { queue, mailbox, deps, contosoService } = setup();
    mailbox.add("m1");
    await queue.enqueue({ kind: "track", itemId: "m1", orgKey: contoso.key });
    const results = await queue.replay(deps);
    expect(results).toEqual([expect.objectContaining({ removed: true, outcome: expect.objectContaining({ ok: true }) })]);
    expect(contosoService.calls.map((c) => c.method)).toEqual(["validate", "deliver"]);
    expect(await queue.pending()).toEqual([]);

    await queue.enqueue({ kind: "track", itemId: "m1", orgKey: contoso.key });
    const again = await queue.replay(deps);
    expect(again[0]?.outcome).toMatchObject({ ok: true, value: { how: "alreadyMarked" } });
    expect(contosoService.roundTrips).toBe(2);
    expect(contosoService.copiesOf("<m1@mail.example>")).toHaveLength(1);
  });

  test("two replays at once are one replay", async () => {
    const { queue, mailbox, deps, contosoService } = setup();
    mailbox.add("m1");
    await queue.enqueue({ kind: "track", itemId: "m1", orgKey: contoso.key });
    const [a, b] = await Promise.all([queue.replay(deps), queue.replay(deps)]);
    expect(a).toBe(b);
    expect(contosoService.roundTrips).toBe(2);
  });

  test("consecutive tracks into one org are replayed as one bulk (2 round trips)", async () => {
    const { queue, mailbox, deps, contosoService, fabrikamService } = setup();
    for (const id of ["m1", "m2", "m3"]) {
      mailbox.add(id);
      await queue.enqueue({ kind: "track", itemId: id, orgKey: contoso.key });
    }
    await queue.enqueue({ kind: "track", itemId: "m1", orgKey: fabrikam.key });
    const progress: string[] = [];
    const results = await queue.replay({ ...deps, onProgress: (done, total) => progress.push(`${done}/${total}`) });
    expect(results.every((r) => r.outcome.ok && r.removed)).toBe(true);
    expect(contosoService.calls.map((c) => c.method)).toEqual(["validateMany", "deliverMany"]);
    expect(fabrikamService.calls.map((c) => c.method)).toEqual(["validate", "deliver"]);
    expect(progress).toEqual(["3/4", "4/4"]);
    expect(Object.keys(mailbox.item("m1").mark.activities).sort()).toEqual([contoso.key, fabrikam.key].sort());
  });

  test("a queued untrack runs after the track queued before it", async () => {
    const { queue, mailbox, deps, contosoService } = setup();
    mailbox.add("m1");
    await queue.enqueue({ kind: "track", itemId: "m1", orgKey: contoso.key });
    await queue.enqueue({ kind: "untrack", itemId: "m1", orgKey: contoso.key });
    const results = await queue.replay(deps);
    expect(results.map((r) => (r.outcome.ok ? r.outcome.value : r.outcome.error))).toEqual([
      expect.objectContaining({ how: "stored" }),
      expect.objectContaining({ done: "deleted" }),
    ]);
    expect(contosoService.emails.size).toBe(0);
    expect(mailbox.item("m1").mark.activities).toEqual({});
    expect(mailbox.item("m1").categories).toEqual([]);
  });

  test("replayed where marks cannot be saved (no queued item is open): tracks succeed with their category; a queued untrack of such an item finds the copy and deletes it", async () => {
    const { queue, mailbox, deps, contosoService } = setup();
    mailbox.marksNeedOpenItem = true;
    for (const id of ["m1", "m2"]) {
      mailbox.add(id);
      await queue.enqueue({ kind: "track", itemId: id, orgKey: contoso.key });
    }
    await queue.enqueue({ kind: "untrack", itemId: "m1", orgKey: contoso.key });
    const results = await queue.replay(deps);
    expect(results.map((r) => (r.outcome.ok ? ("how" in r.outcome.value ? r.outcome.value.how : r.outcome.value.done) : r.outcome.error.messageKey))).toEqual([
      "stored",
      "stored",
      "deleted",
    ]);
    expect(contosoService.calls.map((c) => c.method)).toEqual(["validateMany", "deliverMany", "findTrackedEmail", "deleteEmail"]);
    expect(contosoService.copiesOf("<m1@mail.example>")).toHaveLength(0);
    expect(mailbox.item("m1")).toMatchObject({ mark: { activities: {} }, categories: [] });
    expect(mailbox.item("m2")).toMatchObject({ mark: { activities: {} }, categories: ["Tracked to Contoso Sales"] });
    expect(await queue.pending()).toEqual([]);
  });

  test("a queued untrack of an item no longer tracked is a no-op success", async () => {
    const { queue, mailbox, deps, contosoService } = setup();
    mailbox.add("m1");
    await queue.enqueue({ kind: "untrack", itemId: "m1", orgKey: contoso.key });
    const [result] = await queue.replay(deps);
    expect(result?.outcome).toEqual({ ok: true, value: { itemId: "m1", org: contoso, done: "notTracked" } });
    expect(contosoService.roundTrips).toBe(0);
  });

  test("a queued untrack asks with its plan; declining drops the request and keeps the copy", async () => {
    const { queue, mailbox, deps, contosoService } = setup();
    mailbox.add("m1");
    await trackMessage("m1", contoso, deps);
    await queue.enqueue({ kind: "untrack", itemId: "m1", orgKey: contoso.key });
    const plans: string[] = [];
    const [result] = await queue.replay({ ...deps, confirmUntrack: async (plan) => (plans.push(plan.message), false) });
    expect(plans).toEqual(["The copy will be deleted from Contoso Sales."]);
    expect(result).toMatchObject({ removed: true, outcome: { ok: false, error: { kind: "cancelled" } } });
    expect(contosoService.emails.size).toBe(1);
    expect(await queue.pending()).toEqual([]);
  });

  test("failed requests stay queued with their error; a later replay finishes them and clears it", async () => {
    const { queue, mailbox, deps, contosoService } = setup();
    mailbox.add("m1");
    await queue.enqueue({ kind: "track", itemId: "m1", orgKey: contoso.key });
    contosoService.failNext("validate", new AppError("offline", "The network is down.", { messageKey: "error.offline" }));
    const [failed] = await queue.replay(deps);
    expect(failed).toMatchObject({ removed: false, outcome: { ok: false, error: { kind: "offline" } } });
    expect(await queue.pending()).toEqual([expect.objectContaining({ id: "q1", lastError: { kind: "offline", messageKey: "error.offline", message: "The network is down." } })]);

    const [done] = await queue.replay(deps);
    expect(done?.outcome.ok).toBe(true);
    expect(await queue.pending()).toEqual([]);
  });

  test("a refused track stays with its reason until the person discards it", async () => {
    const { queue, mailbox, deps, contosoService } = setup();
    mailbox.add("m1");
    contosoService.rule = () => ({ accepted: false, reasonCode: 3 });
    const request = await queue.enqueue({ kind: "track", itemId: "m1", orgKey: contoso.key });
    await queue.replay(deps);
    expect((await queue.pending())[0]?.lastError).toMatchObject({ kind: "rejectedByOrg", messageKey: "tracking.reason.noRecipientMatch" });
    await queue.discard(request.id);
    expect(await queue.pending()).toEqual([]);
  });

  test("a request for an org that was removed fails with notFound and is kept", async () => {
    const { queue, mailbox, deps, orgs } = setup();
    mailbox.add("m1");
    await queue.enqueue({ kind: "track", itemId: "m1", orgKey: fabrikam.key });
    orgs.delete(fabrikam.key);
    const [result] = await queue.replay(deps);
    expect(result).toMatchObject({ removed: false, outcome: { ok: false, error: { kind: "notFound", messageKey: "tracking.unknownOrg" } } });
    expect(await queue.pending()).toHaveLength(1);
  });

  test("a request queued while a replay runs is kept for the next one", async () => {
    const { queue, mailbox, deps, contosoService } = setup();
    mailbox.add("m1");
    mailbox.add("m2");
    await queue.enqueue({ kind: "track", itemId: "m1", orgKey: contoso.key });
    const validate = contosoService.validate.bind(contosoService);
    contosoService.validate = async (message) => {
      await queue.enqueue({ kind: "track", itemId: "m2", orgKey: contoso.key });
      return validate(message);
    };
    await queue.replay(deps);
    expect((await queue.pending()).map((q) => q.itemId)).toEqual(["m2"]);
  });
});
