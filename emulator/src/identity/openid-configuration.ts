import { authorityOf, pathIssuer, type TenantPath } from "./tenants";

/** The OpenID Provider metadata of a tenant path (the fields MSAL's OIDC mode reads, in Entra's shape). */
export interface OpenIdConfiguration {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
  end_session_endpoint: string;
  response_types_supported: string[];
  response_modes_supported: string[];
  grant_types_supported: string[];
  subject_types_supported: string[];
  scopes_supported: string[];
  id_token_signing_alg_values_supported: string[];
  token_endpoint_auth_methods_supported: string[];
  code_challenge_methods_supported: string[];
  claims_supported: string[];
  request_uri_parameter_supported: boolean;
  tenant_region_scope: null;
  cloud_instance_name: string;
}

/**
 * Returns the metadata served at `/<tenant>/v2.0/.well-known/openid-configuration` and
 * `/<tenant>/.well-known/openid-configuration`: endpoints under the tenant segment as the client
 * wrote it, and an issuer on the same scheme, host and port (MSAL checks that).
 */
export function openIdConfiguration(origin: string, path: TenantPath): OpenIdConfiguration {
  const authority = authorityOf(origin, path);
  return {
    issuer: pathIssuer(origin, path),
    authorization_endpoint: `${authority}/oauth2/v2.0/authorize`,
    token_endpoint: `${authority}/oauth2/v2.0/token`,
    jwks_uri: `${authority}/discovery/v2.0/keys`,
    end_session_endpoint: `${authority}/oauth2/v2.0/logout`,
    response_types_supported: ["code"],
    response_modes_supported: ["query", "fragment"],
    grant_types_supported: ["authorization_code", "refresh_token", "password"],
    subject_types_supported: ["pairwise"],
    scopes_supported: ["openid", "profile", "email", "offline_access"],
    id_token_signing_alg_values_supported: ["RS256"],
    token_endpoint_auth_methods_supported: ["none"],
    code_challenge_methods_supported: ["S256"],
    claims_supported: ["sub", "iss", "aud", "exp", "iat", "nbf", "auth_time", "nonce", "name", "preferred_username", "email", "oid", "tid", "ver"],
    request_uri_parameter_supported: false,
    tenant_region_scope: null,
    cloud_instance_name: new URL(origin).hostname,
  };
}
