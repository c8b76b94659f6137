import { createDiscoveryService } from "../../../src/dataverse/discovery-service";
import { startEmulator, type TestEmulator } from "../../support/emulator-harness";
import { countingSend, createNodeHttpSend } from "../../support/node-http-send";
import { createPasswordTokenProvider } from "../../support/password-token-provider";
import { ALEX, CASEY } from "./fixture";

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(async () => emu.stop());

function discoveryFor(email: string) {
  const wire = countingSend(createNodeHttpSend({ ca: emu.ca }));
  const tokens = createPasswordTokenProvider({ baseUrl: emu.url, ca: emu.ca, email });
  return { wire, tokens, service: createDiscoveryService({ discoveryUrl: `${emu.url}/discovery`, send: wire.send, tokens }) };
}

test("Global Discovery lists Alex's two orgs with a token for the discovery resource only", async () => {
  const { wire, tokens, service } = discoveryFor(ALEX);
  const orgs = await service.instances();
  expect(orgs.map((o) => o.urlName).sort()).toEqual(["contoso", "fabrikam"]);
  const contoso = orgs.find((o) => o.urlName === "contoso");
  expect(contoso).toEqual({
    url: emu.orgUrl("contoso"),
    apiUrl: emu.orgUrl("contoso"),
    friendlyName: "Contoso Sales",
    uniqueName: expect.any(String),
    urlName: "contoso",
    version: expect.stringMatching(/^9\.2\./),
    state: "enabled",
  });
  expect(wire.count()).toBe(1);
  expect(wire.requests[0]?.url).toContain("/discovery/api/discovery/v2.0/Instances?$select=");
  expect(tokens.asked.map((a) => a.resource)).toEqual([`${emu.url}/discovery`]);
});

test("Casey is a member of contoso only", async () => {
  const { service } = discoveryFor(CASEY);
  await expect(service.instances()).resolves.toEqual([expect.objectContaining({ urlName: "contoso", friendlyName: "Contoso Sales" })]);
});
