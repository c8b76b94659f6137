import type { ValidationMetadata } from "../../../src/core/ports";
import { startEmulator, type TestEmulator } from "../../support/emulator-harness";
import { ADVENTURE_WORKS, ALEX, CASEY, copiesOf, DANA, delivery, incoming, messageId, MORGAN, NANCY, PAT, RILEY, session, type Session } from "./fixture";
import { rejection } from "../../support/rejection";

// The OrgService over the real pipeline and real HTTPS against the demo seed.

let emu: TestEmulator;
let alex: Session;
beforeAll(async () => {
  emu = await startEmulator();
  alex = session(emu, ALEX);
  await alex.service.whoAmI(); // a cached token: every count below is of org requests only
});
afterAll(async () => emu.stop());

async function readEmail(id: string, select: string, as = MORGAN): Promise<Record<string, unknown>> {
  const token = await emu.tokenFor(as, emu.orgUrl("contoso"));
  const res = await emu.request(`${emu.apiRoot("contoso")}emails(${id})?$select=${select}`, { token });
  if (res.status !== 200) throw new Error(`emails(${id}) answered ${res.status}`);
  return res.json();
}

describe("identity and details", () => {
  test("WhoAmI and details for contoso and fabrikam", async () => {
    const fabrikam = session(emu, ALEX, "fabrikam");
    const [a, b] = await Promise.all([alex.service.whoAmI(), fabrikam.service.whoAmI()]);
    expect(a.userId).toMatch(/^[0-9a-f-]{36}$/);
    expect(b.userId).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.organizationId).not.toBe(b.organizationId);
    await expect(alex.service.details()).resolves.toEqual({ friendlyName: "Contoso Sales", version: expect.stringMatching(/^9\.2\./) });
    await expect(fabrikam.service.details()).resolves.toEqual({ friendlyName: "Fabrikam Support", version: expect.stringMatching(/^9\.2\./) });
  });

  test("a user who is not a member of the org gets forbidden with the Dataverse code", async () => {
    const casey = session(emu, CASEY, "fabrikam");
    const error = await rejection(casey.service.whoAmI());
    expect(error.kind).toBe("forbidden");
    expect(error.code).toBe("0x80072560");
    expect(error.messageKey).toBe("dataverse.notMember");
  });
});

describe("validation verdicts (CheckIncomingEmail / CheckPromoteEmail)", () => {
  test("each filtering setting of the demo seed", async () => {
    const casey = session(emu, CASEY);
    const dana = session(emu, DANA);
    const riley = session(emu, RILEY, "fabrikam");
    const fabrikamAlex = session(emu, ALEX, "fabrikam");
    const cases: [Session, ValidationMetadata, boolean, number][] = [
      [alex, incoming(), true, 6], // filter 0: all email
      [alex, incoming({ to: ["stranger@elsewhere.example"] }), false, 3], // no recipient is a user of the org
      [alex, incoming({ from: "" }), false, 7], // blank sender
      [casey, incoming({ to: [CASEY] }), false, 7], // filter 2, unknown sender
      [casey, incoming({ to: [CASEY], from: NANCY }), true, 5], // filter 2, a contact
      [casey, incoming({ to: [CASEY], from: PAT }), true, 5], // filter 2, a lead
      [dana, incoming({ to: [DANA] }), false, 1], // filter 1: only replies to tracked mail
      [fabrikamAlex, incoming({ from: MORGAN }), false, 4], // fabrikam ignores internal email
      [riley, incoming({ to: [RILEY], from: "orders@northwind.example" }), true, 5], // filter 3, an email-enabled record
      [riley, incoming({ to: [RILEY] }), false, 7], // filter 3, unknown sender
    ];
    for (const [who, message, accepted, reasonCode] of cases) {
      await expect(who.service.validate(message)).resolves.toEqual({ accepted, reasonCode });
    }
  });

  test("sent mail: CheckPromoteEmail accepts, then says duplicate once the copy is stored", async () => {
    const sent = incoming({ from: ALEX, to: [NANCY], direction: "outgoing" });
    await expect(alex.service.validate(sent)).resolves.toEqual({ accepted: true, reasonCode: -1 });
    const id = await alex.service.deliver(delivery(sent));
    await expect(alex.service.validate(sent)).resolves.toEqual({ accepted: false, reasonCode: 0 });
    const row = await readEmail(id, "directioncode,statuscode,subject");
    expect(row).toMatchObject({ directioncode: true, statuscode: 3, subject: sent.subject });
  });

  test("the validation request carries only message id, sender, recipients and subject", async () => {
    const message = incoming({ cc: [NANCY], bcc: ["hidden@elsewhere.example"] });
    alex.wire.reset();
    await alex.service.validate(message);
    expect(alex.wire.requests).toHaveLength(1);
    const [request] = alex.wire.requests;
    expect(request?.method).toBe("GET");
    expect(request?.body).toBeUndefined();
    const url = new URL(request?.url ?? "");
    expect(url.pathname).toBe("/contoso/api/data/v9.2/CheckIncomingEmail(MessageId=@m,Subject=@s,From=@f,To=@t,Cc=@c,Bcc=@b)");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      "@m": `'${message.internetMessageId}'`,
      "@s": `'${message.subject}'`,
      "@f": `'${message.from}'`,
      "@t": `'${ALEX}'`,
      "@c": `'${NANCY}'`,
      "@b": "'hidden@elsewhere.example'",
    });
    expect(Object.keys(request?.headers ?? {}).sort()).toEqual(["Accept", "Authorization", "If-None-Match", "OData-MaxVersion", "OData-Version"]);
  });

  test("subjects and message ids with quotes, #, &, +, %, unicode and CR/LF round-trip", async () => {
    const subjects = ["It's #1 & more + 100% ✓", "Ünïcødé 日本語 🚲 '' ''' end", "two\r\nlines\tand a tab", "a=b&c=d?e#f/g\\h", "  leading and trailing  "];
    for (const subject of subjects) {
      const message = incoming({ subject, internetMessageId: `<${messageId().slice(1, 9)}+'#&%@odd.example>` });
      await expect(alex.service.validate(message)).resolves.toEqual({ accepted: true, reasonCode: 6 });
      const id = await alex.service.deliver(delivery(message));
      const row = await readEmail(id, "subject,messageid");
      expect(row.subject).toBe(subject);
      expect(row.messageid).toBe(message.internetMessageId);
      await expect(alex.service.validate(message)).resolves.toEqual({ accepted: false, reasonCode: 0 });
    }
  });
});

describe("delivery", () => {
  test("the same message delivered twice is one copy with one id", async () => {
    const message = delivery(incoming());
    const first = await alex.service.deliver(message);
    const second = await alex.service.deliver(message);
    expect(second).toBe(first);
    await expect(copiesOf(emu, message.internetMessageId)).resolves.toEqual([expect.objectContaining({ activityid: first })]);
  });

  test("the stored copy holds the body and the parties; validation before it held none", async () => {
    const message = delivery(incoming({ cc: [NANCY] }), "<p>The secret body</p>");
    alex.wire.reset();
    await alex.service.validate(message);
    const id = await alex.service.deliver(message);
    expect(alex.wire.requests[0]?.url).not.toContain("secret");
    expect(alex.wire.requests[1]?.body).toContain("The secret body");
    const row = await readEmail(id, "description,sender,torecipients,directioncode");
    expect(row).toMatchObject({ description: "<p>The secret body</p>", sender: message.from, directioncode: false });
  });
});

describe("round trips once a token is cached (counts, not times)", () => {
  test("track = 2, untrack = 2, each call its documented count", async () => {
    const message = delivery(incoming());
    const counts: Record<string, number> = {};
    const measure = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
      alex.wire.reset();
      const value = await run();
      counts[name] = alex.wire.count();
      return value;
    };
    await measure("whoAmI", () => alex.service.whoAmI());
    await measure("validate", () => alex.service.validate(message));
    const id = await measure("deliver", () => alex.service.deliver(message));
    await measure("emailOwner", () => alex.service.emailOwner(id));
    await measure("deleteEmail", () => alex.service.deleteEmail(id));
    const many = [incoming(), incoming(), incoming()];
    await measure("validateMany", () => alex.service.validateMany(many));
    await measure("deliverMany", () => alex.service.deliverMany(many.map((m) => delivery(m))));
    await measure("searchRecords", () => alex.service.searchRecords("adventure"));
    await measure("recordsByEmail", () => alex.service.recordsByEmail([NANCY, PAT]));
    expect(counts).toEqual({ whoAmI: 1, validate: 1, deliver: 1, emailOwner: 1, deleteEmail: 1, validateMany: 1, deliverMany: 1, searchRecords: 1, recordsByEmail: 1 });
    expect(counts.validate! + counts.deliver!).toBe(2);
    expect(counts.emailOwner! + counts.deleteEmail!).toBe(2);
  });
});

describe("untrack: owner and non-owners", () => {
  let id: string;
  let alexId: string;
  beforeEach(async () => {
    id = await alex.service.deliver(delivery(incoming()));
    alexId = (await alex.service.whoAmI()).userId;
  });

  test("the owner reads the owner, deletes the copy, and a second delete or read finds it gone", async () => {
    await expect(alex.service.emailOwner(id)).resolves.toBe(alexId);
    await alex.service.deleteEmail(id);
    await expect(alex.service.emailOwner(id)).resolves.toBeUndefined();
    await expect(alex.service.deleteEmail(id)).resolves.toBeUndefined();
  });

  test("the Sales Manager (Global read, Local delete) sees Alex's copy but may not delete it", async () => {
    const morgan = session(emu, MORGAN);
    await expect(morgan.service.emailOwner(id)).resolves.toBe(alexId);
    const error = await rejection(morgan.service.deleteEmail(id));
    expect(error).toMatchObject({ kind: "forbidden", status: 403, code: "0x80048306", messageKey: "dataverse.recordAccessDenied" });
    await expect(alex.service.emailOwner(id)).resolves.toBe(alexId);
  });

  test("users with Basic delete get 403 0x80048306; user-level read does not see the copy", async () => {
    for (const email of [DANA, CASEY]) {
      const other = session(emu, email);
      const error = await rejection(other.service.deleteEmail(id));
      expect(error).toMatchObject({ kind: "forbidden", code: "0x80048306" });
    }
    const casey = session(emu, CASEY);
    const read = await rejection(casey.service.emailOwner(id));
    expect(read).toMatchObject({ kind: "forbidden", code: "0x80048306" });
    await expect(copiesOf(emu, (await readEmail(id, "messageid")).messageid as string)).resolves.toHaveLength(1);
  });
});

describe("set regarding", () => {
  test("searchRecords finds contacts, accounts, leads and opportunities by name or email", async () => {
    const found = await alex.service.searchRecords("adventure");
    expect(found.map((r) => `${r.table}:${r.name}`).sort()).toEqual([
      "account:Adventure Works",
      "contact:Nancy Anderson",
      "opportunity:50 touring bikes for Adventure Works",
    ]);
    const pat = await alex.service.searchRecords("  Pat Dunn ");
    expect(pat).toEqual([expect.objectContaining({ table: "lead", name: "Pat Dunn", emailAddress: PAT })]);
    await expect(alex.service.searchRecords("O'Brien & #1")).resolves.toEqual([]);
    await expect(alex.service.searchRecords("   ")).resolves.toEqual([]);
  });

  test("recordsByEmail suggests the records of the message's addresses", async () => {
    const found = await alex.service.recordsByEmail([NANCY.toUpperCase(), PAT, ADVENTURE_WORKS, "stranger@elsewhere.example", NANCY]);
    expect(found.map((r) => `${r.table}:${r.emailAddress}`).sort()).toEqual([`account:${ADVENTURE_WORKS}`, `contact:${NANCY}`, `lead:${PAT}`]);
    alex.wire.reset();
    await expect(alex.service.recordsByEmail([])).resolves.toEqual([]);
    expect(alex.wire.count()).toBe(0);
  });

  test("setRegarding links the copy; a missing copy is notFound, not created", async () => {
    const id = await alex.service.deliver(delivery(incoming({ subject: `Regarding ${messageId()}` })));
    const [nancy] = await alex.service.recordsByEmail([NANCY]);
    if (!nancy) throw new Error("Nancy not found");
    alex.wire.reset();
    await alex.service.setRegarding(id, nancy);
    expect(alex.wire.count()).toBe(1);
    const row = await readEmail(id, "_regardingobjectid_value");
    expect(row._regardingobjectid_value).toBe(nancy.id);
    const missing = await rejection(alex.service.setRegarding("00000000-0000-0000-0000-00000000abcd", nancy));
    expect(missing.kind).toBe("notFound");
    await expect(alex.service.emailOwner("00000000-0000-0000-0000-00000000abcd")).resolves.toBeUndefined();
  });
});
