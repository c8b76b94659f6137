import { originOf, type AccessTokenVerifier } from "../context";
import { html, plainJson } from "../http/responses";
import type { EmulatorRequest, HandlerResult } from "../http/types";
import type { Directory } from "../seed/directory";
import type { Store } from "../store/store";
import { createAccessTokenVerifier } from "./access-token-verifier";
import { AuthCodeStore } from "./auth-codes";
import { handleAuthorize } from "./authorize-endpoint";
import type { IdentityDeps } from "./identity-deps";
import { handleLogout } from "./logout-endpoint";
import { OAuthError, oauthErrorResponse } from "./oauth-errors";
import { openIdConfiguration } from "./openid-configuration";
import { RefreshTokenStore } from "./refresh-tokens";
import { renderErrorPage } from "./sign-in-page";
import { jwks, loadSigningKey } from "./signing-keys";
import { resolveTenantPath, type TenantPath } from "./tenants";
import { handleToken } from "./token-endpoint";

/** Second path segments (after the tenant) that belong to the identity service. */
export const IDENTITY_SUBPATHS: ReadonlySet<string> = new Set(["v2.0", ".well-known", "oauth2", "discovery"]);

/** The identity service: Entra v2-shaped endpoints per tenant, and the access-token check the resources use. */
export interface Identity {
  /** Answers `/<tenant>/<segments…>`; `segments` is the path after the tenant. */
  handle(req: EmulatorRequest, tenant: string, segments: string[]): HandlerResult | Promise<HandlerResult>;
  verifyAccessToken: AccessTokenVerifier;
}

type Endpoint = "configuration" | "keys" | "authorize" | "token" | "logout";

const ROUTES: ReadonlyMap<string, Endpoint> = new Map([
  ["v2.0/.well-known/openid-configuration", "configuration"],
  [".well-known/openid-configuration", "configuration"],
  ["discovery/v2.0/keys", "keys"],
  ["oauth2/v2.0/authorize", "authorize"],
  ["oauth2/v2.0/token", "token"],
  ["oauth2/v2.0/logout", "logout"],
]);

/**
 * Builds the identity service on the store (signing key in its meta table, codes and refresh tokens in
 * their own tables, hashed), the seed's directory and the clock. Throws only when the store fails.
 */
export function createIdentity(store: Store, directory: Directory, now: () => number): Identity {
  const key = loadSigningKey(store);
  const deps: IdentityDeps = {
    directory,
    now,
    key,
    codes: new AuthCodeStore(store, now),
    refreshTokens: new RefreshTokenStore(store, now),
  };
  return {
    handle: (req, tenant, segments) => route(req, deps, tenant, segments),
    verifyAccessToken: createAccessTokenVerifier([key], directory, now),
  };
}

function route(req: EmulatorRequest, deps: IdentityDeps, tenant: string, segments: string[]): HandlerResult {
  const endpoint = ROUTES.get(segments.join("/"));
  if (!endpoint) {
    return plainJson(404, { error: "not_found", error_description: `There is no identity endpoint at '${req.url.pathname}'.` });
  }
  let segment: string;
  try {
    segment = decodeURIComponent(tenant);
  } catch {
    segment = tenant;
  }
  const path = resolveTenantPath(deps.directory, segment);
  if (!path) return unknownTenant(endpoint, segment, deps.now());
  return serve(req, deps, endpoint, path);
}

function serve(req: EmulatorRequest, deps: IdentityDeps, endpoint: Endpoint, path: TenantPath): HandlerResult {
  switch (endpoint) {
    case "configuration":
      if (req.method !== "GET") return methodNotAllowed("GET");
      return plainJson(200, openIdConfiguration(originOf(req.url), path));
    case "keys":
      if (req.method !== "GET") return methodNotAllowed("GET");
      return plainJson(200, jwks([deps.key]));
    case "authorize":
      return handleAuthorize(req, deps, path);
    case "token":
      return handleToken(req, deps, path);
    case "logout":
      return handleLogout(req, deps.directory);
  }
}

function unknownTenant(endpoint: Endpoint, segment: string, nowMs: number): HandlerResult {
  const message = `Tenant '${segment}' not found. Check that the tenant id or name is one of the seed's tenants, or use 'organizations' or 'common'.`;
  if (endpoint === "authorize" || endpoint === "logout") return html(400, renderErrorPage(`AADSTS90002: ${message}`));
  if (endpoint === "token") return oauthErrorResponse(new OAuthError("invalid_request", 90002, message), nowMs);
  return plainJson(400, { error: "invalid_tenant", error_description: `AADSTS90002: ${message}`, error_codes: [90002] });
}

function methodNotAllowed(allowed: string): HandlerResult {
  return plainJson(405, { error: "invalid_request", error_description: `This endpoint accepts ${allowed} only.` }, { Allow: allowed });
}
