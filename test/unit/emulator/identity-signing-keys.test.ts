import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createEmulator, type Emulator } from "../../../emulator/src/app";
import type { EmulatorRequest } from "../../../emulator/src/http/types";
import { jwks, loadSigningKey, SIGNING_KEY_META } from "../../../emulator/src/identity/signing-keys";
import { DEMO_SEED_FILE, readSeedFile } from "../../../emulator/src/seed/validate";
import { Store } from "../../../emulator/src/store/store";

const TEST_CLIENT_ID = "0e9c4b71-2d3a-4c5f-8e6b-9a1d2f3c4b5e";
const ORIGIN = "https://localhost:5555";
let dir: string;
let dataFile: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "orgtrack-keys-"));
  dataFile = path.join(dir, "data.sqlite");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test("the key is made once, saved in meta, and survives reopening and clearRecords", () => {
  const store = new Store(dataFile);
  const first = loadSigningKey(store);
  expect(store.getMeta(SIGNING_KEY_META)).toEqual(expect.any(String));
  store.clearRecords();
  expect(loadSigningKey(store).kid).toBe(first.kid);
  store.close();
  const reopened = new Store(dataFile);
  expect(loadSigningKey(reopened).kid).toBe(first.kid);
  reopened.close();
});

test("an unreadable saved key is replaced", () => {
  const store = new Store(dataFile);
  store.setMeta(SIGNING_KEY_META, "{not json");
  const key = loadSigningKey(store);
  expect(key.kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(loadSigningKey(store).kid).toBe(key.kid);
  store.close();
});

test("the JWKS lists the public half only", () => {
  const store = new Store(":memory:");
  const key = loadSigningKey(store);
  const [published] = jwks([key]).keys;
  expect(published).toEqual({ kty: "RSA", use: "sig", alg: "RS256", kid: key.kid, n: expect.any(String), e: "AQAB" });
  expect(JSON.stringify(published)).not.toMatch(/"d"|"p"|"q"/);
  store.close();
});

function tokenRequest(): EmulatorRequest {
  return {
    method: "POST",
    url: new URL(`${ORIGIN}/organizations/oauth2/v2.0/token`),
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: Buffer.from(
      new URLSearchParams({ client_id: TEST_CLIENT_ID, grant_type: "password", username: "alex.wu@contoso.example", password: "OrgTrack-Demo-1", scope: `${ORIGIN}/contoso/.default` }).toString(),
    ),
    remoteAddress: "127.0.0.1",
  };
}

async function accessToken(emulator: Emulator): Promise<string> {
  const result = await emulator.handle(tokenRequest());
  if (result.status !== 200 || !("body" in result)) throw new Error(`token request failed: ${String(result.status)}`);
  return (JSON.parse(String(result.body)) as { access_token: string }).access_token;
}

test("tokens stay valid across a restart on the same data file and across a reset", async () => {
  const seed = readSeedFile(DEMO_SEED_FILE);
  const first = createEmulator({ seed, dataFile });
  const token = await accessToken(first);
  first.reset();
  expect(first.identity.verifyAccessToken(token, `${ORIGIN}/contoso`).upn).toBe("alex.wu@contoso.example");
  first.close();
  const second = createEmulator({ seed, dataFile });
  expect(second.identity.verifyAccessToken(token, `${ORIGIN}/contoso`).upn).toBe("alex.wu@contoso.example");
  second.close();
});
