import type { TokenProvider, TokenRequestOptions } from "../../../src/core/ports";
import { createWebApiClient } from "../../../src/dataverse/services/web-api-client";
import { createOrgService } from "../../../src/dataverse/web-api-org-service";
import { startEmulator, type TestEmulator } from "../../support/emulator-harness";
import { countingSend, createNodeHttpSend } from "../../support/node-http-send";
import { createPasswordTokenProvider } from "../../support/password-token-provider";
import { ALEX, clearFaults, injectFaults, orgAddress, session } from "./fixture";
import { rejection } from "../../support/rejection";

// Tokens: scoped to the org they were issued for, refreshed once after a 401, never in a loop.

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(async () => emu.stop());
afterEach(async () => clearFaults(emu));

/** A provider that hands out a token the emulator rejects until `good` allows the real one. */
function flakyTokens(real: TokenProvider, good: (options: TokenRequestOptions) => boolean): TokenProvider & { asked: TokenRequestOptions[] } {
  const asked: TokenRequestOptions[] = [];
  return {
    asked,
    async getToken(resource, options = {}) {
      asked.push(options);
      const token = await real.getToken(resource, options);
      return good(options) ? token : `${token.slice(0, -6)}AAAAAA`; // a tampered signature
    },
    signOut: (resource) => real.signOut(resource),
  };
}

describe("token scoping: a token for resource R goes only to URLs below R", () => {
  test("a fabrikam URL through contoso's client is refused before sending, and no contoso token is asked for it", async () => {
    const wire = countingSend(createNodeHttpSend({ ca: emu.ca }));
    const tokens = createPasswordTokenProvider({ baseUrl: emu.url, ca: emu.ca, email: ALEX });
    const contoso = createWebApiClient(orgAddress(emu, "contoso"), { send: wire.send, tokens });
    const elsewhere = [
      `${emu.apiRoot("fabrikam")}WhoAmI`,
      `${emu.orgUrl("contoso")}/../fabrikam/api/data/v9.2/WhoAmI`,
      `${emu.orgUrl("contoso")}/%2e%2e/fabrikam/api/data/v9.2/WhoAmI`,
      `${emu.orgUrl("contoso")}%2F..%2Ffabrikam/api/data/v9.2/WhoAmI`,
      `${emu.orgUrl("contoso")}evil/api/data/v9.2/WhoAmI`,
      `${emu.url}/discovery/api/discovery/v2.0/Instances`,
      emu.url.replace("https://", "https://alex@") + "/contoso/api/data/v9.2/WhoAmI",
      emu.url.replace("https://", "http://") + "/contoso/api/data/v9.2/WhoAmI",
      "https://contoso.crm.dynamics.com/api/data/v9.2/WhoAmI",
    ];
    for (const url of elsewhere) {
      const error = await rejection(contoso.send({ method: "GET", url, headers: {} }));
      expect(error).toMatchObject({ kind: "invalidInput", messageKey: "dataverse.tokenScope" });
    }
    const batch = await rejection(contoso.batch([{ kind: "request", request: { method: "GET", url: `${emu.apiRoot("fabrikam")}WhoAmI` } }]));
    expect(batch.kind).toBe("invalidInput");
    expect(wire.count()).toBe(0);
    expect(tokens.asked).toEqual([]);

    await contoso.getJson("WhoAmI");
    expect(wire.count()).toBe(1);
    expect(tokens.asked).toEqual([{ resource: emu.orgUrl("contoso"), forceRefresh: false }]);
    expect(wire.requests[0]?.headers.Authorization).toMatch(/^Bearer /);
  });

  test("an org whose Web API root lies outside its resource cannot be built", async () => {
    const tokens = createPasswordTokenProvider({ baseUrl: emu.url, ca: emu.ca, email: ALEX });
    const mixed = { ...orgAddress(emu, "contoso"), webApiUrl: emu.apiRoot("fabrikam") };
    expect(() => createOrgService(mixed, { send: createNodeHttpSend({ ca: emu.ca }), tokens })).toThrow(expect.objectContaining({ kind: "invalidInput" }));
    expect(tokens.asked).toEqual([]);
  });

  test("each org's service asks only for its own resource", async () => {
    const contoso = session(emu, ALEX, "contoso");
    const fabrikam = session(emu, ALEX, "fabrikam");
    await contoso.service.whoAmI();
    await fabrikam.service.whoAmI();
    expect(new Set(contoso.tokens.asked.map((a) => a.resource))).toEqual(new Set([emu.orgUrl("contoso")]));
    expect(new Set(fabrikam.tokens.asked.map((a) => a.resource))).toEqual(new Set([emu.orgUrl("fabrikam")]));
  });
});

describe("401: one silent refresh, then needs sign-in", () => {
  test("a rejected token is refreshed once and the call succeeds", async () => {
    const real = createPasswordTokenProvider({ baseUrl: emu.url, ca: emu.ca, email: ALEX });
    const tokens = flakyTokens(real, (options) => options.forceRefresh === true);
    const wire = countingSend(createNodeHttpSend({ ca: emu.ca }));
    const service = createOrgService(orgAddress(emu, "contoso"), { send: wire.send, tokens });
    await expect(service.whoAmI()).resolves.toMatchObject({ userId: expect.any(String) });
    expect(wire.count()).toBe(2);
    expect(tokens.asked).toEqual([{}, { forceRefresh: true }]);
  });

  test("an injected 401 (once) is refreshed and the call succeeds", async () => {
    const alex = session(emu, ALEX);
    await alex.service.whoAmI();
    alex.wire.reset();
    await injectFaults(emu, [{ path: "/contoso/api/data/v9.2/WhoAmI", status: 401, count: 1 }]);
    await expect(alex.service.whoAmI()).resolves.toMatchObject({ userId: expect.any(String) });
    expect(alex.wire.count()).toBe(2);
    expect(alex.tokens.asked.filter((a) => a.forceRefresh)).toHaveLength(1);
  });

  test("a token that is always rejected ends in AppError auth after exactly 2 attempts", async () => {
    const real = createPasswordTokenProvider({ baseUrl: emu.url, ca: emu.ca, email: ALEX });
    const tokens = flakyTokens(real, () => false);
    const wire = countingSend(createNodeHttpSend({ ca: emu.ca }));
    const service = createOrgService(orgAddress(emu, "contoso"), { send: wire.send, tokens });
    const error = await rejection(service.whoAmI());
    expect(error).toMatchObject({ kind: "auth", status: 401, messageKey: "dataverse.needsSignIn" });
    expect(wire.count()).toBe(2);
    expect(tokens.asked).toEqual([{}, { forceRefresh: true }]);
  });

  test("a provider that cannot sign in silently stops the call before anything is sent", async () => {
    const wire = countingSend(createNodeHttpSend({ ca: emu.ca }));
    const tokens = createPasswordTokenProvider({ baseUrl: emu.url, ca: emu.ca, email: ALEX, password: "wrong" });
    const service = createOrgService(orgAddress(emu, "contoso"), { send: wire.send, tokens });
    const error = await rejection(service.whoAmI());
    expect(error.kind).toBe("auth");
    expect(wire.count()).toBe(0);
  });

  test("after sign-out the next call fetches a new token", async () => {
    const alex = session(emu, ALEX);
    await alex.service.whoAmI();
    await alex.service.whoAmI();
    expect(alex.tokens.fetched()).toBe(1);
    await alex.tokens.signOut(emu.orgUrl("contoso"));
    await alex.service.whoAmI();
    expect(alex.tokens.fetched()).toBe(2);
  });
});
