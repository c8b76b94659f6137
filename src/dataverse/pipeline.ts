import type { HttpRequest, HttpResponse, HttpSend, TokenProvider } from "../core/ports";
import { bearerToken } from "./behaviors/bearer-token";
import { errorMapping } from "./behaviors/error-mapping";
import { odataHeaders } from "./behaviors/odata-headers";
import { retry, type RetryOptions, type Sleep } from "./behaviors/retry";
import { timeout } from "./behaviors/timeout";

/**
 * The Dataverse request pipeline, pnpjs-style but plainly typed: a behavior wraps the next send
 * and returns a send. The order is fixed (outermost first):
 *
 *   error mapping → OData headers → bearer token (scope check, one refresh on 401) → retry
 *   (429/503/504/network) → timeout (per attempt) → HttpSend
 *
 * so that every attempt has its own timeout, a retried request keeps its token, a refreshed token
 * gets the same retries, and whatever finally fails is mapped to an AppError in one place.
 */

/** Sends one request; the same shape as the HttpSend port. */
export type Send = (request: HttpRequest) => Promise<HttpResponse>;

/** One concern of the pipeline: wraps the next send. */
export type Behavior = (next: Send) => Send;

/** Returns a send that runs the behaviors around `send`, the first behavior outermost. */
export function compose(send: HttpSend, behaviors: readonly Behavior[]): Send {
  return behaviors.reduceRight<Send>((next, behavior) => behavior(next), send);
}

/** What a pipeline needs. */
/** What every Dataverse service gets from the composition root to build its pipelines. */
export interface TransportDeps {
  send: HttpSend;
  tokens: TokenProvider;
  sleep?: Sleep;
  now?: () => number;
  timeoutMs?: number;
  retry?: Omit<RetryOptions, "sleep" | "now">;
}

export interface PipelineOptions {
  send: HttpSend;
  tokens: TokenProvider;
  /** The token audience (an org URL or the discovery URL); requests may only go below it. */
  resource: string;
  /** Per attempt; default 30 s. */
  timeoutMs?: number;
  retry?: RetryOptions;
  /** The clock (for HTTP-date `Retry-After` values). */
  now?: () => number;
  /** False leaves out the error mapping (answers of any status resolve); for `$batch`, whose 400 carries parts. Default true. */
  mapErrors?: boolean;
}

/** Returns the fixed Dataverse pipeline: resolves with 2xx/3xx answers, throws AppError for everything else; throws AppError `invalidInput` at once for a resource that is not an https URL. */
export function createPipeline(options: PipelineOptions): Send {
  const now = options.now ?? Date.now;
  return compose(options.send, [
    ...(options.mapErrors === false ? [] : [errorMapping({ now })]),
    odataHeaders(),
    bearerToken({ tokens: options.tokens, resource: options.resource }),
    retry({ now, ...options.retry }),
    timeout({ ...(options.timeoutMs !== undefined ? { ms: options.timeoutMs } : {}) }),
  ]);
}
