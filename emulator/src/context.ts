import type { Store } from "./store/store";
import type { Directory } from "./seed/directory";
import type { SeedLimits } from "./seed/types";
import type { HandlerResult, EmulatorRequest } from "./http/types";

/** Claims of a validated access token that the Web API and discovery rely on. */
export interface AccessTokenClaims {
  oid: string;
  tid: string;
  aud: string;
  scp: string;
  upn: string;
  appid: string;
  exp: number;
}

/** Why a token was refused; decides the 401's error code and message. */
export type TokenProblem = "missing" | "malformed" | "signature" | "expired" | "audience" | "scope" | "issuer";

export class TokenRejected extends Error {
  constructor(readonly problem: TokenProblem, message: string) {
    super(message);
    this.name = "TokenRejected";
  }
}

/** Checks a bearer token for a resource (an org URL or the discovery URL); throws TokenRejected. */
export type AccessTokenVerifier = (token: string, expectedAudience: string) => AccessTokenClaims;

/** Everything a handler may use: the database, the seed's directory, the clock and the limits in force. */
export interface EmulatorContext {
  store: Store;
  directory: Directory;
  /** Milliseconds since the epoch; tests move it to expire tokens. */
  now: () => number;
  limits: Required<SeedLimits>;
  verifyAccessToken: AccessTokenVerifier;
  faults: FaultInjector;
  protection: ServiceProtection;
}

/** Injected faults (loopback admin API): answers for a matching request, or undefined to go on. */
export interface FaultInjector {
  /** Applies the first matching fault: waits its delay, then returns its status or a dropped connection, or undefined. */
  apply(req: EmulatorRequest): Promise<HandlerResult | undefined>;
}

/** An admitted request; release it when its response is ready. */
export interface Admission {
  /** Headers that report what is left of the caller's limits (x-ms-ratelimit-…). */
  headers: Record<string, string>;
  release(): void;
}

/** Dataverse service protection: per-user request, execution-time and concurrency limits. */
export interface ServiceProtection {
  /** Admits `requests` requests for a user or throws a 429 ODataError with Retry-After. */
  admit(userKey: string, requests: number): Admission;
  /** Counts more requests for an admitted user (each request inside a $batch counts); throws 429. */
  count(userKey: string, requests: number): void;
}

/** The origin this request reached, e.g. `https://localhost:5555`; tokens and links are built on it. */
export function originOf(url: URL): string {
  return `${url.protocol}//${url.host}`;
}
