import { AppError, isAppError } from "../errors";
import type { Org } from "../orgs/types";
import type { OrgService } from "../ports";
import { activityIdIn, markWith, markWithout, trackedCategory, trackedStateIn, type TrackingDeps } from "./marks";

/**
 * Untracking, in two steps so that the person is told what will happen before it happens:
 * `planUntrack` finds the tracked copy's owner (one round trip: by the activity id the item's mark
 * records, else by the message id) and says whether the copy will be deleted or stays in the org;
 * `executeUntrack` carries the plan out (one more round trip when the copy is deleted).
 */
export type UntrackPlan =
  | { action: "delete"; itemId: string; org: Org; activityId: string; message: string }
  | { action: "unlinkOnly"; reason: "notOwner"; itemId: string; org: Org; activityId: string; message: string }
  | { action: "unmarkOnly"; reason: "alreadyDeleted"; itemId: string; org: Org; activityId: string; message: string }
  | { action: "unmarkOnly"; reason: "noVisibleCopy"; itemId: string; org: Org; activityId?: undefined; message: string };

/** What untracking did. */
export interface UntrackResult {
  itemId: string;
  org: Org;
  /** `deleted`: the copy was deleted from the org; `unlinked`: it stays there; `unmarked`: it was gone already (or not visible to the person); `notTracked`: there was nothing to untrack (a replayed request). */
  done: "deleted" | "unlinked" | "unmarked" | "notTracked";
}

const sameId = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/**
 * Returns what untracking the item from the org will do, before anything changes: delete the copy
 * (the person owns it), unlink only (someone else owns it, or the person may not even read it),
 * or unmark only (the copy is already gone, or, for an item whose mark has no activity id, the org
 * has no copy the person can see). An item is tracked in the org when its mark has the org's entry
 * or it carries the org's category; without an entry the copy is looked up by the message id.
 * Uses the person's user id known from connecting (`org.userId`), else asks WhoAmI. Throws
 * AppError `notFound` when the item is not tracked in that org, else what the mailbox or the org
 * service throws.
 */
export async function planUntrack(itemId: string, org: Org, deps: TrackingDeps): Promise<UntrackPlan> {
  const state = await trackedStateIn(deps.mailbox, itemId, org);
  if (!state.tracked) {
    throw new AppError("notFound", `This message is not tracked in ${org.friendlyName}.`, { messageKey: "tracking.notTracked", values: { org: org.friendlyName } });
  }
  const service = deps.serviceFor(org);
  if (state.activityId === undefined) {
    const { internetMessageId } = await deps.mailbox.getMetadata(itemId);
    const copy = await service.findTrackedEmail(internetMessageId);
    if (copy === undefined) {
      return { action: "unmarkOnly", reason: "noVisibleCopy", itemId, org, message: `${org.friendlyName} has no copy of this message that you can see; only the mark is removed here.` };
    }
    return ownerPlan(itemId, org, copy.activityId, copy.ownerId, service);
  }
  const activityId = state.activityId;
  let owner: string | undefined;
  try {
    owner = await service.emailOwner(activityId);
  } catch (error) {
    // The person may not read the copy, so it is not theirs (an owner always reads their own rows).
    if (isAppError(error, "forbidden")) return notOwnerPlan(itemId, org, activityId);
    throw error;
  }
  if (owner === undefined) {
    return { action: "unmarkOnly", reason: "alreadyDeleted", itemId, org, activityId, message: `The copy in ${org.friendlyName} was already deleted; only the mark is removed here.` };
  }
  return ownerPlan(itemId, org, activityId, owner, service);
}

async function ownerPlan(itemId: string, org: Org, activityId: string, owner: string, service: OrgService): Promise<UntrackPlan> {
  const userId = org.userId ?? (await service.whoAmI()).userId;
  if (sameId(owner, userId)) {
    return { action: "delete", itemId, org, activityId, message: `The copy will be deleted from ${org.friendlyName}.` };
  }
  return notOwnerPlan(itemId, org, activityId);
}

function notOwnerPlan(itemId: string, org: Org, activityId: string): UntrackPlan {
  return { action: "unlinkOnly", reason: "notOwner", itemId, org, activityId, message: `The copy stays in ${org.friendlyName}; it is only unlinked here.` };
}

/**
 * Carries out a plan: removes the org's entry from the item's mark (other orgs' entries stay),
 * deletes the copy when the plan says so (a copy deleted meanwhile counts as deleted), then
 * removes the org's category. Returns what was done. Throws AppError `office`
 * (`office.markNeedsOpenMessage`) when the item has an entry the host cannot remove on it (a
 * message of a multiple selection): nothing is changed, nothing deleted. Throws AppError
 * `forbidden` when the org refuses the delete (the mark is put back), else what the mailbox or
 * the org service throws.
 */
export async function executeUntrack(plan: UntrackPlan, deps: TrackingDeps): Promise<UntrackResult> {
  const { mailbox } = deps;
  let done: UntrackResult["done"] = plan.action === "delete" ? "deleted" : plan.action === "unlinkOnly" ? "unlinked" : "unmarked";
  // The mark first: where the host cannot change it, nothing has happened yet.
  const before = await mailbox.getMark(plan.itemId);
  const entry = activityIdIn(before, plan.org.key);
  if (entry !== undefined) await mailbox.setMark(plan.itemId, markWithout(before, plan.org.key));
  if (plan.action === "delete") {
    try {
      await deps.serviceFor(plan.org).deleteEmail(plan.activityId);
    } catch (error) {
      if (!isAppError(error, "notFound")) {
        if (entry !== undefined) await restoreEntry(deps, plan, entry);
        throw error;
      }
      done = "unmarked";
    }
  }
  await mailbox.removeCategory(plan.itemId, trackedCategory(plan.org));
  return { itemId: plan.itemId, org: plan.org, done };
}

/** Puts the org's mark entry back after a failed delete; if that fails too, the category still marks the item. */
async function restoreEntry(deps: TrackingDeps, plan: UntrackPlan, entry: string): Promise<void> {
  try {
    await deps.mailbox.setMark(plan.itemId, markWith(await deps.mailbox.getMark(plan.itemId), plan.org.key, entry));
  } catch {
    // The category is still on the item: it stays tracked, and a later untrack finds the copy by its message id.
  }
}

/**
 * Plans an untrack, asks `confirm` with the plan (the UI shows `plan.message`), and executes it.
 * Returns what was done. Throws AppError `cancelled` when the person declines, else as
 * `planUntrack` / `executeUntrack`.
 */
export async function untrackMessage(itemId: string, org: Org, deps: TrackingDeps, confirm: (plan: UntrackPlan) => Promise<boolean>): Promise<UntrackResult> {
  const plan = await planUntrack(itemId, org, deps);
  if (!(await confirm(plan))) throw new AppError("cancelled", "Untrack was cancelled.", { messageKey: "tracking.untrackCancelled" });
  return executeUntrack(plan, deps);
}
