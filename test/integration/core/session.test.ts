import { randomUUID } from "node:crypto";
import type { AppError } from "../../../src/core/errors";
import type { UntrackPlan } from "../../../src/core/session";
import { startEmulator, type TestEmulator } from "../../support/emulator-harness";
import { FakeMailbox } from "../../support/fake-mailbox";
import { MemorySettingsStore } from "../../support/memory-settings-store";
import { createSessionDevice, type SessionDevice } from "../../support/session-device";

// The session (src/core/session) as the task pane and the ribbon commands will use it, over the
// real Dataverse client (src/dataverse) against the emulator over HTTPS: start with and without
// "Connect automatically", the offline queue and its replay, adding orgs, the synchronizing org,
// sign-out, track and untrack with their round trips counted on the wire.

const ALEX = "alex.wu@contoso.example"; // contoso + fabrikam: Salesperson (user-level read), filter 0
const MORGAN = "morgan.lee@contoso.example"; // contoso: Sales Manager (org-wide read), filter 0
const CASEY = "casey.kim@contoso.example"; // contoso: filter 2 (mail from contacts, accounts, leads)
const STRANGER = "someone@elsewhere.example";

let emu: TestEmulator;

type Device = SessionDevice;

function device(email: string, store = new MemorySettingsStore(), mailbox = new FakeMailbox()): Device {
  return createSessionDevice(emu, email, store, mailbox);
}

/** A device whose session has added contoso (synchronizing) and fabrikam by pasted address. */
async function withBothOrgs(email = ALEX, store = new MemorySettingsStore()): Promise<Device> {
  const d = device(email, store);
  await d.session.start();
  await d.session.addOrgFromUrl(`${emu.orgUrl("contoso")}/main.aspx?appid=${randomUUID()}&pagetype=entitylist`);
  await d.session.addOrgFromUrl(`${emu.orgUrl("fabrikam")}/main.aspx?appid=${randomUUID()}`);
  return d;
}

/** A received message with a fresh message id and a unique subject. */
function receive(mailbox: FakeMailbox, overrides: Parameters<FakeMailbox["add"]>[1] = {}, body = "<p>Please send the quote.</p>"): string {
  const itemId = `item-${randomUUID()}`;
  mailbox.add(itemId, { internetMessageId: `<${randomUUID()}@mail.example>`, subject: `Quote ${randomUUID().slice(0, 8)}`, from: { emailAddress: STRANGER }, to: [{ emailAddress: ALEX }], ...overrides }, body);
  return itemId;
}

/** The ids of the copies of a message in an org, read by Morgan (org-wide read) through the Web API. */
async function copiesOf(messageId: string, org = "contoso"): Promise<string[]> {
  const token = await emu.tokenFor(MORGAN, emu.orgUrl(org));
  const filter = encodeURIComponent(`messageid eq '${messageId.replace(/'/g, "''")}'`);
  const res = await emu.request(`${emu.apiRoot(org)}emails?$select=activityid&$filter=${filter}`, { token });
  if (res.status !== 200) throw new Error(`emails query answered ${res.status}`);
  return res.json<{ value: { activityid: string }[] }>().value.map((row) => row.activityid);
}

async function readEmail(activityId: string, as: string, org = "contoso"): Promise<number> {
  const token = await emu.tokenFor(as, emu.orgUrl(org));
  return (await emu.request(`${emu.apiRoot(org)}emails(${activityId})?$select=subject`, { token })).status;
}

const key = (org: string): string => emu.orgUrl(org).toLowerCase();
const statuses = (d: Device): Record<string, string> => Object.fromEntries(d.session.snapshot().orgs.map((org) => [org.key, org.status]));
const messageIdOf = (d: Device, itemId: string): string => d.mailbox.item(itemId).metadata.internetMessageId;

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  return promise.then(
    () => {
      throw new Error("expected a refusal");
    },
    (error: unknown) => error as AppError,
  );
}

beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(async () => emu.stop());
afterEach(async () => {
  await emu.request("/_emulator/faults", { method: "DELETE" });
});

describe("start", () => {
  test("two saved orgs with 'Connect automatically' on: both are checked in parallel and connected", async () => {
    const first = await withBothOrgs();
    const laptop = device(ALEX, first.store);
    // Each WhoAmI is held 300 ms: both must be under way at once for the start to see both.
    const fault = await emu.request("/_emulator/faults", { method: "POST", body: { path: "/*/api/data/v9.2/WhoAmI", delayMs: 300, count: 2 } });
    expect(fault.status).toBe(201);

    const snapshot = await laptop.session.start();
    expect(snapshot.orgs.map((org) => [org.friendlyName, org.status, org.synchronizing])).toEqual([
      ["Contoso Sales", "connected", true],
      ["Fabrikam Support", "connected", false],
    ]);
    expect(laptop.wire.requests.map((r) => r.url)).toEqual(expect.arrayContaining([`${emu.apiRoot("contoso")}WhoAmI`, `${emu.apiRoot("fabrikam")}WhoAmI`]));
    expect(laptop.wire.count()).toBe(2);
    expect(laptop.maxInFlight()).toBe(2);
    // Silently: no sign-in prompt at start.
    expect(laptop.tokens.asked.map((a) => a.resource).sort()).toEqual([emu.orgUrl("contoso"), emu.orgUrl("fabrikam")]);
  });

  test("'Connect automatically' off: no request, no token; track is queued and persisted; connect replays it once; again: still one copy", async () => {
    const setup = await withBothOrgs();
    await setup.session.setPreferences({ connectAutomatically: false });

    const outlook = device(ALEX, setup.store);
    const itemId = receive(outlook.mailbox);
    const started = await outlook.session.start();
    expect(started.orgs.map((org) => org.status)).toEqual(["notChecked", "notChecked"]);
    const queued = await outlook.session.track([itemId]);
    expect(queued).toMatchObject({ kind: "queued", org: { friendlyName: "Contoso Sales" }, requests: [{ kind: "track", itemId }] });
    expect(outlook.wire.count()).toBe(0);
    expect(outlook.tokens.asked).toHaveLength(0);
    expect(outlook.tokens.fetched()).toBe(0);

    // Outlook restarts: the request is still waiting, and still nothing goes out.
    const restarted = device(ALEX, setup.store, outlook.mailbox);
    expect((await restarted.session.start()).queue.map((q) => [q.kind, q.itemId])).toEqual([["track", itemId]]);
    expect(restarted.wire.count()).toBe(0);

    const { statuses: connected, replayed } = await restarted.session.connect();
    expect(Object.values(connected)).toEqual(["connected", "connected"]);
    expect(replayed).toMatchObject([{ request: { itemId }, outcome: { ok: true, value: { how: "stored" } }, removed: true }]);
    expect(restarted.session.snapshot().queue).toEqual([]);
    const copies = await copiesOf(messageIdOf(outlook, itemId));
    expect(copies).toHaveLength(1);
    expect(outlook.mailbox.item(itemId)).toMatchObject({ categories: ["Tracked to Contoso Sales"], mark: { activities: { [key("contoso")]: copies[0] } } });

    restarted.wire.reset();
    await expect(restarted.session.connect()).resolves.toMatchObject({ replayed: [] });
    expect(restarted.wire.requests.every((r) => r.url.endsWith("/WhoAmI"))).toBe(true);

    // The same message queued on another device (no mark there) and replayed: linked to the one copy.
    const phone = device(ALEX, setup.store);
    phone.mailbox.add("phone-item", { ...outlook.mailbox.item(itemId).metadata, itemId: "phone-item" });
    await phone.session.start();
    await expect(phone.session.track(["phone-item"])).resolves.toMatchObject({ kind: "queued" });
    const again = await phone.session.connect(key("contoso"));
    expect(again.replayed).toMatchObject([{ outcome: { ok: true, value: { activityId: copies[0] } } }]);
    await expect(copiesOf(messageIdOf(outlook, itemId))).resolves.toEqual(copies);
  });
});

describe("organizations", () => {
  test("add by pasted address and from Global Discovery; the same org twice is one; a bad address sends nothing", async () => {
    const d = device(ALEX);
    await d.session.start();
    const contoso = await d.session.addOrgFromUrl(`${emu.orgUrl("contoso")}/main.aspx?appid=${randomUUID()}&pagetype=entitylist`);
    expect(contoso).toMatchObject({ key: key("contoso"), url: emu.orgUrl("contoso"), webApiUrl: emu.apiRoot("contoso"), friendlyName: "Contoso Sales" });
    expect(contoso.userId).toMatch(/^[0-9a-f-]{36}$/);
    expect(d.tokens.asked[0]).toEqual({ resource: emu.orgUrl("contoso"), forceRefresh: false });

    const listed = await d.session.listDiscoverable();
    expect(listed.map((o) => [o.instance.friendlyName, o.added]).sort()).toEqual([
      ["Contoso Sales", true],
      ["Fabrikam Support", false],
    ]);
    expect(d.wire.requests.filter((r) => r.url.includes("/discovery/api/discovery/v2.0/Instances"))).toHaveLength(1);
    const fabrikam = listed.find((o) => !o.added);
    if (!fabrikam) throw new Error("Global Discovery did not list fabrikam");
    await expect(d.session.addDiscovered(fabrikam.instance)).resolves.toMatchObject({ friendlyName: "Fabrikam Support" });
    await d.session.addOrgFromUrl(`${emu.url}/Contoso/main.aspx?pagetype=dashboard`);
    expect(d.session.snapshot()).toMatchObject({
      synchronizingKey: key("contoso"),
      orgs: [
        { key: key("contoso"), status: "connected", synchronizing: true },
        { key: key("fabrikam"), status: "connected", synchronizing: false },
      ],
    });

    d.wire.reset();
    await expect(refusal(d.session.addOrgFromUrl("https://contoso.crm.dynamics.com.evil.test/main.aspx"))).resolves.toMatchObject({ kind: "invalidInput", messageKey: "orgUrl.lookAlike" });
    await expect(refusal(d.session.addOrgFromUrl(`http://crm.contoso.example/org`))).resolves.toMatchObject({ kind: "invalidInput", messageKey: "orgUrl.insecure" });
    expect(d.wire.count()).toBe(0);
  });

  test("switch the synchronizing org: Cancel keeps it, OK changes it (saved); tracking follows it", async () => {
    const d = await withBothOrgs();
    await expect(d.session.setSynchronizing(key("fabrikam"), async () => false)).resolves.toBe(false);
    expect(d.session.snapshot().synchronizingKey).toBe(key("contoso"));
    const asked: string[] = [];
    await expect(
      d.session.setSynchronizing(key("fabrikam"), async (from, to) => {
        asked.push(`${from.friendlyName} → ${to.friendlyName}`);
        return true;
      }),
    ).resolves.toBe(true);
    expect(asked).toEqual(["Contoso Sales → Fabrikam Support"]);
    expect(JSON.parse(d.store.content ?? "")).toMatchObject({ synchronizingKey: key("fabrikam") });

    const itemId = receive(d.mailbox);
    await expect(d.session.track([itemId])).resolves.toMatchObject({ kind: "sent", org: { key: key("fabrikam") }, outcomes: [{ ok: true }] });
    await expect(copiesOf(messageIdOf(d, itemId), "fabrikam")).resolves.toHaveLength(1);
  });

  test("sign out of one org: it needs sign-in and its requests wait; the other stays connected and keeps its token", async () => {
    const d = await withBothOrgs();
    await d.session.setPreferences({ connectAutomatically: false });
    await d.session.signOut(key("contoso"));
    expect(statuses(d)).toEqual({ [key("contoso")]: "needsSignIn", [key("fabrikam")]: "connected" });

    d.wire.reset();
    const fetched = d.tokens.fetched();
    const toContoso = receive(d.mailbox);
    await expect(d.session.track([toContoso])).resolves.toMatchObject({ kind: "queued" });
    expect(d.wire.count()).toBe(0);
    const toFabrikam = receive(d.mailbox);
    await expect(d.session.track([toFabrikam], key("fabrikam"))).resolves.toMatchObject({ kind: "sent", outcomes: [{ ok: true }] });
    expect(d.wire.count()).toBe(2);
    expect(d.wire.requests.every((r) => r.url.startsWith(emu.apiRoot("fabrikam")))).toBe(true);
    expect(d.tokens.fetched()).toBe(fetched);

    // Connecting again signs in to contoso only, then replays what waited.
    const { replayed } = await d.session.connect(key("contoso"));
    expect(d.tokens.fetched()).toBe(fetched + 1);
    expect(replayed).toMatchObject([{ request: { itemId: toContoso }, outcome: { ok: true } }]);
    expect(statuses(d)).toEqual({ [key("contoso")]: "connected", [key("fabrikam")]: "connected" });
  });
});

describe("track and untrack", () => {
  test("received mail: 2 requests once the token is cached; validation carries what the preview says and no body", async () => {
    const d = await withBothOrgs();
    const itemId = receive(d.mailbox, { cc: [{ emailAddress: MORGAN }] }, "<p>The secret price is 42.</p>");
    const preview = await d.session.validationPreview(itemId);
    d.wire.reset();
    const fetched = d.tokens.fetched();

    const result = await d.session.track([itemId]);
    expect(result).toMatchObject({ kind: "sent", outcomes: [{ ok: true, value: { how: "stored", reason: { name: "AcceptAll" } } }] });
    expect(d.wire.count()).toBe(2);
    expect(d.tokens.fetched()).toBe(fetched);
    const [validation, store] = d.wire.requests;
    expect(validation?.method).toBe("GET");
    expect(validation?.body).toBeUndefined();
    const url = decodeURIComponent(validation?.url ?? "");
    expect(url).toContain("CheckIncomingEmail(");
    for (const value of [preview.metadata.subject, preview.metadata.from, preview.metadata.internetMessageId, ...preview.metadata.to, ...preview.metadata.cc]) expect(url).toContain(value);
    expect(url).not.toMatch(/secret price/);
    expect(store).toMatchObject({ method: "POST" });
    expect(store?.url).toContain("DeliverIncomingEmail");
    expect(JSON.parse(store?.body ?? "{}")).toMatchObject({ Body: "<p>The secret price is 42.</p>" });
  });

  test("sent mail and a refusal: CheckPromoteEmail for sent mail; Casey's filter refuses a stranger's mail with the reason in words", async () => {
    const alex = await withBothOrgs();
    const sent = receive(alex.mailbox, { direction: "outgoing", from: { emailAddress: ALEX }, to: [{ emailAddress: "nancy@adventure-works.example" }] });
    alex.wire.reset();
    await expect(alex.session.track([sent])).resolves.toMatchObject({ kind: "sent", outcomes: [{ ok: true }] });
    expect(alex.wire.requests.map((r) => r.url.replace(emu.apiRoot("contoso"), "").split("(")[0])).toEqual(["CheckPromoteEmail", "emails/Microsoft.Dynamics.CRM.DeliverPromoteEmail"]);

    const casey = device(CASEY);
    await casey.session.start();
    await casey.session.addOrgFromUrl(emu.orgUrl("contoso"));
    const stranger = receive(casey.mailbox, { to: [{ emailAddress: CASEY }] });
    const result = await casey.session.track([stranger]);
    expect(result).toMatchObject({
      kind: "sent",
      outcomes: [{ ok: false, error: { kind: "rejectedByOrg", message: "Your tracking settings in Contoso Sales only accept mail from its contacts, accounts and leads." } }],
    });
    expect(casey.mailbox.callsOf("getBody")).toHaveLength(0);
  });

  test("bulk: 100 items with mixed verdicts in 2 $batch round trips, a result per item, progress in the snapshot", async () => {
    const d = await withBothOrgs();
    const items = Array.from({ length: 100 }, (_, i) => (i % 10 === 3 ? receive(d.mailbox, { to: [{ emailAddress: "partner@elsewhere.example" }] }) : receive(d.mailbox)));
    const phases = new Set<string>();
    const unsubscribe = d.session.subscribe((snapshot) => {
      for (const op of snapshot.operations) if (op.kind === "track") phases.add(`${op.phase} ${op.done}/${op.total}`);
    });
    d.wire.reset();
    const result = await d.session.track(items);
    unsubscribe();
    expect(d.wire.count()).toBe(2);
    expect(d.wire.requests.every((r) => r.url === `${emu.apiRoot("contoso")}$batch`)).toBe(true);
    const outcomes = result.kind === "sent" ? result.outcomes : [];
    expect(outcomes).toHaveLength(100);
    expect(outcomes.filter((o) => !o.ok).map((o) => (o.ok ? "" : o.error.messageKey))).toEqual(Array(10).fill("tracking.reason.noRecipientMatch"));
    expect(outcomes.every((o, i) => o.ok === (i % 10 !== 3))).toBe(true);
    expect([...phases]).toEqual(expect.arrayContaining(["started 0/100", "validated 100/100", "stored 90/90", "marked 90/90"]));
  });

  test("untrack as the owner: the confirmation sees 'will be deleted' while the copy still exists; 2 requests; then GET → 404", async () => {
    const d = await withBothOrgs();
    const itemId = receive(d.mailbox);
    const tracked = await d.session.track([itemId]);
    const activityId = tracked.kind === "sent" && tracked.outcomes[0]?.ok ? (tracked.outcomes[0].value.activityId ?? "") : "";
    d.wire.reset();
    const seen: { plan: UntrackPlan; status: number }[] = [];
    const result = await d.session.untrack(itemId, key("contoso"), async (plan) => {
      seen.push({ plan, status: await readEmail(activityId, ALEX) });
      return true;
    });
    expect(seen).toMatchObject([{ plan: { action: "delete", message: "The copy will be deleted from Contoso Sales." }, status: 200 }]);
    expect(result).toMatchObject({ kind: "done", result: { done: "deleted" } });
    expect(d.wire.count()).toBe(2);
    expect(d.wire.requests.map((r) => r.method)).toEqual(["GET", "DELETE"]);
    expect(await readEmail(activityId, ALEX)).toBe(404);
    expect(d.mailbox.item(itemId)).toMatchObject({ categories: [], mark: { activities: {} } });
  });

  test("untrack as a non-owner: the confirmation sees 'stays in Contoso Sales' first; the copy is kept, only the mark goes", async () => {
    const alex = await withBothOrgs();
    const itemId = receive(alex.mailbox, { to: [{ emailAddress: ALEX }, { emailAddress: MORGAN }] });
    const tracked = await alex.session.track([itemId]);
    const activityId = tracked.kind === "sent" && tracked.outcomes[0]?.ok ? (tracked.outcomes[0].value.activityId ?? "") : "";

    const morgan = await withBothOrgs(MORGAN);
    morgan.mailbox.add("morgan-item", { ...alex.mailbox.item(itemId).metadata, itemId: "morgan-item" });
    await expect(morgan.session.track(["morgan-item"])).resolves.toMatchObject({ outcomes: [{ ok: true, value: { activityId, how: "linkedExisting" } }] });
    morgan.wire.reset();
    const plans: UntrackPlan[] = [];
    const result = await morgan.session.untrack("morgan-item", undefined, async (plan) => {
      plans.push(plan);
      return true;
    });
    expect(plans).toMatchObject([{ action: "unlinkOnly", reason: "notOwner", message: "The copy stays in Contoso Sales; it is only unlinked here." }]);
    expect(result).toMatchObject({ kind: "done", result: { done: "unlinked" } });
    expect(morgan.wire.requests.filter((r) => r.method === "DELETE")).toHaveLength(0);
    expect(morgan.mailbox.item("morgan-item").mark.activities).toEqual({});
    expect(await readEmail(activityId, ALEX)).toBe(200);
    await expect(copiesOf(messageIdOf(alex, itemId))).resolves.toEqual([activityId]);
  });
});
