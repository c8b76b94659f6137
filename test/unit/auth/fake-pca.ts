import { BrowserAuthError, InteractionRequiredAuthError, type AccountInfo, type PopupRequest, type SilentRequest } from "@azure/msal-browser";
import type { PcaLike, TokenResultLike } from "../../../src/auth/msal-token-provider";

/**
 * A fake MSAL client with MSAL's rules where the provider depends on them: silent calls need an
 * account (else `no_account_error`), serve a cached access token unless `forceRefresh`, renew
 * with the refresh token while the session lives, and throw InteractionRequiredAuthError once it
 * has expired; the popup signs the person in (or is closed, or blocked). Errors are MSAL's own
 * classes so that `instanceof` checks are exercised.
 */
export class FakePca implements PcaLike {
  readonly silentRequests: SilentRequest[] = [];
  readonly popupRequests: PopupRequest[] = [];
  /** What the next popups do. */
  popupOutcomes: Array<"signIn" | "close" | "blocked"> = [];
  /** Errors the next silent calls throw before anything else (a network failure, a timeout). */
  silentFailures: Error[] = [];
  /** False once the refresh token has expired: silent renewal then needs interaction. */
  sessionAlive = true;
  /** Scopes the next tokens report instead of the resource's own (a mixed-up cache). */
  reportScopes: string[] | undefined;
  private accounts: AccountInfo[] = [];
  private active: AccountInfo | null = null;
  private readonly cache = new Map<string, string>();
  private issued = 0;

  constructor(signedIn = false) {
    if (signedIn) this.accounts = [FAKE_ACCOUNT];
  }

  getActiveAccount(): AccountInfo | null {
    return this.active;
  }
  getAllAccounts(): AccountInfo[] {
    return [...this.accounts];
  }
  setActiveAccount(account: AccountInfo | null): void {
    this.active = account;
  }

  async acquireTokenSilent(request: SilentRequest): Promise<TokenResultLike> {
    this.silentRequests.push(request);
    await Promise.resolve();
    const failure = this.silentFailures.shift();
    if (failure !== undefined) throw failure;
    if (request.account === undefined || !this.accounts.some((account) => account.homeAccountId === request.account?.homeAccountId)) {
      throw new BrowserAuthError("no_account_error", "c");
    }
    const scope = onlyScope(request.scopes);
    const cached = this.cache.get(scope);
    if (cached !== undefined && request.forceRefresh !== true) return this.result(scope, cached);
    if (!this.sessionAlive) throw new InteractionRequiredAuthError("refresh_token_expired", "correlation");
    return this.issue(scope);
  }

  async acquireTokenPopup(request: PopupRequest): Promise<TokenResultLike> {
    this.popupRequests.push(request);
    await Promise.resolve();
    const outcome = this.popupOutcomes.shift() ?? "signIn";
    if (outcome === "close") throw new BrowserAuthError("user_cancelled", "c");
    if (outcome === "blocked") throw new BrowserAuthError("popup_window_error", "c");
    this.accounts = [FAKE_ACCOUNT];
    this.sessionAlive = true;
    return this.issue(onlyScope(request.scopes));
  }

  /** The token the cache holds for a scope, if any. */
  cachedToken(scope: string): string | undefined {
    return this.cache.get(scope);
  }

  private issue(scope: string): TokenResultLike {
    this.issued += 1;
    const token = `token-${this.issued}-for-${scope}`;
    this.cache.set(scope, token);
    return this.result(scope, token);
  }

  private result(scope: string, token: string): TokenResultLike {
    const resource = scope.replace(/\/\.default$/, "");
    return { accessToken: token, account: FAKE_ACCOUNT, scopes: this.reportScopes ?? [`${resource}/user_impersonation`, scope] };
  }
}

/** The account the fake signs in. */
export const FAKE_ACCOUNT: AccountInfo = {
  homeAccountId: "oid-1.tid-1",
  environment: "localhost:5555",
  tenantId: "tid-1",
  username: "alex.wu@contoso.example",
  localAccountId: "oid-1",
};

function onlyScope(scopes: string[]): string {
  const [scope] = scopes;
  if (scope === undefined || scopes.length !== 1) throw new Error(`expected one scope, got ${scopes.length}`);
  return scope;
}
