import { createHash, randomBytes } from "node:crypto";

/** A new unguessable opaque value (base64url of `bytes` random bytes), for codes and refresh tokens. */
export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

/** The SHA-256 hex of a secret: the only form in which codes and refresh tokens are stored. */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}
