import { AppError, toAppError, type AppErrorKind } from "../errors";
import type { Org } from "../orgs/types";
import type { QueuedRequest } from "../settings/types";
import type { Clock, ItemOutcome } from "../ports";
import { MAX_BULK_ITEMS, trackMany } from "./bulk";
import { trackedStateIn, type TrackingDeps } from "./marks";
import { trackMessage, type TrackResult } from "./tracker";
import { executeUntrack, planUntrack, type UntrackPlan, type UntrackResult } from "./untrack";

/**
 * The offline queue: while "Connect automatically" is off the add-in makes no network call, so
 * the person's track and untrack requests wait here (persisted, shown in the task pane) and are
 * replayed when they connect. Replay is idempotent: a track of an item already tracked in that
 * org and an untrack of an item no longer tracked there succeed without a request, and the org
 * keeps one copy per message whatever happens.
 */

/** Why a queued request failed on its last replay (no tokens, bodies or addresses). */
export interface QueuedError {
  kind: AppErrorKind;
  messageKey: string;
  message: string;
}

/** A waiting request as the UI shows it: failed ones carry the error of their last replay in this session. */
export interface PendingRequest extends QueuedRequest {
  lastError?: QueuedError;
}

/**
 * Where the queue is kept. `SettingsRepository` (src/core/settings) is one: the queue lives in
 * the settings document (roamingSettings in Outlook), changed atomically with the rest.
 */
export interface QueueStore {
  /** Returns the queue, oldest first. Throws AppError. */
  readQueue(): Promise<readonly QueuedRequest[]>;
  /** Replaces the queue with what `change` makes of it, atomically; returns the saved queue. Throws AppError (`invalidInput` when the settings would grow past their limit). */
  updateQueue(change: (queue: readonly QueuedRequest[]) => readonly QueuedRequest[]): Promise<readonly QueuedRequest[]>;
}

/** What a replay needs beyond the tracking dependencies. */
export interface ReplayDeps extends TrackingDeps {
  /** The connected org with this key, or undefined when it was removed. */
  orgByKey(key: string): Org | undefined;
  /** Asked before each queued untrack with its plan (the UI shows `plan.message`); false drops the request. Default: go ahead. */
  confirmUntrack?(plan: UntrackPlan): Promise<boolean>;
  /** Called after each request (or run of tracks) is settled. */
  onProgress?(done: number, total: number): void;
}

/** The outcome of one replayed request. */
export interface ReplayedRequest {
  request: QueuedRequest;
  outcome: ItemOutcome<TrackResult | UntrackResult>;
  /** True when the request left the queue (done, or declined by the person); false when it stays with its error. */
  removed: boolean;
}

/** The offline queue of one mailbox. */
export interface TrackingQueue {
  /** Queues a request and returns it; when the item's last waiting request for that org is the same kind, that one is returned instead of a second one. Throws AppError from the store. */
  enqueue(request: Pick<QueuedRequest, "kind" | "itemId" | "orgKey">): Promise<QueuedRequest>;
  /** Returns the waiting requests, oldest first, failed ones with their last error. Throws AppError from the store. */
  pending(): Promise<PendingRequest[]>;
  /** Removes one waiting request (the person gave up on it). Throws AppError from the store. */
  discard(id: string): Promise<void>;
  /** Runs every waiting request once, in order; returns one outcome per request. Done ones leave the queue, failed ones stay with their error. A replay asked for while one runs joins it. Throws AppError only when the store fails. */
  replay(deps: ReplayDeps): Promise<ReplayedRequest[]>;
}

export interface QueueOptions {
  clock?: Clock;
  newId?: () => string;
}

let counter = 0;
const defaultId = (): string => `q-${Date.now().toString(36)}-${(counter++).toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

const errorOf = (error: AppError): QueuedError => ({ kind: error.kind, messageKey: error.messageKey, message: error.message });

/** Returns the offline queue kept in `store` (the settings repository); never throws. */
export function createTrackingQueue(store: QueueStore, options: QueueOptions = {}): TrackingQueue {
  const clock = options.clock ?? Date.now;
  const newId = options.newId ?? defaultId;
  // The errors of the last replay, by request id (kept for this session; the stored request stays as it was queued).
  const errors = new Map<string, QueuedError>();
  let replaying: Promise<ReplayedRequest[]> | undefined;

  return {
    async enqueue(request) {
      let result: QueuedRequest | undefined;
      await store.updateQueue((queue) => {
        // The last request for this item and org decides: track, untrack, track stays three requests.
        const last = queue.filter((q) => q.itemId === request.itemId && q.orgKey === request.orgKey).at(-1);
        if (last && last.kind === request.kind) {
          result = last;
          return queue;
        }
        result = { id: newId(), kind: request.kind, itemId: request.itemId, orgKey: request.orgKey, queuedAt: new Date(clock()).toISOString() };
        return [...queue, result];
      });
      return result as QueuedRequest;
    },
    async pending() {
      const queue = await store.readQueue();
      return queue.map((q) => {
        const lastError = errors.get(q.id);
        return lastError ? { ...q, lastError } : { ...q };
      });
    },
    async discard(id) {
      await store.updateQueue((queue) => (queue.some((q) => q.id === id) ? queue.filter((q) => q.id !== id) : queue));
      errors.delete(id);
    },
    replay(deps) {
      replaying ??= replayAll(deps).finally(() => {
        replaying = undefined;
      });
      return replaying;
    },
  };

  async function replayAll(deps: ReplayDeps): Promise<ReplayedRequest[]> {
    const queue = await store.readQueue();
    const results: ReplayedRequest[] = [];
    const settle: Settle = (request, outcome, removed = outcome.ok) => {
      results.push({ request, outcome, removed });
    };
    let i = 0;
    while (i < queue.length) {
      const request = queue[i] as QueuedRequest;
      const org = deps.orgByKey(request.orgKey);
      if (!org) {
        settle(request, { ok: false, error: new AppError("notFound", "That organization is no longer connected.", { messageKey: "tracking.unknownOrg" }) });
        i += 1;
      } else if (request.kind === "track") {
        const run = trackRun(queue, i);
        await replayTracks(run, org, deps, settle);
        i += run.length;
      } else {
        await replayUntrack(request, org, deps, settle);
        i += 1;
      }
      deps.onProgress?.(i, queue.length);
    }
    const removed = new Set(results.filter((r) => r.removed).map((r) => r.request.id));
    for (const { request, outcome } of results) {
      if (outcome.ok || removed.has(request.id)) errors.delete(request.id);
      else errors.set(request.id, errorOf(outcome.error));
    }
    // Requests queued while the replay ran stay as they are.
    if (removed.size > 0) await store.updateQueue((current) => current.filter((q) => !removed.has(q.id)));
    return results;
  }
}

/** The consecutive queued tracks into the same org from `start` on, at most one bulk's worth. */
function trackRun(queue: readonly QueuedRequest[], start: number): QueuedRequest[] {
  const first = queue[start] as QueuedRequest;
  const run: QueuedRequest[] = [];
  for (let i = start; i < queue.length && run.length < MAX_BULK_ITEMS; i += 1) {
    const q = queue[i] as QueuedRequest;
    if (q.kind !== "track" || q.orgKey !== first.orgKey) break;
    run.push(q);
  }
  return run;
}

type Settle = (request: QueuedRequest, outcome: ItemOutcome<TrackResult | UntrackResult>, removed?: boolean) => void;

async function replayTracks(run: QueuedRequest[], org: Org, deps: ReplayDeps, settle: Settle): Promise<void> {
  if (run.length === 1) {
    const request = run[0] as QueuedRequest;
    try {
      settle(request, { ok: true, value: await trackMessage(request.itemId, org, deps) });
    } catch (error) {
      settle(request, { ok: false, error: toAppError(error) });
    }
    return;
  }
  const outcomes = await trackMany(run.map((r) => r.itemId), org, deps);
  run.forEach((request, i) => settle(request, outcomes[i] ?? { ok: false, error: new AppError("unknown", "The message was not processed.") }));
}

async function replayUntrack(request: QueuedRequest, org: Org, deps: ReplayDeps, settle: Settle): Promise<void> {
  try {
    if (!(await trackedStateIn(deps.mailbox, request.itemId, org)).tracked) {
      settle(request, { ok: true, value: { itemId: request.itemId, org, done: "notTracked" } });
      return;
    }
    const plan = await planUntrack(request.itemId, org, deps);
    if (deps.confirmUntrack && !(await deps.confirmUntrack(plan))) {
      settle(request, { ok: false, error: new AppError("cancelled", "Untrack was cancelled.", { messageKey: "tracking.untrackCancelled" }) }, true);
      return;
    }
    settle(request, { ok: true, value: await executeUntrack(plan, deps) });
  } catch (error) {
    settle(request, { ok: false, error: toAppError(error) });
  }
}
