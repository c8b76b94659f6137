import { randomUUID } from "node:crypto";
import type { AppError } from "../../../src/core/errors";
import type { Org } from "../../../src/core/orgs/types";
import type { ItemOutcome, MailAddress, MailMetadata, OrgService } from "../../../src/core/ports";
import { SettingsRepository } from "../../../src/core/settings/repository";
import { trackMany } from "../../../src/core/tracking/bulk";
import { createTrackingQueue } from "../../../src/core/tracking/queue";
import { setRegarding, suggestRecords } from "../../../src/core/tracking/regarding";
import { trackMessage, type TrackResult } from "../../../src/core/tracking/tracker";
import { trackedOrgsOf } from "../../../src/core/tracking/marks";
import { executeUntrack, planUntrack } from "../../../src/core/tracking/untrack";
import type { Sleep } from "../../../src/dataverse/behaviors/retry";
import { createOrgService } from "../../../src/dataverse/web-api-org-service";
import { startEmulator, type TestEmulator } from "../../support/emulator-harness";
import { FakeMailbox } from "../../support/fake-mailbox";
import { MemorySettingsStore } from "../../support/memory-settings-store";
import { countingSend, createNodeHttpSend, type CountingSend } from "../../support/node-http-send";
import { createPasswordTokenProvider } from "../../support/password-token-provider";

// The tracking layer (src/core/tracking) over the real Dataverse client (src/dataverse) against
// the emulator over HTTPS: verdicts of each filtering setting, one copy under retries and faults,
// untrack as owner and non-owner, who sees a tracked copy, bulk, the offline queue, round trips.

const ALEX = "alex.wu@contoso.example"; // contoso: Salesperson (Basic), Sales unit, filter 0 (all email)
const MORGAN = "morgan.lee@contoso.example"; // contoso: Sales Manager (Global read), filter 0
const CASEY = "casey.kim@contoso.example"; // contoso: Basic read, Sales unit, filter 2 (contacts, accounts, leads)
const DANA = "dana.ruiz@contoso.example"; // contoso: Regional Lead (Deep read from Europe), filter 1 (replies to tracked mail)
const RILEY = "riley.fox@contoso.example"; // fabrikam: filter 3 (email-enabled records); fabrikam ignores internal email
const NANCY = "nancy@adventure-works.example"; // contoso contact owned by Alex
const KEN = "ken@northwind.example"; // fabrikam contact
const STRANGER = "someone@elsewhere.example";

let emu: TestEmulator;
let contoso: Org;
let fabrikam: Org;

/** One person on one device: a mailbox, their own tokens, a counted wire, their orgs (user id from WhoAmI). */
interface Person {
  email: string;
  mailbox: FakeMailbox;
  wire: CountingSend;
  sleeps: number[];
  deps: { mailbox: FakeMailbox; serviceFor(org: Org): OrgService };
  /** The org as this person's registry keeps it (with their user id). */
  org(base: Org): Org;
  /** Signs in and asks WhoAmI for each org (the token is cached from then on), then resets the count. */
  connect(...orgs: Org[]): Promise<void>;
}

/** `multipleSelection`: the person acts on several selected messages, none open, so Outlook cannot save marks on them (categories work). */
function person(email: string, options: { timeoutMs?: number; multipleSelection?: boolean } = {}): Person {
  const wire = countingSend(createNodeHttpSend({ ca: emu.ca }));
  const tokens = createPasswordTokenProvider({ baseUrl: emu.url, ca: emu.ca, email });
  const sleeps: number[] = [];
  // Retry-After is honoured (recorded), the wait itself shortened so the suite stays fast.
  const sleep: Sleep = (ms) => {
    sleeps.push(ms);
    return new Promise((resolve) => setTimeout(resolve, 5));
  };
  const services = new Map<string, OrgService>();
  const userIds = new Map<string, string>();
  const mailbox = options.multipleSelection ? FakeMailbox.withMultipleSelection() : new FakeMailbox();
  const serviceFor = (org: Org): OrgService => {
    let service = services.get(org.key);
    if (!service) {
      service = createOrgService(org, { send: wire.send, tokens, sleep, ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}) });
      services.set(org.key, service);
    }
    return service;
  };
  return {
    email,
    mailbox,
    wire,
    sleeps,
    deps: { mailbox, serviceFor },
    org: (base) => {
      const userId = userIds.get(base.key);
      return userId === undefined ? base : { ...base, userId };
    },
    async connect(...orgs) {
      for (const org of orgs) userIds.set(org.key, (await serviceFor(org).whoAmI()).userId);
      wire.reset();
    },
  };
}

function emulatorOrg(name: string, friendlyName: string): Org {
  const url = emu.orgUrl(name);
  return { key: url.toLowerCase(), url, webApiUrl: emu.apiRoot(name), resource: url, deployment: "onPremises", friendlyName };
}

const to = (...addresses: string[]): MailAddress[] => addresses.map((emailAddress) => ({ emailAddress }));

/** A message in a person's mailbox with a fresh message id and a unique subject (nothing correlates by accident). */
function receive(who: Person, overrides: Partial<MailMetadata> = {}, body = "<p>Please send the quote.</p>"): string {
  const itemId = `item-${randomUUID()}`;
  who.mailbox.add(itemId, { internetMessageId: `<${randomUUID()}@mail.example>`, subject: `Quote ${randomUUID().slice(0, 8)}`, from: { emailAddress: STRANGER }, to: to(who.email), ...overrides }, body);
  return itemId;
}

/** The same message (same message id) in another person's mailbox. */
function copyItem(from: Person, itemId: string, into: Person): string {
  const item = from.mailbox.item(itemId);
  const copyId = `item-${randomUUID()}`;
  into.mailbox.add(copyId, { ...item.metadata, itemId: copyId }, item.body);
  return copyId;
}

/** Reads a tracked copy as a user through the Web API (an undefined id is a test bug: the result should have had one). */
async function read(id: string | undefined, as: string, select = "subject", org = "contoso") {
  if (id === undefined) throw new Error("expected an activity id");
  const token = await emu.tokenFor(as, emu.orgUrl(org));
  return emu.request(`${emu.apiRoot(org)}emails(${id})?$select=${select}`, { token });
}

/** The ids of the copies of a message in an org, read as Morgan (Global read) through the Web API. */
async function copiesOf(messageId: string, org = "contoso"): Promise<string[]> {
  const token = await emu.tokenFor(MORGAN, emu.orgUrl(org));
  const filter = encodeURIComponent(`messageid eq '${messageId.replace(/'/g, "''")}'`);
  const res = await emu.request(`${emu.apiRoot(org)}emails?$select=activityid&$filter=${filter}`, { token });
  if (res.status !== 200) throw new Error(`emails query answered ${res.status}`);
  return res.json<{ value: { activityid: string }[] }>().value.map((row) => row.activityid);
}

async function injectFaults(faults: Record<string, unknown>[]): Promise<void> {
  const res = await emu.request("/_emulator/faults", { method: "POST", body: faults });
  if (res.status !== 201) throw new Error(`fault injection answered ${res.status}: ${res.text}`);
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  return promise.then(
    () => {
      throw new Error("expected a refusal");
    },
    (error: unknown) => error as AppError,
  );
}

const messageIdOf = (who: Person, itemId: string): string => who.mailbox.item(itemId).metadata.internetMessageId;
const value = (outcome: ItemOutcome<TrackResult> | undefined): TrackResult => {
  if (!outcome?.ok) throw new Error(`expected a tracked item, got ${outcome ? outcome.error.message : "nothing"}`);
  return outcome.value;
};

beforeAll(async () => {
  emu = await startEmulator();
  contoso = emulatorOrg("contoso", "Contoso Sales");
  fabrikam = emulatorOrg("fabrikam", "Fabrikam Support");
});
afterAll(async () => emu.stop());
afterEach(async () => {
  await emu.request("/_emulator/faults", { method: "DELETE" });
});

describe("track one message", () => {
  test("received mail: 2 round trips once a token is cached; the validation carries metadata only; stored with its body; marked", async () => {
    const alex = person(ALEX);
    await alex.connect(contoso);
    const itemId = receive(alex, { cc: to(MORGAN) }, "<p>The secret price is 42.</p>");

    const result = await trackMessage(itemId, alex.org(contoso), alex.deps);

    expect(alex.wire.count()).toBe(2);
    const [validation, store] = alex.wire.requests;
    expect(validation?.method).toBe("GET");
    expect(validation?.body).toBeUndefined();
    const params = new URL(validation?.url ?? "").searchParams;
    expect(decodeURIComponent(validation?.url ?? "")).toContain("CheckIncomingEmail(");
    expect([...params.keys()].sort()).toEqual(["@b", "@c", "@f", "@m", "@s", "@t"]);
    expect(decodeURIComponent(validation?.url ?? "")).not.toMatch(/secret price|ReceivedOn|Body|Attachments/);
    expect(store?.method).toBe("POST");
    expect(store?.url).toContain("DeliverIncomingEmail");
    expect(JSON.parse(store?.body ?? "{}")).toMatchObject({ Body: "<p>The secret price is 42.</p>" });
    // Every request went to this org's Web API, nowhere else.
    for (const request of alex.wire.requests) expect(request.url.startsWith(contoso.webApiUrl)).toBe(true);

    expect(result).toMatchObject({ how: "stored", reason: { code: 6, name: "AcceptAll" } });
    const stored = await read(result.activityId, ALEX, "subject,description,messageid,directioncode");
    expect(stored.status).toBe(200);
    expect(stored.json()).toMatchObject({ description: "<p>The secret price is 42.</p>", messageid: messageIdOf(alex, itemId), directioncode: false });
    expect(alex.mailbox.item(itemId).mark).toEqual({ activities: { [contoso.key]: result.activityId } });
    expect(alex.mailbox.item(itemId).categories).toEqual(["Tracked to Contoso Sales"]);
  });

  test("sent mail: CheckPromoteEmail then DeliverPromoteEmail; an outgoing copy", async () => {
    const alex = person(ALEX);
    await alex.connect(contoso);
    const itemId = receive(alex, { direction: "outgoing", from: { emailAddress: ALEX }, to: to(NANCY) });
    const result = await trackMessage(itemId, alex.org(contoso), alex.deps);
    expect(alex.wire.requests.map((r) => r.url.replace(contoso.webApiUrl, "").split("(")[0])).toEqual(["CheckPromoteEmail", "emails/Microsoft.Dynamics.CRM.DeliverPromoteEmail"]);
    expect(result.how).toBe("stored");
    expect((await read(result.activityId, ALEX, "directioncode")).json()).toMatchObject({ directioncode: true });
  });

  test("the verdicts of each filtering setting, with the reason in words", async () => {
    const alex = person(ALEX);
    const casey = person(CASEY);
    const dana = person(DANA);
    const riley = person(RILEY);
    await Promise.all([alex.connect(contoso), casey.connect(contoso), dana.connect(contoso), riley.connect(fabrikam)]);

    // Alex, filter 0: everything is accepted.
    await expect(trackMessage(receive(alex), alex.org(contoso), alex.deps)).resolves.toMatchObject({ reason: { code: 6 } });
    // No recipient is a user of the org.
    const noUser = await refusal(trackMessage(receive(alex, { to: to("partner@elsewhere.example") }), alex.org(contoso), alex.deps));
    expect(noUser).toMatchObject({ kind: "rejectedByOrg", messageKey: "tracking.reason.noRecipientMatch", message: "None of the recipients is a user of Contoso Sales." });

    // Casey, filter 2: a contact is accepted, a stranger is not.
    await expect(trackMessage(receive(casey, { from: { emailAddress: NANCY } }), casey.org(contoso), casey.deps)).resolves.toMatchObject({ reason: { code: 5 } });
    const stranger = await refusal(trackMessage(receive(casey), casey.org(contoso), casey.deps));
    expect(stranger).toMatchObject({
      kind: "rejectedByOrg",
      messageKey: "tracking.reason.invalidSender",
      message: "Your tracking settings in Contoso Sales only accept mail from its contacts, accounts and leads.",
    });

    // Dana, filter 1: only replies to tracked mail.
    const notReply = await refusal(trackMessage(receive(dana), dana.org(contoso), dana.deps));
    expect(notReply).toMatchObject({ kind: "rejectedByOrg", messageKey: "tracking.reason.noCorrelationMatch" });
    const original = receive(alex, { to: to(ALEX, DANA) });
    await trackMessage(original, alex.org(contoso), alex.deps);
    const reply = receive(dana, { subject: `RE: ${alex.mailbox.item(original).metadata.subject}` });
    await expect(trackMessage(reply, dana.org(contoso), dana.deps)).resolves.toMatchObject({ how: "stored", reason: { code: 2, name: "CorrelationMatch" } });

    // Riley in fabrikam, filter 3: an email-enabled record is accepted, a stranger is not; internal mail is ignored there.
    await expect(trackMessage(receive(riley, { from: { emailAddress: KEN } }), riley.org(fabrikam), riley.deps)).resolves.toMatchObject({ reason: { code: 5 } });
    await expect(refusal(trackMessage(receive(riley), riley.org(fabrikam), riley.deps))).resolves.toMatchObject({ messageKey: "tracking.reason.invalidSender" });
    const internal = await refusal(trackMessage(receive(riley, { from: { emailAddress: ALEX } }), riley.org(fabrikam), riley.deps));
    expect(internal).toMatchObject({ messageKey: "tracking.reason.internalEmailReject", message: "Fabrikam Support does not track mail sent by its own users." });

    // A refused message's body never left the device and nothing was marked.
    for (const who of [alex, casey, dana, riley]) {
      for (const [itemId, item] of who.mailbox.items) {
        if (Object.keys(item.mark.activities).length === 0) expect(who.mailbox.callsOf("getBody", itemId)).toHaveLength(0);
      }
    }
  });

  test("tracked state is per org: the same message tracked to contoso and fabrikam", async () => {
    const alex = person(ALEX);
    await alex.connect(contoso, fabrikam);
    const itemId = receive(alex);
    const a = await trackMessage(itemId, alex.org(contoso), alex.deps);
    const b = await trackMessage(itemId, alex.org(fabrikam), alex.deps);
    expect(alex.mailbox.item(itemId).mark.activities).toEqual({ [contoso.key]: a.activityId, [fabrikam.key]: b.activityId });
    expect(alex.mailbox.item(itemId).categories).toEqual(["Tracked to Contoso Sales", "Tracked to Fabrikam Support"]);
    expect((await read(b.activityId, ALEX, "subject", "fabrikam")).status).toBe(200);
  });
});

describe("one copy, whatever happens", () => {
  const CHECK = "/contoso/api/data/v9.2/CheckIncomingEmail*";
  const DELIVER = "/contoso/api/data/v9.2/emails/Microsoft.Dynamics.CRM.DeliverIncomingEmail";

  test("429 with Retry-After, 503 and a dropped connection during a track: it succeeds with one copy", async () => {
    const alex = person(ALEX);
    await alex.connect(contoso);
    const itemId = receive(alex);
    await injectFaults([
      { path: CHECK, status: 429, retryAfter: 2, count: 1 },
      { path: DELIVER, status: 503, count: 1 },
      { path: DELIVER, drop: true, count: 1 },
    ]);
    const result = await trackMessage(itemId, alex.org(contoso), alex.deps);
    expect(alex.sleeps[0]).toBe(2000);
    expect(alex.wire.count()).toBe(5);
    await expect(copiesOf(messageIdOf(alex, itemId))).resolves.toEqual([result.activityId]);
  });

  test("a double click, a retry after a failure and a second device: one copy", async () => {
    const alex = person(ALEX);
    const alexLaptop = person(ALEX);
    await Promise.all([alex.connect(contoso), alexLaptop.connect(contoso)]);
    const itemId = receive(alex);
    const laptopItem = copyItem(alex, itemId, alexLaptop);

    // The org stays unavailable beyond the retry budget: the track fails and nothing is marked.
    await injectFaults([{ path: DELIVER, status: 503, count: 4 }]);
    await expect(trackMessage(itemId, alex.org(contoso), alex.deps)).rejects.toMatchObject({ status: 503 });
    expect(alex.mailbox.item(itemId).mark.activities).toEqual({});

    // A double click on this device and a click on the laptop, all at once.
    const [a, b, c] = await Promise.all([
      trackMessage(itemId, alex.org(contoso), alex.deps),
      trackMessage(itemId, alex.org(contoso), alex.deps),
      trackMessage(laptopItem, alexLaptop.org(contoso), alexLaptop.deps),
    ]);
    expect(new Set([a.activityId, b.activityId, c.activityId]).size).toBe(1);
    await expect(copiesOf(messageIdOf(alex, itemId))).resolves.toEqual([a.activityId]);
  });

  test("an answer lost to a timeout: the retry links the copy the org stored", async () => {
    const alex = person(ALEX, { timeoutMs: 300 });
    await alex.connect(contoso);
    const itemId = receive(alex);
    await injectFaults([{ path: DELIVER, delayMs: 1000, count: 1 }]);
    await expect(trackMessage(itemId, alex.org(contoso), alex.deps)).rejects.toMatchObject({ kind: "timeout" });
    expect(alex.mailbox.item(itemId).mark.activities).toEqual({});
    await new Promise((resolve) => setTimeout(resolve, 1200)); // the org finishes storing the copy

    const retry = await trackMessage(itemId, alex.org(contoso), alex.deps);
    expect(retry).toMatchObject({ how: "linkedExisting", reason: { code: 0 } });
    await expect(copiesOf(messageIdOf(alex, itemId))).resolves.toEqual([retry.activityId]);
  });
});

describe("untrack and who sees a tracked copy", () => {
  test("another user with org-wide read (Morgan) sees the tracked copy; a user with user-level read (Casey) does not", async () => {
    const alex = person(ALEX);
    await alex.connect(contoso);
    const { activityId } = await trackMessage(receive(alex, { to: to(ALEX, CASEY, MORGAN) }), alex.org(contoso), alex.deps);
    expect((await read(activityId, MORGAN)).status).toBe(200);
    const casey = await read(activityId, CASEY);
    expect(casey.status).toBe(403);
    expect(casey.json<{ error: { code: string } }>().error.code).toBe("0x80048306");
  });

  test("as the owner: the plan says delete; the copy is gone (2 round trips) and only this org's mark is removed", async () => {
    const alex = person(ALEX);
    await alex.connect(contoso, fabrikam);
    const itemId = receive(alex);
    const { activityId } = await trackMessage(itemId, alex.org(contoso), alex.deps);
    await trackMessage(itemId, alex.org(fabrikam), alex.deps);
    alex.wire.reset();

    const plan = await planUntrack(itemId, alex.org(contoso), alex.deps);
    expect(plan).toMatchObject({ action: "delete", message: "The copy will be deleted from Contoso Sales." });
    const result = await executeUntrack(plan, alex.deps);
    expect(result.done).toBe("deleted");
    expect(alex.wire.count()).toBe(2);
    expect(alex.wire.requests.map((r) => r.method)).toEqual(["GET", "DELETE"]);
    expect((await read(activityId, ALEX)).status).toBe(404);
    expect(Object.keys(alex.mailbox.item(itemId).mark.activities)).toEqual([fabrikam.key]);
    expect(alex.mailbox.item(itemId).categories).toEqual(["Tracked to Fabrikam Support"]);
  });

  test("as colleagues (Morgan, Casey, Dana) who linked Alex's copy: the copy stays; only their mark goes", async () => {
    const alex = person(ALEX);
    const colleagues = [person(MORGAN), person(CASEY), person(DANA)];
    await Promise.all([alex, ...colleagues].map((p) => p.connect(contoso)));
    const itemId = receive(alex, { to: to(ALEX, MORGAN, CASEY, DANA) });
    const { activityId } = await trackMessage(itemId, alex.org(contoso), alex.deps);

    for (const colleague of colleagues) {
      const theirs = copyItem(alex, itemId, colleague);
      const linked = await trackMessage(theirs, colleague.org(contoso), colleague.deps);
      expect(linked).toMatchObject({ activityId, how: "linkedExisting" });
      expect(colleague.mailbox.callsOf("getBody")).toHaveLength(0);

      const plan = await planUntrack(theirs, colleague.org(contoso), colleague.deps);
      expect(plan).toMatchObject({ action: "unlinkOnly", reason: "notOwner", message: "The copy stays in Contoso Sales; it is only unlinked here." });
      await expect(executeUntrack(plan, colleague.deps)).resolves.toMatchObject({ done: "unlinked" });
      expect(colleague.mailbox.item(theirs).mark.activities).toEqual({});
      expect(colleague.wire.requests.filter((r) => r.method === "DELETE")).toHaveLength(0);
    }
    expect((await read(activityId, ALEX)).status).toBe(200);
    await expect(copiesOf(messageIdOf(alex, itemId))).resolves.toEqual([activityId]);
  });

  test("a copy already deleted in the org: the plan says so and the item is only unmarked", async () => {
    const alex = person(ALEX);
    const laptop = person(ALEX);
    await Promise.all([alex.connect(contoso), laptop.connect(contoso)]);
    const itemId = receive(alex);
    const laptopItem = copyItem(alex, itemId, laptop);
    await trackMessage(itemId, alex.org(contoso), alex.deps);
    await trackMessage(laptopItem, laptop.org(contoso), laptop.deps);
    await executeUntrack(await planUntrack(itemId, alex.org(contoso), alex.deps), alex.deps);

    const plan = await planUntrack(laptopItem, laptop.org(contoso), laptop.deps);
    expect(plan).toMatchObject({ action: "unmarkOnly", reason: "alreadyDeleted" });
    await expect(executeUntrack(plan, laptop.deps)).resolves.toMatchObject({ done: "unmarked" });
    expect(laptop.mailbox.item(laptopItem).mark.activities).toEqual({});
  });
});

describe("bulk, regarding and the offline queue", () => {
  test("bulk track of 100 with mixed verdicts: 2 round trips, a result per item", async () => {
    const alex = person(ALEX);
    const morgan = person(MORGAN);
    await Promise.all([alex.connect(contoso), morgan.connect(contoso)]);
    const ids = Array.from({ length: 100 }, (_, i) => receive(alex, i % 5 === 0 ? { to: to("partner@elsewhere.example") } : {}, `<p>Body ${i}</p>`));
    // Every fifth+1 message was already tracked by Morgan.
    for (let i = 1; i < 100; i += 5) await trackMessage(copyItem(alex, ids[i] as string, morgan), morgan.org(contoso), morgan.deps);
    const progress: string[] = [];

    const outcomes = await trackMany(ids, alex.org(contoso), alex.deps, (p) => progress.push(`${p.phase} ${p.done}/${p.total}`));

    expect(alex.wire.count()).toBe(2);
    expect(alex.wire.requests.map((r) => r.url.replace(contoso.webApiUrl, ""))).toEqual(["$batch", "$batch"]);
    expect(alex.wire.requests[0]?.body).not.toMatch(/<p>Body \d+<\/p>/);
    expect(alex.wire.requests[1]?.body).toContain("<p>Body 2</p>");
    expect(progress.slice(0, 2)).toEqual(["validated 100/100", "stored 80/80"]);
    expect(progress.at(-1)).toBe("marked 80/80");
    for (let i = 0; i < 100; i += 1) {
      const outcome = outcomes[i];
      if (i % 5 === 0) expect(outcome).toMatchObject({ ok: false, error: { kind: "rejectedByOrg", messageKey: "tracking.reason.noRecipientMatch" } });
      else expect(value(outcome).how).toBe(i % 5 === 1 ? "linkedExisting" : "stored");
    }
    const stored = value(outcomes[2]);
    expect((await read(stored.activityId, ALEX, "description")).json()).toMatchObject({ description: "<p>Body 2</p>" });
    await expect(copiesOf(messageIdOf(alex, ids[1] as string))).resolves.toEqual([value(outcomes[1]).activityId]);
  });

  test("set regarding: the sender's record is suggested first and linked", async () => {
    const alex = person(ALEX);
    await alex.connect(contoso);
    const itemId = receive(alex, { from: { emailAddress: NANCY } });
    const { activityId } = await trackMessage(itemId, alex.org(contoso), alex.deps);
    const suggestions = await suggestRecords(alex.mailbox.item(itemId).metadata, alex.org(contoso), alex.deps, "Adventure");
    expect(suggestions[0]).toMatchObject({ table: "contact", name: "Nancy Anderson" });
    expect(suggestions.map((r) => r.name)).toEqual(expect.arrayContaining(["Adventure Works", "50 touring bikes for Adventure Works"]));
    const nancy = suggestions[0] as NonNullable<(typeof suggestions)[0]>;
    await setRegarding(itemId, alex.org(contoso), nancy, alex.deps);
    expect((await read(activityId, ALEX, "_regardingobjectid_value")).json()).toMatchObject({ _regardingobjectid_value: nancy.id });
  });

  test("offline queue: nothing goes out while disconnected; replay on connect runs each request once; replaying again sends nothing", async () => {
    const alex = person(ALEX);
    await alex.connect(contoso);
    const settings = new SettingsRepository(new MemorySettingsStore());
    await settings.setPreferences({ connectAutomatically: false });
    const queue = createTrackingQueue(settings);
    const items = [receive(alex), receive(alex), receive(alex)];
    const tracked = receive(alex);
    const { activityId: trackedId } = await trackMessage(tracked, alex.org(contoso), alex.deps);
    alex.wire.reset();

    for (const itemId of items) await queue.enqueue({ kind: "track", itemId, orgKey: contoso.key });
    await queue.enqueue({ kind: "track", itemId: items[0] as string, orgKey: contoso.key }); // a double click while offline
    await queue.enqueue({ kind: "untrack", itemId: tracked, orgKey: contoso.key });
    expect((await queue.pending()).map((q) => q.kind)).toEqual(["track", "track", "track", "untrack"]);
    expect(settings.current().queue).toHaveLength(4);
    expect(alex.wire.count()).toBe(0);

    const orgs = new Map([[contoso.key, alex.org(contoso)]]);
    const results = await queue.replay({ ...alex.deps, orgByKey: (key) => orgs.get(key) });
    expect(results.map((r) => r.outcome.ok)).toEqual([true, true, true, true]);
    expect(alex.wire.count()).toBe(4); // the three tracks in 2 batches, the untrack in 2
    expect(await queue.pending()).toEqual([]);
    expect((await read(trackedId, ALEX)).status).toBe(404);

    // The same requests queued and replayed again: no-ops, no request, still one copy each.
    alex.wire.reset();
    for (const itemId of items) await queue.enqueue({ kind: "track", itemId, orgKey: contoso.key });
    await queue.enqueue({ kind: "untrack", itemId: tracked, orgKey: contoso.key });
    const again = await queue.replay({ ...alex.deps, orgByKey: (key) => orgs.get(key) });
    expect(again.every((r) => r.outcome.ok)).toBe(true);
    expect(alex.wire.count()).toBe(0);
    for (const itemId of items) await expect(copiesOf(messageIdOf(alex, itemId))).resolves.toHaveLength(1);
  });
});

describe("where Outlook cannot save marks (the messages of a multiple selection): the category marks them", () => {
  const CATEGORY = "Tracked to Contoso Sales";

  test("bulk track of 100 with mixed verdicts: all accepted ones ok with their category, no mark entries, 2 round trips; tracking them again sends nothing", async () => {
    const alex = person(ALEX, { multipleSelection: true });
    await alex.connect(contoso);
    const ids = Array.from({ length: 100 }, (_, i) => receive(alex, i % 4 === 0 ? { to: to("partner@elsewhere.example") } : {}, `<p>Body ${i}</p>`));

    const outcomes = await trackMany(ids, alex.org(contoso), alex.deps);

    expect(alex.wire.count()).toBe(2);
    ids.forEach((itemId, i) => {
      const item = alex.mailbox.item(itemId);
      if (i % 4 === 0) {
        expect(outcomes[i]).toMatchObject({ ok: false, error: { kind: "rejectedByOrg" } });
        expect(item.categories).toEqual([]);
      } else {
        expect(value(outcomes[i]).how).toBe("stored");
        expect(item.categories).toEqual([CATEGORY]);
      }
      expect(item.mark.activities).toEqual({});
    });
    const stored = value(outcomes[1]);
    await expect(copiesOf(messageIdOf(alex, ids[1] as string))).resolves.toEqual([stored.activityId]);

    alex.wire.reset();
    const again = await trackMany(ids.filter((_, i) => i % 4 !== 0), alex.org(contoso), alex.deps);
    expect(alex.wire.count()).toBe(0);
    expect(again.every((o) => o.ok && o.value.how === "alreadyMarked")).toBe(true);
    await expect(trackedOrgsOf(ids[1] as string, [alex.org(contoso), alex.org(fabrikam)], alex.deps)).resolves.toEqual([{ org: alex.org(contoso), activityId: undefined }]);
  });

  test("a single track of an item tracked by its category sends nothing; forced, it links the org's copy: still one copy", async () => {
    const alex = person(ALEX, { multipleSelection: true });
    await alex.connect(contoso);
    const itemId = receive(alex);
    const first = await trackMessage(itemId, alex.org(contoso), alex.deps);
    expect(alex.wire.count()).toBe(2);
    alex.wire.reset();

    await expect(trackMessage(itemId, alex.org(contoso), alex.deps)).resolves.toMatchObject({ how: "alreadyMarked", activityId: undefined });
    expect(alex.wire.count()).toBe(0);

    const forced = await trackMessage(itemId, alex.org(contoso), alex.deps, { force: true });
    expect(alex.wire.count()).toBe(2);
    expect(forced).toMatchObject({ how: "linkedExisting", activityId: first.activityId });
    await expect(copiesOf(messageIdOf(alex, itemId))).resolves.toEqual([first.activityId]);
  });

  test("untrack as the owner: found by its message id and deleted in 2 requests; the category goes", async () => {
    const alex = person(ALEX, { multipleSelection: true });
    await alex.connect(contoso);
    const itemId = receive(alex);
    const { activityId } = await trackMessage(itemId, alex.org(contoso), alex.deps);
    alex.wire.reset();

    const plan = await planUntrack(itemId, alex.org(contoso), alex.deps);
    expect(plan).toMatchObject({ action: "delete", activityId, message: "The copy will be deleted from Contoso Sales." });
    await expect(executeUntrack(plan, alex.deps)).resolves.toMatchObject({ done: "deleted" });

    expect(alex.wire.count()).toBe(2);
    expect(alex.wire.requests.map((r) => r.method)).toEqual(["GET", "DELETE"]);
    expect(alex.wire.requests[0]?.url).toContain("emails?$filter=messageid%20eq%20");
    expect((await read(activityId, ALEX)).status).toBe(404);
    expect(alex.mailbox.item(itemId).categories).toEqual([]);
  });

  test("untrack as a non-owner with org-wide read (Morgan): the copy is kept, only the category goes", async () => {
    const alex = person(ALEX);
    const morgan = person(MORGAN, { multipleSelection: true });
    await Promise.all([alex.connect(contoso), morgan.connect(contoso)]);
    const itemId = receive(alex, { to: to(ALEX, MORGAN) });
    const { activityId } = await trackMessage(itemId, alex.org(contoso), alex.deps);
    const theirs = copyItem(alex, itemId, morgan);
    const [linked] = await trackMany([theirs], morgan.org(contoso), morgan.deps);
    expect(value(linked)).toMatchObject({ how: "linkedExisting", activityId });
    expect(morgan.mailbox.item(theirs)).toMatchObject({ mark: { activities: {} }, categories: [CATEGORY] });
    morgan.wire.reset();

    const plan = await planUntrack(theirs, morgan.org(contoso), morgan.deps);
    expect(plan).toMatchObject({ action: "unlinkOnly", reason: "notOwner", activityId, message: "The copy stays in Contoso Sales; it is only unlinked here." });
    await expect(executeUntrack(plan, morgan.deps)).resolves.toMatchObject({ done: "unlinked" });
    expect(morgan.wire.count()).toBe(1);
    expect(morgan.wire.requests.filter((r) => r.method === "DELETE")).toHaveLength(0);
    expect(morgan.mailbox.item(theirs).categories).toEqual([]);
    expect((await read(activityId, ALEX)).status).toBe(200);
  });

  test("untrack by a colleague with user-level read (Casey), who cannot see Alex's copy: only the category goes, and the plan says why", async () => {
    const alex = person(ALEX);
    const casey = person(CASEY, { multipleSelection: true });
    await Promise.all([alex.connect(contoso), casey.connect(contoso)]);
    const itemId = receive(alex, { to: to(ALEX, CASEY) });
    const { activityId } = await trackMessage(itemId, alex.org(contoso), alex.deps);
    const theirs = copyItem(alex, itemId, casey);
    casey.mailbox.item(theirs).categories = [CATEGORY]; // tracked on another device of Casey's
    casey.wire.reset();

    const plan = await planUntrack(theirs, casey.org(contoso), casey.deps);
    expect(plan).toMatchObject({ action: "unmarkOnly", reason: "noVisibleCopy", message: "Contoso Sales has no copy of this message that you can see; only the mark is removed here." });
    await expect(executeUntrack(plan, casey.deps)).resolves.toMatchObject({ done: "unmarked" });
    expect(casey.wire.count()).toBe(1);
    expect(casey.mailbox.item(theirs).categories).toEqual([]);
    expect((await read(activityId, ALEX)).status).toBe(200);
  });
});
