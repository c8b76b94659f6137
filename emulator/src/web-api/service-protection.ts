import type { Admission, ServiceProtection } from "../context";
import { ErrorCodes, ODataError } from "../http/odata-error";
import type { SeedLimits } from "../seed/types";

/** Service protection with a way to forget every counter (`POST /_emulator/reset`). */
export type ResettableServiceProtection = ServiceProtection & { reset(): void };

/** The informational headers Dataverse puts on every admitted response (spec §1.3, §6). */
export const BURST_REMAINING_HEADER = "x-ms-ratelimit-burst-remaining-xrm-requests";
export const TIME_REMAINING_HEADER = "x-ms-ratelimit-time-remaining-xrm-requests";

interface UserCounters {
  /** Requests admitted or counted, by the time they arrived. */
  requests: SlidingWindow;
  /** Execution time (ms) of finished requests, by the time they finished. */
  executionMs: SlidingWindow;
  inFlight: number;
}

/**
 * Returns Dataverse's three per-user limits (spec §6), kept per user key (the caller's oid):
 * - requests over a sliding window of `windowSeconds` (`requestsPerWindow`) → 429 `0x80072322`,
 *   Retry-After = seconds until enough of the oldest requests leave the window;
 * - combined execution time (admit → release, measured with `now`) of the requests that finished
 *   inside the window (`executionTimeMs`) → 429 `0x80072321`, Retry-After likewise;
 * - requests in flight (`concurrentRequests`, not windowed) → 429 `0x80072326`,
 *   Retry-After = `retryAfterSeconds` (the `--retry-after` flag; a slot frees as soon as any
 *   in-flight request finishes, so a small value such as 1 is the realistic choice).
 * Every Retry-After is a whole number of seconds, at least 1. A refused request is not counted;
 * a `$batch` envelope is admitted (and counted) before `count()` weighs its inner requests.
 */
export function createServiceProtection(limits: Required<SeedLimits>, now: () => number): ResettableServiceProtection {
  const windowMs = limits.windowSeconds * 1000;
  const users = new Map<string, UserCounters>();

  const countersOf = (userKey: string): UserCounters => {
    let counters = users.get(userKey);
    if (!counters) {
      counters = { requests: new SlidingWindow(windowMs), executionMs: new SlidingWindow(windowMs), inFlight: 0 };
      users.set(userKey, counters);
    }
    return counters;
  };

  const checkRequests = (counters: UserCounters, at: number, requests: number): void => {
    const excess = counters.requests.total(at) + requests - limits.requestsPerWindow;
    if (excess <= 0) return;
    const wait = counters.requests.msUntilFreed(at, excess) ?? windowMs;
    throw throttled(
      ErrorCodes.ThrottleRequests,
      `Number of requests exceeded the limit of ${limits.requestsPerWindow} over time window of ${limits.windowSeconds} seconds.`,
      wait,
    );
  };

  const checkExecutionTime = (counters: UserCounters, at: number): void => {
    const excess = counters.executionMs.total(at) - limits.executionTimeMs;
    if (excess < 0) return;
    // Below the limit again once strictly more than `excess` ms has left the window.
    const wait = counters.executionMs.msUntilFreed(at, excess + 1) ?? windowMs;
    throw throttled(
      ErrorCodes.ThrottleExecutionTime,
      `Combined execution time of incoming requests exceeded limit of ${limits.executionTimeMs.toLocaleString("en-US")} milliseconds over time window of ${limits.windowSeconds} seconds. Decrease number of concurrent requests or reduce the duration of requests and try again later.`,
      wait,
    );
  };

  const headersOf = (counters: UserCounters, at: number): Record<string, string> => ({
    [BURST_REMAINING_HEADER]: String(Math.max(0, limits.requestsPerWindow - counters.requests.total(at))),
    [TIME_REMAINING_HEADER]: String(Math.max(0, Math.round(limits.executionTimeMs - counters.executionMs.total(at)))),
  });

  return {
    admit(userKey, requests): Admission {
      const counters = countersOf(userKey);
      const admittedAt = now();
      if (counters.inFlight >= limits.concurrentRequests) {
        throw throttled(
          ErrorCodes.ThrottleConcurrency,
          `Number of concurrent requests exceeded the limit of ${limits.concurrentRequests}.`,
          limits.retryAfterSeconds * 1000,
        );
      }
      checkRequests(counters, admittedAt, requests);
      checkExecutionTime(counters, admittedAt);
      counters.requests.add(admittedAt, requests);
      counters.inFlight += 1;
      let released = false;
      return {
        // Read when the response is ready, so it includes what count() added for a $batch.
        get headers() {
          return headersOf(counters, now());
        },
        release() {
          if (released) return;
          released = true;
          counters.inFlight -= 1;
          const finishedAt = now();
          counters.executionMs.add(finishedAt, Math.max(0, finishedAt - admittedAt));
        },
      };
    },
    count(userKey, requests) {
      const counters = countersOf(userKey);
      const at = now();
      checkRequests(counters, at, requests);
      counters.requests.add(at, requests);
    },
    reset() {
      users.clear();
    },
  };
}

function throttled(code: string, message: string, waitMs: number): ODataError {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  return new ODataError(429, code, message, { "Retry-After": String(seconds) });
}

/**
 * A sum of weighted events over a sliding time window, kept in a ring buffer of (time, weight)
 * pairs in time order. Adding is O(1) amortized and eviction touches only the events that leave,
 * so a check costs the same whether the window holds ten events or a million.
 */
export class SlidingWindow {
  private times = new Float64Array(64);
  private weights = new Float64Array(64);
  private head = 0;
  private size = 0;
  private sum = 0;

  constructor(private readonly windowMs: number) {}

  /** Returns the total weight of the events still inside the window at `now`. */
  total(now: number): number {
    this.evict(now);
    return this.sum;
  }

  /** Records `weight` at `now` (events of the same millisecond share one slot). */
  add(now: number, weight: number): void {
    if (weight <= 0) return;
    if (this.size > 0) {
      const last = (this.head + this.size - 1) % this.times.length;
      if (this.times[last] === now) {
        this.weights[last] = (this.weights[last] ?? 0) + weight;
        this.sum += weight;
        return;
      }
    }
    if (this.size === this.times.length) this.grow();
    const slot = (this.head + this.size) % this.times.length;
    this.times[slot] = now;
    this.weights[slot] = weight;
    this.size += 1;
    this.sum += weight;
  }

  /**
   * Returns the milliseconds from `now` until at least `amount` weight has left the window, or
   * undefined when everything inside it weighs less than that.
   */
  msUntilFreed(now: number, amount: number): number | undefined {
    this.evict(now);
    let freed = 0;
    for (let i = 0; i < this.size; i += 1) {
      const slot = (this.head + i) % this.times.length;
      freed += this.weights[slot] ?? 0;
      if (freed >= amount) return (this.times[slot] ?? now) + this.windowMs - now;
    }
    return undefined;
  }

  private evict(now: number): void {
    const cutoff = now - this.windowMs;
    while (this.size > 0 && (this.times[this.head] ?? Infinity) <= cutoff) {
      this.sum -= this.weights[this.head] ?? 0;
      this.head = (this.head + 1) % this.times.length;
      this.size -= 1;
    }
    if (this.size === 0) this.sum = 0;
  }

  private grow(): void {
    const capacity = this.times.length * 2;
    const times = new Float64Array(capacity);
    const weights = new Float64Array(capacity);
    for (let i = 0; i < this.size; i += 1) {
      const slot = (this.head + i) % this.times.length;
      times[i] = this.times[slot] ?? 0;
      weights[i] = this.weights[slot] ?? 0;
    }
    this.times = times;
    this.weights = weights;
    this.head = 0;
  }
}
