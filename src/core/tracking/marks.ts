import type { Org } from "../orgs/types";
import type { MailboxPort, OrgService, TrackingMark } from "../ports";

/** What the tracking functions need: the mailbox and a way to reach each org. */
export interface TrackingDeps {
  mailbox: MailboxPort;
  /** The Web API service of an org (src/dataverse `createOrgService`, or a fake in tests). */
  serviceFor(org: Org): OrgService;
}

/** Returns the Outlook category that shows a message is tracked to an org: "Tracked to <friendly name>"; never throws. */
export function trackedCategory(org: Pick<Org, "friendlyName">): string {
  return `Tracked to ${org.friendlyName}`;
}

/** Returns the activity id of the org's tracked copy recorded in a mark, or undefined; never throws. */
export function activityIdIn(mark: TrackingMark, orgKey: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(mark.activities, orgKey) ? mark.activities[orgKey] : undefined;
}

/** Returns a copy of the mark with the org's activity id set (the other orgs' entries kept); never throws. */
export function markWith(mark: TrackingMark, orgKey: string, activityId: string): TrackingMark {
  return { activities: { ...mark.activities, [orgKey]: activityId } };
}

/** Returns a copy of the mark without the org's entry (the other orgs' entries kept); never throws. */
export function markWithout(mark: TrackingMark, orgKey: string): TrackingMark {
  const activities = { ...mark.activities };
  delete activities[orgKey];
  return { activities };
}

/**
 * Records a tracked copy on the item: first the mark (re-read just before writing, so that an
 * entry another org added meanwhile is kept), then the category. Throws AppError `office`.
 */
export async function markTracked(mailbox: MailboxPort, itemId: string, org: Org, activityId: string): Promise<void> {
  const latest = await mailbox.getMark(itemId);
  if (activityIdIn(latest, org.key) !== activityId) await mailbox.setMark(itemId, markWith(latest, org.key, activityId));
  await mailbox.addCategory(itemId, trackedCategory(org));
}

/** Removes the org's entry from the item's mark and its category (other orgs' marks stay). Throws AppError `office`. */
export async function unmarkTracked(mailbox: MailboxPort, itemId: string, org: Org): Promise<void> {
  const latest = await mailbox.getMark(itemId);
  if (activityIdIn(latest, org.key) !== undefined) await mailbox.setMark(itemId, markWithout(latest, org.key));
  await mailbox.removeCategory(itemId, trackedCategory(org));
}
