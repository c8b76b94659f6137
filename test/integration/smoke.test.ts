import { startEmulator, type TestEmulator } from "../support/emulator-harness";

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(async () => emu.stop());

test("the emulator answers its home page over HTTPS with the seeded orgs", async () => {
  const res = await emu.request("/");
  expect(res.status).toBe(200);
  expect(res.json<{ orgs: { url: string }[] }>().orgs.map((o) => o.url)).toEqual([emu.orgUrl("contoso"), emu.orgUrl("fabrikam")]);
});

test("a Web API call without a token is refused with a bearer challenge", async () => {
  const res = await emu.request("/contoso/api/data/v9.2/WhoAmI");
  expect(res.status).toBe(401);
  expect(res.headers["www-authenticate"]).toMatch(/^Bearer authorization_uri=https:\/\/localhost:\d+\/[0-9a-f-]+\/oauth2\/authorize, resource_id=https:\/\/localhost:\d+\/contoso\/$/);
  expect(res.json<{ error: { code: string } }>().error.code).toBe("0x80044302");
});
