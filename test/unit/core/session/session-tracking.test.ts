import { AppError } from "../../../../src/core/errors";
import type { UntrackPlan } from "../../../../src/core/session";
import { FakeMailbox } from "../../../support/fake-mailbox";
import { rejection } from "../../../support/rejection";
import { CONTOSO, CONTOSO_URL, FABRIKAM, FABRIKAM_URL, fixture, savedSettings, type Fixture } from "./fixture";

// The session's tracking rules over fakes: which org a request goes to, when it waits in the
// queue instead of going out, replay on connect, untrack with the plan shown first, and the
// validation preview.

const OWNER = "11111111-1111-1111-1111-111111111111";
const SOMEONE_ELSE = "22222222-2222-2222-2222-222222222222";
const yes = async (): Promise<boolean> => true;

async function connected(): Promise<Fixture> {
  const f = fixture({ store: await savedSettings([{ url: CONTOSO_URL }, { url: FABRIKAM_URL }], { connectAutomatically: true }) });
  await f.session.start();
  return f;
}

async function disconnected(mailbox = new FakeMailbox()): Promise<Fixture> {
  const f = fixture({ mailbox, store: await savedSettings([{ url: CONTOSO_URL }, { url: FABRIKAM_URL }], { connectAutomatically: false }) });
  await f.session.start();
  return f;
}

/** Calls made to a fake org other than the status check. */
const workCalls = (f: Fixture, org = CONTOSO): string[] => f.service(org).calls.map((c) => c.method).filter((m) => m !== "whoAmI");

describe("track", () => {
  test("with no organization: a clear AppError invalidInput, nothing read", async () => {
    const f = fixture();
    await f.session.start();
    f.mailbox.add("m1");
    await expect(rejection(f.session.track(["m1"]))).resolves.toMatchObject({ kind: "invalidInput", messageKey: "session.noOrganization", message: "Add or connect an organization first." });
    expect(f.mailbox.calls).toHaveLength(0);
  });

  test("no item, more than 100 items, an unknown org: invalidInput", async () => {
    const f = await connected();
    await expect(rejection(f.session.track([]))).resolves.toMatchObject({ messageKey: "tracking.noItems" });
    const many = Array.from({ length: 101 }, (_, i) => f.mailbox.add(`m${i}`));
    await expect(rejection(f.session.track(many))).resolves.toMatchObject({ messageKey: "tracking.tooManyItems" });
    await expect(rejection(f.session.track(["m1"], "https://nowhere.crm.dynamics.com"))).resolves.toMatchObject({ messageKey: "tracking.unknownOrg" });
    expect(workCalls(f)).toEqual([]);
  });

  test("one item goes to the synchronizing org: validate then deliver, one outcome; the operation shows while it runs", async () => {
    const f = await connected();
    f.mailbox.add("m1");
    const result = await f.session.track(["m1"]);
    expect(result).toMatchObject({ kind: "sent", org: { key: CONTOSO.key }, outcomes: [{ ok: true, value: { how: "stored", itemId: "m1" } }] });
    expect(workCalls(f)).toEqual(["validate", "deliver"]);
    expect(f.mailbox.item("m1").categories).toEqual(["Tracked to Contoso Sales"]);
    expect(f.snapshots.some((s) => s.operations.some((op) => op.kind === "track" && op.orgKey === CONTOSO.key))).toBe(true);
    expect(f.session.snapshot().operations).toEqual([]);
  });

  test("another org when chosen; a refusal is the item's outcome (with the reason), not a thrown error", async () => {
    const f = await connected();
    f.mailbox.add("m1");
    f.service(FABRIKAM).rule = () => ({ accepted: false, reasonCode: 3 });
    const result = await f.session.track(["m1"], FABRIKAM.key);
    expect(result).toMatchObject({ kind: "sent", org: { key: FABRIKAM.key } });
    const outcome = result.kind === "sent" ? result.outcomes[0] : undefined;
    expect(outcome).toMatchObject({ ok: false, error: { kind: "rejectedByOrg", messageKey: "tracking.reason.noRecipientMatch" } });
    expect(workCalls(f, CONTOSO)).toEqual([]);
    expect(f.mailbox.callsOf("getBody")).toEqual([]);
  });

  test("several items: one bulk (validateMany, deliverMany) with its progress in the snapshot", async () => {
    const f = await connected();
    const items = ["a", "b", "c"].map((id) => f.mailbox.add(id));
    f.service(CONTOSO).rule = (m) => ({ accepted: !m.subject.endsWith("b"), reasonCode: m.subject.endsWith("b") ? 7 : 6 });
    const result = await f.session.track(items);
    expect(result.kind === "sent" ? result.outcomes.map((o) => o.ok) : []).toEqual([true, false, true]);
    expect(workCalls(f)).toEqual(["validateMany", "deliverMany"]);
    const phases = f.snapshots.flatMap((s) => s.operations.filter((op) => op.kind === "track").map((op) => `${op.phase} ${op.done}/${op.total}`));
    expect(phases).toEqual(expect.arrayContaining(["started 0/3", "validated 3/3", "stored 2/2", "marked 2/2"]));
  });

  test("a track that finds the sign-in gone marks the org needsSignIn", async () => {
    const f = await connected();
    f.mailbox.add("m1");
    f.service(CONTOSO).failNext("validate", new AppError("auth", "Sign-in is needed.", { status: 401 }));
    const result = await f.session.track(["m1"]);
    expect(result).toMatchObject({ kind: "sent", outcomes: [{ ok: false, error: { kind: "auth" } }] });
    expect(f.session.snapshot().orgs.find((o) => o.key === CONTOSO.key)?.status).toBe("needsSignIn");
  });
});

describe("while disconnected ('Connect automatically' off)", () => {
  test("track is queued and persisted: no org call, no token, not even the item's metadata read; a new session sees it", async () => {
    const f = await disconnected();
    f.mailbox.add("m1");
    f.mailbox.add("m2");
    const result = await f.session.track(["m1", "m2", "m1"]);
    expect(result).toMatchObject({ kind: "queued", org: { key: CONTOSO.key }, requests: [{ kind: "track", itemId: "m1" }, { kind: "track", itemId: "m2" }] });
    expect(f.orgCalls()).toBe(0);
    expect(f.tokens.asked).toEqual([]);
    expect(f.mailbox.calls).toEqual([]);
    expect(f.session.snapshot().queue.map((q) => q.itemId)).toEqual(["m1", "m2"]);

    const later = fixture({ store: f.store, mailbox: f.mailbox });
    expect((await later.session.start()).queue.map((q) => [q.kind, q.itemId, q.orgKey])).toEqual([
      ["track", "m1", CONTOSO.key],
      ["track", "m2", CONTOSO.key],
    ]);
  });

  test("connect replays the queue once: tracked, queue empty; connecting again sends nothing more; then requests go out directly", async () => {
    const f = await disconnected();
    f.mailbox.add("m1");
    f.mailbox.add("m2");
    await f.session.track(["m1", "m2"]);
    const { replayed, statuses } = await f.session.connect();
    expect(statuses).toEqual({ [CONTOSO.key]: "connected", [FABRIKAM.key]: "connected" });
    expect(replayed.map((r) => [r.request.itemId, r.outcome.ok, r.removed])).toEqual([
      ["m1", true, true],
      ["m2", true, true],
    ]);
    expect(f.session.snapshot().queue).toEqual([]);
    expect(f.service(CONTOSO).copiesOf("<m1@mail.example>")).toHaveLength(1);
    expect(f.snapshots.some((s) => s.operations.some((op) => op.phase === "replayed"))).toBe(true);

    const before = workCalls(f).length;
    await expect(f.session.connect()).resolves.toMatchObject({ replayed: [] });
    expect(workCalls(f)).toHaveLength(before);

    f.mailbox.add("m3");
    await expect(f.session.track(["m3"])).resolves.toMatchObject({ kind: "sent" });
  });

  test("connect(key) replays only that org's requests; the others wait, without an error", async () => {
    const f = await disconnected();
    f.mailbox.add("m1");
    await f.session.track(["m1"]);
    await f.session.track(["m1"], FABRIKAM.key);
    const { replayed } = await f.session.connect(FABRIKAM.key);
    expect(replayed.map((r) => r.request.orgKey)).toEqual([FABRIKAM.key]);
    expect(f.session.snapshot().queue).toEqual([expect.objectContaining({ orgKey: CONTOSO.key, itemId: "m1" })]);
    expect(f.session.snapshot().queue[0]?.lastError).toBeUndefined();
    expect(workCalls(f, CONTOSO)).toEqual([]);
    // Connected in this session: Fabrikam's requests go out directly now, Contoso's still wait.
    f.mailbox.add("m2");
    await expect(f.session.track(["m2"], FABRIKAM.key)).resolves.toMatchObject({ kind: "sent" });
    await expect(f.session.track(["m2"])).resolves.toMatchObject({ kind: "queued" });
  });

  test("a request that fails on replay stays queued with its error; it can be discarded", async () => {
    const f = await disconnected();
    f.mailbox.add("m1");
    await f.session.track(["m1"]);
    f.service(CONTOSO).failNext("validate", new AppError("throttled", "Too many requests.", { status: 429, retryAfterSeconds: 5 }));
    const { replayed } = await f.session.connect(CONTOSO.key);
    expect(replayed).toMatchObject([{ removed: false, outcome: { ok: false } }]);
    const [waiting] = f.session.snapshot().queue;
    expect(waiting).toMatchObject({ itemId: "m1", lastError: { kind: "throttled" } });
    await f.session.discardQueued(waiting?.id ?? "");
    expect(f.session.snapshot().queue).toEqual([]);
  });

  test("untrack is queued for a tracked item (or one whose track waits), refused for an untracked one; replay asks the configured confirmation", async () => {
    const mailbox = new FakeMailbox();
    mailbox.add("tracked");
    mailbox.add("waiting");
    mailbox.add("plain");
    const f = await disconnected(mailbox);
    const activityId = f.service(CONTOSO).seedEmail("<tracked@mail.example>", OWNER);
    mailbox.item("tracked").mark = { activities: { [CONTOSO.key]: activityId } };

    await expect(rejection(f.session.untrack("plain", undefined, yes))).resolves.toMatchObject({ kind: "notFound", messageKey: "tracking.notTracked" });
    await f.session.track(["waiting"]);
    const confirm = jest.fn(yes);
    await expect(f.session.untrack("tracked", undefined, confirm)).resolves.toMatchObject({ kind: "queued", request: { kind: "untrack", itemId: "tracked" } });
    await expect(f.session.untrack("waiting", CONTOSO.key, confirm)).resolves.toMatchObject({ kind: "queued" });
    expect(confirm).not.toHaveBeenCalled();
    expect(f.orgCalls()).toBe(0);

    const { replayed } = await f.session.connect();
    expect(replayed.map((r) => [r.request.kind, r.request.itemId, r.outcome.ok && "done" in r.outcome.value ? r.outcome.value.done : r.outcome.ok])).toEqual([
      ["track", "waiting", true],
      ["untrack", "tracked", "deleted"],
      ["untrack", "waiting", "deleted"],
    ]);
    expect(f.service(CONTOSO).emails.size).toBe(0);
  });

  test("a session-wide confirmation of queued untracks can decline: the copy stays and the request leaves the queue", async () => {
    const mailbox = new FakeMailbox();
    mailbox.add("tracked");
    const plans: UntrackPlan[] = [];
    const f = fixture({
      mailbox,
      store: await savedSettings([{ url: CONTOSO_URL }], { connectAutomatically: false }),
      deps: {
        confirmQueuedUntrack: async (plan) => {
          plans.push(plan);
          return false;
        },
      },
    });
    await f.session.start();
    const activityId = f.service(CONTOSO).seedEmail("<tracked@mail.example>", OWNER);
    mailbox.item("tracked").mark = { activities: { [CONTOSO.key]: activityId } };
    await f.session.untrack("tracked", undefined, yes);
    await f.session.connect();
    expect(plans).toMatchObject([{ action: "delete", activityId }]);
    expect(f.service(CONTOSO).emails.has(activityId)).toBe(true);
    expect(f.session.snapshot().queue).toEqual([]);
  });

  test("set regarding needs a connection: AppError offline, nothing sent", async () => {
    const f = await disconnected();
    f.mailbox.add("m1");
    await expect(rejection(f.session.suggestRegarding("m1"))).resolves.toMatchObject({ kind: "offline", messageKey: "session.notConnected" });
    await expect(rejection(f.session.setRegarding("m1", { table: "contact", id: "c1", name: "Nancy" }))).resolves.toMatchObject({ kind: "offline" });
    expect(f.orgCalls()).toBe(0);
  });

  test("start with 'Connect automatically' on replays what an earlier session queued", async () => {
    const f = await disconnected();
    f.mailbox.add("m1");
    await f.session.track(["m1"]);
    await f.session.setPreferences({ connectAutomatically: true });
    const next = fixture({ store: f.store, mailbox: f.mailbox });
    const snapshot = await next.session.start();
    expect(snapshot.queue).toEqual([]);
    expect(next.service(CONTOSO).copiesOf("<m1@mail.example>")).toHaveLength(1);
  });
});

describe("untrack", () => {
  test("as the owner: the confirmation sees the plan 'will be deleted' before anything is deleted; then it is", async () => {
    const f = await connected();
    f.mailbox.add("m1");
    await f.session.track(["m1"]);
    const [activityId] = [...f.service(CONTOSO).emails.keys()];
    const seen: { plan: UntrackPlan; stillThere: boolean }[] = [];
    const result = await f.session.untrack("m1", undefined, async (plan) => {
      seen.push({ plan, stillThere: f.service(CONTOSO).emails.has(activityId ?? "") });
      return true;
    });
    expect(seen).toMatchObject([{ plan: { action: "delete", message: "The copy will be deleted from Contoso Sales." }, stillThere: true }]);
    expect(result).toMatchObject({ kind: "done", result: { done: "deleted" } });
    expect(f.service(CONTOSO).emails.size).toBe(0);
    expect(f.mailbox.item("m1")).toMatchObject({ categories: [], mark: { activities: {} } });
  });

  test("not the owner: the plan says the copy stays; declining keeps everything and throws cancelled", async () => {
    const f = await connected();
    f.mailbox.add("m1");
    const activityId = f.service(CONTOSO).seedEmail("<m1@mail.example>", SOMEONE_ELSE);
    f.mailbox.item("m1").mark = { activities: { [CONTOSO.key]: activityId } };
    const plans: UntrackPlan[] = [];
    await expect(
      rejection(
        f.session.untrack("m1", CONTOSO.key, async (plan) => {
          plans.push(plan);
          return false;
        }),
      ),
    ).resolves.toMatchObject({ kind: "cancelled" });
    expect(plans).toMatchObject([{ action: "unlinkOnly", message: "The copy stays in Contoso Sales; it is only unlinked here." }]);
    expect(f.mailbox.item("m1").mark.activities).toEqual({ [CONTOSO.key]: activityId });
    await expect(f.session.untrack("m1", CONTOSO.key, yes)).resolves.toMatchObject({ result: { done: "unlinked" } });
    expect(f.service(CONTOSO).emails.has(activityId)).toBe(true);
    expect(f.service(CONTOSO).callsOf("deleteEmail")).toHaveLength(0);
  });
});

describe("what is sent for validation", () => {
  test("the preview is exactly the validation metadata, with the sentence for the pane; nothing is sent nor the body read", async () => {
    const f = await connected();
    f.mailbox.add("m1", { cc: [{ emailAddress: "cc@elsewhere.example" }], subject: "Quote" });
    const preview = await f.session.validationPreview("m1", FABRIKAM.key);
    expect(Object.keys(preview.metadata).sort()).toEqual(["bcc", "cc", "direction", "from", "internetMessageId", "subject", "to"]);
    expect(preview.metadata).toEqual({
      internetMessageId: "<m1@mail.example>",
      subject: "Quote",
      from: "someone@elsewhere.example",
      to: ["alex.wu@contoso.example"],
      cc: ["cc@elsewhere.example"],
      bcc: [],
      direction: "incoming",
    });
    expect(preview.org.key).toBe(FABRIKAM.key);
    expect(preview.sentence).toBe("Sent to Fabrikam Support for validation: sender, recipients, subject and the message ID; nothing else until Fabrikam Support accepts the message.");
    expect(workCalls(f, CONTOSO)).toEqual([]);
    expect(workCalls(f, FABRIKAM)).toEqual([]);
    expect(f.mailbox.callsOf("getBody")).toEqual([]);
  });

  test("set regarding when connected: the sender's record first, then linked", async () => {
    const f = await connected();
    f.mailbox.add("m1", { from: { emailAddress: "nancy@adventure-works.example" } });
    f.service(CONTOSO).records = [
      { table: "account", id: "a1", name: "Adventure Works", emailAddress: "info@adventure-works.example" },
      { table: "contact", id: "c1", name: "Nancy", emailAddress: "nancy@adventure-works.example" },
    ];
    await f.session.track(["m1"]);
    const suggested = await f.session.suggestRegarding("m1", undefined, "Adventure");
    expect(suggested.map((r) => r.id)).toEqual(["c1", "a1"]);
    await f.session.setRegarding("m1", suggested[0] ?? { table: "contact", id: "", name: "" });
    expect([...f.service(CONTOSO).emails.values()][0]?.regarding).toMatchObject({ id: "c1" });
  });
});
