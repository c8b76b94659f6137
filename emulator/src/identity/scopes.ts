import type { Directory, Org } from "../seed/directory";
import { OAuthError } from "./oauth-errors";

/** Scopes that ask for sign-in or a refresh token rather than for a resource. */
export const OIDC_SCOPES: ReadonlySet<string> = new Set(["openid", "profile", "email", "offline_access"]);

/** The one permission a resource of this server grants, and the scope that asks for all of them. */
export const USER_IMPERSONATION = "user_impersonation";
const DEFAULT_SCOPE = ".default";

/** A resource this server issues access tokens for: an org (its Web API) or Global Discovery. */
export type Resource = { kind: "org"; url: string; org: Org } | { kind: "discovery"; url: string };

/** A validated `scope` parameter: at most one resource, plus OIDC scopes. */
export interface ScopeRequest {
  /** The scope strings as the client sent them (order kept, duplicates removed). */
  requested: string[];
  /** The OIDC scopes among them (lower case). */
  oidc: ReadonlySet<string>;
  /** The resource asked for; undefined when only OIDC scopes were asked for. */
  resource?: Resource;
  /** The resource scope strings as sent (e.g. `https://host/contoso/.default`). */
  resourceScopes: string[];
}

/** The resource URL of Global Discovery on this server: `https://<host>/discovery`. */
export function discoveryResource(origin: string): string {
  return `${origin}/discovery`;
}

/**
 * Parses and checks a space-separated `scope` against the resources this server knows (org URLs and
 * discovery, on `origin`); returns the request or throws OAuthError `invalid_scope` (Entra's rules:
 * one resource per request, `.default` never combined with a named permission).
 */
export function parseScopeRequest(scope: string | undefined, origin: string, directory: Directory): ScopeRequest {
  const requested = [...new Set((scope ?? "").split(/\s+/).filter((s) => s !== ""))];
  if (requested.length === 0) {
    throw new OAuthError("invalid_request", 900144, "The request body must contain the following parameter: 'scope'.");
  }
  const oidc = new Set<string>();
  const resourceScopes: string[] = [];
  const resources = new Map<string, Resource>();
  const permissions = new Set<string>();
  for (const item of requested) {
    const lower = item.toLowerCase();
    if (OIDC_SCOPES.has(lower)) {
      oidc.add(lower);
      continue;
    }
    const { resource, permission } = resolveResourceScope(item, origin, directory);
    resources.set(resource.url, resource);
    permissions.add(permission);
    resourceScopes.push(item);
  }
  if (resources.size > 1) {
    throw new OAuthError(
      "invalid_scope",
      28000,
      `Provided value for the input parameter scope is not valid because it contains more than one resource. Scope ${requested.join(" ")} is not valid.`,
    );
  }
  if (permissions.has(DEFAULT_SCOPE) && permissions.size > 1) {
    throw new OAuthError("invalid_scope", 70011, `The provided value for the input parameter 'scope' is not valid. The scope ${requested.join(" ")} is not valid: .default scope can't be combined with resource-specific scopes.`);
  }
  const resource = [...resources.values()][0];
  return { requested, oidc, resourceScopes, ...(resource ? { resource } : {}) };
}

/**
 * The `scope` of a token response: the granted permission plus every resource scope string exactly
 * as requested (so `…/.default` is listed and MSAL's cache lookup finds the token); only the OIDC
 * scopes when no resource was asked for.
 */
export function grantedScope(request: ScopeRequest): string {
  if (!request.resource) return [...request.oidc].filter((s) => s !== "offline_access").join(" ");
  const granted = [`${request.resource.url}/${USER_IMPERSONATION}`];
  for (const s of request.resourceScopes) {
    if (!granted.some((g) => g.toLowerCase() === s.toLowerCase())) granted.push(s);
  }
  return granted.join(" ");
}

function resolveResourceScope(scope: string, origin: string, directory: Directory): { resource: Resource; permission: string } {
  const slash = scope.lastIndexOf("/");
  const permission = slash < 0 ? "" : scope.slice(slash + 1).toLowerCase();
  // `https://host/org//.default` (a resource written with a trailing slash) names the same resource.
  const resourcePart = slash < 0 ? scope : scope.slice(0, slash).replace(/\/$/, "");
  let url: URL | undefined;
  try {
    url = new URL(resourcePart);
  } catch {
    url = undefined;
  }
  if (!url || url.search !== "" || url.hash !== "" || url.origin.toLowerCase() !== origin.toLowerCase()) {
    throw resourceNotFound(slash < 0 ? scope : resourcePart);
  }
  const path = url.pathname.replace(/^\//, "");
  let resource: Resource | undefined;
  if (path.toLowerCase() === "discovery") resource = { kind: "discovery", url: discoveryResource(origin) };
  else {
    const org = path.includes("/") ? undefined : directory.orgs.get(path.toLowerCase());
    if (org) resource = { kind: "org", url: `${origin}/${org.urlName}`, org };
  }
  if (!resource) throw resourceNotFound(resourcePart);
  if (permission !== DEFAULT_SCOPE && permission !== USER_IMPERSONATION) {
    throw new OAuthError(
      "invalid_scope",
      65005,
      `The application asked for '${scope}', which the resource '${resource.url}' does not expose. Use '${resource.url}/${USER_IMPERSONATION}' or '${resource.url}/.default'.`,
    );
  }
  return { resource, permission };
}

function resourceNotFound(name: string): OAuthError {
  return new OAuthError(
    "invalid_scope",
    500011,
    `The resource principal named ${name} was not found in the tenant. This server issues tokens only for its organizations (https://<host>/<org>) and for its Global Discovery (https://<host>/discovery).`,
  );
}
