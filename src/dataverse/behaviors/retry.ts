import { AppError, isAppError } from "../../core/errors";
import type { HttpResponse } from "../../core/ports";
import { retryAfterSeconds } from "../map-error";
import type { Behavior } from "../pipeline";

/** Statuses worth another attempt: throttling and a busy or unreachable gateway. */
export const RETRIABLE_STATUSES: ReadonlySet<number> = new Set([429, 503, 504]);

/** Waits `ms` milliseconds; rejects with AppError `cancelled` when the signal aborts. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** The bounds of the retry behavior (defaults: 3 retries, 60 s in all, 1 s first back-off step). */
export interface RetryOptions {
  /** Retries after the first attempt; default 3. */
  maxRetries?: number;
  /** The most this behavior waits in all for one request; default 60 s. A longer `Retry-After` gives up at once. */
  maxTotalWaitMs?: number;
  /** First back-off step when the server gives no `Retry-After`; default 1 s, doubled per retry. */
  baseDelayMs?: number;
  /** Largest single back-off step; default 20 s. */
  maxDelayMs?: number;
  sleep?: Sleep;
  /** A number in [0, 1) for the jitter; default Math.random. */
  random?: () => number;
  now?: () => number;
}

function cancelled(cause?: unknown): AppError {
  return new AppError("cancelled", "The request was cancelled.", { messageKey: "dataverse.cancelled", cause });
}

/** Returns a promise that resolves after `ms` milliseconds; rejects with AppError `cancelled` when the signal aborts first. */
export const realSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(cancelled(signal.reason));
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(cancelled(signal?.reason));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });

type Attempt = { response: HttpResponse } | { error: AppError };

/**
 * Returns a behavior that retries ONLY 429/503/504 answers and network failures (AppError
 * `offline` from the send), never an aborted or timed-out request. It waits what `Retry-After`
 * (or `x-ms-retry-after-ms`) says, else an exponential back-off with jitter; at most `maxRetries`
 * times and `maxTotalWaitMs` in all. When it gives up it returns the last answer (error mapping
 * turns a 429 into AppError `throttled` with `retryAfterSeconds`) or rethrows the last `offline` error.
 */
export function retry(options: RetryOptions = {}): Behavior {
  const maxRetries = options.maxRetries ?? 3;
  const maxTotalWaitMs = options.maxTotalWaitMs ?? 60_000;
  const baseDelayMs = options.baseDelayMs ?? 1_000;
  const maxDelayMs = options.maxDelayMs ?? 20_000;
  const sleep = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;

  const backoff = (retryIndex: number): number => {
    const step = Math.min(maxDelayMs, baseDelayMs * 2 ** retryIndex);
    return Math.round(step / 2 + (random() * step) / 2);
  };

  return (next) => async (request) => {
    let waited = 0;
    for (let retryIndex = 0; ; retryIndex += 1) {
      let attempt: Attempt;
      try {
        attempt = { response: await next(request) };
      } catch (error) {
        if (!isAppError(error, "offline")) throw error;
        attempt = { error };
      }
      if ("response" in attempt && !RETRIABLE_STATUSES.has(attempt.response.status)) return attempt.response;
      const giveUp = (): HttpResponse => {
        if ("error" in attempt) throw attempt.error;
        return attempt.response;
      };
      if (retryIndex >= maxRetries) return giveUp();
      const hinted = "response" in attempt ? retryAfterSeconds(attempt.response.headers, now()) : undefined;
      const delay = hinted !== undefined ? Math.ceil(hinted * 1000) : backoff(retryIndex);
      if (waited + delay > maxTotalWaitMs) return giveUp();
      if (request.signal?.aborted) throw cancelled(request.signal.reason);
      await sleep(delay, request.signal);
      waited += delay;
    }
  };
}
