import net from "node:net";
import { AppError } from "../../../src/core/errors";
import { checkStatuses, connectOrg, statusesOnStart, type ConnectionDeps } from "../../../src/core/orgs/connection";
import { fromDiscovery } from "../../../src/core/orgs/discovered";
import { parseOrgUrl } from "../../../src/core/orgs/org-url";
import { OrgRegistry } from "../../../src/core/orgs/registry";
import type { Org, OrgAddress } from "../../../src/core/orgs/types";
import type { HttpSend, TokenProvider } from "../../../src/core/ports";
import { SettingsRepository } from "../../../src/core/settings";
import { createDiscoveryService, createOrgService } from "../../../src/dataverse";
import { startEmulator, type TestEmulator } from "../../support/emulator-harness";
import { MemorySettingsStore } from "../../support/memory-settings-store";
import { countingSend, createNodeHttpSend, type CountingSend } from "../../support/node-http-send";
import { createPasswordTokenProvider } from "../../support/password-token-provider";

// The organizations part of the service layer against the emulator over HTTPS: add by pasted URL
// and by Global Discovery, connect, check statuses in parallel, switch the synchronizing org.

let harness: TestEmulator;
let send: CountingSend;

const noWait = { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 1 };

function depsFor(tokens: TokenProvider, httpSend: HttpSend = send.send): ConnectionDeps {
  return { serviceFor: (address: OrgAddress) => createOrgService(address, { send: httpSend, tokens, retry: noWait, timeoutMs: 10_000 }) };
}

function tokensFor(email: string): ReturnType<typeof createPasswordTokenProvider> {
  return createPasswordTokenProvider({ baseUrl: harness.url, ca: harness.ca, email });
}

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

async function freshRegistry(): Promise<{ store: MemorySettingsStore; registry: OrgRegistry }> {
  const store = new MemorySettingsStore();
  const settings = new SettingsRepository(store);
  await settings.load();
  return { store, registry: new OrgRegistry(settings) };
}

beforeAll(async () => {
  harness = await startEmulator();
});

afterAll(async () => {
  await harness.stop();
});

beforeEach(() => {
  send = countingSend(createNodeHttpSend({ ca: harness.ca }));
});

describe("organizations against the emulator", () => {
  test("add by pasting the browser's address: connect gives the org's friendly name and the person's id", async () => {
    const pasted = `${harness.url}/contoso/main.aspx?appid=x&pagetype=entitylist`;
    const address = parseOrgUrl(pasted);
    expect(address).toMatchObject({ url: harness.orgUrl("contoso"), webApiUrl: harness.apiRoot("contoso"), resource: harness.orgUrl("contoso") });

    const tokens = tokensFor("alex.wu@contoso.example");
    const org = await connectOrg(address, depsFor(tokens));
    expect(org.friendlyName).toBe("Contoso Sales");
    expect(org.userId).toMatch(/^[0-9a-f-]{36}$/);
    expect(org.organizationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(tokens.asked.every((asked) => asked.resource === harness.orgUrl("contoso"))).toBe(true);
    expect(send.requests.filter((request) => request.url.startsWith(harness.apiRoot("contoso")))).toHaveLength(2);

    const { registry, store } = await freshRegistry();
    await registry.add(address, org);
    expect(registry.list()).toEqual({ orgs: [expect.objectContaining({ key: address.key, friendlyName: "Contoso Sales", userId: org.userId })], synchronizingKey: address.key });
    expect(store.content).toContain("Contoso Sales");
  });

  test("add from Global Discovery: Alex sees contoso and fabrikam, both connect, and a pasted duplicate stays one org", async () => {
    const tokens = tokensFor("alex.wu@contoso.example");
    const discovery = createDiscoveryService({ discoveryUrl: `${harness.url}/discovery`, send: send.send, tokens, retry: noWait });
    const instances = await discovery.instances();
    const addresses = instances.map(fromDiscovery);
    expect(addresses.map((address) => address.url).sort()).toEqual([harness.orgUrl("contoso"), harness.orgUrl("fabrikam")]);

    const deps = depsFor(tokens);
    const orgs = await Promise.all(addresses.map((address) => connectOrg(address, deps)));
    expect(orgs.map((org) => org.friendlyName).sort()).toEqual(["Contoso Sales", "Fabrikam Support"]);

    const { registry } = await freshRegistry();
    for (const org of orgs) await registry.add(org, org);
    const pasted = parseOrgUrl(`${harness.url}/Contoso/main.aspx?appid=x&pagetype=entitylist`);
    await registry.add(pasted, { friendlyName: "Contoso Sales" });
    expect(registry.list().orgs).toHaveLength(2);
    expect(registry.get(pasted.key)?.url).toBe(harness.orgUrl("contoso"));
    expect(registry.list().synchronizingKey).toBe(orgs[0]?.key);
  });

  test("statuses of every org are checked in parallel: connected, noAccess, needsSignIn, unreachable", async () => {
    const port = await closedPort();
    const contoso = parseOrgUrl(harness.orgUrl("contoso"));
    const fabrikam = parseOrgUrl(harness.orgUrl("fabrikam"));
    const notSignedIn = parseOrgUrl(`https://localhost:${port}/signedout`);
    const nowhere = parseOrgUrl(`https://localhost:${port}/contoso`);
    const refusing: TokenProvider = {
      getToken: async () => {
        throw new AppError("auth", "Sign-in is needed.", { messageKey: "auth.interactionRequired" });
      },
      signOut: async () => undefined,
    };
    // A token for a server that is not listening: the request never gets an answer.
    const holding: TokenProvider = { getToken: async () => "not-a-real-token", signOut: async () => undefined };
    const byOrg = new Map<string, ConnectionDeps>([
      [contoso.key, depsFor(tokensFor("alex.wu@contoso.example"))],
      [fabrikam.key, depsFor(tokensFor("dana.ruiz@contoso.example"))],
      [notSignedIn.key, depsFor(refusing)],
      [nowhere.key, depsFor(holding)],
    ]);
    const started: string[] = [];
    const deps: ConnectionDeps = {
      serviceFor: (address) => {
        started.push(address.key);
        const route = byOrg.get(address.key);
        if (!route) throw new Error(`unexpected org ${address.key}`);
        return route.serviceFor(address);
      },
    };
    const orgs = [contoso, fabrikam, notSignedIn, nowhere];
    const reported: string[] = [];
    const checking = checkStatuses(orgs, deps, { onStatus: (key) => reported.push(key) });
    expect(started).toEqual(orgs.map((org) => org.key));
    expect(reported).toEqual([]);
    const statuses = await checking;
    expect(Object.fromEntries(statuses)).toEqual({
      [contoso.key]: "connected",
      [fabrikam.key]: "noAccess",
      [notSignedIn.key]: "needsSignIn",
      [nowhere.key]: "unreachable",
    });
    expect(reported.sort()).toEqual(orgs.map((org) => org.key).sort());
    expect(send.requests.some((request) => request.url.includes("/signedout/"))).toBe(false);
  });

  test("a token the org refuses (401) becomes needsSignIn after one refresh, not a loop", async () => {
    const contoso = parseOrgUrl(harness.orgUrl("contoso"));
    let asked = 0;
    const stale: TokenProvider = {
      getToken: async () => {
        asked++;
        return "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";
      },
      signOut: async () => undefined,
    };
    const statuses = await checkStatuses([contoso], depsFor(stale));
    expect(statuses.get(contoso.key)).toBe("needsSignIn");
    expect(asked).toBe(2);
    expect(send.requests.filter((request) => request.url.endsWith("/WhoAmI"))).toHaveLength(2);
  });

  test("Dana connecting to fabrikam, where she is not a member, is refused with forbidden (403)", async () => {
    const error = await connectOrg(parseOrgUrl(harness.orgUrl("fabrikam")), depsFor(tokensFor("dana.ruiz@contoso.example"))).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ kind: "forbidden", status: 403 });
  });

  test("with Connect automatically off, starting makes no request at all", async () => {
    const orgs = [parseOrgUrl(harness.orgUrl("contoso")), parseOrgUrl(harness.orgUrl("fabrikam"))];
    const tokens = tokensFor("alex.wu@contoso.example");
    const statuses = await statusesOnStart(orgs, false, depsFor(tokens));
    expect([...statuses.values()]).toEqual(["notChecked", "notChecked"]);
    expect(send.count()).toBe(0);
    expect(tokens.fetched()).toBe(0);
    const connected = await statusesOnStart(orgs, true, depsFor(tokens));
    expect([...connected.values()]).toEqual(["connected", "connected"]);
  });

  test("switching the synchronizing org: Cancel keeps it, OK changes it, and the choice is saved", async () => {
    const tokens = tokensFor("alex.wu@contoso.example");
    const deps = depsFor(tokens);
    const { registry, store } = await freshRegistry();
    const contoso = await connectOrg(parseOrgUrl(harness.orgUrl("contoso")), deps);
    const fabrikam = await connectOrg(parseOrgUrl(harness.orgUrl("fabrikam")), deps);
    await registry.add(contoso, contoso);
    await registry.add(fabrikam, fabrikam);
    expect(registry.synchronizing()?.friendlyName).toBe("Contoso Sales");

    const prompts: string[] = [];
    const answer =
      (ok: boolean) =>
      async (from: Org, to: Org): Promise<boolean> => {
        prompts.push(`Change your synchronizing or primary organization from ${from.friendlyName} to ${to.friendlyName}?`);
        return ok;
      };
    expect(await registry.setSynchronizing(fabrikam.key, answer(false))).toBe(false);
    expect(registry.synchronizing()?.friendlyName).toBe("Contoso Sales");
    expect(await registry.setSynchronizing(fabrikam.key, answer(true))).toBe(true);
    expect(registry.synchronizing()?.friendlyName).toBe("Fabrikam Support");
    expect(prompts).toEqual([
      "Change your synchronizing or primary organization from Contoso Sales to Fabrikam Support?",
      "Change your synchronizing or primary organization from Contoso Sales to Fabrikam Support?",
    ]);

    const restarted = new SettingsRepository(new MemorySettingsStore(store.content));
    await restarted.load();
    expect(new OrgRegistry(restarted).synchronizing()?.key).toBe(fabrikam.key);
  });
});
