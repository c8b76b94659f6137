import { generateKeyPairSync, sign } from "node:crypto";
import { DEMO_PASSWORD, startEmulator, TEST_CLIENT_ID, type TestEmulator } from "../../support/emulator-harness";
import type { HttpResult } from "../../support/https-client";

const TENANT_ID = "5d1f7a9e-3c4b-4e8a-9f21-6b0c2d7e8a11";
const ALEX = "alex.wu@contoso.example";
const WHO_AM_I = "/contoso/api/data/v9.2/WhoAmI";

interface ODataErrorBody {
  error: { code: string; message: string };
}

function expectChallenge(res: HttpResult, emu: TestEmulator, org: string, code: string): void {
  expect(res.status).toBe(401);
  expect(res.headers["www-authenticate"]).toBe(`Bearer authorization_uri=${emu.url}/${TENANT_ID}/oauth2/authorize, resource_id=${emu.orgUrl(org)}/`);
  expect(res.headers["content-type"]).toMatch(/^application\/json/);
  const body = res.json<ODataErrorBody>();
  expect(body.error.code).toBe(code);
  expect(body.error.message).toEqual(expect.any(String));
}

/** Re-signs a genuine token's header and claims with a key this server never saw. */
function resignWithForeignKey(token: string): string {
  const [h, p] = token.split(".") as [string, string, string];
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return `${h}.${p}.${sign("sha256", Buffer.from(`${h}.${p}`), privateKey).toString("base64url")}`;
}

describe("Web API authentication", () => {
  let emu: TestEmulator;
  beforeAll(async () => {
    emu = await startEmulator();
  });
  afterAll(async () => emu.stop());

  test("no token → 401 with the bearer challenge and an OData error body", async () => {
    expectChallenge(await emu.request(WHO_AM_I), emu, "contoso", "0x80044302");
  });

  test("a malformed token → 401", async () => {
    expectChallenge(await emu.request(WHO_AM_I, { token: "not-a-jwt" }), emu, "contoso", "0x80040277");
  });

  test("a token for another org (fabrikam's on contoso) → 401", async () => {
    const token = await emu.tokenFor(ALEX, emu.orgUrl("fabrikam"));
    expectChallenge(await emu.request(WHO_AM_I, { token }), emu, "contoso", "0x80040277");
  });

  test("a discovery token on an org → 401", async () => {
    const token = await emu.tokenFor(ALEX, `${emu.url}/discovery`);
    expectChallenge(await emu.request(WHO_AM_I, { token }), emu, "contoso", "0x80040277");
  });

  test("an id_token instead of an access token → 401", async () => {
    const res = await emu.request("/organizations/oauth2/v2.0/token", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ client_id: TEST_CLIENT_ID, grant_type: "password", username: ALEX, password: DEMO_PASSWORD, scope: `${emu.orgUrl("contoso")}/.default openid` }).toString(),
    });
    const idToken = res.json<{ id_token: string }>().id_token;
    expectChallenge(await emu.request(WHO_AM_I, { token: idToken }), emu, "contoso", "0x80040277");
  });

  test("a token with a signature from another key → 401", async () => {
    const token = await emu.tokenFor(ALEX, emu.orgUrl("contoso"));
    const res = await emu.request(WHO_AM_I, { token: resignWithForeignKey(token) });
    expectChallenge(res, emu, "contoso", "0x80040277");
    expect(res.json<ODataErrorBody>().error.message).toMatch(/signature/);
  });

  test.each(["casey.kim@contoso.example", "dana.ruiz@contoso.example"])("%s, who is not a member of fabrikam → 403", async (email) => {
    const token = await emu.tokenFor(email, emu.orgUrl("fabrikam"));
    const res = await emu.request("/fabrikam/api/data/v9.2/WhoAmI", { token });
    expect(res.status).toBe(403);
    expect(res.json<ODataErrorBody>().error).toEqual({ code: "0x80072560", message: "The user is not a member of the organization." });
  });

  test.each([
    [ALEX, "contoso"],
    [ALEX, "fabrikam"],
    ["riley.fox@contoso.example", "fabrikam"],
  ])("a valid token of a member (%s on %s) is let through", async (email, org) => {
    const token = await emu.tokenFor(email, emu.orgUrl(org));
    const res = await emu.request(`/${org}/api/data/v9.2/WhoAmI`, { token });
    // WhoAmI itself belongs to another module; authentication must not be what answers.
    expect(res.status).not.toBe(401);
    expect(res.status).not.toBe(403);
  });
});

describe("Web API authentication over time", () => {
  let emu: TestEmulator;
  let clock = Date.parse("2030-06-01T12:00:00Z");
  beforeAll(async () => {
    emu = await startEmulator({ now: () => clock });
  });
  afterAll(async () => emu.stop());

  test("an expired token → 401 AccessTokenExpired", async () => {
    const token = await emu.tokenFor(ALEX, emu.orgUrl("contoso"));
    const fresh = await emu.request(WHO_AM_I, { token });
    expect(fresh.status).not.toBe(401);
    clock += 3601 * 1000;
    expectChallenge(await emu.request(WHO_AM_I, { token }), emu, "contoso", "0x8005f101");
  });
});
