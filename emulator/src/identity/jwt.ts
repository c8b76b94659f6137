import { sign, verify, type KeyObject } from "node:crypto";

/** A JWT's header as this server writes it. */
export interface JwtHeader {
  alg: string;
  typ?: string;
  kid?: string;
}

/** A JWT split into its parts, not yet trusted. */
export interface DecodedJwt {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  /** `<header>.<payload>` as received: the bytes the signature covers. */
  signingInput: string;
  signature: Buffer;
}

/** A token that is not three base64url parts of JSON objects. */
export class JwtFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "JwtFormatError";
  }
}

/** Encodes bytes or a string as unpadded base64url. */
export function base64url(data: string | Buffer): string {
  return Buffer.from(data).toString("base64url");
}

/** Returns the RS256 compact JWT of `claims`, with `kid` in the header; throws only on a broken key. */
export function signJwt(claims: Record<string, unknown>, privateKey: KeyObject, kid: string): string {
  const header: JwtHeader = { typ: "JWT", alg: "RS256", kid };
  const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  const signature = sign("sha256", Buffer.from(signingInput), privateKey);
  return `${signingInput}.${base64url(signature)}`;
}

/** True when `signature` is a valid RS256 signature of `signingInput` by `publicKey`. */
export function verifyRs256(signingInput: string, signature: Buffer, publicKey: KeyObject): boolean {
  try {
    return verify("sha256", Buffer.from(signingInput), publicKey, signature);
  } catch {
    return false;
  }
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** Splits a compact JWT and parses its header and payload; throws JwtFormatError when it is not one. */
export function decodeJwt(token: string): DecodedJwt {
  const parts = token.split(".");
  if (parts.length !== 3) throw new JwtFormatError("The token is not a JWT (it must have three dot-separated parts).");
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  if (![headerPart, payloadPart, signaturePart].every((p) => BASE64URL.test(p)) || headerPart === "" || payloadPart === "") {
    throw new JwtFormatError("The token's parts are not base64url.");
  }
  return {
    header: parseJsonObject(headerPart, "header"),
    payload: parseJsonObject(payloadPart, "payload"),
    signingInput: `${headerPart}.${payloadPart}`,
    signature: Buffer.from(signaturePart, "base64url"),
  };
}

function parseJsonObject(part: string, name: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
  } catch {
    throw new JwtFormatError(`The token's ${name} is not JSON.`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new JwtFormatError(`The token's ${name} is not a JSON object.`);
  }
  return value as Record<string, unknown>;
}
