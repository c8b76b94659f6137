import { privilegeIdOf } from "../../../emulator/src/security/access";
import { DEMO_PASSWORD, startEmulator, type TestEmulator } from "../../support/emulator-harness";
import { callerCache, deliver, demoSeed, functionPath, userId, type Caller, type ODataErrorBody } from "./tracking-client";

interface RolePrivilege {
  Depth: string;
  PrivilegeId: string;
  BusinessUnitId: string;
  PrivilegeName: string;
}

const ALEX = "alex.wu@contoso.example";
const MORGAN = "morgan.lee@contoso.example";
const CASEY = "casey.kim@contoso.example";
const DANA = "dana.ruiz@contoso.example";
const RILEY = "riley.fox@contoso.example";
const SAM = "sam.ortiz@contoso.example";

/** What the App for Outlook needs to be answerable (the list). */
const OUTLOOK_PRIVILEGES = [
  "prvSyncToOutlook",
  "prvUseOfficeApps",
  "prvCreateActivity",
  "prvReadActivity",
  "prvWriteActivity",
  "prvDeleteActivity",
  "prvAppendActivity",
  "prvAppendToContact",
  "prvAppendToAccount",
  "prvAppendToLead",
  "prvAppendToOpportunity",
  "prvReadContact",
  "prvReadAccount",
  "prvReadLead",
  "prvReadOpportunity",
];

let emu: TestEmulator;
const as = callerCache(() => emu);

beforeAll(async () => {
  // The demo seed plus Sam, a contoso member whose role lacks prvReadUser.
  const seed = demoSeed();
  seed.users.push({ tenant: "contoso.example", email: SAM, displayName: "Sam Ortiz", password: DEMO_PASSWORD });
  const contoso = seed.orgs[0]!;
  contoso.roles.push({ name: "Activities Only", privileges: { prvReadActivity: "Basic", prvCreateActivity: "Basic" } });
  contoso.members.push({ user: SAM, businessUnit: "Service", roles: ["Activities Only"] });
  emu = await startEmulator({ seed });
});
afterAll(async () => emu.stop());

function privilegesPath(systemUserId: string, fn: string): string {
  return `systemusers(${systemUserId})/Microsoft.Dynamics.CRM.${fn}`;
}

async function privilegeByName(caller: Caller, systemUserId: string, name: string): Promise<RolePrivilege[]> {
  const res = await caller.get(privilegesPath(systemUserId, functionPath("RetrieveUserPrivilegeByPrivilegeName", { PrivilegeName: name })));
  expect(res.status).toBe(200);
  return res.json<{ RolePrivileges: RolePrivilege[] }>().RolePrivileges;
}

describe("WhoAmI", () => {
  test.each([
    [ALEX, "contoso", "Sales"],
    [MORGAN, "contoso", "Contoso"],
    [CASEY, "contoso", "Sales"],
    [DANA, "contoso", "Europe"],
    [ALEX, "fabrikam", "Fabrikam"],
    [RILEY, "fabrikam", "Fabrikam"],
  ])("answers %s in %s with their systemuser, business unit and org", async (email, org, unitName) => {
    const caller = await as(email, org);
    const res = await caller.get("WhoAmI");
    expect(res.status).toBe(200);
    const orgDef = emu.emulator.context.directory.orgs.get(org)!;
    const unit = [...orgDef.businessUnits.values()].find((b) => b.name === unitName)!;
    expect(res.json()).toEqual({
      "@odata.context": `${emu.apiRoot(org)}$metadata#Microsoft.Dynamics.CRM.WhoAmIResponse`,
      UserId: userId(emu, org, email),
      BusinessUnitId: unit.id,
      OrganizationId: orgDef.id,
    });
  });

  test("gives the same answer for WhoAmI() and the qualified name, and a person different ids in different orgs", async () => {
    const contoso = await as(ALEX);
    const plain = (await contoso.get("WhoAmI")).json();
    expect((await contoso.get("WhoAmI()")).json()).toEqual(plain);
    expect((await contoso.get("Microsoft.Dynamics.CRM.WhoAmI()")).json()).toEqual(plain);
    const fabrikam = (await (await as(ALEX, "fabrikam")).get("WhoAmI")).json<{ UserId: string; OrganizationId: string }>();
    expect(fabrikam.UserId).not.toBe(plain.UserId);
    expect(fabrikam.OrganizationId).not.toBe(plain.OrganizationId);
  });

  test("refuses POST with 404 and a parameter with 400", async () => {
    const caller = await as(ALEX);
    const post = await caller.post("WhoAmI", {});
    expect(post.status).toBe(404);
    expect(post.json<ODataErrorBody>().error.code).toBe("");
    const withParameter = await caller.get("WhoAmI(Foo=1)");
    expect(withParameter.status).toBe(400);
    expect(withParameter.json<ODataErrorBody>().error.message).toBe("The parameter 'Foo' in the request payload is not a valid parameter for the operation 'WhoAmI'.");
  });
});

describe("privilege queries", () => {
  test("alex holds prvSyncToOutlook at Global depth; casey does not hold it (empty array)", async () => {
    const alexId = userId(emu, "contoso", ALEX);
    const alex = await privilegeByName(await as(ALEX), alexId, "prvSyncToOutlook");
    const sales = [...emu.emulator.context.directory.orgs.get("contoso")!.businessUnits.values()].find((b) => b.name === "Sales")!;
    expect(alex).toEqual([{ Depth: "Global", PrivilegeId: privilegeIdOf("prvSyncToOutlook"), BusinessUnitId: sales.id, PrivilegeName: "prvSyncToOutlook" }]);
    const casey = await privilegeByName(await as(CASEY), userId(emu, "contoso", CASEY), "prvSyncToOutlook");
    expect(casey).toEqual([]);
  });

  test.each([
    [ALEX, "prvReadActivity", "Basic"],
    [ALEX, "prvReadContact", "Local"],
    [DANA, "prvReadContact", "Deep"],
    [MORGAN, "prvReadActivity", "Global"],
  ])("serializes the depth of %s's %s as the string %s", async (email, privilege, depth) => {
    const [held] = await privilegeByName(await as(email), userId(emu, "contoso", email), privilege);
    expect(held?.Depth).toBe(depth);
  });

  test("an unknown privilege name gives an empty array, a missing name 400 0x80040200", async () => {
    const caller = await as(ALEX);
    expect(await privilegeByName(caller, userId(emu, "contoso", ALEX), "prvDoesNotExist")).toEqual([]);
    const missing = await caller.get(privilegesPath(userId(emu, "contoso", ALEX), "RetrieveUserPrivilegeByPrivilegeName()"));
    expect(missing.status).toBe(400);
    expect(missing.json<ODataErrorBody>().error.code).toBe("0x80040200");
  });

  test("RetrieveUserPrivileges lists every privilege once, by name, including all the Outlook app needs", async () => {
    const res = await (await as(ALEX)).get(privilegesPath(userId(emu, "contoso", ALEX), "RetrieveUserPrivileges"));
    expect(res.status).toBe(200);
    const body = res.json<{ "@odata.context": string; RolePrivileges: RolePrivilege[] }>();
    expect(body["@odata.context"]).toBe(`${emu.apiRoot("contoso")}$metadata#Microsoft.Dynamics.CRM.RetrieveUserPrivilegesResponse`);
    const names = body.RolePrivileges.map((p) => p.PrivilegeName);
    expect(names).toEqual([...new Set(names)].sort());
    expect(names).toEqual(expect.arrayContaining(OUTLOOK_PRIVILEGES));
    for (const p of body.RolePrivileges) expect(["Basic", "Local", "Deep", "Global"]).toContain(p.Depth);
  });

  test("RetrieveUserSetOfPrivilegesByNames answers the held subset of a list", async () => {
    const path = (id: string): string => privilegesPath(id, functionPath("RetrieveUserSetOfPrivilegesByNames", { PrivilegeNames: [...OUTLOOK_PRIVILEGES, "prvNope"] }));
    const alex = (await (await as(ALEX)).get(path(userId(emu, "contoso", ALEX)))).json<{ RolePrivileges: RolePrivilege[] }>();
    expect(alex.RolePrivileges.map((p) => p.PrivilegeName).sort()).toEqual([...OUTLOOK_PRIVILEGES].sort());
    const casey = (await (await as(CASEY)).get(path(userId(emu, "contoso", CASEY)))).json<{ RolePrivileges: RolePrivilege[] }>();
    expect(casey.RolePrivileges.map((p) => p.PrivilegeName).sort()).toEqual(OUTLOOK_PRIVILEGES.filter((n) => n !== "prvSyncToOutlook").sort());
  });

  test("privileges can be asked for by id, singly and as a set", async () => {
    const caller = await as(ALEX);
    const alexId = userId(emu, "contoso", ALEX);
    const one = await caller.get(privilegesPath(alexId, `RetrieveUserPrivilegeByPrivilegeId(PrivilegeId=${privilegeIdOf("prvUseOfficeApps")})`));
    expect(one.json<{ RolePrivileges: RolePrivilege[] }>().RolePrivileges.map((p) => p.PrivilegeName)).toEqual(["prvUseOfficeApps"]);
    const set = await caller.get(privilegesPath(alexId, functionPath("RetrieveUserSetOfPrivilegesByIds", { PrivilegeIds: [privilegeIdOf("prvReadLead"), privilegeIdOf("prvNope")] })));
    expect(set.json<{ RolePrivileges: RolePrivilege[] }>().RolePrivileges.map((p) => p.PrivilegeName)).toEqual(["prvReadLead"]);
  });

  test("reading another user's privileges needs prvReadUser; one's own does not", async () => {
    const alexId = userId(emu, "contoso", ALEX);
    expect(await privilegeByName(await as(MORGAN), alexId, "prvSyncToOutlook")).toHaveLength(1);
    const sam = await as(SAM);
    const other = await sam.get(privilegesPath(alexId, "RetrieveUserPrivileges"));
    expect(other.status).toBe(403);
    expect(other.json<ODataErrorBody>().error).toEqual({ code: "0x80040220", message: expect.stringContaining("prvReadUser") });
    expect(await privilegeByName(sam, userId(emu, "contoso", SAM), "prvReadActivity")).toEqual([expect.objectContaining({ Depth: "Basic" })]);
  });

  test("an unknown user, or a user of another org, is 404 0x80040217", async () => {
    const caller = await as(ALEX);
    for (const id of ["5f0c3a2e-1111-4222-8333-944455556666", userId(emu, "fabrikam", RILEY)]) {
      const res = await caller.get(privilegesPath(id, "RetrieveUserPrivileges"));
      expect(res.status).toBe(404);
      expect(res.json<ODataErrorBody>().error.code).toBe("0x80040217");
    }
  });

  test("privilege functions are GET only and bound to systemusers", async () => {
    const caller = await as(ALEX);
    expect((await caller.post(privilegesPath(userId(emu, "contoso", ALEX), "RetrieveUserPrivileges"), {})).status).toBe(404);
    expect((await caller.get("RetrieveUserPrivileges")).status).toBe(404);
  });
});

describe("RetrievePrincipalAccess", () => {
  let emailId: string;
  beforeAll(async () => {
    emailId = await deliver(await as(ALEX), { From: ALEX, To: "nancy@adventure-works.example" }, "emails/Microsoft.Dynamics.CRM.DeliverPromoteEmail");
  });

  async function accessOf(callerEmail: string, principal: string, target: Record<string, unknown>): Promise<{ status: number; body: Record<string, unknown> }> {
    const res = await (await as(callerEmail)).get(privilegesPath(userId(emu, "contoso", principal), functionPath("RetrievePrincipalAccess", { Target: target })));
    return { status: res.status, body: res.json() };
  }

  test("the owner holds every right on their email; a manager with org-wide read only reads it; a Basic-depth colleague holds none", async () => {
    const target = { "@odata.id": `emails(${emailId})` };
    expect((await accessOf(ALEX, ALEX, target)).body).toEqual({
      "@odata.context": `${emu.apiRoot("contoso")}$metadata#Microsoft.Dynamics.CRM.RetrievePrincipalAccessResponse`,
      AccessRights: "ReadAccess, WriteAccess, AppendAccess, AppendToAccess, CreateAccess, DeleteAccess, ShareAccess, AssignAccess",
    });
    expect((await accessOf(MORGAN, MORGAN, target)).body.AccessRights).toBe("ReadAccess");
    expect((await accessOf(CASEY, CASEY, target)).body.AccessRights).toBe("None");
    // asked by someone else about alex (morgan holds prvReadUser)
    expect((await accessOf(MORGAN, ALEX, target)).body.AccessRights).toMatch(/^ReadAccess, WriteAccess/);
  });

  test("accepts an absolute @odata.id and a typed entity as Target", async () => {
    expect((await accessOf(ALEX, ALEX, { "@odata.id": `${emu.apiRoot("contoso")}emails(${emailId})` })).body.AccessRights).toMatch(/^ReadAccess/);
    expect((await accessOf(ALEX, ALEX, { "@odata.type": "Microsoft.Dynamics.CRM.email", activityid: emailId })).body.AccessRights).toMatch(/^ReadAccess/);
  });

  test("a missing record is 404, a Target that is not a reference 400", async () => {
    const missing = await accessOf(ALEX, ALEX, { "@odata.id": "emails(5f0c3a2e-1111-4222-8333-944455556666)" });
    expect(missing.status).toBe(404);
    expect((await accessOf(ALEX, ALEX, { "@odata.id": "nothing-here" })).status).toBe(400);
    expect((await accessOf(ALEX, ALEX, { name: "x" })).status).toBe(400);
  });
});
