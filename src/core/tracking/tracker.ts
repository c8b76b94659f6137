import { AppError, isAppError } from "../errors";
import type { Org, OrgList } from "../orgs/types";
import type { DeliveryRequest, MailMetadata, MailboxPort, OrgService, ValidationVerdict } from "../ports";
import { markTracked, trackedCategory, trackedStateIn, type TrackingDeps } from "./marks";
import { deliveryRequestOf, validationMetadataOf } from "./metadata";
import { describeVerdict, REASON_CODES, rejectionError, type ReasonText } from "./reasons";

/**
 * How a track ended:
 * - `stored`: the org accepted the message and stored a copy (or returned the copy a retry of ours stored);
 * - `alreadyMarked`: the item already carried this org's mark (its mark entry, or only its
 *   "Tracked to <org>" category); nothing was sent;
 * - `linkedExisting`: the org already held a copy (tracked from another device or by a
 *   colleague: verdict Duplicate) and the item was linked to it.
 */
export type TrackHow = "stored" | "alreadyMarked" | "linkedExisting";

/** The outcome of tracking one message into one org. */
export interface TrackResult {
  itemId: string;
  /**
   * The tracked copy's activity id. Undefined only for `alreadyMarked` when the item carries the
   * org's category but no mark entry (tracked from a multiple selection, or on another device):
   * nothing is asked of the org to learn it.
   */
  activityId: string | undefined;
  org: Org;
  how: TrackHow;
  /** The org's verdict in words (absent for `alreadyMarked`, which asks the org nothing). */
  reason?: ReasonText;
}

/** Options of a track. */
export interface TrackOptions {
  /**
   * Ask the org even when the item already carries this org's mark or category ("track again"):
   * the org links its existing copy (Duplicate) or, when that copy was deleted, stores a new one.
   * Default false.
   */
  force?: boolean;
}

/** The message delivered when the org said Duplicate: it has the copy already, so the body is not read nor sent. */
const DUPLICATE_BODY = "";

const inFlight = new WeakMap<MailboxPort, Map<string, Promise<TrackResult>>>();

/**
 * Tracks one message into an org: validate with the metadata only → (accepted) read the body and
 * store the copy → mark the item (category "Tracked to <org>" and org → activity id).
 * Returns the activity id and how the track ended. Throws AppError `rejectedByOrg` (with the reason's message key) when
 * the org refuses, else whatever the mailbox or the org service throws (`office`, `auth`,
 * `forbidden`, `throttled`, `offline`, …).
 *
 * The category is always set; the mark entry only where the host can save it (not on a message
 * loaded from a multiple selection), which is not a failure.
 *
 * Idempotent: an item already marked for this org (mark entry or category) is not sent again
 * unless `options.force`; two calls for the same item and org at once share one run; a retry
 * after a lost answer gets the org's existing copy (the org is idempotent by message id).
 */
export function trackMessage(itemId: string, target: Org, deps: TrackingDeps, options: TrackOptions = {}): Promise<TrackResult> {
  let running = inFlight.get(deps.mailbox);
  if (!running) {
    running = new Map();
    inFlight.set(deps.mailbox, running);
  }
  const key = `${target.key}\n${itemId}`;
  const existing = running.get(key);
  if (existing) return existing;
  const runs = running;
  const run = trackOnce(itemId, target, deps, options.force === true).finally(() => runs.delete(key));
  runs.set(key, run);
  return run;
}

async function trackOnce(itemId: string, target: Org, deps: TrackingDeps, force: boolean): Promise<TrackResult> {
  const { mailbox } = deps;
  if (!force) {
    const already = await alreadyTracked(mailbox, itemId, target);
    if (already) return already;
  }
  const mail = await mailbox.getMetadata(itemId);
  const service = deps.serviceFor(target);
  const verdict = await service.validate(validationMetadataOf(mail));
  const request = await deliveryFor(mail, verdict, target, mailbox);
  const activityId = await deliverOrReportDuplicate(service, request, verdict, target);
  await markTracked(mailbox, itemId, target, activityId);
  return { itemId, activityId, org: target, how: isDuplicate(verdict) ? "linkedExisting" : "stored", reason: describeVerdict(verdict, target.friendlyName) };
}

/**
 * Returns the result of an item already tracked in the org (its mark entry, whose category is put
 * back if the person removed it; or its category alone), or undefined when it is not. Local reads
 * only. Throws AppError `office`.
 */
export async function alreadyTracked(mailbox: MailboxPort, itemId: string, target: Org): Promise<TrackResult | undefined> {
  const state = await trackedStateIn(mailbox, itemId, target);
  if (!state.tracked) return undefined;
  if (state.activityId !== undefined) await mailbox.addCategory(itemId, trackedCategory(target));
  return { itemId, activityId: state.activityId, org: target, how: "alreadyMarked" };
}

/** True when the org refused the message because it already holds a copy. */
export function isDuplicate(verdict: ValidationVerdict): boolean {
  return !verdict.accepted && verdict.reasonCode === REASON_CODES.Duplicate;
}

/**
 * Returns what to deliver after a verdict. Accepted → the message with its body, read only now.
 * Duplicate → the message without its body: the org already holds a copy and answers the
 * delivery with that copy's id, so nothing but metadata leaves the device. Any other refusal →
 * throws AppError `rejectedByOrg` with the reason; a mailbox failure → AppError `office`.
 */
export async function deliveryFor(mail: MailMetadata, verdict: ValidationVerdict, target: Org, mailbox: MailboxPort): Promise<DeliveryRequest> {
  if (isDuplicate(verdict)) return deliveryRequestOf(mail, DUPLICATE_BODY);
  if (!verdict.accepted) throw rejectionError(verdict, target.friendlyName);
  return deliveryRequestOf(mail, await mailbox.getBody(mail.itemId));
}

/** Maps a delivery failure: an org that answers a duplicate with `conflict` instead of the existing id → AppError `rejectedByOrg` (Duplicate); anything else unchanged. */
export function duplicateAware(error: unknown, verdict: ValidationVerdict, target: Org): unknown {
  return isDuplicate(verdict) && isAppError(error, "conflict") ? rejectionError(verdict, target.friendlyName) : error;
}

async function deliverOrReportDuplicate(service: OrgService, request: DeliveryRequest, verdict: ValidationVerdict, target: Org): Promise<string> {
  try {
    return await service.deliver(request);
  } catch (error) {
    throw duplicateAware(error, verdict, target);
  }
}

/** Returns the org to track into: the chosen one, else the synchronizing org. Throws AppError `invalidInput` when there is none or the chosen key is unknown. */
export function targetOrg(list: OrgList, chosenKey?: string): Org {
  const key = chosenKey ?? list.synchronizingKey;
  const org = key === undefined ? undefined : list.orgs.find((o) => o.key === key);
  if (org) return org;
  throw chosenKey === undefined
    ? new AppError("invalidInput", "Choose a synchronizing organization before tracking.", { messageKey: "tracking.noSynchronizingOrg" })
    : new AppError("invalidInput", "That organization is no longer connected.", { messageKey: "tracking.unknownOrg" });
}
