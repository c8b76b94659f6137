import { AppError, toAppError } from "../errors";
import type { Org } from "../orgs/types";
import type { DeliveryRequest, ItemOutcome, MailMetadata, ValidationVerdict } from "../ports";
import { markTracked, type TrackingDeps } from "./marks";
import { validationMetadataOf } from "./metadata";
import { describeVerdict } from "./reasons";
import { alreadyTracked, deliveryFor, duplicateAware, isDuplicate, type TrackOptions, type TrackResult } from "./tracker";

/** Outlook's multi-select limit, and the most items one bulk track takes. */
export const MAX_BULK_ITEMS = 100;

/** Progress of a bulk track: `done` of `total` in one phase (validated: items validated; stored: of those to store; marked: of those stored). */
export interface BulkProgress {
  phase: "validated" | "stored" | "marked";
  done: number;
  total: number;
}

interface Pending {
  itemId: string;
  mail: MailMetadata;
  verdict?: ValidationVerdict;
  request?: DeliveryRequest;
  activityId?: string;
}

/**
 * Tracks up to 100 messages into one org in two round trips: one `$batch` validates all (with
 * their metadata only), one `$batch` stores those the org accepted (bodies read only for them);
 * then each item is marked: its category always, its mark entry where the host can save it (Outlook
 * cannot on the messages of a multiple selection but the open one; that is no failure). Returns one
 * outcome per item id, in order (a refused item's error is AppError `rejectedByOrg` with the
 * reason; a whole round trip that fails gives its error to each item it carried). Items already
 * marked for the org (mark entry or category) succeed without being sent, unless `options.force`.
 * Throws only AppError `invalidInput` for more than 100 items.
 */
export async function trackMany(
  itemIds: readonly string[],
  target: Org,
  deps: TrackingDeps,
  onProgress?: (progress: BulkProgress) => void,
  options: TrackOptions = {},
): Promise<ItemOutcome<TrackResult>[]> {
  const unique = [...new Set(itemIds)];
  if (unique.length > MAX_BULK_ITEMS) {
    throw new AppError("invalidInput", `Select at most ${MAX_BULK_ITEMS} messages to track at once.`, {
      messageKey: "tracking.tooManyItems",
      values: { limit: MAX_BULK_ITEMS, count: unique.length },
    });
  }
  const outcomes = new Map<string, ItemOutcome<TrackResult>>();
  const fail = (itemId: string, error: unknown): void => void outcomes.set(itemId, { ok: false, error: toAppError(error) });
  const { mailbox } = deps;

  // Local reads, one item at a time (Outlook loads one item of a multi-selection at a time).
  const pending: Pending[] = [];
  for (const itemId of unique) {
    try {
      const already = options.force === true ? undefined : await alreadyTracked(mailbox, itemId, target);
      if (already) outcomes.set(itemId, { ok: true, value: already });
      else pending.push({ itemId, mail: await mailbox.getMetadata(itemId) });
    } catch (error) {
      fail(itemId, error);
    }
  }

  const service = deps.serviceFor(target);
  const validated = await validateAll(pending, () => service.validateMany(pending.map((p) => validationMetadataOf(p.mail))), fail);
  onProgress?.({ phase: "validated", done: validated.length, total: pending.length });

  // Bodies only for what the org accepted; a Duplicate is linked to the org's copy without its body.
  const toStore: Pending[] = [];
  for (const item of validated) {
    try {
      item.request = await deliveryFor(item.mail, item.verdict as ValidationVerdict, target, mailbox);
      toStore.push(item);
    } catch (error) {
      fail(item.itemId, error);
    }
  }

  const stored: Pending[] = [];
  if (toStore.length > 0) {
    const results = await inOneRoundTrip(toStore, () => service.deliverMany(toStore.map((p) => p.request as DeliveryRequest)), fail);
    results.forEach((result, i) => {
      const item = toStore[i] as Pending;
      if (result.ok) {
        item.activityId = result.value;
        stored.push(item);
      } else fail(item.itemId, duplicateAware(result.error, item.verdict as ValidationVerdict, target));
    });
  }
  onProgress?.({ phase: "stored", done: stored.length, total: toStore.length });

  let marked = 0;
  for (const item of stored) {
    const activityId = item.activityId as string;
    const verdict = item.verdict as ValidationVerdict;
    try {
      await markTracked(mailbox, item.itemId, target, activityId);
      outcomes.set(item.itemId, {
        ok: true,
        value: { itemId: item.itemId, activityId, org: target, how: isDuplicate(verdict) ? "linkedExisting" : "stored", reason: describeVerdict(verdict, target.friendlyName) },
      });
      marked += 1;
      onProgress?.({ phase: "marked", done: marked, total: stored.length });
    } catch (error) {
      fail(item.itemId, error);
    }
  }

  return itemIds.map((itemId) => outcomes.get(itemId) ?? { ok: false, error: new AppError("unknown", "The message was not processed.") });
}

/** Validates the pending items in one round trip; returns those with a verdict (the others are failed). */
async function validateAll(
  pending: Pending[],
  call: () => Promise<ItemOutcome<ValidationVerdict>[]>,
  fail: (itemId: string, error: unknown) => void,
): Promise<Pending[]> {
  if (pending.length === 0) return [];
  const results = await inOneRoundTrip(pending, call, fail);
  const validated: Pending[] = [];
  results.forEach((result, i) => {
    const item = pending[i] as Pending;
    if (result.ok) {
      item.verdict = result.value;
      validated.push(item);
    } else fail(item.itemId, result.error);
  });
  return validated;
}

/** Runs one batched call; when the whole call fails (or answers the wrong number of parts), each item gets that error and the result is empty. */
async function inOneRoundTrip<T>(items: Pending[], call: () => Promise<ItemOutcome<T>[]>, fail: (itemId: string, error: unknown) => void): Promise<ItemOutcome<T>[]> {
  try {
    const results = await call();
    if (results.length === items.length) return results;
    throw new AppError("unknown", `The organization answered ${results.length} results for ${items.length} messages.`);
  } catch (error) {
    for (const item of items) fail(item.itemId, error);
    return [];
  }
}
