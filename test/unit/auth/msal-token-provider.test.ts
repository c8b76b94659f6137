import { BrowserAuthError, ClientAuthError, type IPublicClientApplication } from "@azure/msal-browser";
import { createMsalTokenProvider, type MsalTokenProviderDeps, type PcaLike } from "../../../src/auth/msal-token-provider";
import type { AuthConfig } from "../../../src/auth/msal-config";
import { memoryFlagStorage } from "../../../src/auth/signed-out-resources";
import { FAKE_ACCOUNT, FakePca } from "./fake-pca";

// The real MSAL client must satisfy the subset the provider uses.
const realClientFits = (pca: IPublicClientApplication): PcaLike => pca;
void realClientFits;

const CONFIG: AuthConfig = {
  clientId: "6c1f2a3b-0000-4000-8000-000000000001",
  authority: "https://localhost:5555/organizations",
  redirectUri: "https://localhost:3000/auth-redirect.html",
  saveCredentials: true,
};
const CONTOSO = "https://localhost:5555/contoso";
const FABRIKAM = "https://localhost:5555/fabrikam";

function setup(pca = new FakePca(true), deps: Partial<MsalTokenProviderDeps> = {}) {
  if (pca.getAllAccounts().length > 0) pca.setActiveAccount(FAKE_ACCOUNT);
  return { pca, provider: createMsalTokenProvider(CONFIG, { pca, ...deps }) };
}

describe("the MSAL TokenProvider", () => {
  test("silent first: a token for <resource>/.default with the active account, no prompt", async () => {
    const { pca, provider } = setup();
    const token = await provider.getToken(CONTOSO);
    expect(token).toBe("token-1-for-https://localhost:5555/contoso/.default");
    expect(pca.silentRequests).toEqual([{ scopes: [`${CONTOSO}/.default`], forceRefresh: false, account: FAKE_ACCOUNT }]);
    expect(pca.popupRequests).toEqual([]);
    expect(await provider.getToken(CONTOSO)).toBe(token);
  });

  test("the resource is normalized: case of the host and a trailing slash make no second token", async () => {
    const { pca, provider } = setup();
    const first = await provider.getToken("https://LOCALHOST:5555/contoso/");
    expect(await provider.getToken(CONTOSO)).toBe(first);
    expect(pca.silentRequests.map((request) => request.scopes)).toEqual([[`${CONTOSO}/.default`], [`${CONTOSO}/.default`]]);
  });

  test.each(["http://localhost:5555/contoso", "https://user@localhost:5555/contoso", "https://localhost:5555/contoso?x=1", "contoso", ""])(
    "a resource that is not a plain HTTPS URL (%p) is refused before MSAL is asked",
    async (resource) => {
      const { pca, provider } = setup();
      await expect(provider.getToken(resource)).rejects.toMatchObject({ kind: "invalidInput", messageKey: "auth.badResource" });
      expect(pca.silentRequests).toEqual([]);
    },
  );

  test("interaction required and interactive false: AppError auth needsSignIn, no popup", async () => {
    const pca = new FakePca(true);
    pca.sessionAlive = false;
    const { provider } = setup(pca);
    await expect(provider.getToken(CONTOSO)).rejects.toMatchObject({ kind: "auth", messageKey: "auth.needsSignIn", values: { resource: CONTOSO } });
    expect(pca.popupRequests).toEqual([]);
  });

  test("no account yet and interactive false: needsSignIn, no popup", async () => {
    const { pca, provider } = setup(new FakePca(false));
    await expect(provider.getToken(CONTOSO)).rejects.toMatchObject({ kind: "auth", messageKey: "auth.needsSignIn" });
    expect(pca.popupRequests).toEqual([]);
  });

  test("interaction required and interactive true: one popup for the resource's scope with the login hint, then the account is active", async () => {
    const { pca, provider } = setup(new FakePca(false), { loginHint: () => "alex.wu@contoso.example" });
    const token = await provider.getToken(CONTOSO, { interactive: true });
    expect(token).toContain(`${CONTOSO}/.default`);
    expect(pca.popupRequests).toEqual([{ scopes: [`${CONTOSO}/.default`], loginHint: "alex.wu@contoso.example" }]);
    expect(pca.getActiveAccount()).toEqual(FAKE_ACCOUNT);
    await provider.getToken(FABRIKAM);
    expect(pca.popupRequests).toHaveLength(1);
  });

  test.each([
    ["timed_out", () => new BrowserAuthError("timed_out", "c"), "timeout"],
    ["no_network_connectivity", () => new BrowserAuthError("no_network_connectivity", "c"), "offline"],
    ["network_error", () => new ClientAuthError("network_error", "c"), "offline"],
    ["post_request_failed", () => new BrowserAuthError("post_request_failed", "c"), "offline"],
  ])("a silent failure that is not 'interaction required' (%s) never opens a popup, even when interactive", async (_code, failure, kind) => {
    const pca = new FakePca(true);
    pca.silentFailures.push(failure());
    const { provider } = setup(pca);
    await expect(provider.getToken(CONTOSO, { interactive: true })).rejects.toMatchObject({ kind });
    expect(pca.popupRequests).toEqual([]);
  });

  test("a popup the person closes is AppError cancelled", async () => {
    const pca = new FakePca(false);
    pca.popupOutcomes.push("close");
    const { provider } = setup(pca);
    await expect(provider.getToken(CONTOSO, { interactive: true })).rejects.toMatchObject({ kind: "cancelled", messageKey: "auth.cancelled" });
  });

  test("a blocked popup uses the interactive fallback (the Office dialog) when there is one", async () => {
    const pca = new FakePca(false);
    pca.popupOutcomes.push("blocked");
    const fallback = jest.fn(async () => ({ accessToken: "from-dialog", account: FAKE_ACCOUNT, scopes: [`${CONTOSO}/user_impersonation`] }));
    const { provider } = setup(pca, { interactiveFallback: fallback });
    expect(await provider.getToken(CONTOSO, { interactive: true })).toBe("from-dialog");
    expect(fallback).toHaveBeenCalledWith({ scopes: [`${CONTOSO}/.default`] });
  });

  test("a blocked popup without a fallback says so; a closed popup never goes to the fallback", async () => {
    const pca = new FakePca(false);
    pca.popupOutcomes.push("blocked", "close");
    const fallback = jest.fn();
    const { provider } = setup(pca);
    await expect(provider.getToken(CONTOSO, { interactive: true })).rejects.toMatchObject({ kind: "auth", messageKey: "auth.popupBlocked" });
    const withFallback = createMsalTokenProvider(CONFIG, { pca, interactiveFallback: fallback });
    await expect(withFallback.getToken(CONTOSO, { interactive: true })).rejects.toMatchObject({ kind: "cancelled" });
    expect(fallback).not.toHaveBeenCalled();
  });

  test("forceRefresh passes through and replaces the cached token", async () => {
    const { pca, provider } = setup();
    const first = await provider.getToken(CONTOSO);
    const refreshed = await provider.getToken(CONTOSO, { forceRefresh: true });
    expect(refreshed).not.toBe(first);
    expect(pca.silentRequests[1]).toMatchObject({ forceRefresh: true });
  });

  test("after a 401 with an expired session: forceRefresh gives needsSignIn, not a loop of prompts", async () => {
    const { pca, provider } = setup();
    await provider.getToken(CONTOSO);
    pca.sessionAlive = false;
    await expect(provider.getToken(CONTOSO, { forceRefresh: true })).rejects.toMatchObject({ kind: "auth", messageKey: "auth.needsSignIn" });
    expect(pca.popupRequests).toEqual([]);
    expect(pca.silentRequests).toHaveLength(2);
  });

  test("signOut(resource) stops that org's tokens only; the others stay silent", async () => {
    const { pca, provider } = setup();
    await provider.getToken(CONTOSO);
    const fabrikam = await provider.getToken(FABRIKAM);
    await provider.signOut(`${CONTOSO}/`);
    expect(provider.isSignedOut(CONTOSO)).toBe(true);
    const calls = pca.silentRequests.length;
    await expect(provider.getToken(CONTOSO)).rejects.toMatchObject({ kind: "auth", messageKey: "auth.needsSignIn" });
    expect(pca.silentRequests).toHaveLength(calls);
    expect(await provider.getToken(FABRIKAM)).toBe(fabrikam);
    expect(provider.isSignedOut(FABRIKAM)).toBe(false);
  });

  test("signing in again after a sign-out prompts for credentials (prompt=login), then the org is silent again", async () => {
    const { pca, provider } = setup();
    await provider.getToken(CONTOSO);
    await provider.signOut(CONTOSO);
    const token = await provider.getToken(CONTOSO, { interactive: true });
    expect(pca.popupRequests).toEqual([{ scopes: [`${CONTOSO}/.default`], loginHint: FAKE_ACCOUNT.username, prompt: "login" }]);
    expect(provider.isSignedOut(CONTOSO)).toBe(false);
    expect(await provider.getToken(CONTOSO)).toBe(token);
  });

  test("a sign-out is remembered in the given storage: the next start does not connect that org silently", async () => {
    const storage = memoryFlagStorage();
    const pca = new FakePca(true);
    const { provider } = setup(pca, { flagStorage: storage });
    await provider.signOut(CONTOSO);
    const nextStart = createMsalTokenProvider(CONFIG, { pca, flagStorage: storage });
    await expect(nextStart.getToken(CONTOSO)).rejects.toMatchObject({ messageKey: "auth.needsSignIn" });
    await expect(nextStart.getToken(FABRIKAM)).resolves.toContain("fabrikam");
  });

  test("a sign-out during a silent request wins over its answer", async () => {
    const { provider } = setup();
    const pending = provider.getToken(CONTOSO);
    await provider.signOut(CONTOSO);
    await expect(pending).rejects.toMatchObject({ messageKey: "auth.needsSignIn" });
  });

  test("a token MSAL reports for another resource is refused, not returned", async () => {
    const pca = new FakePca(true);
    pca.reportScopes = [`${FABRIKAM}/user_impersonation`];
    const { provider } = setup(pca);
    await expect(provider.getToken(CONTOSO)).rejects.toMatchObject({ kind: "auth", messageKey: "auth.wrongAudience" });
    pca.reportScopes = ["https://localhost:5555/contosoevil/user_impersonation"];
    await expect(provider.getToken(CONTOSO)).rejects.toMatchObject({ messageKey: "auth.wrongAudience" });
  });

  test("parallel requests for one resource share one MSAL call", async () => {
    const { pca, provider } = setup();
    const tokens = await Promise.all([provider.getToken(CONTOSO), provider.getToken(CONTOSO), provider.getToken(CONTOSO)]);
    expect(new Set(tokens).size).toBe(1);
    expect(pca.silentRequests).toHaveLength(1);
  });

  test("several orgs needing sign-in at once get one popup; the others then succeed silently", async () => {
    const { pca, provider } = setup(new FakePca(false));
    const tokens = await Promise.all([CONTOSO, FABRIKAM, "https://localhost:5555/adventure"].map((resource) => provider.getToken(resource, { interactive: true })));
    expect(tokens).toHaveLength(3);
    expect(pca.popupRequests).toHaveLength(1);
  });
});
