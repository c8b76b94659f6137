import { Store } from "../../../emulator/src/store/store";
import { startEmulator, type TestEmulator } from "../../support/emulator-harness";
import { checkIncoming, deliver, deliverBody, newMessageId, signIn, storedEmail, storedParties, type Caller } from "./tracking-client";

const ALEX = "alex.wu@contoso.example";
const MORGAN = "morgan.lee@contoso.example";
const CASEY = "casey.kim@contoso.example";
const DANA = "dana.ruiz@contoso.example";
const NANCY = "nancy@adventure-works.example";

const DELIVER_INCOMING = "emails/Microsoft.Dynamics.CRM.DeliverIncomingEmail";
const DELIVER_PROMOTE = "emails/Microsoft.Dynamics.CRM.DeliverPromoteEmail";

let emu: TestEmulator;
let users: Caller[];
beforeAll(async () => {
  emu = await startEmulator();
  users = await Promise.all([ALEX, MORGAN, CASEY, DANA].map((email) => signIn(emu, email)));
});
afterAll(async () => emu.stop());

const caller = (email: string): Caller => users.find((u) => u.email === email)!;

/** The stored emails of an org with this message id (the store's index allows one; count them all to be sure). */
function emailsWithMessageId(org: string, messageId: string): string[] {
  return emu.emulator.context.store
    .list(org, "email")
    .filter((e) => e.data.messageid === messageId)
    .map((e) => e.id);
}

describe("one email per message", () => {
  test("delivering the same MessageId twice answers the same EmailId and writes nothing the second time", async () => {
    const messageId = newMessageId();
    const first = await deliver(caller(ALEX), { MessageId: messageId, From: NANCY, To: `${ALEX}; ${MORGAN}` });
    const stored = storedEmail(emu, "contoso", first)!;
    const parties = storedParties(emu, "contoso", first).length;
    const second = await deliver(caller(ALEX), { MessageId: messageId, From: NANCY, To: ALEX, Subject: "changed" });
    expect(second).toBe(first);
    expect(emailsWithMessageId("contoso", messageId)).toEqual([first]);
    expect(storedEmail(emu, "contoso", first)).toEqual(stored);
    expect(storedParties(emu, "contoso", first)).toHaveLength(parties);
  });

  test("the three deliver actions share one email per MessageId", async () => {
    const messageId = newMessageId();
    const incoming = await deliver(caller(ALEX), { MessageId: messageId });
    expect(await deliver(caller(ALEX), { MessageId: messageId, From: ALEX }, DELIVER_PROMOTE)).toBe(incoming);
    const immediate = await caller(ALEX).post("DeliverImmediatePromoteEmail", { MessageId: messageId });
    expect(immediate.json<{ EmailId: string }>().EmailId).toBe(incoming);
  });

  test("another user tracking the same message gets the existing EmailId, even one they cannot read", async () => {
    const messageId = newMessageId();
    const alexCopy = await deliver(caller(ALEX), { MessageId: messageId, From: NANCY, To: `${ALEX}; ${CASEY}` });
    expect(await deliver(caller(CASEY), { MessageId: messageId, From: NANCY, To: `${ALEX}; ${CASEY}` })).toBe(alexCopy);
    expect(storedEmail(emu, "contoso", alexCopy)!.data._ownerid_value).toBe(emu.emulator.context.store.findByAddress("contoso", ALEX)[0]!.id);
    const read = await caller(CASEY).get(`emails(${alexCopy})?$select=subject`);
    expect(read.status).toBe(403);
    expect(read.json<{ error: { code: string } }>().error.code).toBe("0x80048306");
  });

  test("MessageId is trimmed but otherwise compared exactly (case and brackets matter)", async () => {
    const base = newMessageId();
    const id = await deliver(caller(ALEX), { MessageId: base });
    expect(await deliver(caller(ALEX), { MessageId: `  ${base}\t` })).toBe(id);
    expect(storedEmail(emu, "contoso", id)!.data.messageid).toBe(base);
    expect(await deliver(caller(ALEX), { MessageId: base.toUpperCase() })).not.toBe(id);
    expect(await deliver(caller(ALEX), { MessageId: base.slice(1, -1) })).not.toBe(id);
  });

  test("duplicates are per org: the same message is tracked once in each org", async () => {
    const messageId = newMessageId();
    const contoso = await deliver(caller(ALEX), { MessageId: messageId });
    const fabrikam = await deliver(await signIn(emu, ALEX, "fabrikam"), { MessageId: messageId });
    expect(fabrikam).not.toBe(contoso);
    expect(emailsWithMessageId("contoso", messageId)).toEqual([contoso]);
    expect(emailsWithMessageId("fabrikam", messageId)).toEqual([fabrikam]);
  });

  test("an email written by another connection to the same database is found, not copied", async () => {
    const messageId = newMessageId();
    const other = new Store(emu.dataFile);
    try {
      other.insert("contoso", "email", "0b5e2a34-7c1d-4e8f-9a2b-3c4d5e6f7a8b", { activityid: "0b5e2a34-7c1d-4e8f-9a2b-3c4d5e6f7a8b", messageid: messageId, subject: "x" });
    } finally {
      other.close();
    }
    expect(await deliver(caller(ALEX), { MessageId: messageId })).toBe("0b5e2a34-7c1d-4e8f-9a2b-3c4d5e6f7a8b");
  });
});

describe("under concurrency (over HTTPS)", () => {
  test("50 simultaneous deliveries of one message, by four users and two actions, store it once", async () => {
    const messageId = newMessageId();
    const body = deliverBody({ MessageId: messageId, From: NANCY, To: `${ALEX}; ${MORGAN}; ${CASEY}; ${DANA}`, Cc: "someone@elsewhere.example" });
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => users[i % users.length]!.post(i % 2 === 0 ? DELIVER_INCOMING : DELIVER_PROMOTE, body)),
    );
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(200));
    const ids = new Set(results.map((r) => r.json<{ EmailId: string }>().EmailId));
    expect(ids.size).toBe(1);
    const [id] = [...ids];
    expect(emailsWithMessageId("contoso", messageId)).toEqual([id]);
    expect(storedParties(emu, "contoso", id!)).toHaveLength(6); // from + 4 users + 1 unresolved Cc, once
    expect(await checkIncoming(caller(ALEX), { MessageId: messageId, From: NANCY, To: ALEX })).toEqual([false, 0]);
  });

  test("50 simultaneous deliveries of different messages store all 50", async () => {
    const messageIds = Array.from({ length: 50 }, () => newMessageId());
    const results = await Promise.all(messageIds.map((messageId, i) => users[i % users.length]!.post(DELIVER_INCOMING, deliverBody({ MessageId: messageId, To: users[i % users.length]!.email }))));
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(200));
    const ids = results.map((r) => r.json<{ EmailId: string }>().EmailId);
    expect(new Set(ids).size).toBe(50);
    messageIds.forEach((messageId, i) => expect(emailsWithMessageId("contoso", messageId)).toEqual([ids[i]]));
  });

  test("repeated bursts of the same few messages never make a second copy", async () => {
    const messageIds = Array.from({ length: 5 }, () => newMessageId());
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => users[i % users.length]!.post(DELIVER_INCOMING, deliverBody({ MessageId: messageIds[i % messageIds.length] }))),
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
    for (const messageId of messageIds) {
      const answered = new Set(results.filter((_, i) => messageIds[i % messageIds.length] === messageId).map((r) => r.json<{ EmailId: string }>().EmailId));
      expect([...answered]).toEqual(emailsWithMessageId("contoso", messageId));
    }
  });
});
