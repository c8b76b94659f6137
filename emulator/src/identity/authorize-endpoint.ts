import { originOf } from "../context";
import { html, redirect } from "../http/responses";
import { header, type EmulatorRequest, type EmulatorResponse } from "../http/types";
import type { SeedClient } from "../seed/types";
import { checkCredentials } from "./credentials";
import { param } from "./form";
import type { IdentityDeps } from "./identity-deps";
import { OAuthError } from "./oauth-errors";
import { isS256Challenge } from "./pkce";
import { isRegisteredRedirectUri } from "./redirect-uris";
import { parseScopeRequest } from "./scopes";
import { renderErrorPage, renderSignInPage, signInPageCsp, WRONG_CREDENTIALS } from "./sign-in-page";
import { admitsTenant, authorityOf, describeTenantPath, type TenantPath } from "./tenants";

type ResponseMode = "query" | "fragment";

/** An authorize request that passed every check: what the form carries and the code will stand for. */
interface AuthorizeRequest {
  client: SeedClient;
  redirectUri: string;
  responseMode: ResponseMode;
  state?: string;
  nonce?: string;
  scope: string;
  codeChallenge: string;
  loginHint?: string;
  prompt?: string;
}

/** Parameters carried from the sign-in page's GET to its POST as hidden fields. */
const CARRIED = ["client_id", "redirect_uri", "response_type", "response_mode", "scope", "state", "nonce", "code_challenge", "code_challenge_method"] as const;

/**
 * `/<tenant>/oauth2/v2.0/authorize`. GET shows the sign-in page; POST checks the form's credentials
 * and redirects to the client with `code` and `state`. An unknown client or an unregistered redirect
 * URI gets an error page (never a redirect); other errors go back to the redirect URI as `error=…`.
 */
export function handleAuthorize(req: EmulatorRequest, deps: IdentityDeps, path: TenantPath): EmulatorResponse {
  if (req.method !== "GET" && req.method !== "POST") return errorPage(405, "The authorize endpoint accepts GET and POST only.");
  let params: URLSearchParams;
  if (req.method === "POST") {
    const type = (header(req, "content-type") ?? "").split(";")[0]?.trim().toLowerCase();
    if (type !== "application/x-www-form-urlencoded") return errorPage(400, "The sign-in form must be posted as application/x-www-form-urlencoded.");
    params = new URLSearchParams(req.body.toString("utf8"));
  } else {
    params = req.url.searchParams;
  }

  const clientId = param(params, "client_id");
  if (!clientId) return errorPage(400, "AADSTS900144: The request body must contain the following parameter: 'client_id'.");
  const client = deps.directory.clients.get(clientId);
  if (!client) {
    return errorPage(400, `AADSTS700016: Application with identifier '${clientId}' was not found in the directory '${describeTenantPath(path)}'.`);
  }
  const redirectUri = param(params, "redirect_uri");
  if (!redirectUri) return errorPage(400, "AADSTS900144: The request body must contain the following parameter: 'redirect_uri'.");
  if (!isRegisteredRedirectUri(client, redirectUri)) {
    return errorPage(400, `AADSTS50011: The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured for the application '${clientId}'.`);
  }

  // From here on the redirect URI is trusted: errors go back to it.
  const state = param(params, "state");
  const modeParam = param(params, "response_mode") ?? "query";
  const responseMode: ResponseMode = modeParam === "fragment" ? "fragment" : "query";
  let request: AuthorizeRequest;
  try {
    if (modeParam !== "query" && modeParam !== "fragment") {
      throw new OAuthError("invalid_request", 900352, `The response_mode '${modeParam}' is not supported; use 'query' or 'fragment'.`);
    }
    request = validate(params, deps, originOf(req.url), client, redirectUri, responseMode);
    if (req.method === "GET" && request.prompt === "none") {
      throw new OAuthError(
        "login_required",
        50058,
        "A silent sign-in request was sent but no user is signed in. This server keeps no sign-in session, so prompt=none always needs interaction.",
      );
    }
  } catch (error) {
    if (error instanceof OAuthError) return redirectWithError(redirectUri, responseMode, error, state);
    throw error;
  }

  const formAction = `${authorityOf("", path)}/oauth2/v2.0/authorize`;
  const hidden: Record<string, string> = {};
  for (const name of CARRIED) {
    const value = param(params, name);
    if (value !== undefined) hidden[name] = value;
  }
  const show = (email: string, error?: string): EmulatorResponse =>
    html(200, renderSignInPage({ formAction, clientName: client.name, tenantLabel: describeTenantPath(path), hidden, email, ...(error ? { error } : {}) }), {
      "Content-Security-Policy": signInPageCsp(redirectUri),
    });

  if (req.method === "GET") return show(request.loginHint ?? "");

  const email = (param(params, "email") ?? "").trim();
  const password = params.get("password") ?? "";
  const user = email && password ? checkCredentials(deps.directory, email, password) : undefined;
  if (!user) return show(email, WRONG_CREDENTIALS);
  if (!admitsTenant(path, user.tenantId)) {
    return show(email, `The account ${user.email} is not in the ${describeTenantPath(path)} directory. Sign in with an account of that organization.`);
  }
  const code = deps.codes.issue({
    clientId: client.clientId,
    redirectUri,
    codeChallenge: request.codeChallenge,
    scope: request.scope,
    ...(request.nonce !== undefined ? { nonce: request.nonce } : {}),
    oid: user.oid,
    tid: user.tenantId,
    authTime: Math.floor(deps.now() / 1000),
  });
  return redirect(withParams(redirectUri, responseMode, { code, ...(state !== undefined ? { state } : {}) }));
}

function validate(params: URLSearchParams, deps: IdentityDeps, origin: string, client: SeedClient, redirectUri: string, responseMode: ResponseMode): AuthorizeRequest {
  const responseType = param(params, "response_type");
  if (responseType !== "code") {
    throw new OAuthError("unsupported_response_type", 700054, `The response_type '${responseType ?? ""}' is not supported; this server does the authorization code flow only (response_type=code).`);
  }
  const codeChallenge = param(params, "code_challenge");
  if (!codeChallenge) throw new OAuthError("invalid_request", 9002325, "Proof Key for Code Exchange is required: send code_challenge and code_challenge_method=S256.");
  const method = param(params, "code_challenge_method") ?? "plain";
  if (method !== "S256") throw new OAuthError("invalid_request", 9002326, `The code_challenge_method '${method}' is refused; only S256 is supported.`);
  if (!isS256Challenge(codeChallenge)) throw new OAuthError("invalid_request", 9002327, "The code_challenge is not a base64url SHA-256 value (43 characters).");
  const scope = param(params, "scope");
  parseScopeRequest(scope, origin, deps.directory);
  const state = param(params, "state");
  const nonce = param(params, "nonce");
  const loginHint = param(params, "login_hint");
  const prompt = param(params, "prompt");
  return {
    client,
    redirectUri,
    responseMode,
    scope: scope ?? "",
    codeChallenge,
    ...(state !== undefined ? { state } : {}),
    ...(nonce !== undefined ? { nonce } : {}),
    ...(loginHint !== undefined ? { loginHint } : {}),
    ...(prompt !== undefined ? { prompt } : {}),
  };
}

function errorPage(status: number, message: string): EmulatorResponse {
  return html(status, renderErrorPage(message));
}

function redirectWithError(redirectUri: string, mode: ResponseMode, error: OAuthError, state: string | undefined): EmulatorResponse {
  return redirect(withParams(redirectUri, mode, { error: error.error, error_description: error.description, ...(state !== undefined ? { state } : {}) }));
}

/** The redirect URI with parameters added to its query, or set as its fragment. */
function withParams(redirectUri: string, mode: ResponseMode, values: Record<string, string>): string {
  const url = new URL(redirectUri);
  if (mode === "fragment") {
    url.hash = new URLSearchParams(values).toString();
  } else {
    for (const [name, value] of Object.entries(values)) url.searchParams.set(name, value);
  }
  return url.toString();
}
