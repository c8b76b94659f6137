import type { Directory, Tenant } from "../seed/directory";

/** Tenant segments that stand for "whichever tenant the user belongs to", as in Entra. */
export const TENANT_ALIASES = ["organizations", "common"] as const;
export type TenantAlias = (typeof TENANT_ALIASES)[number];

/** The tenant segment of an identity URL, resolved: an alias, or a tenant named by id or name. */
export type TenantPath =
  | { kind: "alias"; segment: string; alias: TenantAlias }
  | { kind: "tenant"; segment: string; tenant: Tenant };

/** Resolves `/<tenant>/…`; returns undefined for an unknown tenant. */
export function resolveTenantPath(directory: Directory, segment: string): TenantPath | undefined {
  const lower = segment.toLowerCase();
  const alias = TENANT_ALIASES.find((a) => a === lower);
  if (alias) return { kind: "alias", segment, alias };
  const tenant = directory.findTenant(segment);
  return tenant ? { kind: "tenant", segment, tenant } : undefined;
}

/** The issuer of a tenant's tokens: `https://<host>/<tenant id>/v2.0` (access tokens always use it). */
export function tenantIssuer(origin: string, tenantId: string): string {
  return `${origin}/${tenantId}/v2.0`;
}

/**
 * The issuer the OpenID configuration of a tenant path announces, and the `iss` of the id_tokens
 * issued through it: the tenant's issuer, or `https://<host>/<alias>/v2.0` for an alias (Entra
 * publishes a `{tenantid}` template there, which a strict OIDC client cannot match).
 */
export function pathIssuer(origin: string, path: TenantPath): string {
  return path.kind === "alias" ? `${origin}/${path.alias}/v2.0` : tenantIssuer(origin, path.tenant.id);
}

/** The base of a tenant path's endpoints, keeping the segment as the client wrote it: `https://<host>/<segment>`. */
export function authorityOf(origin: string, path: TenantPath): string {
  return `${origin}/${encodeURIComponent(path.segment)}`;
}

/** True when a user of tenant `tenantId` may sign in through this tenant path. */
export function admitsTenant(path: TenantPath, tenantId: string): boolean {
  return path.kind === "alias" || path.tenant.id === tenantId;
}

/** A name for a tenant path in messages. */
export function describeTenantPath(path: TenantPath): string {
  return path.kind === "alias" ? path.alias : path.tenant.name;
}
