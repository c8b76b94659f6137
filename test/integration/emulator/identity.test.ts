import { createHash, createPublicKey, randomBytes, verify, type JsonWebKey } from "node:crypto";
import { readSeedFile, DEMO_SEED_FILE } from "../../../emulator/src/seed/validate";
import type { Seed } from "../../../emulator/src/seed/types";
import { DEMO_PASSWORD, startEmulator, TEST_CLIENT_ID, type TestEmulator } from "../../support/emulator-harness";
import type { HttpResult } from "../../support/https-client";

/** The add-in's client id and a redirect URI registered for it in the demo seed. */
const ADDIN_CLIENT_ID = "8f3b6d2a-71c4-4f0e-9b5a-2c6e1d4f7a90";
const ADDIN_REDIRECT = "https://localhost:3000/auth-redirect.html";
const TENANT_ID = "5d1f7a9e-3c4b-4e8a-9f21-6b0c2d7e8a11";
const ALEX = "alex.wu@contoso.example";

type Claims = Record<string, unknown>;
interface TokenBody {
  token_type: string;
  scope: string;
  expires_in: number;
  ext_expires_in: number;
  access_token: string;
  refresh_token?: string;
  refresh_token_expires_in?: number;
  id_token?: string;
  client_info?: string;
}
interface OAuthErrorBody {
  error: string;
  error_description: string;
  error_codes?: number[];
  timestamp: string;
  trace_id: string;
}

function claimsOf(jwt: string): Claims {
  return JSON.parse(Buffer.from(jwt.split(".")[1] ?? "", "base64url").toString("utf8")) as Claims;
}

function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

function unescapeHtml(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_m, e: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" })[e] ?? "");
}

function hiddenFields(page: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const m of page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) fields[unescapeHtml(m[1] ?? "")] = unescapeHtml(m[2] ?? "");
  return fields;
}

function form(values: Record<string, string>): { method: string; headers: Record<string, string>; body: string } {
  return { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(values).toString() };
}

interface AuthorizeOptions {
  tenant?: string;
  clientId?: string;
  redirectUri?: string;
  scope?: string;
  challenge?: string;
  extra?: Record<string, string>;
}

function authorizeUrl(emu: TestEmulator, options: AuthorizeOptions = {}): string {
  const params = new URLSearchParams({
    client_id: options.clientId ?? ADDIN_CLIENT_ID,
    redirect_uri: options.redirectUri ?? ADDIN_REDIRECT,
    response_type: "code",
    scope: options.scope ?? `${emu.orgUrl("contoso")}/.default openid profile offline_access`,
    state: "state-123",
    nonce: "nonce-456",
    code_challenge: options.challenge ?? pkce().challenge,
    code_challenge_method: "S256",
    ...options.extra,
  });
  return `/${options.tenant ?? "organizations"}/oauth2/v2.0/authorize?${params.toString()}`;
}

/** Drives the sign-in page like a browser: GET the page, POST its form with the credentials; returns the POST's answer. */
async function signIn(emu: TestEmulator, options: AuthorizeOptions & { email?: string; password?: string } = {}): Promise<HttpResult> {
  const url = authorizeUrl(emu, options);
  const page = await emu.request(url, { headers: { Accept: "text/html" } });
  expect(page.status).toBe(200);
  const action = /<form method="post" action="([^"]+)">/.exec(page.text)?.[1];
  expect(action).toBe(`/${options.tenant ?? "organizations"}/oauth2/v2.0/authorize`);
  return emu.request(unescapeHtml(action ?? ""), form({ ...hiddenFields(page.text), email: options.email ?? ALEX, password: options.password ?? DEMO_PASSWORD }));
}

/** Signs in and returns the code from the redirect. */
async function codeFor(emu: TestEmulator, options: AuthorizeOptions & { email?: string } = {}): Promise<{ code: string; verifier: string; location: URL }> {
  const { verifier, challenge } = pkce();
  const res = await signIn(emu, { ...options, challenge });
  expect(res.status).toBe(302);
  const location = new URL(res.headers.location ?? "");
  const code = location.searchParams.get("code");
  if (!code) throw new Error(`No code in the redirect: ${location.toString()}`);
  return { code, verifier, location };
}

function redeem(emu: TestEmulator, values: Record<string, string>, tenant = "organizations"): Promise<HttpResult> {
  return emu.request(`/${tenant}/oauth2/v2.0/token`, form({ client_id: ADDIN_CLIENT_ID, ...values }));
}

function exchange(emu: TestEmulator, code: string, verifier: string, extra: Record<string, string> = {}): Promise<HttpResult> {
  return redeem(emu, { grant_type: "authorization_code", code, code_verifier: verifier, redirect_uri: ADDIN_REDIRECT, ...extra });
}

async function expectOAuthError(res: HttpResult, error: string, status = 400): Promise<OAuthErrorBody> {
  expect(res.status).toBe(status);
  const body = res.json<OAuthErrorBody>();
  expect(body.error).toBe(error);
  expect(typeof body.error_description).toBe("string");
  expect(body.timestamp).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/);
  expect(body.trace_id).toMatch(/^[0-9a-f-]{36}$/);
  return body;
}

function discoveryResource(emu: TestEmulator): string {
  return `${emu.url}/discovery`;
}

describe("identity endpoints", () => {
  let emu: TestEmulator;
  beforeAll(async () => {
    emu = await startEmulator();
  });
  afterAll(async () => emu.stop());

  describe("OpenID configuration", () => {
    const paths = (tenant: string): string[] => [`/${tenant}/v2.0/.well-known/openid-configuration`, `/${tenant}/.well-known/openid-configuration`];

    test.each([
      ["tenant id", TENANT_ID, TENANT_ID],
      ["tenant name", "contoso.example", TENANT_ID],
      ["organizations", "organizations", "organizations"],
      ["common", "common", "common"],
    ])("is served on both paths for the %s, with an issuer on the authority's origin", async (_label, tenant, issuerSegment) => {
      for (const path of paths(tenant)) {
        const res = await emu.request(path);
        expect(res.status).toBe(200);
        expect(res.headers["content-type"]).toMatch(/^application\/json/);
        const config = res.json<Record<string, unknown>>();
        expect(config.issuer).toBe(`${emu.url}/${issuerSegment}/v2.0`);
        expect(new URL(config.issuer as string).origin).toBe(emu.url);
        expect(config.authorization_endpoint).toBe(`${emu.url}/${tenant}/oauth2/v2.0/authorize`);
        expect(config.token_endpoint).toBe(`${emu.url}/${tenant}/oauth2/v2.0/token`);
        expect(config.jwks_uri).toBe(`${emu.url}/${tenant}/discovery/v2.0/keys`);
        expect(config.end_session_endpoint).toBe(`${emu.url}/${tenant}/oauth2/v2.0/logout`);
        expect(config.code_challenge_methods_supported).toEqual(["S256"]);
        expect(config.id_token_signing_alg_values_supported).toEqual(["RS256"]);
      }
    });

    test("an unknown tenant is refused with AADSTS90002", async () => {
      const res = await emu.request("/nowhere.example/v2.0/.well-known/openid-configuration");
      expect(res.status).toBe(400);
      expect(res.json<OAuthErrorBody>().error_description).toMatch(/^AADSTS90002: Tenant 'nowhere.example' not found/);
    });
  });

  test("the JWKS publishes the RSA key that signs the access tokens", async () => {
    const res = await emu.request(`/${TENANT_ID}/discovery/v2.0/keys`);
    expect(res.status).toBe(200);
    const { keys } = res.json<{ keys: (JsonWebKey & { kid: string; use: string; alg: string })[] }>();
    expect(keys).toHaveLength(1);
    const [jwk] = keys;
    expect(jwk).toMatchObject({ kty: "RSA", use: "sig", alg: "RS256" });
    const token = await emu.tokenFor(ALEX, emu.orgUrl("contoso"));
    const [h, p, s] = token.split(".") as [string, string, string];
    expect(JSON.parse(Buffer.from(h, "base64url").toString())).toEqual({ typ: "JWT", alg: "RS256", kid: jwk?.kid });
    const publicKey = createPublicKey({ key: jwk as JsonWebKey, format: "jwk" });
    expect(verify("sha256", Buffer.from(`${h}.${p}`), publicKey, Buffer.from(s, "base64url"))).toBe(true);
  });

  describe("sign-in page", () => {
    test("is an accessible form that carries the request and pre-fills login_hint", async () => {
      const res = await emu.request(authorizeUrl(emu, { extra: { login_hint: ALEX } }));
      expect(res.status).toBe(200);
      expect(res.headers["content-type"]).toMatch(/^text\/html/);
      expect(res.headers["content-security-policy"]).toContain("default-src 'none'");
      expect(res.headers["content-security-policy"]).toContain("form-action 'self' https://localhost:3000");
      expect(res.text).toMatch(/<html lang="en">/);
      expect(res.text).toMatch(/<h1>Sign in<\/h1>/);
      expect(res.text).toMatch(/<label for="email">Email<\/label>\s*<input id="email"[^>]*value="alex.wu@contoso.example"/);
      expect(res.text).toMatch(/<label for="password">Password<\/label>\s*<input id="password"[^>]*type="password"/);
      expect(res.text).toMatch(/<button type="submit">Sign in<\/button>/);
      expect(res.text).not.toMatch(/<script/i);
      expect(hiddenFields(res.text)).toMatchObject({ client_id: ADDIN_CLIENT_ID, redirect_uri: ADDIN_REDIRECT, state: "state-123", nonce: "nonce-456", code_challenge_method: "S256" });
    });

    test.each([
      ["a wrong password", ALEX, "not-the-password"],
      ["an unknown user", "nobody@contoso.example", DEMO_PASSWORD],
    ])("shows the form again with an alert for %s, keeping the email", async (_label, email, password) => {
      const res = await signIn(emu, { email, password });
      expect(res.status).toBe(200);
      expect(res.headers.location).toBeUndefined();
      expect(res.text).toMatch(/<div id="sign-in-error" role="alert">The email or password is incorrect.<\/div>/);
      expect(res.text).toContain(`value="${email}"`);
      expect(res.text).toMatch(/<label for="email">Email<\/label>/);
      expect(res.text).toMatch(/<button type="submit">Sign in<\/button>/);
    });

    test("refuses an unregistered client with an error page, not a redirect", async () => {
      const res = await emu.request(authorizeUrl(emu, { clientId: "00000000-0000-0000-0000-000000000000" }));
      expect(res.status).toBe(400);
      expect(res.headers.location).toBeUndefined();
      expect(unescapeHtml(res.text)).toMatch(/role="alert">AADSTS700016: Application with identifier '00000000-0000-0000-0000-000000000000' was not found/);
    });

    test.each([
      ["another origin", "https://evil.example/auth-redirect.html"],
      ["another path on a registered origin", "https://localhost:3000/other.html"],
      ["a registered URI with a fragment", `${ADDIN_REDIRECT}#x`],
    ])("refuses a redirect URI on %s with an error page, never redirecting there", async (_label, redirectUri) => {
      const res = await emu.request(authorizeUrl(emu, { redirectUri }));
      expect(res.status).toBe(400);
      expect(res.headers.location).toBeUndefined();
      expect(res.text).toContain("AADSTS50011");
    });

    test("accepts any port for a loopback redirect URI, as Entra does for native apps", async () => {
      const redirectUri = "https://localhost:49152/callback";
      const { verifier, challenge } = pkce();
      const res = await signIn(emu, { clientId: TEST_CLIENT_ID, redirectUri, challenge });
      expect(res.status).toBe(302);
      const location = new URL(res.headers.location ?? "");
      expect(`${location.origin}${location.pathname}`).toBe(redirectUri);
      const token = await emu.request("/organizations/oauth2/v2.0/token", form({ client_id: TEST_CLIENT_ID, grant_type: "authorization_code", code: location.searchParams.get("code") ?? "", code_verifier: verifier, redirect_uri: redirectUri }));
      expect(token.status).toBe(200);
    });

    test.each([
      ["without a code_challenge (PKCE is mandatory)", { code_challenge: "" }, "invalid_request"],
      ["with the plain challenge method", { code_challenge_method: "plain" }, "invalid_request"],
      ["with response_type=token", { response_type: "token" }, "unsupported_response_type"],
      ["for an unknown resource", { scope: "https://elsewhere.example/.default openid" }, "invalid_scope"],
    ])("redirects back with an error %s", async (_label, extra, error) => {
      const res = await emu.request(authorizeUrl(emu, { extra }));
      expect(res.status).toBe(302);
      const location = new URL(res.headers.location ?? "");
      expect(`${location.origin}${location.pathname}`).toBe(ADDIN_REDIRECT);
      expect(location.searchParams.get("error")).toBe(error);
      expect(location.searchParams.get("state")).toBe("state-123");
      expect(location.searchParams.get("code")).toBeNull();
    });

    test("prompt=none redirects with login_required (there are no server-side sessions)", async () => {
      const res = await emu.request(authorizeUrl(emu, { extra: { prompt: "none", response_mode: "fragment" } }));
      expect(res.status).toBe(302);
      const location = new URL(res.headers.location ?? "");
      const fragment = new URLSearchParams(location.hash.slice(1));
      expect(fragment.get("error")).toBe("login_required");
      expect(fragment.get("state")).toBe("state-123");
    });

    test("response_mode=fragment puts the code and state in the fragment", async () => {
      const res = await signIn(emu, { extra: { response_mode: "fragment" } });
      expect(res.status).toBe(302);
      const location = new URL(res.headers.location ?? "");
      expect(location.search).toBe("");
      const fragment = new URLSearchParams(location.hash.slice(1));
      expect(fragment.get("code")).toMatch(/^[A-Za-z0-9_-]{40,}$/);
      expect(fragment.get("state")).toBe("state-123");
    });
  });

  describe("authorization code + PKCE", () => {
    test("signs in through the form and exchanges the code for tokens MSAL can use", async () => {
      const { code, verifier, location } = await codeFor(emu, { scope: `${discoveryResource(emu)}/.default openid profile offline_access` });
      expect(location.searchParams.get("state")).toBe("state-123");
      const res = await exchange(emu, code, verifier, { scope: `${discoveryResource(emu)}/.default openid profile offline_access` });
      expect(res.status).toBe(200);
      expect(res.headers["cache-control"]).toBe("no-store");
      const body = res.json<TokenBody>();
      expect(body.token_type).toBe("Bearer");
      expect(body.expires_in).toBe(3600);
      expect(body.ext_expires_in).toBe(3600);
      expect(body.scope.split(" ")).toEqual(expect.arrayContaining([`${discoveryResource(emu)}/.default`, `${discoveryResource(emu)}/user_impersonation`]));
      expect(body.refresh_token).toEqual(expect.any(String));
      expect(Math.abs((body.refresh_token_expires_in ?? 0) - 24 * 3600)).toBeLessThanOrEqual(2);
      expect(JSON.parse(Buffer.from(body.client_info ?? "", "base64url").toString())).toEqual({ uid: expect.any(String), utid: TENANT_ID });

      const config = (await emu.request("/organizations/.well-known/openid-configuration")).json<{ issuer: string }>();
      const id = claimsOf(body.id_token ?? "");
      expect(id).toMatchObject({ aud: ADDIN_CLIENT_ID, iss: config.issuer, nonce: "nonce-456", tid: TENANT_ID, preferred_username: ALEX, name: "Alex Wu", ver: "2.0" });
      expect(id.sub).toEqual(expect.any(String));
      expect(id.oid).toEqual(expect.any(String));
      expect((id.exp as number) - (id.iat as number)).toBe(3600);

      const access = claimsOf(body.access_token);
      expect(access).toMatchObject({ aud: discoveryResource(emu), iss: `${emu.url}/${TENANT_ID}/v2.0`, scp: "user_impersonation", oid: id.oid, tid: TENANT_ID, upn: ALEX, appid: ADDIN_CLIENT_ID, azp: ADDIN_CLIENT_ID, ver: "2.0" });
      // The resource accepts it.
      const instances = await emu.request("/discovery/api/discovery/v2.0/Instances", { token: body.access_token });
      expect(instances.status).toBe(200);
    });

    test("an id_token through a tenant path carries that tenant's issuer", async () => {
      const { code, verifier } = await codeFor(emu, { tenant: "contoso.example" });
      const res = await redeem(emu, { grant_type: "authorization_code", code, code_verifier: verifier, redirect_uri: ADDIN_REDIRECT }, "contoso.example");
      expect(res.status).toBe(200);
      const config = (await emu.request("/contoso.example/.well-known/openid-configuration")).json<{ issuer: string }>();
      expect(claimsOf(res.json<TokenBody>().id_token ?? "").iss).toBe(config.issuer);
      expect(config.issuer).toBe(`${emu.url}/${TENANT_ID}/v2.0`);
    });

    test("a wrong code_verifier is refused", async () => {
      const { code } = await codeFor(emu);
      const body = await expectOAuthError(await exchange(emu, code, pkce().verifier), "invalid_grant");
      expect(body.error_codes).toEqual([501481]);
    });

    test("a code works once; reusing it fails and revokes the refresh token it gave", async () => {
      const { code, verifier } = await codeFor(emu);
      const first = await exchange(emu, code, verifier);
      expect(first.status).toBe(200);
      const second = await expectOAuthError(await exchange(emu, code, verifier), "invalid_grant");
      expect(second.error_codes).toEqual([54005]);
      const refresh = await redeem(emu, { grant_type: "refresh_token", refresh_token: first.json<TokenBody>().refresh_token ?? "" });
      await expectOAuthError(refresh, "invalid_grant");
    });

    test("a different redirect_uri than at authorize is refused", async () => {
      const { code, verifier } = await codeFor(emu);
      const body = await expectOAuthError(await exchange(emu, code, verifier, { redirect_uri: "https://localhost:3000/taskpane.html" }), "invalid_grant");
      expect(body.error_codes).toEqual([500112]);
    });

    test("a code issued to another client is refused", async () => {
      const { code, verifier } = await codeFor(emu);
      const res = await emu.request("/organizations/oauth2/v2.0/token", form({ client_id: TEST_CLIENT_ID, grant_type: "authorization_code", code, code_verifier: verifier, redirect_uri: ADDIN_REDIRECT }));
      await expectOAuthError(res, "invalid_grant");
    });

    test("an unknown code is refused", async () => {
      await expectOAuthError(await exchange(emu, "not-a-code", pkce().verifier), "invalid_grant");
    });
  });

  describe("refresh tokens", () => {
    async function signedIn(): Promise<TokenBody> {
      const { code, verifier } = await codeFor(emu);
      const res = await exchange(emu, code, verifier);
      expect(res.status).toBe(200);
      return res.json<TokenBody>();
    }
    const refresh = (token: string, scope?: string): Promise<HttpResult> =>
      redeem(emu, { grant_type: "refresh_token", refresh_token: token, ...(scope ? { scope } : {}) });

    test("rotate: each refresh gives a new refresh token and an id_token; the old one stops working", async () => {
      const first = await signedIn();
      const res = await refresh(first.refresh_token ?? "", `${emu.orgUrl("contoso")}/.default openid profile offline_access`);
      expect(res.status).toBe(200);
      const second = res.json<TokenBody>();
      expect(second.refresh_token).toEqual(expect.any(String));
      expect(second.refresh_token).not.toBe(first.refresh_token);
      expect(second.id_token).toEqual(expect.any(String));
      expect(claimsOf(second.id_token ?? "")).toMatchObject({ aud: ADDIN_CLIENT_ID, tid: TENANT_ID, iss: `${emu.url}/organizations/v2.0` });
      expect(second.scope).toContain(`${emu.orgUrl("contoso")}/.default`);
      // The lifetime is fixed at sign-in (Entra's SPA rule): rotation does not extend it.
      expect(second.refresh_token_expires_in).toBeLessThanOrEqual(first.refresh_token_expires_in ?? 0);
      await expectOAuthError(await refresh(first.refresh_token ?? ""), "invalid_grant");
    });

    test("reusing a used refresh token revokes the whole family", async () => {
      const first = await signedIn();
      const second = (await refresh(first.refresh_token ?? "")).json<TokenBody>();
      const reuse = await expectOAuthError(await refresh(first.refresh_token ?? ""), "invalid_grant");
      expect(reuse.error_codes).toEqual([50173]);
      // The legitimate successor is revoked too.
      await expectOAuthError(await refresh(second.refresh_token ?? ""), "invalid_grant");
    });

    test("one refresh token serves any resource of this server (like Entra's multi-resource refresh tokens)", async () => {
      const first = await signedIn();
      const res = await refresh(first.refresh_token ?? "", `${emu.orgUrl("fabrikam")}/user_impersonation openid profile offline_access`);
      expect(res.status).toBe(200);
      expect(claimsOf(res.json<TokenBody>().access_token).aud).toBe(emu.orgUrl("fabrikam"));
    });

    test("a bad scope is refused without using the refresh token up", async () => {
      const first = await signedIn();
      await expectOAuthError(await refresh(first.refresh_token ?? "", "https://elsewhere.example/.default"), "invalid_scope");
      expect((await refresh(first.refresh_token ?? "")).status).toBe(200);
    });

    test("a refresh token is bound to its client", async () => {
      const first = await signedIn();
      const res = await emu.request("/organizations/oauth2/v2.0/token", form({ client_id: TEST_CLIENT_ID, grant_type: "refresh_token", refresh_token: first.refresh_token ?? "" }));
      await expectOAuthError(res, "invalid_grant");
    });
  });

  describe("password grant", () => {
    const password = (clientId: string, values: Record<string, string> = {}): Promise<HttpResult> =>
      emu.request("/organizations/oauth2/v2.0/token", form({ client_id: clientId, grant_type: "password", username: ALEX, password: DEMO_PASSWORD, scope: `${emu.orgUrl("contoso")}/.default offline_access`, ...values }));

    test("is allowed for the test client", async () => {
      const res = await password(TEST_CLIENT_ID);
      expect(res.status).toBe(200);
      const body = res.json<TokenBody>();
      expect(claimsOf(body.access_token)).toMatchObject({ aud: emu.orgUrl("contoso"), upn: ALEX });
      expect(body.refresh_token).toEqual(expect.any(String));
      expect(body.id_token).toBeUndefined();
    });

    test("is refused for the add-in's client", async () => {
      await expectOAuthError(await password(ADDIN_CLIENT_ID), "unauthorized_client");
    });

    test("refuses a wrong password", async () => {
      const body = await expectOAuthError(await password(TEST_CLIENT_ID, { password: "wrong" }), "invalid_grant");
      expect(body.error_codes).toEqual([50126]);
    });
  });

  describe("scopes", () => {
    const ask = (scope: string): Promise<HttpResult> =>
      emu.request("/organizations/oauth2/v2.0/token", form({ client_id: TEST_CLIENT_ID, grant_type: "password", username: ALEX, password: DEMO_PASSWORD, scope }));

    test.each([
      ["user_impersonation", (e: TestEmulator) => `${e.orgUrl("fabrikam")}/user_impersonation`, (e: TestEmulator) => e.orgUrl("fabrikam")],
      ["a trailing-slash resource", (e: TestEmulator) => `${e.orgUrl("contoso")}//.default`, (e: TestEmulator) => e.orgUrl("contoso")],
      ["discovery", (e: TestEmulator) => `${e.url}/discovery/.default`, (e: TestEmulator) => `${e.url}/discovery`],
    ])("grants %s with the resource URL as the audience", async (_label, scope, audience) => {
      const res = await ask(scope(emu));
      expect(res.status).toBe(200);
      expect(claimsOf(res.json<TokenBody>().access_token).aud).toBe(audience(emu));
      expect(res.json<TokenBody>().scope.split(" ")).toContain(scope(emu));
    });

    test.each([
      ["an unknown org", (e: TestEmulator) => `${e.url}/northwind/.default`, 500011],
      ["another host", () => "https://contoso.crm.dynamics.com/.default", 500011],
      ["Microsoft Graph", () => "User.Read", 500011],
      ["an unknown permission", (e: TestEmulator) => `${e.orgUrl("contoso")}/Mail.Read`, 65005],
      ["two resources", (e: TestEmulator) => `${e.orgUrl("contoso")}/.default ${e.orgUrl("fabrikam")}/.default`, 28000],
    ])("refuses %s with invalid_scope", async (_label, scope, code) => {
      const body = await expectOAuthError(await ask(scope(emu)), "invalid_scope");
      expect(body.error_codes).toEqual([code]);
      expect(body.error_description).toMatch(new RegExp(`^AADSTS${code}: `));
    });
  });

  describe("token endpoint errors", () => {
    test("an unknown client is invalid_client (401)", async () => {
      const res = await emu.request("/organizations/oauth2/v2.0/token", form({ client_id: "nope", grant_type: "password", username: ALEX, password: DEMO_PASSWORD, scope: "openid" }));
      await expectOAuthError(res, "invalid_client", 401);
    });

    test("an unsupported grant type is refused", async () => {
      await expectOAuthError(await redeem(emu, { grant_type: "client_credentials" }), "unsupported_grant_type");
    });

    test("a GET is refused", async () => {
      await expectOAuthError(await emu.request("/organizations/oauth2/v2.0/token"), "invalid_request");
    });

    test("a missing parameter names it", async () => {
      const body = await expectOAuthError(await redeem(emu, { grant_type: "authorization_code" }), "invalid_request");
      expect(body.error_description).toBe("AADSTS900144: The request body must contain the following parameter: 'code'.");
    });
  });

  describe("CORS on the token endpoint", () => {
    const tokenRequest = (origin: string): Promise<HttpResult> =>
      emu.request("/organizations/oauth2/v2.0/token", { ...form({ client_id: ADDIN_CLIENT_ID, grant_type: "refresh_token", refresh_token: "x" }), headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin } });

    test("allows a registered origin", async () => {
      const res = await tokenRequest("https://localhost:3000");
      expect(res.headers["access-control-allow-origin"]).toBe("https://localhost:3000");
    });

    test("gives no CORS headers to another origin", async () => {
      const res = await tokenRequest("https://evil.example");
      expect(res.headers["access-control-allow-origin"]).toBeUndefined();
    });
  });

  describe("logout", () => {
    test("redirects to a registered post_logout_redirect_uri with the state", async () => {
      const res = await emu.request(`/organizations/oauth2/v2.0/logout?post_logout_redirect_uri=${encodeURIComponent("https://localhost:3000/taskpane.html")}&state=s1`);
      expect(res.status).toBe(302);
      expect(res.headers.location).toBe("https://localhost:3000/taskpane.html?state=s1");
    });

    test("never redirects to an unregistered URI", async () => {
      const res = await emu.request(`/organizations/oauth2/v2.0/logout?post_logout_redirect_uri=${encodeURIComponent("https://evil.example/")}`);
      expect(res.status).toBe(200);
      expect(res.headers.location).toBeUndefined();
      expect(res.text).toContain("<h1>You signed out of your account</h1>");
    });
  });
});

describe("tokens over time (movable clock)", () => {
  let emu: TestEmulator;
  let clock = Date.parse("2030-01-01T09:00:00Z");
  beforeAll(async () => {
    emu = await startEmulator({ now: () => clock });
  });
  afterAll(async () => emu.stop());

  test("an access token is refused once expired", async () => {
    const token = await emu.tokenFor(ALEX, `${emu.url}/discovery`);
    expect((await emu.request("/discovery/api/discovery/v2.0/Instances", { token })).status).toBe(200);
    clock += 3600 * 1000;
    const res = await emu.request("/discovery/api/discovery/v2.0/Instances", { token });
    expect(res.status).toBe(401);
    expect(res.json<{ error: { code: string; message: string } }>().error).toEqual({ code: "0x8005f101", message: expect.stringMatching(/expired/) });
  });

  test("an authorization code expires after five minutes", async () => {
    const { code, verifier } = await codeFor(emu);
    clock += 5 * 60 * 1000;
    const body = await expectOAuthError(await exchange(emu, code, verifier), "invalid_grant");
    expect(body.error_codes).toEqual([70008]);
  });

  test("a refresh token expires 24 hours after sign-in, rotation or not", async () => {
    const { code, verifier } = await codeFor(emu);
    const first = (await exchange(emu, code, verifier)).json<TokenBody>();
    clock += 23 * 3600 * 1000;
    const second = (await redeem(emu, { grant_type: "refresh_token", refresh_token: first.refresh_token ?? "" })).json<TokenBody>();
    expect(second.refresh_token_expires_in).toBe(3600);
    clock += 3600 * 1000;
    const body = await expectOAuthError(await redeem(emu, { grant_type: "refresh_token", refresh_token: second.refresh_token ?? "" }), "invalid_grant");
    expect(body.error_codes).toEqual([700084]);
  });
});

describe("tokens that were tampered with", () => {
  let emu: TestEmulator;
  let token: string;
  beforeAll(async () => {
    emu = await startEmulator();
    token = await emu.tokenFor(ALEX, `${emu.url}/discovery`);
  });
  afterAll(async () => emu.stop());

  const call = (t: string): Promise<HttpResult> => emu.request("/discovery/api/discovery/v2.0/Instances", { token: t });

  test("the genuine token is accepted", async () => {
    expect((await call(token)).status).toBe(200);
  });

  test("a token with one payload character changed is refused", async () => {
    const [h, p, s] = token.split(".") as [string, string, string];
    const i = Math.floor(p.length / 2);
    const flipped = p.slice(0, i) + (p[i] === "A" ? "B" : "A") + p.slice(i + 1);
    const res = await call(`${h}.${flipped}.${s}`);
    expect(res.status).toBe(401);
    expect(res.headers["www-authenticate"]).toContain("resource_id=");
  });

  test("an unsigned token (alg none) with the same claims is refused", async () => {
    const [, p] = token.split(".") as [string, string, string];
    const header = Buffer.from(JSON.stringify({ typ: "JWT", alg: "none" })).toString("base64url");
    const res = await call(`${header}.${p}.`);
    expect(res.status).toBe(401);
    expect(res.json<{ error: { message: string } }>().error.message).toMatch(/'none' is not accepted/);
  });
});

describe("a second tenant", () => {
  let emu: TestEmulator;
  const seed: Seed = readSeedFile(DEMO_SEED_FILE);
  seed.tenants.push({ id: "7a0c1e55-9d2b-4c3e-8f10-2b3c4d5e6f70", name: "fabrikam.example" });
  seed.users.push({ tenant: "fabrikam.example", email: "sam.roe@fabrikam.example", displayName: "Sam Roe", password: DEMO_PASSWORD });
  beforeAll(async () => {
    emu = await startEmulator({ seed });
  });
  afterAll(async () => emu.stop());

  test("a user signs in through their own tenant or an alias, not through another tenant", async () => {
    const own = await signIn(emu, { tenant: "fabrikam.example", email: "sam.roe@fabrikam.example" });
    expect(own.status).toBe(302);
    const alias = await signIn(emu, { tenant: "common", email: "sam.roe@fabrikam.example" });
    expect(alias.status).toBe(302);
    const other = await signIn(emu, { tenant: "contoso.example", email: "sam.roe@fabrikam.example" });
    expect(other.status).toBe(200);
    expect(other.text).toMatch(/role="alert">The account sam.roe@fabrikam.example is not in the contoso.example directory/);
  });

  test("the password grant through another tenant's path is refused", async () => {
    const res = await emu.request(`/contoso.example/oauth2/v2.0/token`, form({ client_id: TEST_CLIENT_ID, grant_type: "password", username: "sam.roe@fabrikam.example", password: DEMO_PASSWORD, scope: `${emu.url}/discovery/.default` }));
    await expectOAuthError(res, "invalid_grant");
  });
});
