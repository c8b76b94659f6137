import { createHmac, generateKeyPairSync } from "node:crypto";
import { TokenRejected, type TokenProblem } from "../../../emulator/src/context";
import { createAccessTokenVerifier } from "../../../emulator/src/identity/access-token-verifier";
import { base64url, signJwt } from "../../../emulator/src/identity/jwt";
import { loadSigningKey, type SigningKey } from "../../../emulator/src/identity/signing-keys";
import { Directory } from "../../../emulator/src/seed/directory";
import { DEMO_SEED_FILE, readSeedFile } from "../../../emulator/src/seed/validate";
import { Store } from "../../../emulator/src/store/store";

const ORIGIN = "https://localhost:5555";
const TID = "5d1f7a9e-3c4b-4e8a-9f21-6b0c2d7e8a11";
const AUDIENCE = `${ORIGIN}/contoso`;
const NOW = Date.parse("2030-01-01T00:00:00Z");
const NOW_S = NOW / 1000;

let store: Store;
let key: SigningKey;
const directory = new Directory(readSeedFile(DEMO_SEED_FILE));
const verify = (token: string, audience = AUDIENCE, now = NOW): ReturnType<ReturnType<typeof createAccessTokenVerifier>> =>
  createAccessTokenVerifier([key], directory, () => now)(token, audience);

beforeAll(() => {
  store = new Store(":memory:");
  key = loadSigningKey(store);
});
afterAll(() => store.close());

function claims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    aud: AUDIENCE,
    iss: `${ORIGIN}/${TID}/v2.0`,
    iat: NOW_S - 10,
    nbf: NOW_S - 10,
    exp: NOW_S + 3590,
    oid: "60c08c6a-254a-569e-ae24-4d0da2e3a90f",
    tid: TID,
    scp: "user_impersonation",
    upn: "alex.wu@contoso.example",
    appid: "client",
    ver: "2.0",
    ...overrides,
  };
}

function rejection(fn: () => unknown): { problem: TokenProblem; message: string } {
  try {
    fn();
  } catch (error) {
    if (error instanceof TokenRejected) return { problem: error.problem, message: error.message };
    throw error;
  }
  throw new Error("the token was accepted");
}

function unsigned(alg: string, payload: Record<string, unknown>, signature = ""): string {
  return `${base64url(JSON.stringify({ alg, typ: "JWT", kid: key.kid }))}.${base64url(JSON.stringify(payload))}.${signature}`;
}

test("accepts a genuine token and returns its claims", () => {
  expect(verify(signJwt(claims(), key.privateKey, key.kid))).toEqual({
    oid: "60c08c6a-254a-569e-ae24-4d0da2e3a90f",
    tid: TID,
    aud: AUDIENCE,
    scp: "user_impersonation",
    upn: "alex.wu@contoso.example",
    appid: "client",
    exp: NOW_S + 3590,
  });
});

test("tolerates one trailing slash on either side of the audience", () => {
  expect(verify(signJwt(claims(), key.privateKey, key.kid), `${AUDIENCE}/`).aud).toBe(AUDIENCE);
  expect(verify(signJwt(claims({ aud: `${AUDIENCE}/` }), key.privateKey, key.kid)).aud).toBe(`${AUDIENCE}/`);
});

test.each<[string, () => string, TokenProblem]>([
  ["an empty token", () => "", "missing"],
  ["two parts", () => "a.b", "malformed"],
  ["a header that is not JSON", () => `${base64url("nope")}.${base64url("{}")}.x`, "malformed"],
  ["characters outside base64url", () => "a+b.c.d", "malformed"],
  ["alg none", () => unsigned("none", claims()), "signature"],
  ["HS256 keyed with the public key", () => {
    const input = `${base64url(JSON.stringify({ alg: "HS256", typ: "JWT", kid: key.kid }))}.${base64url(JSON.stringify(claims()))}`;
    const pem = key.publicKey.export({ format: "pem", type: "spki" });
    return `${input}.${createHmac("sha256", pem).update(input).digest("base64url")}`;
  }, "signature"],
  ["an unknown kid", () => signJwt(claims(), key.privateKey, "other-kid"), "signature"],
  ["a signature by another key", () => signJwt(claims(), generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey, key.kid), "signature"],
  ["a changed payload", () => {
    const [h, , s] = signJwt(claims(), key.privateKey, key.kid).split(".");
    return `${h}.${base64url(JSON.stringify(claims({ oid: "someone-else" })))}.${s}`;
  }, "signature"],
  ["no oid", () => signJwt(claims({ oid: undefined }), key.privateKey, key.kid), "malformed"],
  ["an expired token", () => signJwt(claims({ exp: NOW_S }), key.privateKey, key.kid), "expired"],
  ["a token not valid yet", () => signJwt(claims({ nbf: NOW_S + 60 }), key.privateKey, key.kid), "expired"],
  ["another audience", () => signJwt(claims({ aud: `${ORIGIN}/fabrikam` }), key.privateKey, key.kid), "audience"],
  ["an audience that only starts like this one", () => signJwt(claims({ aud: `${AUDIENCE}x` }), key.privateKey, key.kid), "audience"],
  ["an issuer on another host", () => signJwt(claims({ iss: `https://login.microsoftonline.com/${TID}/v2.0` }), key.privateKey, key.kid), "issuer"],
  ["an unknown tenant", () => {
    const tid = "00000000-0000-0000-0000-000000000000";
    return signJwt(claims({ tid, iss: `${ORIGIN}/${tid}/v2.0` }), key.privateKey, key.kid);
  }, "issuer"],
  ["no user_impersonation scope", () => signJwt(claims({ scp: "openid profile" }), key.privateKey, key.kid), "scope"],
])("refuses %s", (_label, token, problem) => {
  const refused = rejection(() => verify(token()));
  expect(refused.problem).toBe(problem);
  expect(refused.message.length).toBeGreaterThan(10);
});

test("the expiry follows the injected clock", () => {
  const token = signJwt(claims(), key.privateKey, key.kid);
  expect(verify(token, AUDIENCE, NOW + 3589 * 1000).oid).toEqual(expect.any(String));
  expect(rejection(() => verify(token, AUDIENCE, NOW + 3590 * 1000)).problem).toBe("expired");
});
