import { startEmulator, type TestEmulator } from "../../support/emulator-harness";

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(async () => emu.stop());

const preflight = (path: string, origin: string) =>
  emu.request(path, { method: "OPTIONS", headers: { Origin: origin, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization,content-type" } });

describe("CORS answers only the origins of registered client apps", () => {
  test.each([
    ["the add-in's registered origin", "https://localhost:3000", true],
    ["a registered loopback app on another port (a test web server)", "https://localhost:41234", true],
    ["another site", "https://evil.example", false],
    ["a look-alike of the registered origin", "https://localhost.evil.example:3000", false],
    ["plain http for an https registration", "http://localhost:3000", false],
  ])("%s", async (_label, origin, allowed) => {
    const pre = await preflight("/contoso/api/data/v9.2/WhoAmI", origin);
    const token = await emu.request("/organizations/oauth2/v2.0/token", { method: "POST", headers: { Origin: origin, "Content-Type": "application/x-www-form-urlencoded" }, body: "grant_type=password" });
    if (allowed) {
      expect(pre.status).toBe(204);
      expect(pre.headers["access-control-allow-origin"]).toBe(origin);
      expect(pre.headers["access-control-allow-headers"]).toMatch(/Authorization/);
      expect(token.headers["access-control-allow-origin"]).toBe(origin);
    } else {
      expect(pre.status).toBe(403);
      expect(pre.headers["access-control-allow-origin"]).toBeUndefined();
      expect(token.headers["access-control-allow-origin"]).toBeUndefined();
    }
  });
});
