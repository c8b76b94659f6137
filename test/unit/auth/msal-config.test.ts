import { BrowserCacheLocation, LogLevel, ProtocolMode } from "@azure/msal-browser";
import { buildMsalConfiguration, isMicrosoftAuthority, type AuthConfig } from "../../../src/auth/msal-config";

const EMULATOR: AuthConfig = {
  clientId: "6c1f2a3b-0000-4000-8000-000000000001",
  authority: "https://localhost:5555/organizations",
  redirectUri: "https://localhost:3000/auth-redirect.html",
  saveCredentials: true,
};

describe("the MSAL configuration", () => {
  test("'Save my credentials on this device' keeps the token cache in localStorage; off keeps it for the session", () => {
    expect(buildMsalConfiguration(EMULATOR).cache?.cacheLocation).toBe(BrowserCacheLocation.LocalStorage);
    expect(buildMsalConfiguration({ ...EMULATOR, saveCredentials: false }).cache?.cacheLocation).toBe(BrowserCacheLocation.SessionStorage);
  });

  test("a non-Microsoft authority (the emulator) uses OIDC mode under system, with its host:port as known authority", () => {
    const configuration = buildMsalConfiguration(EMULATOR);
    expect(configuration.system?.protocolMode).toBe(ProtocolMode.OIDC);
    expect(configuration.auth).toEqual({
      clientId: EMULATOR.clientId,
      authority: "https://localhost:5555/organizations",
      redirectUri: EMULATOR.redirectUri,
      knownAuthorities: ["localhost:5555"],
    });
    expect((configuration.auth as Record<string, unknown>).protocolMode).toBeUndefined();
  });

  test("Microsoft Entra uses AAD mode and no known authorities unless given; metadata is passed through", () => {
    const configuration = buildMsalConfiguration({
      ...EMULATOR,
      authority: "https://login.microsoftonline.com/contoso.onmicrosoft.com/",
      authorityMetadata: '{"issuer":"x"}',
    });
    expect(configuration.system?.protocolMode).toBe(ProtocolMode.AAD);
    expect(configuration.auth.knownAuthorities).toBeUndefined();
    expect(configuration.auth.authority).toBe("https://login.microsoftonline.com/contoso.onmicrosoft.com");
    expect(configuration.auth.authorityMetadata).toBe('{"issuer":"x"}');
    expect(isMicrosoftAuthority("https://login.microsoftonline.us/tenant")).toBe(true);
    expect(isMicrosoftAuthority("https://login.microsoftonline.com.evil.example/tenant")).toBe(false);
  });

  test("log lines that contain personal data never reach the sink; PII logging is off", () => {
    const lines: string[] = [];
    const configuration = buildMsalConfiguration(EMULATOR, (level, message) => lines.push(`${level}:${message}`));
    const logger = configuration.system?.loggerOptions;
    expect(logger?.piiLoggingEnabled).toBe(false);
    logger?.loggerCallback?.(LogLevel.Warning, "token for alex.wu@contoso.example", true);
    logger?.loggerCallback?.(LogLevel.Warning, "cache miss", false);
    logger?.loggerCallback?.(LogLevel.Error, "network failed", false);
    expect(lines).toEqual(["warning:cache miss", "error:network failed"]);
  });

  test.each([
    [{ authority: "http://localhost:5555/organizations" }, "authority"],
    [{ authority: "https://user:pw@localhost:5555/organizations" }, "authority"],
    [{ authority: "https://localhost:5555/organizations#x" }, "authority"],
    [{ authority: "localhost:5555" }, "authority"],
    [{ redirectUri: "http://addin.contoso.example/auth-redirect.html" }, "redirectUri"],
    [{ clientId: " " }, "clientId"],
  ])("refuses %j", (override, field) => {
    expect(() => buildMsalConfiguration({ ...EMULATOR, ...override })).toThrow(expect.objectContaining({ kind: "invalidInput", messageKey: "auth.badConfiguration", values: { field } }));
  });

  test("a loopback redirect URI may be plain http, as Entra allows", () => {
    expect(buildMsalConfiguration({ ...EMULATOR, redirectUri: "http://localhost:3000/auth-redirect.html" }).auth.redirectUri).toBe("http://localhost:3000/auth-redirect.html");
  });
});
