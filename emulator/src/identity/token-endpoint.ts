import { randomUUID } from "node:crypto";
import { originOf } from "../context";
import { plainJson } from "../http/responses";
import { header, type EmulatorRequest, type EmulatorResponse } from "../http/types";
import type { DirectoryUser } from "../seed/directory";
import type { SeedClient } from "../seed/types";
import { checkCredentials } from "./credentials";
import { param, readForm, requireParam } from "./form";
import type { IdentityDeps } from "./identity-deps";
import { OAuthError, oauthErrorResponse } from "./oauth-errors";
import { verifierMatches } from "./pkce";
import { parseScopeRequest, type ScopeRequest } from "./scopes";
import { issueTokens, type IssueRequest, type TokenResponseBody } from "./token-issuer";
import { admitsTenant, describeTenantPath, pathIssuer, type TenantPath } from "./tenants";

/** One token request, checked up to the grant: the form, the client and where it was sent. */
interface TokenCall {
  deps: IdentityDeps;
  path: TenantPath;
  origin: string;
  form: URLSearchParams;
  client: SeedClient;
}

/**
 * `POST /<tenant>/oauth2/v2.0/token` (form-encoded): the `authorization_code` (with PKCE),
 * `refresh_token` (rotating) and `password` (test clients only) grants. Answers the token response,
 * or an OAuth JSON error (400; 401 for an unknown client). Never logs tokens, codes or passwords.
 */
export function handleToken(req: EmulatorRequest, deps: IdentityDeps, path: TenantPath): EmulatorResponse {
  const correlationId = header(req, "client-request-id");
  try {
    if (req.method !== "POST") {
      throw new OAuthError("invalid_request", 900561, `The endpoint only accepts POST requests. Received a ${req.method} request.`);
    }
    const form = readForm(req);
    const clientId = requireParam(form, "client_id");
    const client = deps.directory.clients.get(clientId);
    if (!client) {
      throw new OAuthError("invalid_client", 700016, `Application with identifier '${clientId}' was not found in the directory '${describeTenantPath(path)}'.`);
    }
    const call: TokenCall = { deps, path, origin: originOf(req.url), form, client };
    const grantType = requireParam(form, "grant_type");
    let body: TokenResponseBody;
    switch (grantType) {
      case "authorization_code":
        body = authorizationCodeGrant(call);
        break;
      case "refresh_token":
        body = refreshTokenGrant(call);
        break;
      case "password":
        body = passwordGrant(call);
        break;
      default:
        throw new OAuthError("unsupported_grant_type", 70003, `The app requested an unsupported grant type '${grantType}'.`);
    }
    return plainJson(200, body, { Pragma: "no-cache" });
  } catch (error) {
    if (error instanceof OAuthError) return oauthErrorResponse(error, deps.now(), correlationId);
    throw error;
  }
}

function authorizationCodeGrant(call: TokenCall): TokenResponseBody {
  const { deps, form, client } = call;
  const code = requireParam(form, "code");
  const redirectUri = requireParam(form, "redirect_uri");
  const verifier = requireParam(form, "code_verifier");
  const askedScope = param(form, "scope");
  const asked = askedScope === undefined ? undefined : parseScopeRequest(askedScope, call.origin, deps.directory);
  // Redeeming uses the code up, whatever follows: a code that failed a check is not tried again.
  const { grant, family } = deps.codes.redeem(code, (f) => deps.refreshTokens.revokeFamily(f));
  if (grant.clientId !== client.clientId) {
    throw new OAuthError("invalid_grant", 70000, "The provided value for the 'code' parameter is not valid: it was issued to a different client.");
  }
  if (grant.redirectUri !== redirectUri) {
    throw new OAuthError("invalid_grant", 500112, `The reply address '${redirectUri}' does not match the reply address '${grant.redirectUri}' provided when requesting the authorization code.`);
  }
  if (!verifierMatches(verifier, grant.codeChallenge)) {
    throw new OAuthError("invalid_grant", 501481, "The code_verifier does not match the code_challenge supplied in the authorization request.");
  }
  if (!admitsTenant(call.path, grant.tid)) {
    throw new OAuthError("invalid_grant", 50020, "The authorization code was issued for a user of another tenant than the one in the request URL.");
  }
  const user = userOf(call, grant.oid);
  const signIn = parseScopeRequest(grant.scope, call.origin, deps.directory);
  const scopes = asked ?? signIn;
  const wantsRefresh = scopes.oidc.has("offline_access") || signIn.oidc.has("offline_access");
  const refreshToken = wantsRefresh
    ? deps.refreshTokens.issue({ clientId: client.clientId, oid: user.oid, tid: user.tenantId, scope: grant.scope, authTime: grant.authTime }, family)
    : undefined;
  return issueFor(call, {
    user,
    scopes,
    includeIdToken: scopes.oidc.has("openid") || signIn.oidc.has("openid"),
    ...(grant.nonce !== undefined ? { nonce: grant.nonce } : {}),
    authTime: grant.authTime,
    ...(refreshToken ? { refreshToken } : {}),
  });
}

function refreshTokenGrant(call: TokenCall): TokenResponseBody {
  const { deps, form, client } = call;
  const token = requireParam(form, "refresh_token");
  const askedScope = param(form, "scope");
  // The scope is checked before the token is used up, so a bad scope does not cost the client its token.
  const asked: ScopeRequest | undefined = askedScope === undefined ? undefined : parseScopeRequest(askedScope, call.origin, deps.directory);
  const redeemed = deps.refreshTokens.redeem(token, client.clientId, (tid) => admitsTenant(call.path, tid));
  const user = userOf(call, redeemed.grant.oid);
  const signIn = parseScopeRequest(redeemed.grant.scope, call.origin, deps.directory);
  const scopes = asked ?? signIn;
  const refreshToken = deps.refreshTokens.issue(redeemed.grant, redeemed.family, redeemed.expiresAt);
  return issueFor(call, {
    user,
    scopes,
    // Refresh responses carry an id_token too, or MSAL drops the rotated refresh token.
    includeIdToken: scopes.oidc.has("openid") || signIn.oidc.has("openid"),
    authTime: redeemed.grant.authTime,
    refreshToken,
  });
}

function passwordGrant(call: TokenCall): TokenResponseBody {
  const { deps, form, client } = call;
  if (client.allowPasswordGrant !== true) {
    throw new OAuthError("unauthorized_client", 7000218, `The application '${client.name}' is not allowed to use the resource owner password credentials grant; use the authorization code flow with PKCE.`);
  }
  const username = requireParam(form, "username");
  const password = requireParam(form, "password");
  const scopes = parseScopeRequest(requireParam(form, "scope"), call.origin, deps.directory);
  const user = checkCredentials(deps.directory, username, password);
  if (!user) throw new OAuthError("invalid_grant", 50126, "Error validating credentials due to invalid username or password.");
  if (!admitsTenant(call.path, user.tenantId)) {
    throw new OAuthError("invalid_grant", 50034, `The user account ${user.email} does not exist in the ${describeTenantPath(call.path)} directory.`);
  }
  const authTime = Math.floor(deps.now() / 1000);
  const refreshToken = scopes.oidc.has("offline_access")
    ? deps.refreshTokens.issue({ clientId: client.clientId, oid: user.oid, tid: user.tenantId, scope: scopes.requested.join(" "), authTime }, randomUUID())
    : undefined;
  return issueFor(call, {
    user,
    scopes,
    includeIdToken: scopes.oidc.has("openid"),
    authTime,
    ...(refreshToken ? { refreshToken } : {}),
  });
}

/** Issues the token response of a grant to the call's client, with the issuers of the host and tenant path it used. */
function issueFor(call: TokenCall, grant: Omit<IssueRequest, "origin" | "idTokenIssuer" | "clientId">): TokenResponseBody {
  return issueTokens(call.deps.key, call.deps.now(), {
    origin: call.origin,
    idTokenIssuer: pathIssuer(call.origin, call.path),
    clientId: call.client.clientId,
    ...grant,
  });
}

function userOf(call: TokenCall, oid: string): DirectoryUser {
  const user = call.deps.directory.users.get(oid);
  if (!user) throw new OAuthError("invalid_grant", 50034, "The user account of this grant no longer exists in the directory.");
  return user;
}
