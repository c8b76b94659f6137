import { isAppError } from "../errors";
import type { Org } from "../orgs/types";
import type { MailboxPort, OrgService, TrackingMark } from "../ports";

/**
 * What tracking leaves on an item, per org: the category "Tracked to <friendly name>" (the
 * visible mark, always set) and, where the host can save it, an entry org → activity id in the
 * item's custom property (an optimisation: Outlook cannot save it on a message loaded from a
 * multiple selection). An item is tracked in an org when it carries either.
 */

/** What the tracking functions need: the mailbox and a way to reach each org. */
export interface TrackingDeps {
  mailbox: MailboxPort;
  /** The Web API service of an org (src/dataverse `createOrgService`, or a fake in tests). */
  serviceFor(org: Org): OrgService;
}

/** An org an item is tracked in, with the tracked copy's activity id when the item's mark records it. */
export interface TrackedOrg {
  org: Org;
  /** Undefined when only the category says so (tracked from a multiple selection, or the mark was not saved). */
  activityId: string | undefined;
}

/** The message key of the MailboxPort error for a mark the host cannot save on this item (see `MailboxPort.setMark`). */
export const MARK_NEEDS_OPEN_MESSAGE = "office.markNeedsOpenMessage";

/** Returns true when the error says the host cannot save a mark on this item (categories still work); never throws. */
export function isMarkNotSavable(error: unknown): boolean {
  return isAppError(error, "office") && error.messageKey === MARK_NEEDS_OPEN_MESSAGE;
}

/** Returns the Outlook category that shows a message is tracked to an org: "Tracked to <friendly name>"; never throws. */
export function trackedCategory(org: Pick<Org, "friendlyName">): string {
  return `Tracked to ${org.friendlyName}`;
}

/** Returns true when a category name is the org's tracked category, compared as Outlook does (case-insensitively); never throws. */
export function isTrackedCategory(category: string, org: Pick<Org, "friendlyName">): boolean {
  return category.trim().localeCompare(trackedCategory(org), undefined, { sensitivity: "accent" }) === 0;
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

/** Returns the orgs (of those given, in their order) a mark and a list of categories say an item is tracked in; never throws. */
export function trackedOrgsIn(mark: TrackingMark, categories: readonly string[], orgs: readonly Org[]): TrackedOrg[] {
  const tracked: TrackedOrg[] = [];
  for (const org of orgs) {
    const activityId = activityIdIn(mark, org.key);
    if (activityId !== undefined || categories.some((category) => isTrackedCategory(category, org))) tracked.push({ org, activityId });
  }
  return tracked;
}

/**
 * Returns the orgs an item is tracked in (of those given, in their order): those its mark records
 * and those whose "Tracked to <friendly name>" category it carries, with the activity id when the
 * mark has it. Two local reads, no request. Throws AppError `office`.
 */
export async function trackedOrgsOf(itemId: string, orgs: readonly Org[], deps: Pick<TrackingDeps, "mailbox">): Promise<TrackedOrg[]> {
  const mark = await deps.mailbox.getMark(itemId);
  const categories = await deps.mailbox.getCategories(itemId);
  return trackedOrgsIn(mark, categories, orgs);
}

/**
 * Returns whether an item is tracked in one org and the activity id its mark records: the mark is
 * read first, the categories only when the mark has no entry for the org. Throws AppError `office`.
 */
export async function trackedStateIn(mailbox: MailboxPort, itemId: string, org: Org): Promise<{ tracked: boolean; activityId: string | undefined }> {
  const activityId = activityIdIn(await mailbox.getMark(itemId), org.key);
  if (activityId !== undefined) return { tracked: true, activityId };
  const categories = await mailbox.getCategories(itemId);
  return { tracked: categories.some((category) => isTrackedCategory(category, org)), activityId: undefined };
}

/**
 * Records a tracked copy on the item: the mark entry (re-read just before writing, so that an
 * entry another org added meanwhile is kept) where the host can save it, then the category, always.
 * Returns true when the mark holds the activity id, false when the host could not save it on this
 * item (the category alone marks it). Throws AppError `office` (`invalidInput` for a mark too large).
 */
export async function markTracked(mailbox: MailboxPort, itemId: string, org: Org, activityId: string): Promise<boolean> {
  const latest = await mailbox.getMark(itemId);
  let saved = true;
  if (activityIdIn(latest, org.key) !== activityId) {
    try {
      await mailbox.setMark(itemId, markWith(latest, org.key, activityId));
    } catch (error) {
      if (!isMarkNotSavable(error)) throw error;
      saved = false;
    }
  }
  await mailbox.addCategory(itemId, trackedCategory(org));
  return saved;
}

/**
 * Removes the org's entry from the item's mark (when it has one) and then its category; other
 * orgs' marks stay. Throws AppError `office` (`office.markNeedsOpenMessage` when the item has an
 * entry the host cannot remove here: nothing is changed then).
 */
export async function unmarkTracked(mailbox: MailboxPort, itemId: string, org: Org): Promise<void> {
  const latest = await mailbox.getMark(itemId);
  if (activityIdIn(latest, org.key) !== undefined) await mailbox.setMark(itemId, markWithout(latest, org.key));
  await mailbox.removeCategory(itemId, trackedCategory(org));
}
