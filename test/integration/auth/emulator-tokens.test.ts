import { BrowserAuthError, InteractionRequiredAuthError, type AccountInfo, type PopupRequest, type SilentRequest } from "@azure/msal-browser";
import { createMsalTokenProvider, type PcaLike, type TokenResultLike } from "../../../src/auth/msal-token-provider";
import { startEmulator, DEMO_PASSWORD, TEST_CLIENT_ID, type TestEmulator } from "../../support/emulator-harness";
import { httpsRequest } from "../../support/https-client";

/**
 * The provider against the emulator's real identity endpoints over HTTPS. MSAL itself needs a
 * browser, so a small stand-in does what MSAL does on the wire: the "popup" is the person typing
 * their password (password grant of the test client), silent renewal is the refresh-token grant
 * (rotated on every use), cached access tokens are reused. The scopes the provider checks are
 * the ones the real token endpoint answers.
 */
class EmulatorPca implements PcaLike {
  tokenRequests = 0;
  private account: AccountInfo | null = null;
  private active: AccountInfo | null = null;
  private refreshToken: string | undefined;
  private readonly cache = new Map<string, TokenResultLike>();

  constructor(private readonly emulator: TestEmulator, private readonly email: string) {}

  getActiveAccount(): AccountInfo | null {
    return this.active;
  }
  getAllAccounts(): AccountInfo[] {
    return this.account === null ? [] : [this.account];
  }
  setActiveAccount(account: AccountInfo | null): void {
    this.active = account;
  }

  async acquireTokenSilent(request: SilentRequest): Promise<TokenResultLike> {
    if (request.account === undefined || this.account === null) throw new BrowserAuthError("no_account_error", "c");
    const scope = request.scopes.join(" ");
    const cached = this.cache.get(scope);
    if (cached !== undefined && request.forceRefresh !== true) return cached;
    if (this.refreshToken === undefined) throw new InteractionRequiredAuthError("no_tokens_found", "c");
    return this.grant({ grant_type: "refresh_token", refresh_token: this.refreshToken, scope: `${scope} openid offline_access` }, scope);
  }

  async acquireTokenPopup(request: PopupRequest): Promise<TokenResultLike> {
    return this.grant({ grant_type: "password", username: this.email, password: DEMO_PASSWORD, scope: `${request.scopes.join(" ")} openid offline_access` }, request.scopes.join(" "));
  }

  /** Makes the session end as after 24 hours: the refresh token is no longer accepted. */
  expireSession(): void {
    this.refreshToken = "expired";
    this.cache.clear();
  }

  private async grant(form: Record<string, string>, scope: string): Promise<TokenResultLike> {
    this.tokenRequests += 1;
    const response = await httpsRequest(`${this.emulator.url}/organizations/oauth2/v2.0/token`, {
      ca: this.emulator.ca,
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ client_id: TEST_CLIENT_ID, ...form }).toString(),
    });
    const body = response.json<{ access_token?: string; refresh_token?: string; scope?: string; error?: string }>();
    if (response.status !== 200 || body.access_token === undefined) {
      if (body.error === "invalid_grant") throw new InteractionRequiredAuthError("invalid_grant", "c");
      throw new Error(`token endpoint answered ${response.status}`);
    }
    this.refreshToken = body.refresh_token ?? this.refreshToken;
    this.account ??= { homeAccountId: "home", environment: new URL(this.emulator.url).host, tenantId: "contoso.example", username: this.email, localAccountId: "local" };
    const result = { accessToken: body.access_token, account: this.account, scopes: (body.scope ?? "").split(" ").filter(Boolean) };
    this.cache.set(scope, result);
    return result;
  }
}

describe("the TokenProvider against the emulator's identity endpoints (HTTPS)", () => {
  let emulator: TestEmulator;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(async () => emulator.stop());

  const whoAmI = (org: string, token: string) => emulator.request(`/${org}/api/data/v9.2/WhoAmI`, { token });
  const setup = () => {
    const pca = new EmulatorPca(emulator, "alex.wu@contoso.example");
    const provider = createMsalTokenProvider(
      { clientId: TEST_CLIENT_ID, authority: `${emulator.url}/organizations`, redirectUri: "https://localhost:3000/auth-redirect.html", saveCredentials: false },
      { pca },
    );
    return { pca, provider };
  };

  test("each org gets its own token, which that org accepts and the other org refuses", async () => {
    const { pca, provider } = setup();
    await expect(provider.getToken(emulator.orgUrl("contoso"))).rejects.toMatchObject({ kind: "auth", messageKey: "auth.needsSignIn" });
    expect(pca.tokenRequests).toBe(0);

    const contoso = await provider.getToken(emulator.orgUrl("contoso"), { interactive: true });
    const fabrikam = await provider.getToken(emulator.orgUrl("fabrikam"));
    expect(fabrikam).not.toBe(contoso);
    expect((await whoAmI("contoso", contoso)).status).toBe(200);
    expect((await whoAmI("fabrikam", fabrikam)).status).toBe(200);
    expect((await whoAmI("fabrikam", contoso)).status).toBe(401);

    const requests = pca.tokenRequests;
    expect(await provider.getToken(`${emulator.orgUrl("contoso")}/`)).toBe(contoso);
    expect(pca.tokenRequests).toBe(requests);
  });

  test("forceRefresh renews through the refresh token: a new token that works", async () => {
    const { provider } = setup();
    const first = await provider.getToken(emulator.orgUrl("contoso"), { interactive: true });
    const renewed = await provider.getToken(emulator.orgUrl("contoso"), { forceRefresh: true });
    expect(renewed).not.toBe(first);
    expect((await whoAmI("contoso", renewed)).status).toBe(200);
  });

  test("signing out of one org stops its tokens without a request; the other org keeps working", async () => {
    const { pca, provider } = setup();
    await provider.getToken(emulator.orgUrl("contoso"), { interactive: true });
    await provider.signOut(emulator.orgUrl("contoso"));
    const requests = pca.tokenRequests;
    await expect(provider.getToken(emulator.orgUrl("contoso"))).rejects.toMatchObject({ messageKey: "auth.needsSignIn" });
    expect(pca.tokenRequests).toBe(requests);
    const fabrikam = await provider.getToken(emulator.orgUrl("fabrikam"));
    expect((await whoAmI("fabrikam", fabrikam)).status).toBe(200);
  });

  test("an ended session gives needsSignIn on the silent refresh after a 401, never a prompt", async () => {
    const { pca, provider } = setup();
    await provider.getToken(emulator.orgUrl("contoso"), { interactive: true });
    pca.expireSession();
    const requests = pca.tokenRequests;
    await expect(provider.getToken(emulator.orgUrl("contoso"), { forceRefresh: true })).rejects.toMatchObject({ kind: "auth", messageKey: "auth.needsSignIn" });
    expect(pca.tokenRequests).toBe(requests + 1);
  });
});
