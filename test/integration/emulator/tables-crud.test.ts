import { startEmulator, type RequestOptions, type TestEmulator } from "../../support/emulator-harness";
import type { HttpResult } from "../../support/https-client";

// Create, read, update, delete of table rows over HTTPS against the demo seed (spec §1.6, §1.8, §3.2–3.3).

const ALEX = "alex.wu@contoso.example"; // Salesperson, Sales BU: activities at Basic depth
const MORGAN = "morgan.lee@contoso.example"; // Sales Manager, root BU: reads activities at Global depth

type Row = Record<string, unknown>;

let emu: TestEmulator;
const tokens: Record<string, string> = {};
let alexId: string;
let morganId: string;
let nancyId: string; // a contact owned by Alex

beforeAll(async () => {
  emu = await startEmulator();
  for (const user of [ALEX, MORGAN]) tokens[user] = await emu.tokenFor(user, emu.orgUrl("contoso"));
  alexId = (await api(ALEX, "WhoAmI")).json<{ UserId: string }>().UserId;
  morganId = (await api(MORGAN, "WhoAmI")).json<{ UserId: string }>().UserId;
  const contacts = await api(ALEX, "contacts?$select=fullname&$filter=fullname eq 'Nancy Anderson'");
  nancyId = String(contacts.json<{ value: Row[] }>().value[0]?.contactid);
});
afterAll(async () => emu.stop());

function api(user: string, path: string, options: RequestOptions = {}): Promise<HttpResult> {
  const url = path.startsWith("https://") ? path : `${emu.apiRoot("contoso")}${path}`;
  return emu.request(url, { ...options, token: tokens[user] as string });
}

function errorOf(res: HttpResult): { status: number; code: string; message: string } {
  const body = res.json<{ error: { code: string; message: string } }>();
  return { status: res.status, code: body.error.code, message: body.error.message };
}

async function createEmail(user: string, body: Row): Promise<string> {
  const res = await api(user, "emails", { method: "POST", body });
  expect(res.status).toBe(204);
  const id = /emails\(([0-9a-f-]{36})\)$/.exec(res.headers["odata-entityid"] ?? "")?.[1];
  if (!id) throw new Error(`no OData-EntityId in ${JSON.stringify(res.headers)}`);
  return id;
}

describe("create", () => {
  test("POST answers 204 with OData-EntityId, and the row reads back with its defaults, lookups and parties", async () => {
    const id = await createEmail(ALEX, {
      subject: "Quote for 50 bikes",
      description: "<p>Hello</p>",
      messageid: "<crud-1@contoso.example>",
      "regardingobjectid_contact@odata.bind": `/contacts(${nancyId})`,
      email_activity_parties: [
        { "partyid_systemuser@odata.bind": `/systemusers(${alexId})`, participationtypemask: 1 },
        { "partyid_contact@odata.bind": `/contacts(${nancyId})`, participationtypemask: 2 },
        { addressused: "someone@unknown.example", participationtypemask: 3 },
      ],
    });
    const res = await api(
      ALEX,
      `emails(${id})?$select=subject,messageid,statuscode,statecode,directioncode,activitytypecode,sender,torecipients,_regardingobjectid_value,_ownerid_value,createdon` +
        "&$expand=email_activity_parties($select=participationtypemask,addressused,_partyid_value;$orderby=participationtypemask)",
    );
    expect(res.status).toBe(200);
    const row = res.json<Row>();
    expect(row["@odata.context"]).toBe(
      `${emu.apiRoot("contoso")}$metadata#emails(subject,messageid,statuscode,statecode,directioncode,activitytypecode,sender,torecipients,_regardingobjectid_value,_ownerid_value,createdon,email_activity_parties(participationtypemask,addressused,_partyid_value))/$entity`,
    );
    expect(row["@odata.etag"]).toMatch(/^W\/"\d+"$/);
    expect(row).toMatchObject({
      activityid: id,
      subject: "Quote for 50 bikes",
      messageid: "<crud-1@contoso.example>",
      statecode: 0,
      statuscode: 1,
      directioncode: true,
      activitytypecode: "email",
      sender: "alex.wu@contoso.example",
      torecipients: "nancy@adventure-works.example",
      _regardingobjectid_value: nancyId,
      _ownerid_value: alexId,
    });
    expect(row.createdon).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(row).not.toHaveProperty("description");
    const parties = (row.email_activity_parties as Row[]).map((p) => [p.participationtypemask, p.addressused, p._partyid_value]);
    expect(parties).toEqual([
      [1, "alex.wu@contoso.example", alexId],
      [2, "nancy@adventure-works.example", nancyId],
      [3, "someone@unknown.example", null],
    ]);
  });

  test("Prefer: return=representation answers 201 with the row, honouring $select on the POST URL", async () => {
    const res = await api(ALEX, "emails?$select=subject,statuscode", { method: "POST", headers: { Prefer: "return=representation" }, body: { subject: "Represented" } });
    expect(res.status).toBe(201);
    expect(res.headers["preference-applied"]).toBe("return=representation");
    const row = res.json<Row>();
    expect(Object.keys(row).sort()).toEqual(["@odata.context", "@odata.etag", "activityid", "statuscode", "subject"]);
    expect(row["@odata.context"]).toBe(`${emu.apiRoot("contoso")}$metadata#emails(subject,statuscode)/$entity`);
    expect(res.headers["odata-entityid"]).toBe(`${emu.apiRoot("contoso")}emails(${String(row.activityid)})`);
  });

  test("a client-supplied primary key is kept; a second create with it is 412 0x80040237", async () => {
    const id = "5b0e8a44-1c39-4f0a-9a5e-0c1d2e3f4a5b";
    expect(await createEmail(ALEX, { activityid: id.toUpperCase(), subject: "mine" })).toBe(id);
    const again = await api(ALEX, "emails", { method: "POST", body: { activityid: id, subject: "again" } });
    expect(errorOf(again)).toEqual({ status: 412, code: "0x80040237", message: "A record with matching key values already exists." });
  });

  test("a contact gets its full name computed and its owner's business unit", async () => {
    const res = await api(ALEX, "contacts?$select=fullname,_owningbusinessunit_value,_ownerid_value", {
      method: "POST",
      headers: { Prefer: "return=representation" },
      body: { firstname: "Ada", lastname: "Lovelace", emailaddress1: "ada@example.com" },
    });
    expect(res.status).toBe(201);
    const who = (await api(ALEX, "WhoAmI")).json<{ BusinessUnitId: string }>();
    expect(res.json<Row>()).toMatchObject({ fullname: "Ada Lovelace", _ownerid_value: alexId, _owningbusinessunit_value: who.BusinessUnitId });
  });

  test("creating a row for another owner needs the depth to reach them (403 0x80048306)", async () => {
    const res = await api(ALEX, "emails", { method: "POST", body: { subject: "for Morgan", "ownerid@odata.bind": `/systemusers(${morganId})` } });
    expect(errorOf(res)).toMatchObject({ status: 403, code: "0x80048306" });
  });
});

describe("read", () => {
  test("annotations are added when Prefer asks for them", async () => {
    const id = await createEmail(ALEX, { subject: "annotated", "regardingobjectid_contact@odata.bind": `/contacts(${nancyId})` });
    const res = await api(ALEX, `emails(${id})?$select=_regardingobjectid_value,statuscode,_ownerid_value`, {
      headers: { Prefer: 'odata.include-annotations="*"' },
    });
    expect(res.headers["preference-applied"]).toBe('odata.include-annotations="*"');
    expect(res.json<Row>()).toMatchObject({
      "_regardingobjectid_value@OData.Community.Display.V1.FormattedValue": "Nancy Anderson",
      "_regardingobjectid_value@Microsoft.Dynamics.CRM.lookuplogicalname": "contact",
      "_regardingobjectid_value@Microsoft.Dynamics.CRM.associatednavigationproperty": "regardingobjectid_contact",
      "statuscode@OData.Community.Display.V1.FormattedValue": "Draft",
      "_ownerid_value@OData.Community.Display.V1.FormattedValue": "Alex Wu",
      "_ownerid_value@Microsoft.Dynamics.CRM.lookuplogicalname": "systemuser",
    });
    const only = await api(ALEX, `emails(${id})?$select=_regardingobjectid_value`, { headers: { Prefer: 'odata.include-annotations="Microsoft.Dynamics.CRM.lookuplogicalname"' } });
    expect(Object.keys(only.json<Row>()).filter((k) => k.includes("@") && !k.startsWith("@"))).toEqual(["_regardingobjectid_value@Microsoft.Dynamics.CRM.lookuplogicalname"]);
  });

  test("without $select every column is returned, internal keys never", async () => {
    const id = await createEmail(ALEX, { subject: "all columns" });
    const row = (await api(ALEX, `emails(${id})`)).json<Row>();
    expect(row).toMatchObject({ subject: "all columns", description: null, _regardingobjectid_value: null, versionnumber: expect.any(Number) });
    expect(Object.keys(row).some((k) => k.startsWith("__"))).toBe(false);
  });

  test("GET with If-None-Match naming the current version answers 304", async () => {
    const id = await createEmail(ALEX, { subject: "cached" });
    const first = await api(ALEX, `emails(${id})?$select=subject`);
    const etag = String(first.json<Row>()["@odata.etag"]);
    expect((await api(ALEX, `emails(${id})?$select=subject`, { headers: { "If-None-Match": etag } })).status).toBe(304);
    expect((await api(ALEX, `emails(${id})?$select=subject`, { headers: { "If-None-Match": "null" } })).status).toBe(200);
    expect((await api(ALEX, `emails(${id})?$select=subject`, { headers: { "If-None-Match": 'W/"1"' } })).status).toBe(200);
  });

  test("a missing row is 404 0x80040217", async () => {
    const res = await api(ALEX, "emails(00000000-0000-4000-8000-000000000000)");
    expect(errorOf(res)).toEqual({ status: 404, code: "0x80040217", message: "email With Id = 00000000-0000-4000-8000-000000000000 Does Not Exist" });
  });

  test("the parties of an email read as a collection under the email, and single values under their property", async () => {
    const id = await createEmail(ALEX, { subject: "parties", email_activity_parties: [{ addressused: "x@unknown.example", participationtypemask: 2 }] });
    const res = await api(ALEX, `emails(${id})/email_activity_parties?$select=addressused,participationtypemask`);
    expect(res.status).toBe(200);
    expect(res.json<{ value: Row[] }>().value.map((p) => [p.addressused, p.participationtypemask])).toEqual([["x@unknown.example", 2]]);
    const subject = await api(ALEX, `emails(${id})/subject`);
    expect(subject.json<Row>()).toMatchObject({ value: "parties" });
    expect((await api(ALEX, `emails(${id})/description`)).status).toBe(204);
  });
});

describe("update", () => {
  test("PATCH answers 204 with OData-EntityId and changes the version", async () => {
    const id = await createEmail(ALEX, { subject: "before" });
    const before = (await api(ALEX, `emails(${id})?$select=subject`)).json<Row>();
    const res = await api(ALEX, `emails(${id})`, { method: "PATCH", body: { subject: "after" } });
    expect(res.status).toBe(204);
    expect(res.headers["odata-entityid"]).toBe(`${emu.apiRoot("contoso")}emails(${id})`);
    const after = (await api(ALEX, `emails(${id})?$select=subject,_modifiedby_value`)).json<Row>();
    expect(after.subject).toBe("after");
    expect(after._modifiedby_value).toBe(alexId);
    expect(after["@odata.etag"]).not.toBe(before["@odata.etag"]);
  });

  test("PATCH with return=representation answers 200 with the row", async () => {
    const id = await createEmail(ALEX, { subject: "r" });
    const res = await api(ALEX, `emails(${id})?$select=subject,statecode,statuscode`, {
      method: "PATCH",
      headers: { Prefer: "return=representation" },
      body: { statecode: 1, statuscode: 2 },
    });
    expect(res.status).toBe(200);
    expect(res.json<Row>()).toMatchObject({ subject: "r", statecode: 1, statuscode: 2 });
  });

  test("PATCH of a missing id creates it (upsert) unless If-Match is sent", async () => {
    const id = "7e1d2c3b-4a59-4687-9a0b-1c2d3e4f5a6b";
    const refused = await api(ALEX, `emails(${id})`, { method: "PATCH", headers: { "If-Match": "*" }, body: { subject: "no" } });
    expect(errorOf(refused)).toMatchObject({ status: 404, code: "0x80040217" });
    const created = await api(ALEX, `emails(${id})`, { method: "PATCH", body: { subject: "upserted" } });
    expect(created.status).toBe(204);
    expect((await api(ALEX, `emails(${id})?$select=subject`)).json<Row>().subject).toBe("upserted");
  });

  test("If-None-Match: * on an existing row is 412 0x80040237; a stale If-Match is 412 0x80060882; a current one passes", async () => {
    const id = await createEmail(ALEX, { subject: "v1" });
    const etag = String((await api(ALEX, `emails(${id})?$select=subject`)).json<Row>()["@odata.etag"]);
    const noUpdate = await api(ALEX, `emails(${id})`, { method: "PATCH", headers: { "If-None-Match": "*" }, body: { subject: "x" } });
    expect(errorOf(noUpdate)).toMatchObject({ status: 412, code: "0x80040237" });
    expect((await api(ALEX, `emails(${id})`, { method: "PATCH", headers: { "If-Match": etag }, body: { subject: "v2" } })).status).toBe(204);
    const stale = await api(ALEX, `emails(${id})`, { method: "PATCH", headers: { "If-Match": etag }, body: { subject: "v3" } });
    expect(errorOf(stale)).toEqual({ status: 412, code: "0x80060882", message: "The version of the existing record doesn't match the RowVersion property provided." });
    const staleDelete = await api(ALEX, `emails(${id})`, { method: "DELETE", headers: { "If-Match": etag } });
    expect(errorOf(staleDelete)).toMatchObject({ status: 412, code: "0x80060882" });
    expect((await api(ALEX, `emails(${id})?$select=subject`)).json<Row>().subject).toBe("v2");
  });

  test("setting and clearing the regarding lookup by bind, by null and by DELETE …/$ref", async () => {
    const id = await createEmail(ALEX, { subject: "regarding" });
    const regarding = async (): Promise<unknown> => (await api(ALEX, `emails(${id})?$select=_regardingobjectid_value`)).json<Row>()._regardingobjectid_value;
    expect((await api(ALEX, `emails(${id})`, { method: "PATCH", body: { "regardingobjectid_contact@odata.bind": `contacts(${nancyId})` } })).status).toBe(204);
    expect(await regarding()).toBe(nancyId);
    const ref = await api(ALEX, `emails(${id})/regardingobjectid_contact/$ref`);
    expect(ref.json<Row>()["@odata.id"]).toBe(`${emu.apiRoot("contoso")}contacts(${nancyId})`);
    expect((await api(ALEX, `emails(${id})/regardingobjectid_contact/$ref`, { method: "DELETE" })).status).toBe(204);
    expect(await regarding()).toBeNull();
    await api(ALEX, `emails(${id})`, { method: "PATCH", body: { "regardingobjectid_contact@odata.bind": `${emu.apiRoot("contoso")}contacts(${nancyId})` } });
    expect(await regarding()).toBe(nancyId);
    expect((await api(ALEX, `emails(${id})`, { method: "PATCH", body: { "regardingobjectid_contact@odata.bind": null } })).status).toBe(204);
    expect(await regarding()).toBeNull();
  });

  test("PATCH with email_activity_parties replaces the parties and the recipients text", async () => {
    const id = await createEmail(ALEX, { subject: "p", email_activity_parties: [{ addressused: "old@x.example", participationtypemask: 2 }] });
    await api(ALEX, `emails(${id})`, { method: "PATCH", body: { email_activity_parties: [{ addressused: "new@x.example", participationtypemask: 2 }] } });
    const row = (await api(ALEX, `emails(${id})?$select=torecipients&$expand=email_activity_parties($select=addressused)`)).json<Row>();
    expect(row.torecipients).toBe("new@x.example");
    expect((row.email_activity_parties as Row[]).map((p) => p.addressused)).toEqual(["new@x.example"]);
  });
});

describe("delete", () => {
  test("DELETE answers 204 and removes the email's activity parties; a second DELETE is 404", async () => {
    const id = await createEmail(ALEX, { subject: "bye", email_activity_parties: [{ addressused: "gone@x.example", participationtypemask: 2 }] });
    const partiesOf = async (): Promise<number> =>
      (await api(ALEX, `activityparties?$select=addressused&$filter=_activityid_value eq ${id}`)).json<{ value: Row[] }>().value.length;
    expect(await partiesOf()).toBe(1);
    expect((await api(ALEX, `emails(${id})`, { method: "DELETE" })).status).toBe(204);
    expect(await partiesOf()).toBe(0);
    expect(errorOf(await api(ALEX, `emails(${id})`, { method: "DELETE" }))).toMatchObject({ status: 404, code: "0x80040217" });
  });
});

describe("tables that are not writable", () => {
  test.each([
    ["POST", "systemusers", "Create", "systemuser"],
    ["POST", "businessunits", "Create", "businessunit"],
    ["POST", "activityparties", "Create", "activityparty"],
    ["POST", "usersettingscollection", "Create", "usersettings"],
  ])("%s %s is 405 0x80040203", async (method, set, message, logicalName) => {
    const res = await api(ALEX, set, { method, body: {} });
    expect(errorOf(res)).toEqual({ status: 405, code: "0x80040203", message: `The '${message}' method does not support entities of type '${logicalName}'.` });
  });

  test("systemusers, organizations and businessunits refuse PATCH and DELETE", async () => {
    const org = (await api(ALEX, "organizations?$select=name")).json<{ value: Row[] }>().value[0];
    expect(errorOf(await api(ALEX, `organizations(${String(org?.organizationid)})`, { method: "PATCH", body: { name: "x" } }))).toMatchObject({ status: 405, code: "0x80040203" });
    expect(errorOf(await api(ALEX, `systemusers(${alexId})`, { method: "PATCH", body: { fullname: "x" } }))).toMatchObject({ status: 405, code: "0x80040203" });
    expect(errorOf(await api(ALEX, `systemusers(${alexId})`, { method: "DELETE" }))).toMatchObject({ status: 405, code: "0x80040203" });
  });

  test("a user changes their own usersettings row, not another user's", async () => {
    const own = await api(ALEX, `usersettingscollection(${alexId})`, { method: "PATCH", body: { incomingemailfilteringmethod: 3 } });
    expect(own.status).toBe(204);
    expect((await api(ALEX, `usersettingscollection(${alexId})?$select=incomingemailfilteringmethod`)).json<Row>().incomingemailfilteringmethod).toBe(3);
    const other = await api(ALEX, `usersettingscollection(${morganId})`, { method: "PATCH", body: { incomingemailfilteringmethod: 3 } });
    expect(errorOf(other)).toMatchObject({ status: 403, code: "0x80048306" });
    expect(errorOf(await api(ALEX, `usersettingscollection(${morganId})`))).toMatchObject({ status: 403, code: "0x80048306" });
    const listed = (await api(ALEX, "usersettingscollection?$select=systemuserid")).json<{ value: Row[] }>().value;
    expect(listed.map((r) => r.systemuserid)).toEqual([alexId]);
  });
});
