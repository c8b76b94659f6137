import type { Store } from "../store/store";
import { OAuthError } from "./oauth-errors";
import { hashSecret, newSecret } from "./secrets";

/**
 * Refresh tokens live 24 hours from the sign-in and rotating does not extend that: Entra's rule for
 * single-page apps (the add-in is one), so clients meet the same expiry here as in production.
 */
export const REFRESH_TOKEN_LIFETIME_SECONDS = 24 * 3600;

/** What a refresh token stands for. Like Entra's, it is not bound to one resource. */
export interface RefreshGrant {
  clientId: string;
  oid: string;
  tid: string;
  /** The scope of the sign-in (decides whether refreshes carry an id_token). */
  scope: string;
  authTime: number;
}

/** A refresh token in clear, as handed to the client, with its expiry (ms since the epoch). */
export interface IssuedRefreshToken {
  token: string;
  expiresAt: number;
}

interface RefreshRow {
  family: string;
  data: string;
  expires_at: number;
  used: number;
}

/** A redeemed refresh token: its grant, family and expiry, to issue its successor with. */
export interface RedeemedRefreshToken {
  grant: RefreshGrant;
  family: string;
  expiresAt: number;
}

/**
 * Refresh tokens in the `refresh_tokens` table, stored by SHA-256 only, rotated on every use: each
 * token works once; presenting a used one revokes its whole family (every token descended from the
 * same sign-in), as OAuth 2.0 Security BCP §4.14 recommends.
 */
export class RefreshTokenStore {
  constructor(
    private readonly store: Store,
    private readonly now: () => number,
  ) {}

  /** Saves a new token of `family` expiring at `expiresAt` (default: 24 h from now) and returns it. */
  issue(grant: RefreshGrant, family: string, expiresAt = this.now() + REFRESH_TOKEN_LIFETIME_SECONDS * 1000): IssuedRefreshToken {
    const token = newSecret(48);
    this.store.prepare("DELETE FROM refresh_tokens WHERE expires_at <= ?").run(this.now());
    this.store
      .prepare("INSERT INTO refresh_tokens (token_hash, family, data, expires_at, used) VALUES (?, ?, ?, ?, 0)")
      .run(hashSecret(token), family, JSON.stringify(grant), expiresAt);
    return { token, expiresAt };
  }

  /**
   * Uses a refresh token up: returns its grant, or throws OAuthError `invalid_grant` when it is unknown,
   * expired, issued to another client or to a user `admitsTenant` refuses, or already used (which revokes the family).
   */
  redeem(token: string, clientId: string, admitsTenant: (tid: string) => boolean): RedeemedRefreshToken {
    const hash = hashSecret(token);
    // Decided in a transaction that commits (a throw inside would roll back the revocation), thrown after.
    const outcome = this.store.transaction((): RedeemedRefreshToken | OAuthError => {
      const row = this.store
        .prepare<[string], RefreshRow>("SELECT family, data, expires_at, used FROM refresh_tokens WHERE token_hash = ?")
        .get(hash);
      if (!row) return new OAuthError("invalid_grant", 9002313, "The provided refresh token is not valid.");
      const grant = JSON.parse(row.data) as RefreshGrant;
      if (grant.clientId !== clientId) {
        return new OAuthError("invalid_grant", 700005, "The provided refresh token was issued to a different client.");
      }
      if (!admitsTenant(grant.tid)) {
        return new OAuthError("invalid_grant", 50020, "The refresh token belongs to a user of another tenant than the one in the request URL.");
      }
      if (row.used !== 0) {
        this.revokeFamily(row.family);
        return new OAuthError(
          "invalid_grant",
          50173,
          "The provided grant has been revoked: this refresh token was already used, so every refresh token of this sign-in is now revoked. Sign in again.",
        );
      }
      if (row.expires_at <= this.now()) {
        return new OAuthError("invalid_grant", 700084, "The refresh token was issued to a single page app (SPA), and therefore has a fixed, limited lifetime of 1.00:00:00, which cannot be extended. It is now expired and a new sign in request must be sent.");
      }
      this.store.prepare("UPDATE refresh_tokens SET used = 1 WHERE token_hash = ?").run(hash);
      return { grant, family: row.family, expiresAt: row.expires_at };
    });
    if (outcome instanceof OAuthError) throw outcome;
    return outcome;
  }

  /** Makes every token of a family unusable (used), so any later use is reported as reuse. */
  revokeFamily(family: string): void {
    this.store.prepare("UPDATE refresh_tokens SET used = 1 WHERE family = ?").run(family);
  }
}
