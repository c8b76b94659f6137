import { setLookup } from "../../../emulator/src/model/record-values";
import { startEmulator, type RequestOptions, type TestEmulator } from "../../support/emulator-harness";
import type { HttpResult } from "../../support/https-client";

// Collection queries over HTTPS: $select/$filter/$orderby/$top/$count/$expand and paging (spec §1.7).

const ALEX = "alex.wu@contoso.example"; // reads his own activities only (Basic)
const MORGAN = "morgan.lee@contoso.example"; // reads every activity (Global)

type Row = Record<string, unknown>;
interface Page {
  value: Row[];
  "@odata.nextLink"?: string;
  "@odata.count"?: number;
  "@odata.context"?: string;
}

let emu: TestEmulator;
const tokens: Record<string, string> = {};
let alexId: string;
let nancyId: string;
let adventureWorksId: string;
const ids: Record<string, string> = {};

function api(user: string, path: string, options: RequestOptions = {}): Promise<HttpResult> {
  const url = path.startsWith("https://") ? path : `${emu.apiRoot("contoso")}${path}`;
  return emu.request(url, { ...options, token: tokens[user] as string });
}

async function query(user: string, path: string, options: RequestOptions = {}): Promise<Page> {
  const res = await api(user, path, options);
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${res.text}`);
  return res.json<Page>();
}

async function subjects(path: string, user = ALEX): Promise<string[]> {
  return (await query(user, path)).value.map((row) => String(row.subject));
}

function errorOf(res: HttpResult): { status: number; code: string; message: string } {
  const body = res.json<{ error: { code: string; message: string } }>();
  return { status: res.status, code: body.error.code, message: body.error.message };
}

beforeAll(async () => {
  emu = await startEmulator();
  for (const user of [ALEX, MORGAN]) tokens[user] = await emu.tokenFor(user, emu.orgUrl("contoso"));
  alexId = (await api(ALEX, "WhoAmI")).json<{ UserId: string }>().UserId;
  nancyId = String((await query(ALEX, "contacts?$select=fullname&$filter=fullname eq 'Nancy Anderson'")).value[0]?.contactid);
  adventureWorksId = String((await query(ALEX, "accounts?$select=name&$filter=name eq 'Adventure Works'")).value[0]?.accountid);
  const emails: [string, Row][] = [
    ["alpha", { subject: "Alpha quote", directioncode: true, "regardingobjectid_contact@odata.bind": `/contacts(${nancyId})`, email_activity_parties: [{ addressused: "buyer@alpha.example", participationtypemask: 2 }, { addressused: "cc@alpha.example", participationtypemask: 3 }] }],
    ["beta", { subject: "Beta invoice", directioncode: false, "regardingobjectid_account@odata.bind": `/accounts(${adventureWorksId})`, email_activity_parties: [{ addressused: "billing@beta.example", participationtypemask: 1 }] }],
    ["gamma", { subject: "gamma follow-up", directioncode: true, prioritycode: 2 }],
    ["delta", { subject: "Delta QUOTE", directioncode: false, prioritycode: 0 }],
    ["epsilon", { subject: "Epsilon", directioncode: true }],
  ];
  for (const [key, body] of emails) {
    const res = await api(ALEX, "emails", { method: "POST", body });
    if (res.status !== 204) throw new Error(res.text);
    ids[key] = /emails\(([^)]+)\)/.exec(res.headers["odata-entityid"] ?? "")?.[1] ?? "";
  }
  // Morgan's own email: Alex (Basic) must never see it.
  await api(MORGAN, "emails", { method: "POST", body: { subject: "Morgan's quote" } });
});
afterAll(async () => emu.stop());

describe("$filter", () => {
  test.each([
    ["subject eq 'alpha quote'", ["Alpha quote"]],
    ["subject ne 'Alpha quote'", ["Beta invoice", "Delta QUOTE", "Epsilon", "gamma follow-up"]],
    ["contains(subject,'quote')", ["Alpha quote", "Delta QUOTE"]],
    ["startswith(subject,'g')", ["gamma follow-up"]],
    ["endswith(subject,'invoice')", ["Beta invoice"]],
    ["not contains(subject,'quote') and directioncode eq true", ["Epsilon", "gamma follow-up"]],
    ["prioritycode eq 2 or prioritycode eq 0", ["Delta QUOTE", "gamma follow-up"]],
    ["(directioncode eq false) and (contains(subject,'a'))", ["Beta invoice", "Delta QUOTE"]],
    ["_regardingobjectid_value eq null", ["Delta QUOTE", "Epsilon", "gamma follow-up"]],
    ["_regardingobjectid_value ne null", ["Alpha quote", "Beta invoice"]],
    ["email_activity_parties/any(p: p/addressused eq 'CC@alpha.example')", ["Alpha quote"]],
    ["email_activity_parties/any(p: p/participationtypemask eq 1)", ["Beta invoice"]],
    ["email_activity_parties/any()", ["Alpha quote", "Beta invoice"]],
    ["Microsoft.Dynamics.CRM.EqualUserId(PropertyName='ownerid')", ["Alpha quote", "Beta invoice", "Delta QUOTE", "Epsilon", "gamma follow-up"]],
  ])("%s", async (filter, expected) => {
    expect((await subjects(`emails?$select=subject&$filter=${encodeURIComponent(filter)}`)).sort()).toEqual([...expected].sort());
  });

  test("lookup values by GUID and through the navigation property", async () => {
    expect(await subjects(`emails?$select=subject&$filter=_regardingobjectid_value eq ${nancyId}`)).toEqual(["Alpha quote"]);
    expect(await subjects(`emails?$select=subject&$filter=regardingobjectid_contact/contactid eq ${nancyId}`)).toEqual(["Alpha quote"]);
    expect(await subjects(`emails?$select=subject&$filter=regardingobjectid_account/name eq 'Adventure Works'`)).toEqual(["Beta invoice"]);
    expect(await subjects(`emails?$select=subject&$filter=_ownerid_value eq ${alexId} and regardingobjectid_contact/contactid eq ${adventureWorksId}`)).toEqual([]);
  });

  test("a caller never sees rows out of reach, whatever the filter", async () => {
    expect(await subjects("emails?$select=subject&$filter=contains(subject,'Morgan')")).toEqual([]);
    expect(await subjects("emails?$select=subject&$filter=contains(subject,'Morgan')", MORGAN)).toEqual(["Morgan's quote"]);
  });
});

describe("$orderby, $top and $count", () => {
  test("orders by one or more columns, case-insensitively, ties by primary key", async () => {
    expect(await subjects("emails?$select=subject&$orderby=subject")).toEqual(["Alpha quote", "Beta invoice", "Delta QUOTE", "Epsilon", "gamma follow-up"]);
    expect(await subjects("emails?$select=subject&$orderby=directioncode desc,subject desc")).toEqual(["gamma follow-up", "Epsilon", "Alpha quote", "Delta QUOTE", "Beta invoice"]);
  });

  test("$top cuts the result; $count counts every match", async () => {
    const page = await query(ALEX, "emails?$select=subject&$orderby=subject&$top=2&$count=true");
    expect(page.value.map((r) => r.subject)).toEqual(["Alpha quote", "Beta invoice"]);
    expect(page["@odata.count"]).toBe(5);
    expect(page["@odata.nextLink"]).toBeUndefined();
  });
});

describe("$select and the context URL", () => {
  test("returns only the selected columns plus the primary key and the etag", async () => {
    const page = await query(ALEX, "emails?$select=subject,_regardingobjectid_value&$filter=subject eq 'Alpha quote'");
    expect(page["@odata.context"]).toBe(`${emu.apiRoot("contoso")}$metadata#emails(subject,_regardingobjectid_value)`);
    expect(page.value).toEqual([{ "@odata.etag": expect.stringMatching(/^W\/"\d+"$/), subject: "Alpha quote", _regardingobjectid_value: nancyId, activityid: ids.alpha }]);
  });
});

describe("$expand", () => {
  test("the parties, with nested $select, $filter, $orderby and $top", async () => {
    const path =
      "emails?$select=subject&$filter=subject eq 'Alpha quote'" +
      "&$expand=email_activity_parties($select=addressused,participationtypemask;$filter=participationtypemask ge 2;$orderby=addressused desc;$top=1)";
    const row = (await query(ALEX, path)).value[0] as Row;
    expect(row.email_activity_parties).toEqual([
      { "@odata.etag": expect.any(String), addressused: "cc@alpha.example", participationtypemask: 3, activitypartyid: expect.any(String) },
    ]);
  });

  test("single-valued lookups: the related row, or null when the lookup is empty or points at another table", async () => {
    const rows = (await query(ALEX, "emails?$select=subject&$orderby=subject&$expand=regardingobjectid_contact($select=fullname),ownerid($select=fullname)")).value;
    const alpha = rows.find((r) => r.subject === "Alpha quote") as Row;
    expect(alpha.regardingobjectid_contact).toEqual({ "@odata.etag": expect.any(String), fullname: "Nancy Anderson", contactid: nancyId });
    expect(alpha.ownerid).toMatchObject({ fullname: "Alex Wu", systemuserid: alexId });
    expect((rows.find((r) => r.subject === "Beta invoice") as Row).regardingobjectid_contact).toBeNull();
    expect((rows.find((r) => r.subject === "Epsilon") as Row).regardingobjectid_contact).toBeNull();
  });

  test("a contact's parent account", async () => {
    const { store } = emu.emulator.context;
    const nancy = store.get("contoso", "contact", nancyId);
    if (!nancy) throw new Error("no Nancy");
    const data = { ...nancy.data };
    setLookup(data, "parentcustomerid", "account", adventureWorksId);
    store.update("contoso", "contact", nancyId, data);
    const row = (await query(ALEX, `contacts(${nancyId})?$select=fullname&$expand=parentcustomerid_account($select=name)`)) as unknown as Row;
    expect(row.parentcustomerid_account).toMatchObject({ name: "Adventure Works", accountid: adventureWorksId });
  });

  test("an expand of one row", async () => {
    const row = (await query(ALEX, `emails(${ids.beta})?$select=subject&$expand=email_activity_parties($select=addressused)`)) as unknown as Row;
    expect(row["@odata.context"]).toBe(`${emu.apiRoot("contoso")}$metadata#emails(subject,email_activity_parties(addressused))/$entity`);
    expect((row.email_activity_parties as Row[]).map((p) => p.addressused)).toEqual(["billing@beta.example"]);
  });
});

describe("paging", () => {
  test("Prefer: odata.maxpagesize pages with @odata.nextLink until every row is read", async () => {
    const seen: string[] = [];
    let next: string | undefined = "emails?$select=subject&$orderby=subject&$count=true";
    let pages = 0;
    while (next) {
      const res = await api(ALEX, next, { headers: { Prefer: "odata.maxpagesize=2" } });
      expect(res.status).toBe(200);
      expect(res.headers["preference-applied"]).toBe("odata.maxpagesize=2");
      const page = res.json<Page>();
      expect(page["@odata.count"]).toBe(5);
      seen.push(...page.value.map((r) => String(r.subject)));
      next = page["@odata.nextLink"];
      if (next) expect(next).toMatch(new RegExp(`^${emu.apiRoot("contoso").replace(/[.$?]/g, "\\$&")}emails\\?\\$select=subject&\\$orderby=subject&\\$count=true&\\$skiptoken=`));
      pages++;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(["Alpha quote", "Beta invoice", "Delta QUOTE", "Epsilon", "gamma follow-up"]);
  });

  test("a $skiptoken that was altered or issued for another query is 400", async () => {
    const first = await query(ALEX, "emails?$select=subject", { headers: { Prefer: "odata.maxpagesize=1" } });
    const link = first["@odata.nextLink"] as string;
    const token = new URL(link).searchParams.get("$skiptoken") as string;
    const other = await api(ALEX, `emails?$select=subject,description&$skiptoken=${token}`);
    expect(errorOf(other)).toEqual({ status: 400, code: "0x0", message: "The $skiptoken is invalid." });
    const altered = await api(ALEX, `emails?$select=subject&$skiptoken=${token.slice(0, -2)}xx`);
    expect(errorOf(altered).status).toBe(400);
  });

  test("without a preference a page holds at most 5000 rows", async () => {
    const { store } = emu.emulator.context;
    store.transaction(() => {
      for (let i = 0; i < 5001; i++) {
        const id = `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`;
        const data: Row = { activityid: id, subject: `bulk ${i}`, statecode: 0, statuscode: 1 };
        setLookup(data, "ownerid", "systemuser", alexId);
        store.insert("contoso", "email", id, data);
      }
    });
    const page = await query(ALEX, "emails?$select=subject&$filter=startswith(subject,'bulk')&$count=true");
    expect(page.value).toHaveLength(5000);
    expect(page["@odata.count"]).toBe(5000);
    const rest = await query(ALEX, page["@odata.nextLink"] as string);
    expect(rest.value).toHaveLength(1);
    expect(rest["@odata.nextLink"]).toBeUndefined();
  });
});

describe("refused queries", () => {
  test.each([
    ["emails?$select=subjet", "Could not find a property named 'subjet' on type 'Microsoft.Dynamics.CRM.email'."],
    ["emails?$select=regardingobjectid", "Could not find a property named 'regardingobjectid' on type 'Microsoft.Dynamics.CRM.email'."],
    ["emails?$filter=subjet eq 'x'", "Could not find a property named 'subjet' on type 'Microsoft.Dynamics.CRM.email'."],
    ["emails?$orderby=subjet", "Could not find a property named 'subjet' on type 'Microsoft.Dynamics.CRM.email'."],
    ["emails?$expand=partiez", "Could not find a property named 'partiez' on type 'Microsoft.Dynamics.CRM.email'."],
    ["emails?$expand=email_activity_parties($select=colour)", "Could not find a property named 'colour' on type 'Microsoft.Dynamics.CRM.activityparty'."],
    ["emails?$expand=ownerid($select=fullname;$top=1)", "The query option $top is not supported when expanding the single-valued navigation property 'ownerid'; only $select is."],
    ["emails?$skip=1", "The query parameter $skip is not supported."],
    ["emails?$search=x", "The query parameter $search is not supported."],
    ["emails?$format=json", "The query parameter $format is not supported."],
    [`emails(${"0".repeat(8)}-0000-4000-8000-000000000000)?$filter=subject eq 'x'`, "The query parameter $filter is not supported on this request."],
  ])("%s is 400", async (path, message) => {
    expect(errorOf(await api(ALEX, path))).toEqual({ status: 400, code: "0x0", message });
  });

  test("Prefer: odata.maxpagesize above 5000 is 400", async () => {
    expect(errorOf(await api(ALEX, "emails?$select=subject", { headers: { Prefer: "odata.maxpagesize=5001" } })).status).toBe(400);
  });
});

describe("record security inside navigation paths", () => {
  test("a filter or an expand through a lookup does not look into a row the caller may not read", async () => {
    const yvonne = (await query(MORGAN, "contacts?$select=fullname&$filter=fullname eq 'Yvonne McKay'")).value[0]?.contactid as string;
    const { store } = emu.emulator.context;
    const id = "0f0f0f0f-0000-4000-8000-000000000001";
    const data: Row = { activityid: id, subject: "About Yvonne", statecode: 0, statuscode: 1 };
    setLookup(data, "ownerid", "systemuser", alexId);
    setLookup(data, "regardingobjectid", "contact", yvonne);
    store.insert("contoso", "email", id, data);
    // Alex reads contacts of his business unit only; Yvonne belongs to Morgan in the root business unit.
    expect(await subjects(`emails?$select=subject&$filter=_regardingobjectid_value eq ${yvonne}`)).toEqual(["About Yvonne"]);
    expect(await subjects("emails?$select=subject&$filter=regardingobjectid_contact/fullname eq 'Yvonne McKay'")).toEqual([]);
    expect(await subjects("emails?$select=subject&$filter=regardingobjectid_contact/fullname eq 'Yvonne McKay'", MORGAN)).toEqual(["About Yvonne"]);
    const row = (await query(ALEX, `emails(${id})?$select=subject&$expand=regardingobjectid_contact($select=fullname)`)) as unknown as Row;
    expect(row.regardingobjectid_contact).toBeNull();
  });
});
