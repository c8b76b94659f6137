import { randomUUID } from "node:crypto";
import type { Store } from "../store/store";
import { OAuthError } from "./oauth-errors";
import { hashSecret, newSecret } from "./secrets";

/** An authorization code lives five minutes (Entra: up to ten). */
export const AUTH_CODE_LIFETIME_SECONDS = 300;

/** What an authorization code stands for: who signed in, for which client, redirect URI, PKCE challenge and scope. */
export interface CodeGrant {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  scope: string;
  nonce?: string;
  oid: string;
  tid: string;
  /** Seconds since the epoch when the user signed in. */
  authTime: number;
}

interface CodeRow {
  data: string;
  expires_at: number;
}

interface StoredCode extends CodeGrant {
  /** Set when the code is redeemed: the family of the refresh tokens issued for it. */
  redeemedFamily?: string;
}

/** A code that was redeemed: its grant and the refresh-token family to use for what it yields. */
export interface RedeemedCode {
  grant: CodeGrant;
  family: string;
}

/** Authorization codes in the `auth_codes` table, stored by SHA-256 only; single use. */
export class AuthCodeStore {
  constructor(
    private readonly store: Store,
    private readonly now: () => number,
  ) {}

  /** Saves a grant and returns its new code (the only time the code exists in clear). */
  issue(grant: CodeGrant): string {
    const code = newSecret(32);
    this.purge();
    this.store
      .prepare("INSERT INTO auth_codes (code_hash, data, expires_at) VALUES (?, ?, ?)")
      .run(hashSecret(code), JSON.stringify(grant), this.now() + AUTH_CODE_LIFETIME_SECONDS * 1000);
    return code;
  }

  /**
   * Redeems a code once: returns its grant, or throws OAuthError `invalid_grant` when it is unknown,
   * expired or already redeemed (a second redemption also revokes the refresh tokens of the first, via `revokeFamily`).
   */
  redeem(code: string, revokeFamily: (family: string) => void): RedeemedCode {
    const hash = hashSecret(code);
    // Decided in a transaction that commits (a throw inside would roll back the revocation), thrown after.
    const outcome = this.store.transaction((): RedeemedCode | OAuthError => {
      const row = this.store.prepare<[string], CodeRow>("SELECT data, expires_at FROM auth_codes WHERE code_hash = ?").get(hash);
      if (!row) return new OAuthError("invalid_grant", 70000, "The provided value for the 'code' parameter is not valid.");
      const stored = JSON.parse(row.data) as StoredCode;
      if (stored.redeemedFamily !== undefined) {
        revokeFamily(stored.redeemedFamily);
        return new OAuthError(
          "invalid_grant",
          54005,
          "OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token. The tokens issued for it have been revoked.",
        );
      }
      if (row.expires_at <= this.now()) {
        return new OAuthError("invalid_grant", 70008, "The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.");
      }
      const family = randomUUID();
      this.store.prepare("UPDATE auth_codes SET data = ? WHERE code_hash = ?").run(JSON.stringify({ ...stored, redeemedFamily: family }), hash);
      const { redeemedFamily: _redeemed, ...grant } = stored;
      return { grant, family };
    });
    if (outcome instanceof OAuthError) throw outcome;
    return outcome;
  }

  private purge(): void {
    this.store.prepare("DELETE FROM auth_codes WHERE expires_at <= ?").run(this.now());
  }
}
