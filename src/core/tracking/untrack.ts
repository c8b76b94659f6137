import { AppError, isAppError } from "../errors";
import type { Org } from "../orgs/types";
import { activityIdIn, unmarkTracked, type TrackingDeps } from "./marks";

/**
 * Untracking, in two steps so that the person is told what will happen before it happens:
 * `planUntrack` reads the tracked copy's owner (one round trip) and says whether the copy will be
 * deleted or stays in the org; `executeUntrack` carries the plan out (one more round trip when
 * the copy is deleted).
 */
export type UntrackPlan =
  | { action: "delete"; itemId: string; org: Org; activityId: string; message: string }
  | { action: "unlinkOnly"; reason: "notOwner"; itemId: string; org: Org; activityId: string; message: string }
  | { action: "unmarkOnly"; reason: "alreadyDeleted"; itemId: string; org: Org; activityId: string; message: string };

/** What untracking did. */
export interface UntrackResult {
  itemId: string;
  org: Org;
  /** `deleted`: the copy was deleted from the org; `unlinked`: it stays there; `unmarked`: it was gone already; `notTracked`: there was nothing to untrack (a replayed request). */
  done: "deleted" | "unlinked" | "unmarked" | "notTracked";
}

const sameId = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/**
 * Returns what untracking the item from the org will do, before anything changes: delete the copy
 * (the person owns it), unlink only (someone else owns it, or the person may not even read it),
 * or unmark only (the copy is already gone). Uses the person's user id known from connecting
 * (`org.userId`), else asks WhoAmI. Throws AppError `notFound` when the item is not tracked in
 * that org, else what the mailbox or the org service throws.
 */
export async function planUntrack(itemId: string, org: Org, deps: TrackingDeps): Promise<UntrackPlan> {
  const activityId = activityIdIn(await deps.mailbox.getMark(itemId), org.key);
  if (activityId === undefined) {
    throw new AppError("notFound", `This message is not tracked in ${org.friendlyName}.`, { messageKey: "tracking.notTracked", values: { org: org.friendlyName } });
  }
  const service = deps.serviceFor(org);
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
 * Carries out a plan: deletes the copy when the plan says so (a copy deleted meanwhile counts as
 * deleted), then removes the org's category and its entry in the item's mark (other orgs' marks
 * stay). Returns what was done. Throws AppError `forbidden` when the org refuses the delete (the
 * mark is then kept), else what the mailbox or the org service throws.
 */
export async function executeUntrack(plan: UntrackPlan, deps: TrackingDeps): Promise<UntrackResult> {
  let done: UntrackResult["done"] = plan.action === "delete" ? "deleted" : plan.action === "unlinkOnly" ? "unlinked" : "unmarked";
  if (plan.action === "delete") {
    try {
      await deps.serviceFor(plan.org).deleteEmail(plan.activityId);
    } catch (error) {
      if (!isAppError(error, "notFound")) throw error;
      done = "unmarked";
    }
  }
  await unmarkTracked(deps.mailbox, plan.itemId, plan.org);
  return { itemId: plan.itemId, org: plan.org, done };
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
