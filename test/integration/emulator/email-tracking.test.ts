import { LOOKUP_TYPES_KEY } from "../../../emulator/src/model/record-values";
import { DEMO_PASSWORD, startEmulator, type TestEmulator } from "../../support/emulator-harness";
import {
  callerCache,
  checkIncoming,
  checkParameters,
  deliver,
  deliverBody,
  demoSeed,
  emailCount,
  functionPath,
  idByAddress,
  newMessageId,
  patchStored,
  storedEmail,
  storedParties,
  userId,
  type Caller,
  type FunctionValue,
  type ODataErrorBody,
} from "./tracking-client";

const ALEX = "alex.wu@contoso.example";
const MORGAN = "morgan.lee@contoso.example";
const CASEY = "casey.kim@contoso.example";
const DANA = "dana.ruiz@contoso.example";
const RILEY = "riley.fox@contoso.example";
const NANCY = "nancy@adventure-works.example"; // contact owned by alex (business unit Sales)
const PAUL = "paul@fourthcoffee.example"; // contact owned by dana (business unit Europe)
const PAT = "pat@wingtiptoys.example"; // lead owned by alex
const ADVENTURE_WORKS = "info@adventure-works.example"; // account owned by alex
const KEN = "ken@northwind.example"; // fabrikam contact
const NORTHWIND = "orders@northwind.example"; // fabrikam account
const MULTI = "multi@shared.example"; // a contact, an account and a lead share it
const STRANGER = "stranger@elsewhere.example";

// Members whose roles lack one privilege each.
const NO_CREATE = "sam.ortiz@contoso.example";
const NO_SHARE = "jo.baker@contoso.example";
const NO_READ = "nora.hill@contoso.example";

const DELIVER_INCOMING = "emails/Microsoft.Dynamics.CRM.DeliverIncomingEmail";
const DELIVER_PROMOTE = "emails/Microsoft.Dynamics.CRM.DeliverPromoteEmail";

let emu: TestEmulator;
const as = callerCache(() => emu);

beforeAll(async () => {
  const seed = demoSeed();
  const contoso = seed.orgs[0]!;
  const salesperson = contoso.roles.find((r) => r.name === "Salesperson")!.privileges;
  const without = (name: string): Record<string, "Basic" | "Local" | "Deep" | "Global"> => {
    const privileges = { ...salesperson };
    delete privileges[name];
    return privileges;
  };
  for (const [email, name, missing] of [
    [NO_CREATE, "Sam Ortiz", "prvCreateActivity"],
    [NO_SHARE, "Jo Baker", "prvShareActivity"],
    [NO_READ, "Nora Hill", "prvReadActivity"],
  ] as const) {
    seed.users.push({ tenant: "contoso.example", email, displayName: name, password: DEMO_PASSWORD });
    contoso.roles.push({ name: `Without ${missing}`, privileges: without(missing) });
    contoso.members.push({ user: email, businessUnit: "Sales", roles: [`Without ${missing}`] });
  }
  const records = contoso.records!;
  records.contacts!.push(
    { firstname: "Multi", lastname: "Contact", emailaddress1: MULTI, owner: ALEX },
    { firstname: "Morgan", lastname: "Private", emailaddress2: MORGAN, owner: ALEX },
  );
  records.accounts!.push({ name: "Multi Account", emailaddress1: MULTI, owner: MORGAN });
  records.leads!.push({ subject: "Multi lead", lastname: "Lead", emailaddress1: MULTI, owner: ALEX });
  emu = await startEmulator({ seed });
});
afterAll(async () => emu.stop());

function errorOf(res: { json<T>(): T }): ODataErrorBody["error"] {
  return res.json<ODataErrorBody>().error;
}

function partySummary(emailId: string): [number, string, string | null, string | null][] {
  return storedParties(emu, "contoso", emailId)
    .map((p): [number, string, string | null, string | null] => [
      p.participationtypemask as number,
      p.addressused as string,
      (p._partyid_value as string | null) ?? null,
      ((p[LOOKUP_TYPES_KEY] as Record<string, string>).partyid as string | undefined) ?? null,
    ])
    .sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]) || String(a[3]).localeCompare(String(b[3])));
}

/** Runs `fn` with stored column values changed, then puts them back. */
async function withStored(table: string, id: string, values: Record<string, unknown>, fn: () => Promise<void>, org = "contoso"): Promise<void> {
  const before = emu.emulator.context.store.get(org, table, id)!.data;
  patchStored(emu, org, table, id, values);
  try {
    await fn();
  } finally {
    emu.emulator.context.store.update(org, table, id, before);
  }
}

describe("CheckIncomingEmail", () => {
  test("accepts all mail for a user whose filter is 'all email' (6)", async () => {
    expect(await checkIncoming(await as(ALEX), { From: STRANGER, To: ALEX })).toEqual([true, 6]);
  });

  test("answers 3 when no recipient is an enabled user of the org", async () => {
    const caller = await as(ALEX);
    expect(await checkIncoming(caller, { To: NANCY })).toEqual([false, 3]);
    expect(await checkIncoming(caller, { To: RILEY })).toEqual([false, 3]); // a fabrikam user only
    expect(await checkIncoming(caller, { To: "", Cc: "", Bcc: "" })).toEqual([false, 3]);
    await withStored("systemuser", userId(emu, "contoso", DANA), { isdisabled: true }, async () => {
      expect(await checkIncoming(caller, { To: DANA })).toEqual([false, 3]);
    });
  });

  test("finds recipients in Cc and Bcc too, and with display names", async () => {
    const caller = await as(ALEX);
    expect(await checkIncoming(caller, { To: NANCY, Cc: `"Wu, Alex" <${ALEX.toUpperCase()}>` })).toEqual([true, 6]);
    expect(await checkIncoming(caller, { To: NANCY, Bcc: ALEX })).toEqual([true, 6]);
  });

  test("answers 0 for a message already tracked (by anyone)", async () => {
    const messageId = newMessageId();
    expect(await checkIncoming(await as(CASEY), { MessageId: messageId, From: NANCY, To: ALEX })).toEqual([true, 6]);
    await deliver(await as(ALEX), { MessageId: messageId, From: NANCY, To: ALEX });
    expect(await checkIncoming(await as(CASEY), { MessageId: messageId, From: NANCY, To: ALEX })).toEqual([false, 0]);
  });

  test("answers 4 for internal mail where the org ignores it (fabrikam), not where it does not (contoso)", async () => {
    expect(await checkIncoming(await as(RILEY, "fabrikam"), { From: MORGAN, To: RILEY })).toEqual([false, 4]);
    expect(await checkIncoming(await as(RILEY, "fabrikam"), { From: `"Alex" <${ALEX}>`, To: RILEY })).toEqual([false, 4]);
    expect(await checkIncoming(await as(ALEX), { From: MORGAN, To: ALEX })).toEqual([true, 6]);
  });

  test("answers 1 for a user who only wants replies to tracked mail, 2 once the message correlates", async () => {
    const dana = await as(DANA);
    expect(await checkIncoming(dana, { Subject: "Touring bike quote", From: NANCY, To: DANA })).toEqual([false, 1]);
    await deliver(dana, { Subject: "Touring bike quote", From: DANA, To: NANCY }, DELIVER_PROMOTE);
    expect(await checkIncoming(dana, { Subject: "RE: Touring bike quote", From: NANCY, To: DANA })).toEqual([true, 2]);
    expect(await checkIncoming(dana, { Subject: "AW: Fw: re:  touring BIKE quote", From: NANCY, To: DANA })).toEqual([true, 2]);
    // the same subject from someone who was not part of it shares only dana: no correlation
    expect(await checkIncoming(dana, { Subject: "RE: Touring bike quote", From: STRANGER, To: DANA })).toEqual([false, 1]);
    // correlation switched off for the org
    const org = emu.emulator.context.directory.orgs.get("contoso")!;
    await withStored("organization", org.id, { emailcorrelationenabled: false }, async () => {
      expect(await checkIncoming(dana, { Subject: "RE: Touring bike quote", From: NANCY, To: DANA })).toEqual([false, 1]);
    });
  });

  test("correlates by tracking token in the subject, whoever sends it", async () => {
    const dana = await as(DANA);
    await deliver(await as(ALEX), { Subject: "Your order CRM:0001001", From: ALEX, To: NANCY }, DELIVER_PROMOTE);
    expect(await checkIncoming(dana, { Subject: "Re: something else entirely CRM:0001001", From: STRANGER, To: DANA })).toEqual([true, 2]);
    expect(await checkIncoming(dana, { Subject: "Re: something else entirely CRM:0001002", From: STRANGER, To: DANA })).toEqual([false, 1]);
  });

  test("correlates by In-Reply-To given in ExtraProperties", async () => {
    const dana = await as(DANA);
    const parent = newMessageId();
    await deliver(await as(ALEX), { MessageId: parent, Subject: "Catalogue", From: ALEX, To: NANCY }, DELIVER_PROMOTE);
    const reply = { Subject: "Different words", From: STRANGER, To: DANA };
    expect(await checkIncoming(dana, { ...reply, ExtraProperties: { "@odata.type": "Microsoft.Dynamics.CRM.email", inreplyto: parent } })).toEqual([true, 2]);
    expect(await checkIncoming(dana, reply)).toEqual([false, 1]);
  });

  test("applies 'from leads, contacts and accounts' (casey, 2) with the records casey may read", async () => {
    const casey = await as(CASEY);
    for (const from of [NANCY, PAT, ADVENTURE_WORKS]) expect(await checkIncoming(casey, { From: from, To: CASEY })).toEqual([true, 5]);
    expect(await checkIncoming(casey, { From: STRANGER, To: CASEY })).toEqual([false, 7]);
    expect(await checkIncoming(casey, { From: MORGAN, To: CASEY })).toEqual([false, 7]); // a user, not a customer record
    expect(await checkIncoming(casey, { From: PAUL, To: CASEY })).toEqual([false, 7]); // a contact in Europe, out of casey's reach
  });

  test("applies 'from email-enabled records' (riley in fabrikam, 3)", async () => {
    const riley = await as(RILEY, "fabrikam");
    expect(await checkIncoming(riley, { From: KEN, To: RILEY })).toEqual([true, 5]);
    expect(await checkIncoming(riley, { From: NORTHWIND, To: RILEY })).toEqual([true, 5]);
    expect(await checkIncoming(riley, { From: STRANGER, To: RILEY })).toEqual([false, 7]);
  });

  test("applies 'no email' (4) and reads the filter from usersettings as stored", async () => {
    const alexId = userId(emu, "contoso", ALEX);
    await withStored("usersettings", alexId, { incomingemailfilteringmethod: 4 }, async () => {
      expect(await checkIncoming(await as(ALEX), { From: NANCY, To: ALEX })).toEqual([false, 7]);
    });
    expect(await checkIncoming(await as(ALEX), { From: NANCY, To: ALEX })).toEqual([true, 6]);
  });

  test("answers 7 for a blank or malformed sender", async () => {
    const caller = await as(ALEX);
    expect(await checkIncoming(caller, { From: "", To: ALEX })).toEqual([false, 7]);
    expect(await checkIncoming(caller, { From: "not an address", To: ALEX })).toEqual([false, 7]);
  });

  test("delivers when any recipient user's filter accepts; otherwise answers as the first recipient user", async () => {
    const caller = await as(ALEX);
    expect(await checkIncoming(caller, { From: STRANGER, To: `${DANA}; ${ALEX}` })).toEqual([true, 6]);
    expect(await checkIncoming(caller, { From: STRANGER, To: `${DANA}; ${CASEY}` })).toEqual([false, 1]);
    expect(await checkIncoming(caller, { From: STRANGER, To: `${CASEY}, ${DANA}` })).toEqual([false, 7]);
  });

  test("takes inline parameters as well as aliases", async () => {
    const inline = `CheckIncomingEmail(MessageId='${encodeURIComponent(newMessageId())}',Subject='It''s here',From='${encodeURIComponent(STRANGER)}',To='${encodeURIComponent(ALEX)}',Cc='',Bcc='')`;
    const res = await (await as(ALEX)).get(`Microsoft.Dynamics.CRM.${inline}`);
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({
      "@odata.context": `${emu.apiRoot("contoso")}$metadata#Microsoft.Dynamics.CRM.CheckIncomingEmailResponse`,
      ShouldDeliver: true,
      ReasonCode: 6,
    });
  });

  test("needs prvReadActivity", async () => {
    const res = await (await as(NO_READ)).get(functionPath("CheckIncomingEmail", checkParameters()));
    expect(res.status).toBe(403);
    expect(errorOf(res)).toEqual({ code: "0x80040220", message: expect.stringContaining("prvReadActivity") });
  });

  test.each<[string, Record<string, FunctionValue | undefined>, string, string]>([
    ["no MessageId", { MessageId: undefined }, "0x80040200", "the MessageId parameter is required"],
    ["a blank MessageId", { MessageId: "   " }, "0x80040200", "the MessageId parameter is required"],
    ["no From", { From: undefined }, "0x80040200", "the From parameter is required"],
    ["a number for To", { To: 5 }, "0x0", "'To'"],
    ["a MessageId of 321 characters", { MessageId: "m".repeat(321) }, "0x80044331", "'messageid'"],
    ["a Subject of 801 characters", { Subject: "s".repeat(801) }, "0x80044331", "'subject'"],
    ["an unknown parameter", { Foo: "x" }, "0x0", "The parameter 'Foo' in the request payload is not a valid parameter for the operation 'CheckIncomingEmail'."],
  ])("refuses %s with 400", async (_case, change, code, message) => {
    const parameters = checkParameters();
    for (const [name, value] of Object.entries(change)) {
      if (value === undefined) delete parameters[name];
      else parameters[name] = value;
    }
    const res = await (await as(ALEX)).get(functionPath("CheckIncomingEmail", parameters));
    expect(res.status).toBe(400);
    expect(errorOf(res)).toEqual({ code, message: expect.stringContaining(message) });
  });

  test("is a function: POST is 404", async () => {
    const res = await (await as(ALEX)).post("CheckIncomingEmail", checkParameters());
    expect(res.status).toBe(404);
  });
});

describe("CheckPromoteEmail", () => {
  const check = async (caller: Caller, parameters: Record<string, FunctionValue>): Promise<{ status: number; body: Record<string, unknown> }> => {
    const res = await caller.get(functionPath("CheckPromoteEmail", parameters));
    return { status: res.status, body: res.json() };
  };

  test("says promote (-1) for a new message and duplicate (0) once it is tracked, in either direction", async () => {
    const messageId = newMessageId();
    const alex = await as(ALEX);
    expect((await check(alex, { MessageId: messageId, Subject: "Hi", DirectionCode: 1 })).body).toEqual({
      "@odata.context": `${emu.apiRoot("contoso")}$metadata#Microsoft.Dynamics.CRM.CheckPromoteEmailResponse`,
      ShouldPromote: true,
      ReasonCode: -1,
    });
    await deliver(alex, { MessageId: messageId, From: ALEX, To: NANCY }, DELIVER_PROMOTE);
    for (const direction of [0, 1]) {
      expect((await check(await as(CASEY), { MessageId: messageId, Subject: "Hi", DirectionCode: direction })).body).toMatchObject({ ShouldPromote: false, ReasonCode: 0 });
    }
    expect((await check(alex, { MessageId: ` ${messageId} `, Subject: "Hi" })).body).toMatchObject({ ShouldPromote: false, ReasonCode: 0 });
  });

  test("refuses a direction other than 0 or 1, a missing MessageId, and callers without prvReadActivity", async () => {
    expect((await check(await as(ALEX), { MessageId: newMessageId(), Subject: "Hi", DirectionCode: 2 })).status).toBe(400);
    const missing = await check(await as(ALEX), { Subject: "Hi", DirectionCode: 0 });
    expect(missing.status).toBe(400);
    expect((missing.body as unknown as ODataErrorBody).error.code).toBe("0x80040200");
    expect((await check(await as(NO_READ), { MessageId: newMessageId(), Subject: "Hi", DirectionCode: 0 })).status).toBe(403);
  });
});

describe("DeliverIncomingEmail", () => {
  test("stores a received email owned by the caller, with one party per address", async () => {
    const alex = await as(ALEX);
    const messageId = newMessageId();
    const res = await alex.post(
      DELIVER_INCOMING,
      deliverBody({
        MessageId: messageId,
        Subject: "Order 1234",
        From: `"Nancy Anderson" <${NANCY.toUpperCase()}>`,
        To: `${ALEX}; "Unknown" <who@nowhere.example>`,
        Cc: `${MORGAN}, ${DANA}`,
        Bcc: "",
        ReceivedOn: "2025-03-04T11:11:12.345+01:00",
        SubmittedBy: "mailbox@contoso.example",
        Importance: "high",
        Body: "<p>Please confirm.</p>",
        Attachments: [
          { "@odata.type": "Microsoft.Dynamics.CRM.attachment", filename: "a.pdf", mimetype: "application/pdf", body: "JVBERi0=" },
          { filename: "b.txt" },
        ],
      }),
    );
    expect(res.status).toBe(200);
    const { EmailId, ...rest } = res.json<{ EmailId: string; "@odata.context": string }>();
    expect(rest).toEqual({ "@odata.context": `${emu.apiRoot("contoso")}$metadata#Microsoft.Dynamics.CRM.DeliverIncomingEmailResponse` });
    const org = emu.emulator.context.directory.orgs.get("contoso")!;
    const alexId = userId(emu, "contoso", ALEX);
    const nancyId = idByAddress(emu, "contoso", "contact", NANCY);
    const email = storedEmail(emu, "contoso", EmailId)!.data;
    expect(email).toMatchObject({
      activityid: EmailId,
      activitytypecode: "email",
      subject: "Order 1234",
      description: "<p>Please confirm.</p>",
      messageid: messageId,
      sender: NANCY.toUpperCase(),
      torecipients: `${ALEX};who@nowhere.example`,
      submittedby: "mailbox@contoso.example",
      directioncode: false,
      statecode: 1,
      statuscode: 4,
      prioritycode: 2,
      senton: "2025-03-04T10:11:12Z",
      actualend: "2025-03-04T10:11:12Z",
      attachmentcount: 2,
      correlationmethod: 0,
      _ownerid_value: alexId,
      _owninguser_value: alexId,
      _owningbusinessunit_value: [...org.businessUnits.values()].find((b) => b.name === "Sales")!.id,
      _createdby_value: alexId,
      _modifiedby_value: alexId,
      _emailsender_value: nancyId,
      _regardingobjectid_value: null,
    });
    expect(email[LOOKUP_TYPES_KEY]).toMatchObject({ ownerid: "systemuser", emailsender: "contact" });
    expect(email.createdon).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(partySummary(EmailId)).toEqual([
      [1, NANCY.toUpperCase(), nancyId, "contact"],
      [2, ALEX, alexId, "systemuser"],
      [2, "who@nowhere.example", null, null],
      [3, DANA, userId(emu, "contoso", DANA), "systemuser"],
      // morgan's address is also on a contact alex may read: a Cc resolves to every match
      [3, MORGAN, idByAddress(emu, "contoso", "contact", MORGAN), "contact"],
      [3, MORGAN, userId(emu, "contoso", MORGAN), "systemuser"],
    ]);
    for (const party of storedParties(emu, "contoso", EmailId)) {
      expect(party).toMatchObject({ ispartydeleted: false, _activityid_value: EmailId });
      expect(party.activitypartyid).toEqual(expect.any(String));
    }
  });

  test("shows the email and its parties through the Web API when the caller may read it", async () => {
    const alex = await as(ALEX);
    const id = await deliver(alex, { From: NANCY, To: ALEX });
    const res = await alex.get(`emails(${id})?$select=subject,messageid&$expand=email_activity_parties($select=participationtypemask,addressused,_partyid_value)`);
    expect(res.status).toBe(200);
    const body = res.json<{ email_activity_parties: { participationtypemask: number; addressused: string }[] }>();
    expect(body.email_activity_parties.map((p) => [p.participationtypemask, p.addressused]).sort()).toEqual([
      [1, NANCY],
      [2, ALEX],
    ]);
  });

  test("resolves a sender to one record: the caller's own first, then user → contact → account → lead", async () => {
    // morgan's address: a systemuser, and a contact alex owns
    const alexOwnsContact = await deliver(await as(ALEX), { From: MORGAN, To: ALEX });
    expect(partySummary(alexOwnsContact)[0]).toEqual([1, MORGAN, idByAddress(emu, "contoso", "contact", MORGAN), "contact"]);
    const caseySeesUser = await deliver(await as(CASEY), { From: MORGAN, To: CASEY });
    expect(partySummary(caseySeesUser)[0]).toEqual([1, MORGAN, userId(emu, "contoso", MORGAN), "systemuser"]);
    // MULTI: a contact (alex's), an account (morgan's) and a lead (alex's)
    const morganOwnsAccount = await deliver(await as(MORGAN), { From: MULTI, To: MORGAN });
    expect(partySummary(morganOwnsAccount)[0]).toEqual([1, MULTI, idByAddress(emu, "contoso", "account", MULTI), "account"]);
    const contactFirst = await deliver(await as(CASEY), { From: MULTI, To: CASEY });
    expect(partySummary(contactFirst)[0]).toEqual([1, MULTI, idByAddress(emu, "contoso", "contact", MULTI), "contact"]);
  });

  test("resolves a recipient to every match, or leaves it unresolved when the org says so", async () => {
    const morgan = await as(MORGAN);
    const all = await deliver(morgan, { From: STRANGER, To: MULTI });
    expect(partySummary(all).filter((p) => p[0] === 2)).toEqual([
      [2, MULTI, idByAddress(emu, "contoso", "account", MULTI), "account"],
      [2, MULTI, idByAddress(emu, "contoso", "contact", MULTI), "contact"],
      [2, MULTI, idByAddress(emu, "contoso", "lead", MULTI), "lead"],
    ]);
    const org = emu.emulator.context.directory.orgs.get("contoso")!;
    await withStored("organization", org.id, { unresolveemailaddressifmultiplematch: true }, async () => {
      const none = await deliver(morgan, { From: STRANGER, To: `${MULTI}; ${NANCY}` });
      expect(partySummary(none).filter((p) => p[0] === 2)).toEqual([
        [2, MULTI, null, null],
        [2, NANCY, idByAddress(emu, "contoso", "contact", NANCY), "contact"],
      ]);
    });
  });

  test("resolves only to records the caller may read, and never to inactive ones", async () => {
    const paulId = idByAddress(emu, "contoso", "contact", PAUL);
    const byAlex = await deliver(await as(ALEX), { From: PAUL, To: ALEX });
    expect(partySummary(byAlex)[0]).toEqual([1, PAUL, null, null]);
    expect(storedEmail(emu, "contoso", byAlex)!.data._emailsender_value).toBeNull();
    const byMorgan = await deliver(await as(MORGAN), { From: PAUL, To: MORGAN });
    expect(partySummary(byMorgan)[0]).toEqual([1, PAUL, paulId, "contact"]);
    await withStored("contact", paulId, { statecode: 1 }, async () => {
      const inactive = await deliver(await as(MORGAN), { From: PAUL, To: MORGAN });
      expect(partySummary(inactive)[0]).toEqual([1, PAUL, null, null]);
    });
  });

  test("keeps odd addresses as unresolved parties and never fails on them", async () => {
    const id = await deliver(await as(ALEX), {
      From: "<>",
      To: ' ;;, ,"unterminated <x@y; a@b@c; not an address; 😀@emoji.example; ALEX.WU@contoso.example ;alex.wu@contoso.example',
      Cc: '"Wu, Alex" <alex.wu@contoso.example>',
      Bcc: "/O=EXCHANGELABS/OU=EXCHANGE ADMINISTRATIVE GROUP/CN=RECIPIENTS/CN=NANCY",
    });
    const parties = partySummary(id);
    expect(parties.filter((p) => p[0] === 1)).toEqual([[1, "<>", null, null]]);
    expect(parties.filter((p) => p[0] === 2).map((p) => p[1])).toEqual(expect.arrayContaining(["a@b@c", "not an address", "😀@emoji.example", "ALEX.WU@contoso.example"]));
    expect(parties.filter((p) => p[0] === 2 && p[1].toLowerCase() === ALEX)).toHaveLength(1);
    expect(parties.filter((p) => p[0] === 3)).toEqual([[3, ALEX, userId(emu, "contoso", ALEX), "systemuser"]]);
    expect(parties.filter((p) => p[0] === 4)).toEqual([[4, "/O=EXCHANGELABS/OU=EXCHANGE ADMINISTRATIVE GROUP/CN=RECIPIENTS/CN=NANCY", null, null]]);
  });

  test("keeps every recipient of a long To list as a party, and the first 500 characters in torecipients", async () => {
    const to = Array.from({ length: 40 }, (_, i) => `recipient${String(i).padStart(2, "0")}@far-away.example`);
    const id = await deliver(await as(ALEX), { To: to.join("; ") });
    expect(storedParties(emu, "contoso", id).filter((p) => p.participationtypemask === 2)).toHaveLength(40);
    expect(storedEmail(emu, "contoso", id)!.data.torecipients).toBe(to.join(";").slice(0, 500));
  });

  test("stores unicode, CR/LF and tabs in the subject and a 100 KB body exactly as sent", async () => {
    const subject = "Grüße 👋🏽 — تجربة ✓ e\u0301\r\nSecond line\tTab \u200d end \u0000";
    const body = `<div>${"Ünïcødé ".repeat(12_800)}</div>`;
    const id = await deliver(await as(ALEX), { Subject: subject, Body: body });
    expect(storedEmail(emu, "contoso", id)!.data).toMatchObject({ subject, description: body });
    const exactly800 = "é".repeat(800);
    const atLimit = await deliver(await as(ALEX), { Subject: exactly800 });
    expect(storedEmail(emu, "contoso", atLimit)!.data.subject).toBe(exactly800);
  });

  test("is bound to the emails collection only", async () => {
    expect((await (await as(ALEX)).post("DeliverIncomingEmail", deliverBody())).status).toBe(404);
    expect((await (await as(ALEX)).get(DELIVER_INCOMING)).status).toBe(404);
  });
});

describe("DeliverPromoteEmail and DeliverImmediatePromoteEmail", () => {
  test("a message from the caller's own address becomes a sent, outgoing email", async () => {
    const id = await deliver(await as(ALEX), { From: "Alex.Wu@Contoso.example", To: NANCY, Importance: "0" }, DELIVER_PROMOTE);
    expect(storedEmail(emu, "contoso", id)!.data).toMatchObject({ directioncode: true, statecode: 1, statuscode: 3, prioritycode: 0 });
    const received = await deliver(await as(ALEX), { From: NANCY, To: ALEX, Importance: "LOW" }, DELIVER_PROMOTE);
    expect(storedEmail(emu, "contoso", received)!.data).toMatchObject({ directioncode: false, statecode: 1, statuscode: 4, prioritycode: 0 });
  });

  test.each([
    "emails(00000000-0000-0000-0000-000000000000)/Microsoft.Dynamics.CRM.DeliverPromoteEmail",
    "emails/Microsoft.Dynamics.CRM.DeliverPromoteEmail",
    "DeliverPromoteEmail",
    "Microsoft.Dynamics.CRM.DeliverPromoteEmail",
    "emails(00000000-0000-0000-0000-000000000000)/Microsoft.Dynamics.CRM.DeliverImmediatePromoteEmail",
    "emails/Microsoft.Dynamics.CRM.DeliverImmediatePromoteEmail",
    "DeliverImmediatePromoteEmail",
  ])("is answered at %s", async (path) => {
    const body: Record<string, unknown> = { ...deliverBody({ From: ALEX, To: NANCY }), EmailId: "00000000-0000-0000-0000-000000000000" };
    if (path.includes("Immediate")) delete body.Attachments;
    const res = await (await as(ALEX)).post(path, body);
    expect(res.status).toBe(200);
    const name = path.includes("Immediate") ? "DeliverImmediatePromoteEmail" : "DeliverPromoteEmail";
    const answer = res.json<{ EmailId: string; "@odata.context": string }>();
    expect(answer["@odata.context"]).toBe(`${emu.apiRoot("contoso")}$metadata#Microsoft.Dynamics.CRM.${name}Response`);
    expect(storedEmail(emu, "contoso", answer.EmailId)!.data.statuscode).toBe(3);
  });

  test("DeliverImmediatePromoteEmail needs only MessageId and counts AttachmentIds", async () => {
    const res = await (await as(ALEX)).post("emails/Microsoft.Dynamics.CRM.DeliverImmediatePromoteEmail", {
      MessageId: newMessageId(),
      AttachmentIds: ["AAMkAD1", "AAMkAD2", "AAMkAD3"],
      EWSUrl: "https://outlook.office365.com/EWS/Exchange.asmx",
      AttachmentToken: "token",
    });
    expect(res.status).toBe(200);
    const email = storedEmail(emu, "contoso", res.json<{ EmailId: string }>().EmailId)!.data;
    expect(email).toMatchObject({ attachmentcount: 3, sender: "", directioncode: false, statuscode: 4, prioritycode: 1 });
    expect(storedParties(emu, "contoso", email.activityid as string)).toEqual([]);
  });

  test("sets the regarding record from ItemObjectTypeCode and ItemId", async () => {
    const nancyId = idByAddress(emu, "contoso", "contact", NANCY);
    const id = await deliver(await as(ALEX), { From: ALEX, To: NANCY, ItemObjectTypeCode: 2, ItemId: nancyId.toUpperCase() }, DELIVER_PROMOTE);
    const email = storedEmail(emu, "contoso", id)!.data;
    expect(email._regardingobjectid_value).toBe(nancyId);
    expect((email[LOOKUP_TYPES_KEY] as Record<string, string>).regardingobjectid).toBe("contact");
  });

  test.each<[string, Record<string, unknown>, number, string]>([
    ["a record out of the caller's reach", { ItemObjectTypeCode: 2, ItemId: "paul" }, 403, "0x80048306"],
    ["a record that does not exist", { ItemObjectTypeCode: 4, ItemId: "6a0c3a2e-1111-4222-8333-944455556666" }, 404, "0x80040217"],
    ["an id without a type", { ItemId: "6a0c3a2e-1111-4222-8333-944455556666" }, 400, "0x80040203"],
    ["a type that cannot be regarding", { ItemObjectTypeCode: 9, ItemId: "6a0c3a2e-1111-4222-8333-944455556666" }, 400, "0x80040203"],
  ])("refuses %s as regarding, writing nothing", async (_case, item, status, code) => {
    const before = emailCount(emu, "contoso");
    const body = { ...item, ...(item.ItemId === "paul" ? { ItemId: idByAddress(emu, "contoso", "contact", PAUL) } : {}) };
    const res = await (await as(ALEX)).post(DELIVER_PROMOTE, deliverBody({ From: ALEX, To: PAUL, ...body }));
    expect(res.status).toBe(status);
    expect(errorOf(res).code).toBe(code);
    expect(emailCount(emu, "contoso")).toBe(before);
  });

  test("a correlated email inherits the regarding record and says how it correlated", async () => {
    const accountId = idByAddress(emu, "contoso", "account", ADVENTURE_WORKS);
    const alex = await as(ALEX);
    const first = await deliver(alex, { Subject: "Fleet renewal", From: ALEX, To: NANCY, ItemObjectTypeCode: 1, ItemId: accountId }, DELIVER_PROMOTE);
    expect(storedEmail(emu, "contoso", first)!.data.correlationmethod).toBe(0);
    const reply = await deliver(alex, { Subject: "RE: Fleet renewal", From: NANCY, To: ALEX });
    expect(storedEmail(emu, "contoso", reply)!.data).toMatchObject({ correlationmethod: 6, _regardingobjectid_value: accountId });
    // dana may not append to an account of the Sales unit: correlated, but without the regarding record
    const byDana = await deliver(await as(DANA), { Subject: "RE: RE: Fleet renewal", From: NANCY, To: ALEX });
    expect(storedEmail(emu, "contoso", byDana)!.data).toMatchObject({ correlationmethod: 6, _regardingobjectid_value: null });
    // a tracking token in the subject is kept, and correlates later mail
    const tokened = await deliver(alex, { Subject: "Invoice CRM:0002001", From: ALEX, To: PAT, ItemObjectTypeCode: 4, ItemId: idByAddress(emu, "contoso", "lead", PAT) }, DELIVER_PROMOTE);
    expect(storedEmail(emu, "contoso", tokened)!.data.trackingtoken).toBe("CRM:0002001");
    const answer = await deliver(alex, { Subject: "Question crm:0002001", From: STRANGER, To: ALEX });
    expect(storedEmail(emu, "contoso", answer)!.data).toMatchObject({ correlationmethod: 4, _regardingobjectid_value: idByAddress(emu, "contoso", "lead", PAT) });
  });
});

describe("privileges of the deliver actions", () => {
  test.each([
    [NO_CREATE, "prvCreateActivity", DELIVER_INCOMING],
    [NO_SHARE, "prvShareActivity", DELIVER_INCOMING],
    [NO_READ, "prvReadActivity", DELIVER_PROMOTE],
    [NO_CREATE, "prvCreateActivity", "DeliverImmediatePromoteEmail"],
  ])("%s is refused with 403 0x80040220 naming %s, and nothing is stored", async (email, privilege, path) => {
    const before = emailCount(emu, "contoso");
    const body = deliverBody({ To: email });
    if (path.includes("Immediate")) delete body.Attachments;
    const res = await (await as(email)).post(path, body);
    expect(res.status).toBe(403);
    expect(errorOf(res)).toEqual({ code: "0x80040220", message: expect.stringContaining(`missing ${privilege} privilege`) });
    expect(emailCount(emu, "contoso")).toBe(before);
  });
});

describe("bad input to the deliver actions", () => {
  test.each<[string, Record<string, unknown>, string, string]>([
    ["no MessageId", { MessageId: undefined }, "0x80040200", "the MessageId parameter is required"],
    ["a blank MessageId", { MessageId: " \t" }, "0x80040200", "the MessageId parameter is required"],
    ["a null To", { To: null }, "0x80040200", "the To parameter is required"],
    ["no Attachments", { Attachments: undefined }, "0x80040200", "the Attachments parameter is required"],
    ["no ReceivedOn", { ReceivedOn: undefined }, "0x80040200", "the ReceivedOn parameter is required"],
    ["a number as Subject", { Subject: 5 }, "0x0", "'Subject'"],
    ["a string as Attachments", { Attachments: "none" }, "0x0", "'Attachments'"],
    ["a date that is not one", { ReceivedOn: "yesterday" }, "0x0", "'ReceivedOn'"],
    ["a date without offset", { ReceivedOn: "2025-03-04T10:11:12" }, "0x0", "'ReceivedOn'"],
    ["a string as ValidateBeforeCreate", { ValidateBeforeCreate: "yes" }, "0x0", "'ValidateBeforeCreate'"],
    ["an unknown Importance", { Importance: "urgent" }, "0x80040203", "'Importance'"],
    ["an unknown parameter", { Foo: 1 }, "0x0", "The parameter 'Foo' in the request payload is not a valid parameter for the operation 'DeliverIncomingEmail'."],
    ["a lower-case parameter name", { messageid: "<x@y>" }, "0x0", "The parameter 'messageid' in the request payload is not a valid parameter"],
    ["a MessageId of 321 characters", { MessageId: `<${"m".repeat(319)}>` }, "0x80044331", "The length of the 'messageid' attribute of the 'email' entity exceeded the maximum allowed length of '320'."],
    ["a Subject of 801 characters", { Subject: "s".repeat(801) }, "0x80044331", "'subject'"],
    ["a 100 KB Subject", { Subject: "é".repeat(100 * 1024) }, "0x80044331", "maximum allowed length of '800'"],
  ])("refuses %s with 400 and stores nothing", async (_case, change, code, message) => {
    const before = emailCount(emu, "contoso");
    const body = deliverBody();
    for (const [name, value] of Object.entries(change)) {
      if (value === undefined) delete body[name];
      else body[name] = value;
    }
    const res = await (await as(ALEX)).post(DELIVER_INCOMING, body);
    expect(res.status).toBe(400);
    expect(errorOf(res)).toEqual({ code, message: expect.stringContaining(message) });
    expect(emailCount(emu, "contoso")).toBe(before);
  });

  test("refuses a body that is not a JSON object", async () => {
    const alex = await as(ALEX);
    for (const body of ["{not json", "[1,2]", "\"text\""]) {
      const res = await alex.post(DELIVER_INCOMING, body);
      expect(res.status).toBe(400);
    }
  });

  test("accepts a MessageId of exactly 320 characters and a Subject of exactly 800", async () => {
    const messageId = `<${"m".repeat(318)}>`;
    const id = await deliver(await as(ALEX), { MessageId: messageId, Subject: "s".repeat(800) });
    expect(storedEmail(emu, "contoso", id)!.data.messageid).toBe(messageId);
  });
});
