import { startEmulator, type TestEmulator } from "../../support/emulator-harness";
import type { HttpResult } from "../../support/https-client";

const TENANT_ID = "5d1f7a9e-3c4b-4e8a-9f21-6b0c2d7e8a11";
const INSTANCES = "/discovery/api/discovery/v2.0/Instances";
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

type Instance = Record<string, unknown>;
interface Collection {
  "@odata.context": string;
  value: Instance[];
}

describe("Global Discovery", () => {
  let emu: TestEmulator;
  const tokenOf = (email: string): Promise<string> => emu.tokenFor(email, `${emu.url}/discovery`);
  const get = async (path: string, email = "alex.wu@contoso.example"): Promise<HttpResult> => emu.request(path, { token: await tokenOf(email) });
  const urlNames = (res: HttpResult): string[] => res.json<Collection>().value.map((i) => i.UrlName as string).sort();

  beforeAll(async () => {
    emu = await startEmulator();
  });
  afterAll(async () => emu.stop());

  test.each([
    ["alex.wu@contoso.example", ["contoso", "fabrikam"]],
    ["morgan.lee@contoso.example", ["contoso", "fabrikam"]],
    ["dana.ruiz@contoso.example", ["contoso"]],
    ["casey.kim@contoso.example", ["contoso"]],
    ["riley.fox@contoso.example", ["fabrikam"]],
  ])("%s sees exactly their orgs", async (email, orgs) => {
    const res = await get(INSTANCES, email);
    expect(res.status).toBe(200);
    expect(urlNames(res)).toEqual(orgs);
  });

  test("an instance has every documented field, pointing back at this server", async () => {
    const res = await get(INSTANCES);
    expect(res.headers["content-type"]).toBe("application/json; odata.metadata=minimal");
    expect(res.headers["odata-version"]).toBe("4.0");
    const body = res.json<Collection>();
    expect(body["@odata.context"]).toBe(`${emu.url}/discovery/api/discovery/v2.0/$metadata#Instances`);
    const contoso = body.value.find((i) => i.UrlName === "contoso");
    expect(contoso).toEqual({
      Id: expect.stringMatching(GUID),
      UniqueName: expect.stringMatching(/^unq[0-9a-f]{29}$/),
      UrlName: "contoso",
      FriendlyName: "Contoso Sales",
      State: 0,
      Version: expect.stringMatching(/^9\.2\./),
      Url: emu.orgUrl("contoso"),
      ApiUrl: emu.orgUrl("contoso"),
      LastUpdated: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      Region: "NA",
      Purpose: "",
      EnvironmentId: expect.stringMatching(GUID),
      TenantId: TENANT_ID,
      DatacenterId: expect.any(String),
      DatacenterName: null,
      IsUserSysAdmin: false,
      OrganizationType: 0,
      SchemaType: expect.any(String),
      StatusMessage: 6,
      TrialExpirationDate: null,
    });
    expect(contoso?.UniqueName).toBe(`unq${(contoso?.Id as string).replace(/-/g, "").slice(0, 29)}`);
  });

  test("$select returns only the chosen properties", async () => {
    const res = await get(`${INSTANCES}?$select=ApiUrl,FriendlyName`);
    expect(res.status).toBe(200);
    const body = res.json<Collection>();
    expect(body["@odata.context"]).toMatch(/\$metadata#Instances\(ApiUrl,FriendlyName\)$/);
    expect(body.value).toEqual([
      { ApiUrl: emu.orgUrl("contoso"), FriendlyName: "Contoso Sales" },
      { ApiUrl: emu.orgUrl("fabrikam"), FriendlyName: expect.any(String) },
    ]);
  });

  test("$select of an unknown property is a 400 OData error", async () => {
    const res = await get(`${INSTANCES}?$select=Nope`);
    expect(res.status).toBe(400);
    expect(res.json<{ error: { message: string } }>().error.message).toMatch(/Could not find a property named 'Nope'/);
  });

  test.each([
    ["UrlName eq 'contoso'", ["contoso"]],
    ["UrlName eq 'Contoso'", []],
    ["UrlName ne 'contoso'", ["fabrikam"]],
    ["startswith(FriendlyName,'Contoso')", ["contoso"]],
    ["contains(FriendlyName,'contoso')", []],
    ["endswith(UrlName,'kam') or UrlName eq 'contoso'", ["contoso", "fabrikam"]],
    ["not (UrlName eq 'contoso')", ["fabrikam"]],
    ["State eq 0 and Region eq 'NA'", ["contoso"]],
    ["Region eq 'NA' or Region eq 'EUR'", ["contoso", "fabrikam"]],
    [`TenantId eq ${TENANT_ID}`, ["contoso", "fabrikam"]],
    ["IsUserSysAdmin eq true", []],
    ["TrialExpirationDate eq null", ["contoso", "fabrikam"]],
  ])("$filter=%s (case-sensitive, as in Global Discovery)", async (filter, orgs) => {
    const res = await get(`${INSTANCES}?$filter=${encodeURIComponent(filter)}`);
    expect(res.status).toBe(200);
    expect(urlNames(res)).toEqual(orgs);
  });

  test.each(["UrlName eq", "Nope eq 'x'", "State eq 'zero'", "UrlName eq 'x' and"])("$filter=%s is a 400 OData error", async (filter) => {
    const res = await get(`${INSTANCES}?$filter=${encodeURIComponent(filter)}`);
    expect(res.status).toBe(400);
    expect(res.json<{ error: { code: string; message: string } }>().error.message).toEqual(expect.any(String));
  });

  test("an unsupported query option is refused", async () => {
    expect((await get(`${INSTANCES}?$top=1`)).status).toBe(400);
  });

  test("key syntax returns a collection: by Id, by UniqueName, by Region, by State", async () => {
    const all = (await get(INSTANCES)).json<Collection>().value;
    const contoso = all.find((i) => i.UrlName === "contoso") as Instance;
    const byId = await get(`${INSTANCES}(${contoso.Id as string})`);
    expect(byId.status).toBe(200);
    expect(urlNames(byId)).toEqual(["contoso"]);
    const byName = await get(`${INSTANCES}(UniqueName='${contoso.UniqueName as string}')`);
    expect(urlNames(byName)).toEqual(["contoso"]);
    expect(urlNames(await get(`${INSTANCES}(Region='EUR')`))).toEqual(["fabrikam"]);
    expect(urlNames(await get(`${INSTANCES}(State=0)`))).toEqual(["contoso", "fabrikam"]);
  });

  test("key syntax never reveals an org the caller is not a member of", async () => {
    const all = (await get(INSTANCES)).json<Collection>().value;
    const fabrikam = all.find((i) => i.UrlName === "fabrikam") as Instance;
    const res = await get(`${INSTANCES}(${fabrikam.Id as string})`, "dana.ruiz@contoso.example");
    expect(res.status).toBe(200);
    expect(res.json<Collection>().value).toEqual([]);
  });

  test("the service document lists Instances; $metadata describes Instance", async () => {
    const doc = await get("/discovery/api/discovery/v2.0/");
    expect(doc.status).toBe(200);
    expect(doc.json<Collection>().value).toEqual([{ name: "Instances", kind: "EntitySet", url: "Instances" }]);
    const metadata = await get("/discovery/api/discovery/v2.0/$metadata");
    expect(metadata.status).toBe(200);
    expect(metadata.text).toContain('<EntityType Name="Instance">');
    expect(metadata.text).toContain('<EntitySet Name="Instances"');
  });

  test("a call without a token gets the bearer challenge for the discovery resource", async () => {
    const res = await emu.request(INSTANCES);
    expect(res.status).toBe(401);
    expect(res.headers["www-authenticate"]).toBe(`Bearer authorization_uri=${emu.url}/common/oauth2/authorize, resource_id=${emu.url}/discovery/`);
    expect(res.json<{ error: { code: string } }>().error.code).toBe("0x80044302");
  });

  test("a token for an org resource is refused", async () => {
    const token = await emu.tokenFor("alex.wu@contoso.example", emu.orgUrl("contoso"));
    const res = await emu.request(INSTANCES, { token });
    expect(res.status).toBe(401);
    expect(res.headers["www-authenticate"]).toContain(`resource_id=${emu.url}/discovery/`);
    expect(res.json<{ error: { message: string } }>().error.message).toMatch(/audience/);
  });

  test("only GET is allowed", async () => {
    const res = await emu.request(INSTANCES, { method: "POST", token: await tokenOf("alex.wu@contoso.example"), body: {} });
    expect(res.status).toBe(405);
  });
});
