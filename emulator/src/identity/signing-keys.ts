import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import type { Store } from "../store/store";
import { base64url } from "./jwt";

/** A public signing key as published in the JWKS. */
export interface PublicJwk {
  kty: "RSA";
  use: "sig";
  alg: "RS256";
  kid: string;
  n: string;
  e: string;
}

/** The key tokens are signed with: private for signing, public for checking and for the JWKS. */
export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  jwk: PublicJwk;
}

/** The meta row that holds the private key (PKCS#8 PEM), so tokens survive a restart on the same data file. */
export const SIGNING_KEY_META = "identity.signing-key";

interface SavedKey {
  pem: string;
}

/**
 * Returns the signing key saved in the store's meta table, generating (RSA 2048) and saving one
 * when there is none or it cannot be read. `Store.clearRecords` (reset) leaves it alone.
 */
export function loadSigningKey(store: Store): SigningKey {
  const saved = store.getMeta(SIGNING_KEY_META);
  if (saved !== undefined) {
    try {
      const { pem } = JSON.parse(saved) as SavedKey;
      return fromPrivateKey(createPrivateKey(pem));
    } catch {
      // An unreadable key is replaced: tokens signed with it could not be checked anyway.
    }
  }
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const pem = privateKey.export({ format: "pem", type: "pkcs8" }).toString();
  store.setMeta(SIGNING_KEY_META, JSON.stringify({ pem } satisfies SavedKey));
  return fromPrivateKey(privateKey);
}

/** The JSON Web Key Set that lists the public keys (what `/<tenant>/discovery/v2.0/keys` serves). */
export function jwks(keys: readonly SigningKey[]): { keys: PublicJwk[] } {
  return { keys: keys.map((k) => k.jwk) };
}

function fromPrivateKey(privateKey: KeyObject): SigningKey {
  if (privateKey.asymmetricKeyType !== "rsa") throw new Error("The saved signing key is not an RSA key.");
  const publicKey = createPublicKey(privateKey);
  const exported = publicKey.export({ format: "jwk" });
  if (typeof exported.n !== "string" || typeof exported.e !== "string") throw new Error("The signing key has no RSA modulus.");
  const kid = thumbprint(exported.n, exported.e);
  return { kid, privateKey, publicKey, jwk: { kty: "RSA", use: "sig", alg: "RS256", kid, n: exported.n, e: exported.e } };
}

/** RFC 7638 JWK thumbprint of an RSA key: the kid. */
function thumbprint(n: string, e: string): string {
  return base64url(createHash("sha256").update(JSON.stringify({ e, kty: "RSA", n })).digest());
}
