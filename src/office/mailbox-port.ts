import { AppError } from "../core/errors";
import type { Clock, MailboxPort } from "../core/ports";
import { createItemAccess } from "./item-access";
import { addItemCategory, removeItemCategory } from "./item-categories";
import { readMetadata } from "./item-metadata";
import { readMark, writeMark } from "./item-mark";
import { officeAsync } from "./office-async";
import { outlookMailbox } from "./office-host";
import type { OutlookReadItem } from "./outlook-item";
import { isSupported, requireSupport } from "./requirements";

/** A message of the current selection, as `getSelectedItemsAsync` lists it. */
export interface SelectedMessage {
  itemId: string;
  subject: string;
  /** A draft being written cannot be tracked until it is sent. */
  mode: "read" | "compose";
}

/** The MailboxPort of Outlook, plus what the commands and the task pane need to find the items to act on. */
export interface OfficeMailboxPort extends MailboxPort {
  /** Returns the id of the open message in read mode, or undefined. */
  currentItemId(): string | undefined;
  /** Returns true when the open item is a message being written (a compose form). */
  isComposing(): boolean;
  /** Returns the selected messages (Mailbox 1.13; else the open message alone, or none). Throws AppError `office`. */
  selectedMessages(): Promise<SelectedMessage[]>;
}

/**
 * Returns the MailboxPort over Office.js. The open message is used directly; another selected
 * message is loaded with `loadItemByIdAsync` (Mailbox 1.15) and unloaded afterwards, one at a
 * time. Every method throws AppError (`office` when Outlook fails or lacks a requirement set,
 * `invalidInput` for a draft or an appointment).
 */
export function createOfficeMailboxPort(options: { clock?: Clock } = {}): OfficeMailboxPort {
  const clock = options.clock ?? Date.now;
  const items = createItemAccess();

  return {
    currentItemId: () => items.currentItemId(),
    isComposing: () => items.isComposing(),

    async selectedMessages() {
      if (!isSupported("multiSelect")) {
        const current = items.currentItemId();
        const item = outlookMailbox().item;
        return current === undefined ? [] : [{ itemId: current, subject: typeof item?.subject === "string" ? item.subject : "", mode: "read" }];
      }
      const mailbox = outlookMailbox();
      const selected = await officeAsync<Office.SelectedItemDetails[]>("list the selected messages", (callback) => mailbox.getSelectedItemsAsync(callback));
      return (selected ?? [])
        .filter((detail) => String(detail.itemType).toLowerCase() === "message")
        .map((detail) => ({
          itemId: detail.itemId,
          subject: detail.subject ?? "",
          mode: String(detail.itemMode).toLowerCase() === "compose" ? "compose" : "read",
        }));
    },

    getMetadata: (itemId) => items.withReadItem(itemId, async (item) => readMetadata(item, itemId, mailboxUser(), clock)),

    getBody: (itemId) =>
      items.withReadItem(itemId, (item) => officeAsync<string>("read the message body", (callback) => item.body.getAsync(Office.CoercionType.Html, callback))),

    getMark: (itemId) => items.withReadItem(itemId, (item) => readMark(item)),

    setMark: (itemId, mark) => items.withReadItem(itemId, (item, reach) => writeMark(item, reach, mark)),

    getCategories: (itemId) => items.withReadItem(itemId, (item) => readCategories(item)),

    addCategory: (itemId, category) => items.withReadItem(itemId, (item) => addItemCategory(item, category)),

    removeCategory: (itemId, category) => items.withReadItem(itemId, (item) => removeItemCategory(item, category)),
  };
}

function mailboxUser(): string | undefined {
  const profile = outlookMailbox().userProfile as Office.UserProfile | undefined;
  return profile?.emailAddress;
}

/** Returns the names of a message's categories (Mailbox 1.8). Throws AppError `office` (`office.requirementMissing` without categories). */
async function readCategories(item: OutlookReadItem): Promise<string[]> {
  requireSupport("categories");
  const categories = item.categories;
  if (categories === undefined) {
    throw new AppError("office", "Outlook does not offer categories for this message.", {
      messageKey: "office.requirementMissing",
      values: { requirementSet: "Mailbox 1.8", feature: "categories and the master category list" },
    });
  }
  const details = await officeAsync<Array<{ displayName: string }> | null>("read the message's categories", (callback) => categories.getAsync(callback));
  return (details ?? []).map((detail) => detail.displayName);
}
