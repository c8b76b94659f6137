import { TokenRejected, type AccessTokenClaims, type AccessTokenVerifier } from "../context";
import type { Directory } from "../seed/directory";
import { decodeJwt, JwtFormatError, verifyRs256 } from "./jwt";
import { USER_IMPERSONATION } from "./scopes";
import type { SigningKey } from "./signing-keys";
import { tenantIssuer } from "./tenants";

/**
 * Returns the verifier the Web API and discovery call for every bearer token. It checks, in order:
 * JWT structure; `alg` RS256 only (never `none` or HMAC); a `kid` of this server's key set; the
 * signature; `exp` and `nbf` against the injected clock; `aud` equal to the resource (one trailing
 * slash tolerated); `iss` equal to this server's issuer for the token's `tid` (the host being the
 * resource's); `scp` containing `user_impersonation`. It throws TokenRejected with the problem and a message.
 */
export function createAccessTokenVerifier(keys: readonly SigningKey[], directory: Directory, now: () => number): AccessTokenVerifier {
  const byKid = new Map(keys.map((k) => [k.kid, k]));
  // Tokens whose signature was already checked (a client sends the same token many times); the
  // claims are still checked on every call, since they depend on the clock and the resource.
  const verified = new Map<string, Record<string, unknown>>();
  const verifySignature = (token: string): Record<string, unknown> => {
    const cached = verified.get(token);
    if (cached) return cached;
    const payload = checkSignature(token, byKid);
    if (verified.size >= VERIFIED_CACHE_SIZE) verified.delete(verified.keys().next().value as string);
    verified.set(token, payload);
    return payload;
  };
  return (token, expectedAudience) => {
    if (token.trim() === "") throw new TokenRejected("missing", "The request does not carry a bearer token.");
    const payload = verifySignature(token);
    const claims = readClaims(payload);
    const nowSeconds = Math.floor(now() / 1000);
    if (claims.exp <= nowSeconds) {
      throw new TokenRejected("expired", `The access token expired at ${new Date(claims.exp * 1000).toISOString()}.`);
    }
    if (typeof payload.nbf === "number" && payload.nbf > nowSeconds) {
      throw new TokenRejected("expired", `The access token is not valid before ${new Date(payload.nbf * 1000).toISOString()}.`);
    }
    if (trimSlash(claims.aud) !== trimSlash(expectedAudience)) {
      throw new TokenRejected("audience", `The token's audience '${claims.aud}' is not this resource ('${trimSlash(expectedAudience)}').`);
    }
    const origin = originOfUrl(expectedAudience);
    if (!directory.tenants.has(claims.tid) || origin === undefined || payload.iss !== tenantIssuer(origin, claims.tid)) {
      throw new TokenRejected("issuer", `The token's issuer '${String(payload.iss)}' is not this server's issuer for tenant '${claims.tid}'.`);
    }
    if (!claims.scp.split(" ").includes(USER_IMPERSONATION)) {
      throw new TokenRejected("scope", `The token's scope '${claims.scp}' does not include '${USER_IMPERSONATION}'.`);
    }
    return claims;
  };
}

const VERIFIED_CACHE_SIZE = 1024;

/** Decodes a JWT and checks its algorithm, key id and RS256 signature; returns the payload or throws TokenRejected. */
function checkSignature(token: string, byKid: ReadonlyMap<string, SigningKey>): Record<string, unknown> {
  let decoded;
  try {
    decoded = decodeJwt(token);
  } catch (error) {
    if (error instanceof JwtFormatError) throw new TokenRejected("malformed", `The bearer token is malformed: ${error.message}`);
    throw error;
  }
  const { header } = decoded;
  if (header.alg !== "RS256") {
    throw new TokenRejected("signature", `The token's signing algorithm '${String(header.alg)}' is not accepted; only RS256 is.`);
  }
  const key = typeof header.kid === "string" ? byKid.get(header.kid) : undefined;
  if (!key) throw new TokenRejected("signature", "The token was signed with a key this server does not know (unknown 'kid').");
  if (!verifyRs256(decoded.signingInput, decoded.signature, key.publicKey)) {
    throw new TokenRejected("signature", "The token's signature is invalid.");
  }
  return decoded.payload;
}

function readClaims(payload: Record<string, unknown>): AccessTokenClaims {
  const { oid, tid, aud, scp, upn, appid, exp } = payload;
  if (typeof oid !== "string" || typeof tid !== "string" || typeof aud !== "string" || typeof exp !== "number") {
    throw new TokenRejected("malformed", "The token lacks one of the claims oid, tid, aud or exp.");
  }
  return {
    oid,
    tid,
    aud,
    exp,
    scp: typeof scp === "string" ? scp : "",
    upn: typeof upn === "string" ? upn : "",
    appid: typeof appid === "string" ? appid : typeof payload.azp === "string" ? payload.azp : "",
  };
}

function trimSlash(url: string): string {
  return url.endsWith("/") ? url.slice(0, -1) : url;
}

function originOfUrl(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}
