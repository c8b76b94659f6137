import { createHash, randomBytes } from "node:crypto";
import type { DirectoryUser } from "../seed/directory";
import { base64url, signJwt } from "./jwt";
import type { IssuedRefreshToken } from "./refresh-tokens";
import { grantedScope, USER_IMPERSONATION, type ScopeRequest } from "./scopes";
import type { SigningKey } from "./signing-keys";
import { tenantIssuer } from "./tenants";

/** Access and id tokens live one hour, as Entra's do by default. */
export const ACCESS_TOKEN_LIFETIME_SECONDS = 3600;

/** Everything a token response is made from. */
export interface IssueRequest {
  /** `https://<host>` the client reached; the issuer and org URLs are built on it. */
  origin: string;
  /** The `iss` of the id_token: the issuer of the tenant path the client used (see tenants.ts). */
  idTokenIssuer: string;
  clientId: string;
  user: DirectoryUser;
  scopes: ScopeRequest;
  /** True when the response carries an id_token (`openid` asked for now or at sign-in). */
  includeIdToken: boolean;
  nonce?: string;
  /** Seconds since the epoch when the user signed in. */
  authTime: number;
  refreshToken?: IssuedRefreshToken;
}

/** The token endpoint's success body (Entra v2 field names). */
export interface TokenResponseBody {
  token_type: "Bearer";
  scope: string;
  expires_in: number;
  ext_expires_in: number;
  access_token: string;
  refresh_token?: string;
  refresh_token_expires_in?: number;
  id_token?: string;
  client_info: string;
}

/** Builds and signs the access token (and id_token) and returns the token response body; never throws for valid input. */
export function issueTokens(key: SigningKey, nowMs: number, request: IssueRequest): TokenResponseBody {
  const iat = Math.floor(nowMs / 1000);
  const exp = iat + ACCESS_TOKEN_LIFETIME_SECONDS;
  const { user, clientId, scopes } = request;
  const sub = pairwiseSubject(user.oid, clientId);
  const accessClaims = {
    aud: scopes.resource ? scopes.resource.url : clientId,
    iss: tenantIssuer(request.origin, user.tenantId),
    iat,
    nbf: iat,
    exp,
    appid: clientId,
    appidacr: "0",
    azp: clientId,
    azpacr: "0",
    idtyp: "user",
    name: user.displayName,
    oid: user.oid,
    preferred_username: user.email,
    scp: scopes.resource ? USER_IMPERSONATION : [...scopes.oidc].join(" "),
    sub,
    tid: user.tenantId,
    unique_name: user.email,
    upn: user.email,
    uti: randomBytes(16).toString("base64url"),
    ver: "2.0",
  };
  const body: TokenResponseBody = {
    token_type: "Bearer",
    scope: grantedScope(scopes),
    expires_in: ACCESS_TOKEN_LIFETIME_SECONDS,
    ext_expires_in: ACCESS_TOKEN_LIFETIME_SECONDS,
    access_token: signJwt(accessClaims, key.privateKey, key.kid),
    client_info: base64url(JSON.stringify({ uid: user.oid, utid: user.tenantId })),
  };
  if (request.refreshToken) {
    body.refresh_token = request.refreshToken.token;
    body.refresh_token_expires_in = Math.max(0, Math.round((request.refreshToken.expiresAt - nowMs) / 1000));
  }
  if (request.includeIdToken) {
    const idClaims = {
      aud: clientId,
      iss: request.idTokenIssuer,
      iat,
      nbf: iat,
      exp,
      auth_time: request.authTime,
      name: user.displayName,
      ...(request.nonce !== undefined ? { nonce: request.nonce } : {}),
      oid: user.oid,
      preferred_username: user.email,
      ...(scopes.oidc.has("email") ? { email: user.email } : {}),
      sub,
      tid: user.tenantId,
      ver: "2.0",
    };
    body.id_token = signJwt(idClaims, key.privateKey, key.kid);
  }
  return body;
}

/** Entra's `sub` is pairwise: stable for a user and an app, different across apps. */
function pairwiseSubject(oid: string, clientId: string): string {
  return createHash("sha256").update(`${oid}|${clientId}`).digest("base64url");
}
