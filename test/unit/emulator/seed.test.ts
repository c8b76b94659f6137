import { Directory } from "../../../emulator/src/seed/directory";
import { stableId, isGuid } from "../../../emulator/src/seed/ids";
import { DEMO_SEED_FILE, readSeedFile, validateSeed } from "../../../emulator/src/seed/validate";
import type { Seed } from "../../../emulator/src/seed/types";

const demo = (): Seed => readSeedFile(DEMO_SEED_FILE);

describe("the demo seed", () => {
  test("has two orgs and the users that show every case", () => {
    const directory = new Directory(demo());
    expect([...directory.orgs.keys()]).toEqual(["contoso", "fabrikam"]);
    const contoso = directory.orgs.get("contoso");
    const oidOf = (email: string): string => directory.usersByEmail.get(email)?.oid ?? "missing";
    // a user who is not a member of an org
    expect(directory.orgsOf(oidOf("dana.ruiz@contoso.example")).map((o) => o.urlName)).toEqual(["contoso"]);
    expect(directory.orgsOf(oidOf("riley.fox@contoso.example")).map((o) => o.urlName)).toEqual(["fabrikam"]);
    // a salesperson who may sync, a manager with org-wide read, a user without the sync privilege
    const roleNames = (email: string): string[] =>
      (contoso?.membersByOid.get(oidOf(email))?.roleIds ?? []).map((id) => contoso?.roles.get(id)?.name ?? "?");
    expect(roleNames("alex.wu@contoso.example")).toEqual(["Salesperson"]);
    expect(contoso?.roles.get(stableId(contoso.id, "role", "Sales Manager"))?.privileges.get("prvReadActivity")).toBe("Global");
    expect(contoso?.roles.get(stableId(contoso.id, "role", "Outlook User Without Sync"))?.privileges.has("prvSyncToOutlook")).toBe(false);
  });

  test("gives the same ids on every load", () => {
    const a = new Directory(demo());
    const b = new Directory(demo());
    expect([...(a.orgs.get("contoso")?.members.keys() ?? [])]).toEqual([...(b.orgs.get("contoso")?.members.keys() ?? [])]);
  });
});

describe("seed validation", () => {
  test.each([
    [{ tenants: [], users: [], clients: [], orgs: [] }, "/tenants must NOT have fewer than 1 items"],
    [{ ...demo(), extra: 1 }, "must NOT have additional properties"],
    [{ ...demo(), users: [{ tenant: "t", email: "not-an-address", displayName: "x", password: "p" }] }, "/users/0/email must match pattern"],
    [
      { ...demo(), orgs: [{ ...demo().orgs[0], urlName: "discovery" }] },
      "/orgs/0/urlName must NOT be valid",
    ],
    [
      { ...demo(), orgs: [{ ...demo().orgs[0], roles: [{ name: "r", privileges: { prvReadActivity: "Everything" } }] }] },
      "must be equal to one of the allowed values",
    ],
  ])("refuses a seed that breaks the schema (%#)", (seed, message) => {
    expect(() => validateSeed(seed)).toThrow(message);
  });

  test.each([
    [(s: Seed) => ({ ...s, orgs: [{ ...s.orgs[0]!, members: [{ user: "nobody@x.example", businessUnit: "Contoso", roles: [] }] }] }), "unknown user 'nobody@x.example'"],
    [(s: Seed) => ({ ...s, orgs: [{ ...s.orgs[0]!, businessUnits: [{ name: "A" }, { name: "B", parent: "Z" }] }] }), "unknown parent business unit 'Z'"],
    [(s: Seed) => ({ ...s, orgs: [{ ...s.orgs[0]!, businessUnits: [{ name: "A" }, { name: "B" }] }] }), "exactly one root business unit"],
    [(s: Seed) => ({ ...s, orgs: [{ ...s.orgs[0]!, tenant: "elsewhere.example" }] }), "unknown tenant 'elsewhere.example'"],
  ])("refuses a seed whose names do not resolve (%#)", (change, message) => {
    expect(() => new Directory(change(demo()))).toThrow(message);
  });
});

test("stable ids are GUIDs that differ by name", () => {
  expect(isGuid(stableId("a"))).toBe(true);
  expect(stableId("a", "b")).toBe(stableId("a", "b"));
  expect(stableId("a", "b")).not.toBe(stableId("ab"));
});
