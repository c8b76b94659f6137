import { AppError, isAppError } from "../core/errors";
import { officeAsync } from "./office-async";
import { outlookMailbox } from "./office-host";
import type { OutlookItemCategories, OutlookReadItem } from "./outlook-item";
import { requireSupport } from "./requirements";

/**
 * Categories on a message and in the mailbox's master list (Mailbox 1.8). Outlook compares
 * category names without regard to case, so does this module; an item gets the master list's
 * spelling of a name.
 */

/** The colour given to a category OrgTrack creates (`Preset4` is teal in Outlook's palette). */
export const TRACKED_CATEGORY_COLOR = "Preset4" satisfies keyof typeof Office.MailboxEnums.CategoryColor;

/**
 * Returns the master list's name for a category, adding it to the master list first when it is
 * missing (another device adding it at the same time is fine). Throws AppError `office`
 * (`office.requirementMissing`) without Mailbox 1.8, (`office.permissionMissing`) when the
 * add-in lacks the ReadWriteMailbox permission, `office` when Outlook fails.
 */
export async function ensureMasterCategory(name: string): Promise<string> {
  requireSupport("categories");
  const master = outlookMailbox().masterCategories as Office.MasterCategories | undefined;
  if (master === undefined || master === null) {
    throw new AppError("office", "The add-in may not manage the mailbox's categories (it needs the ReadWriteMailbox permission).", {
      messageKey: "office.permissionMissing",
      values: { permission: "ReadWriteMailbox" },
    });
  }
  const existing = await masterNames(master);
  const found = existing.find((candidate) => sameName(candidate, name));
  if (found !== undefined) return found;
  try {
    await officeAsync<void>("add the category to the master list", (callback) =>
      master.addAsync([{ displayName: name, color: color() }], callback),
    );
  } catch (error) {
    if (!(isAppError(error, "office") && error.values.officeError === "DuplicateCategory")) throw error;
    // Another device added it meanwhile, maybe spelled differently: use its spelling.
    return (await masterNames(master)).find((candidate) => sameName(candidate, name)) ?? name;
  }
  return name;
}

/** Adds a category to a message unless it is already there, creating it in the master list when needed. Throws AppError `office`. */
export async function addItemCategory(item: OutlookReadItem, name: string): Promise<void> {
  const categories = itemCategories(item);
  const masterName = await ensureMasterCategory(name);
  const current = await itemCategoryNames(categories);
  if (current.some((candidate) => sameName(candidate, masterName))) return;
  await officeAsync<void>("add the category to the message", (callback) => categories.addAsync([masterName], callback));
}

/** Removes a category from a message (never from the master list); nothing happens when it is absent. Throws AppError `office`. */
export async function removeItemCategory(item: OutlookReadItem, name: string): Promise<void> {
  const categories = itemCategories(item);
  const current = await itemCategoryNames(categories);
  const present = current.filter((candidate) => sameName(candidate, name));
  if (present.length === 0) return;
  await officeAsync<void>("remove the category from the message", (callback) => categories.removeAsync(present, callback));
}

function itemCategories(item: OutlookReadItem): OutlookItemCategories {
  requireSupport("categories");
  if (item.categories === undefined) {
    throw new AppError("office", "Outlook does not offer categories for this message.", {
      messageKey: "office.requirementMissing",
      values: { requirementSet: "Mailbox 1.8", feature: "categories and the master category list" },
    });
  }
  return item.categories;
}

async function itemCategoryNames(categories: OutlookItemCategories): Promise<string[]> {
  const details = await officeAsync<Array<{ displayName: string }> | null>("read the message's categories", (callback) => categories.getAsync(callback));
  return (details ?? []).map((detail) => detail.displayName);
}

async function masterNames(master: Office.MasterCategories): Promise<string[]> {
  const details = await officeAsync<Office.CategoryDetails[] | null>("read the master category list", (callback) => master.getAsync(callback));
  return (details ?? []).map((detail) => detail.displayName);
}

function sameName(a: string, b: string): boolean {
  return a.localeCompare(b, undefined, { sensitivity: "accent" }) === 0;
}

function color(): Office.MailboxEnums.CategoryColor {
  return Office.MailboxEnums.CategoryColor[TRACKED_CATEGORY_COLOR];
}
