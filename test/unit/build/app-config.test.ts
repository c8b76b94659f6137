import { AppError } from "../../../src/core/errors";
import { loadAppConfig, parseAppConfig, type FetchConfig } from "../../../src/config/app-config";
import { addinClientId, configFromEnvironment, emulatorConfig, organizationConfig } from "../../../scripts/app-config-file";
import { DEMO_SEED_FILE, readSeedFile } from "../../../emulator/src/seed/validate";

const CONFIG_URL = "https://orgtrack.contoso.example/addin/config.json";

function errorOf(action: () => unknown): AppError {
  try {
    action();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected an AppError");
}

describe("parseAppConfig", () => {
  test("a complete file gives the configuration with the add-in's page URLs next to config.json", () => {
    const config = parseAppConfig(
      {
        version: 1,
        clientId: " 8f3b6d2a-71c4-4f0e-9b5a-2c6e1d4f7a90 ",
        authority: "https://localhost:5555/organizations/",
        knownAuthorities: ["localhost:5555"],
        discoveryUrl: "https://localhost:5555/discovery",
        orgUrls: ["https://contoso.crm4.dynamics.com/main.aspx?appid=1"],
      },
      CONFIG_URL,
    );
    expect(config).toEqual({
      clientId: "8f3b6d2a-71c4-4f0e-9b5a-2c6e1d4f7a90",
      authority: "https://localhost:5555/organizations",
      knownAuthorities: ["localhost:5555"],
      discoveryUrl: "https://localhost:5555/discovery",
      orgUrls: ["https://contoso.crm4.dynamics.com/main.aspx?appid=1"],
      redirectUri: "https://orgtrack.contoso.example/addin/auth-redirect.html",
      signInDialogUrl: "https://orgtrack.contoso.example/addin/sign-in-dialog.html",
    });
  });

  test("discovery and org URLs are optional; null discovery means no online list", () => {
    const config = parseAppConfig({ version: 1, clientId: "id", authority: "https://login.microsoftonline.com/organizations", discoveryUrl: null }, CONFIG_URL);
    expect(config.discoveryUrl).toBeUndefined();
    expect(config.orgUrls).toEqual([]);
    expect(config.knownAuthorities).toBeUndefined();
  });

  test.each([
    [[], "(file)"],
    [{ clientId: "id", authority: "https://login.microsoftonline.com/x" }, "version"],
    [{ version: 1, authority: "https://login.microsoftonline.com/x" }, "clientId"],
    [{ version: 1, clientId: "id" }, "authority"],
    [{ version: 1, clientId: "id", authority: "http://login.microsoftonline.com/x" }, "authority"],
    [{ version: 1, clientId: "id", authority: "https://login.microsoftonline.com/x?p=1" }, "authority"],
    [{ version: 1, clientId: "id", authority: "https://a.example", knownAuthorities: ["https://a.example"] }, "knownAuthorities"],
    [{ version: 1, clientId: "id", authority: "https://a.example", discoveryUrl: "globaldisco" }, "discoveryUrl"],
    [{ version: 1, clientId: "id", authority: "https://a.example", orgUrls: ["http://contoso.crm.dynamics.com"] }, "orgUrls"],
  ])("%j is refused naming %s", (json, field) => {
    const error = errorOf(() => parseAppConfig(json, CONFIG_URL));
    expect(error.kind).toBe("invalidInput");
    expect(error.messageKey).toBe("config.invalid");
    expect(error.values).toEqual({ field });
  });
});

describe("loadAppConfig", () => {
  const file = { version: 1, clientId: "id", authority: "https://login.microsoftonline.com/organizations" };
  const answer =
    (status: number, body: () => Promise<unknown>): FetchConfig =>
    async () => ({ ok: status >= 200 && status < 300, status, json: body });

  test("fetches config.json without a cache and resolves the pages against it", async () => {
    const calls: [string, unknown][] = [];
    const config = await loadAppConfig({
      url: CONFIG_URL,
      fetch: async (url, init) => {
        calls.push([url, init]);
        return { ok: true, status: 200, json: async () => file };
      },
    });
    expect(calls).toEqual([[CONFIG_URL, { cache: "no-store", credentials: "same-origin" }]]);
    expect(config.redirectUri).toBe("https://orgtrack.contoso.example/addin/auth-redirect.html");
  });

  test("no config.json on the server is notFound", async () => {
    await expect(loadAppConfig({ url: CONFIG_URL, fetch: answer(404, async () => ({})) })).rejects.toMatchObject({ kind: "notFound", messageKey: "config.missing" });
  });

  test("a network failure or a server error is offline", async () => {
    const failing: FetchConfig = async () => {
      throw new TypeError("Failed to fetch");
    };
    await expect(loadAppConfig({ url: CONFIG_URL, fetch: failing })).rejects.toMatchObject({ kind: "offline", messageKey: "config.unreachable" });
    await expect(loadAppConfig({ url: CONFIG_URL, fetch: answer(503, async () => ({})) })).rejects.toMatchObject({ kind: "offline", status: 503 });
  });

  test("a file that is not JSON is invalid", async () => {
    const notJson = answer(200, async () => {
      throw new SyntaxError("Unexpected token <");
    });
    await expect(loadAppConfig({ url: CONFIG_URL, fetch: notJson })).rejects.toMatchObject({ kind: "invalidInput", messageKey: "config.invalid" });
  });
});

describe("the config files the scripts write", () => {
  const seed = readSeedFile(DEMO_SEED_FILE);

  test("npm start's emulator configuration uses the seed's add-in registration and the emulator's identity and discovery", () => {
    const file = emulatorConfig("https://localhost:5555", addinClientId(seed));
    expect(file).toEqual({
      version: 1,
      clientId: "8f3b6d2a-71c4-4f0e-9b5a-2c6e1d4f7a90",
      authority: "https://localhost:5555/organizations",
      knownAuthorities: ["localhost:5555"],
      discoveryUrl: "https://localhost:5555/discovery",
    });
    expect(parseAppConfig(file, "https://localhost:3000/config.json").authority).toBe(file.authority);
  });

  test("the seed's registration of the add-in allows the pages npm start serves", () => {
    const client = seed.clients.find((candidate) => candidate.clientId === addinClientId(seed));
    expect(client?.redirectUris).toContain("https://localhost:3000/auth-redirect.html");
    expect(() => addinClientId({ ...seed, clients: [] })).toThrow(/no client named "OrgTrack for Outlook"/);
  });

  test("--org configuration signs in with Microsoft Entra ID and offers the org as pasted", () => {
    const file = organizationConfig({ clientId: "app-id", tenant: "contoso.onmicrosoft.com", orgUrl: "https://contoso.crm4.dynamics.com/main.aspx?appid=42" });
    expect(file).toEqual({
      version: 1,
      clientId: "app-id",
      authority: "https://login.microsoftonline.com/contoso.onmicrosoft.com",
      discoveryUrl: "https://globaldisco.crm.dynamics.com",
      orgUrls: ["https://contoso.crm4.dynamics.com/main.aspx?appid=42"],
    });
    expect(parseAppConfig(file, "https://localhost:3000/config.json").orgUrls).toEqual(file.orgUrls);
    expect(organizationConfig({ clientId: "app-id" }).authority).toBe("https://login.microsoftonline.com/organizations");
  });

  test("npm run build's configuration comes from ADDIN_* variables, and there is none without a client id", () => {
    expect(configFromEnvironment({})).toBeUndefined();
    expect(configFromEnvironment({ ADDIN_CLIENT_ID: "app-id", ADDIN_TENANT: "tenant-id" })).toEqual({
      version: 1,
      clientId: "app-id",
      authority: "https://login.microsoftonline.com/tenant-id",
      discoveryUrl: "https://globaldisco.crm.dynamics.com",
    });
    expect(configFromEnvironment({ ADDIN_CLIENT_ID: "app-id", ADDIN_AUTHORITY: "https://sts.contoso.example/adfs", ADDIN_DISCOVERY_URL: "none", ADDIN_ORG_URLS: "https://crm.contoso.example/Sales, https://crm.contoso.example/Support" })).toEqual({
      version: 1,
      clientId: "app-id",
      authority: "https://sts.contoso.example/adfs",
      knownAuthorities: ["sts.contoso.example"],
      discoveryUrl: null,
      orgUrls: ["https://crm.contoso.example/Sales", "https://crm.contoso.example/Support"],
    });
    expect(() => configFromEnvironment({ ADDIN_CLIENT_ID: "app-id", ADDIN_AUTHORITY: "http://sts.contoso.example" })).toThrow(/ADDIN_AUTHORITY must use https/);
  });
});
