import { validateSeed } from "../../../emulator/src/seed/validate";
import type { Depth, Seed, SeedRole } from "../../../emulator/src/seed/types";
import { DEMO_PASSWORD, TEST_CLIENT_ID, startEmulator, type RequestOptions, type TestEmulator } from "../../support/emulator-harness";
import type { HttpResult } from "../../support/https-client";

// Who may read, change and delete an email, by privilege depth and by where the caller sits in the
// business-unit tree (spec §2.3). Tree: Root ─┬─ Child ── Grandchild
//                                              └─ Sibling
// The owner sits in Child; a reader at each depth sits in Child (same), Root (parent), Grandchild (child) and Sibling (other).

const DOMAIN = "matrix.example";
const DEPTHS: readonly Depth[] = ["Basic", "Local", "Deep", "Global"];
type Position = "same" | "parent" | "child" | "other";
const POSITIONS: Record<Position, string> = { same: "Child", parent: "Root", child: "Grandchild", other: "Sibling" };

/** Which readers reach a row owned by someone in Child (the owner always does). */
const REACHES: Record<Depth, readonly Position[]> = {
  Basic: [],
  Local: ["same"],
  Deep: ["same", "parent"],
  Global: ["same", "parent", "child", "other"],
};

const OWNER = `owner@${DOMAIN}`;
const NO_READ = `no-read@${DOMAIN}`;
const AUDITOR = `auditor@${DOMAIN}`; // reads everything, changes only own rows, deletes nothing
const CREATOR = `creator@${DOMAIN}`; // creates at Local depth and may assign
const CREATOR_NO_ASSIGN = `creator-no-assign@${DOMAIN}`;
const NO_APPEND_TO = `no-append-to@${DOMAIN}`; // may not link emails to contacts
const SETTINGS_ADMIN = `settings-admin@${DOMAIN}`;
const reader = (depth: Depth, position: Position): string => `${depth.toLowerCase()}-${position}@${DOMAIN}`;

function role(name: string, privileges: Record<string, Depth>): SeedRole {
  return { name, privileges: { prvReadUser: "Global", prvReadUserSettings: "Basic", prvWriteUserSettings: "Basic", prvReadContact: "Global", ...privileges } };
}

function matrixSeed(): Seed {
  const members: Seed["orgs"][number]["members"] = [
    { user: OWNER, businessUnit: "Child", roles: ["Owner"] },
    { user: NO_READ, businessUnit: "Child", roles: ["No activities"] },
    { user: AUDITOR, businessUnit: "Sibling", roles: ["Auditor"] },
    { user: CREATOR, businessUnit: "Child", roles: ["Creator"] },
    { user: CREATOR_NO_ASSIGN, businessUnit: "Child", roles: ["Creator without assign"] },
    { user: NO_APPEND_TO, businessUnit: "Child", roles: ["Owner without append-to"] },
    { user: SETTINGS_ADMIN, businessUnit: "Root", roles: ["Settings admin"] },
  ];
  for (const depth of DEPTHS) {
    for (const [position, unit] of Object.entries(POSITIONS)) members.push({ user: reader(depth, position as Position), businessUnit: unit, roles: [`Activities ${depth}`] });
  }
  const ownerPrivileges: Record<string, Depth> = {
    prvCreateActivity: "Basic",
    prvReadActivity: "Basic",
    prvWriteActivity: "Basic",
    prvDeleteActivity: "Basic",
    prvAppendActivity: "Basic",
    prvAppendToContact: "Basic",
  };
  const { prvAppendToContact: _dropped, ...withoutAppendTo } = ownerPrivileges;
  return validateSeed({
    tenants: [{ id: "6a2e8b1c-4d3f-4a5b-8c7d-9e0f1a2b3c4d", name: DOMAIN }],
    users: members.map((m) => ({ tenant: DOMAIN, email: m.user, displayName: m.user.split("@")[0] as string, password: DEMO_PASSWORD })),
    clients: [{ clientId: TEST_CLIENT_ID, name: "tests", redirectUris: ["https://localhost/callback"], allowPasswordGrant: true }],
    orgs: [
      {
        urlName: "matrix",
        friendlyName: "Security matrix",
        tenant: DOMAIN,
        businessUnits: [{ name: "Root" }, { name: "Child", parent: "Root" }, { name: "Grandchild", parent: "Child" }, { name: "Sibling", parent: "Root" }],
        roles: [
          role("Owner", ownerPrivileges),
          role("Owner without append-to", withoutAppendTo),
          role("No activities", {}),
          role("Auditor", { prvReadActivity: "Global", prvWriteActivity: "Basic" }),
          role("Creator", { prvCreateActivity: "Local", prvReadActivity: "Local", prvAssignActivity: "Basic" }),
          role("Creator without assign", { prvCreateActivity: "Local", prvReadActivity: "Local" }),
          role("Settings admin", { prvReadUserSettings: "Global" }),
          ...DEPTHS.map((depth) => role(`Activities ${depth}`, { prvReadActivity: depth, prvWriteActivity: depth, prvDeleteActivity: depth })),
        ],
        members,
        records: {
          contacts: [
            { firstname: "Own", lastname: "Contact", emailaddress1: "own@customer.example", owner: OWNER },
            { firstname: "Foreign", lastname: "Contact", emailaddress1: "foreign@customer.example", owner: reader("Global", "other") },
          ],
        },
      },
    ],
  });
}

let emu: TestEmulator;
const tokens = new Map<string, string>();
const ids = new Map<string, string>();

async function api(user: string, path: string, options: RequestOptions = {}): Promise<HttpResult> {
  let token = tokens.get(user);
  if (!token) {
    token = await emu.tokenFor(user, emu.orgUrl("matrix"));
    tokens.set(user, token);
  }
  return emu.request(`${emu.apiRoot("matrix")}${path}`, { ...options, token });
}

function outcome(res: HttpResult): string {
  if (res.status < 300) return String(res.status);
  return `${res.status} ${res.json<{ error: { code: string } }>().error.code}`;
}

async function createEmail(user: string, body: Record<string, unknown>): Promise<string> {
  const res = await api(user, "emails", { method: "POST", body });
  if (res.status !== 204) throw new Error(`create failed: ${res.status} ${res.text}`);
  return /emails\(([^)]+)\)/.exec(res.headers["odata-entityid"] ?? "")?.[1] as string;
}

async function userId(user: string): Promise<string> {
  let id = ids.get(user);
  if (!id) {
    id = (await api(user, "WhoAmI")).json<{ UserId: string }>().UserId;
    ids.set(user, id);
  }
  return id;
}

function contactId(lastnameFirst: string): string {
  const row = emu.emulator.context.store.list("matrix", "contact").find((c) => c.data.firstname === lastnameFirst);
  if (!row) throw new Error(`no contact ${lastnameFirst}`);
  return row.id;
}

let emailId: string;
const cases = DEPTHS.flatMap((depth) => (Object.keys(POSITIONS) as Position[]).map((position) => ({ depth, position, allowed: REACHES[depth].includes(position) })));

beforeAll(async () => {
  emu = await startEmulator({ seed: matrixSeed() });
  emailId = await createEmail(OWNER, { subject: "Owner's email", email_activity_parties: [{ addressused: "customer@customer.example", participationtypemask: 2 }] });
});
afterAll(async () => emu.stop());

describe("the owner", () => {
  test("reads, changes and lists their email", async () => {
    expect(outcome(await api(OWNER, `emails(${emailId})?$select=subject`))).toBe("200");
    expect(outcome(await api(OWNER, `emails(${emailId})`, { method: "PATCH", body: { description: "owner" } }))).toBe("204");
    const listed = (await api(OWNER, "emails?$select=subject")).json<{ value: { activityid: string }[] }>().value.map((r) => r.activityid);
    expect(listed).toEqual([emailId]);
  });
});

describe.each(cases)("prvRead/Write/DeleteActivity at $depth, caller in the $position business unit", ({ depth, position, allowed }) => {
  const user = reader(depth, position);

  test(`GET by id is ${allowed ? "200" : "403 0x80048306"}`, async () => {
    expect(outcome(await api(user, `emails(${emailId})?$select=subject`))).toBe(allowed ? "200" : "403 0x80048306");
  });

  test(`GET emails ${allowed ? "lists" : "leaves out"} the email`, async () => {
    const res = await api(user, "emails?$select=subject");
    expect(res.status).toBe(200);
    const listed = res.json<{ value: { activityid: string }[] }>().value.map((r) => r.activityid);
    expect(listed.includes(emailId)).toBe(allowed);
    if (!allowed) expect(listed).toEqual([]);
  });

  test(`the email's parties are ${allowed ? "readable" : "out of reach"}`, async () => {
    expect(outcome(await api(user, `emails(${emailId})/email_activity_parties`))).toBe(allowed ? "200" : "403 0x80048306");
    const parties = (await api(user, `activityparties?$select=addressused&$filter=_activityid_value eq ${emailId}`)).json<{ value: unknown[] }>().value;
    expect(parties).toHaveLength(allowed ? 1 : 0);
  });

  test(`PATCH is ${allowed ? "204" : "403 0x80048306"}`, async () => {
    const res = await api(user, `emails(${emailId})`, { method: "PATCH", body: { description: user } });
    expect(outcome(res)).toBe(allowed ? "204" : "403 0x80048306");
  });

  test(`DELETE is ${allowed ? "204" : "403 0x80048306"}`, async () => {
    const victim = await createEmail(OWNER, { subject: `to delete by ${user}` });
    expect(outcome(await api(user, `emails(${victim})`, { method: "DELETE" }))).toBe(allowed ? "204" : "403 0x80048306");
    expect(outcome(await api(OWNER, `emails(${victim})?$select=subject`))).toBe(allowed ? "404 0x80040217" : "200");
  });
});

describe("privileges, not depth", () => {
  test("a user without prvReadActivity gets 403 0x80040220 on the collection, a row and its parties", async () => {
    expect(outcome(await api(NO_READ, "emails?$select=subject"))).toBe("403 0x80040220");
    expect(outcome(await api(NO_READ, `emails(${emailId})?$select=subject`))).toBe("403 0x80040220");
    expect(outcome(await api(NO_READ, "activityparties"))).toBe("403 0x80040220");
    const body = (await api(NO_READ, "emails")).json<{ error: { message: string } }>();
    expect(body.error.message).toContain("is missing prvReadActivity privilege");
  });

  test("without prvDeleteActivity or prvCreateActivity the answer is 403 0x80040220 even for a missing row", async () => {
    expect(outcome(await api(AUDITOR, `emails(${emailId})`, { method: "DELETE" }))).toBe("403 0x80040220");
    expect(outcome(await api(AUDITOR, "emails(00000000-0000-4000-8000-000000000001)", { method: "DELETE" }))).toBe("403 0x80040220");
    expect(outcome(await api(NO_READ, "emails", { method: "POST", body: { subject: "x" } }))).toBe("403 0x80040220");
  });

  test("reading at Global does not give Write beyond its own depth", async () => {
    expect(outcome(await api(AUDITOR, `emails(${emailId})?$select=subject`))).toBe("200");
    expect(outcome(await api(AUDITOR, `emails(${emailId})`, { method: "PATCH", body: { subject: "audited" } }))).toBe("403 0x80048306");
  });
});

describe("regarding: Append on the email, AppendTo on the target", () => {
  test("the owner links their email to a contact they own", async () => {
    const id = await createEmail(OWNER, { subject: "linked", "regardingobjectid_contact@odata.bind": `/contacts(${contactId("Own")})` });
    expect(outcome(await api(OWNER, `emails(${id})?$select=_regardingobjectid_value`))).toBe("200");
  });

  test("a contact out of the caller's AppendTo depth is 403 0x80048306, and nothing is created", async () => {
    const before = emu.emulator.context.store.list("matrix", "email").length;
    const res = await api(OWNER, "emails", { method: "POST", body: { subject: "x", "regardingobjectid_contact@odata.bind": `/contacts(${contactId("Foreign")})` } });
    expect(outcome(res)).toBe("403 0x80048306");
    expect(emu.emulator.context.store.list("matrix", "email")).toHaveLength(before);
    const patch = await api(OWNER, `emails(${emailId})`, { method: "PATCH", body: { "regardingobjectid_contact@odata.bind": `/contacts(${contactId("Foreign")})` } });
    expect(outcome(patch)).toBe("403 0x80048306");
  });

  test("without prvAppendToContact it is 403 0x80040220", async () => {
    const res = await api(NO_APPEND_TO, "emails", { method: "POST", body: { subject: "x", "regardingobjectid_contact@odata.bind": `/contacts(${contactId("Own")})` } });
    expect(outcome(res)).toBe("403 0x80040220");
  });
});

describe("owner on create and assign", () => {
  test("creating for a user of the same business unit needs prvAssign and a Create depth that reaches them", async () => {
    const ownerId = await userId(OWNER);
    const res = await api(CREATOR, "emails?$select=_ownerid_value,_owningbusinessunit_value", {
      method: "POST",
      headers: { Prefer: "return=representation" },
      body: { subject: "for the owner", "ownerid@odata.bind": `/systemusers(${ownerId})` },
    });
    expect(res.status).toBe(201);
    expect(res.json<Record<string, unknown>>()._ownerid_value).toBe(ownerId);
    const noAssign = await api(CREATOR_NO_ASSIGN, "emails", { method: "POST", body: { subject: "x", "ownerid@odata.bind": `/systemusers(${ownerId})` } });
    expect(outcome(noAssign)).toBe("403 0x80040220");
    const farAway = await api(CREATOR, "emails", { method: "POST", body: { subject: "x", "ownerid@odata.bind": `/systemusers(${await userId(AUDITOR)})` } });
    expect(outcome(farAway)).toBe("403 0x80048306");
  });

  test("reassigning an existing email needs prvAssignActivity", async () => {
    const res = await api(OWNER, `emails(${emailId})`, { method: "PATCH", body: { "ownerid@odata.bind": `/systemusers(${await userId(CREATOR)})` } });
    expect(outcome(res)).toBe("403 0x80040220");
  });
});

describe("usersettings", () => {
  test("another user's row needs the privilege at Global depth", async () => {
    const ownerId = await userId(OWNER);
    expect(outcome(await api(SETTINGS_ADMIN, `usersettingscollection(${ownerId})?$select=incomingemailfilteringmethod`))).toBe("200");
    expect(outcome(await api(AUDITOR, `usersettingscollection(${ownerId})?$select=incomingemailfilteringmethod`))).toBe("403 0x80048306");
    expect(outcome(await api(SETTINGS_ADMIN, `usersettingscollection(${ownerId})`, { method: "PATCH", body: { timezonecode: 4 } }))).toBe("403 0x80048306");
  });
});
