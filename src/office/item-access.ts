import { AppError } from "../core/errors";
import { officeAsync } from "./office-async";
import { hasOfficeHost, outlookMailbox } from "./office-host";
import { isReadItem, type OutlookAnyItem, type OutlookReadItem } from "./outlook-item";
import { requireSupport } from "./requirements";

/** How an item was reached: the open item, or a selected one loaded with `loadItemByIdAsync` (where custom properties are read-only). */
export type ItemReach = "open" | "loaded";

/** Reaches Outlook messages by item id, one loaded item at a time. */
export interface ItemAccess {
  /** Returns the id of the open message in read mode, or undefined (nothing open, a draft being written, an appointment). */
  currentItemId(): string | undefined;
  /** Returns true when the open item is a message being written (a draft in a compose form). */
  isComposing(): boolean;
  /**
   * Runs `work` on a message in read mode and returns its result: the open item when the id is
   * its id, else the item loaded with `loadItemByIdAsync` (Mailbox 1.15) and unloaded afterwards.
   * Throws AppError `office` (`office.requirementMissing`) without Mailbox 1.15, `office` when
   * Outlook fails, `invalidInput` (`office.notSentYet`, `office.notAMessage`) for a draft or an appointment.
   */
  withReadItem<T>(itemId: string, work: (item: OutlookReadItem, reach: ItemReach) => Promise<T>): Promise<T>;
}

/** Returns the ItemAccess of the running Outlook (Office global read at each call). */
export function createItemAccess(): ItemAccess {
  // Outlook loads one item at a time and it must be unloaded before the next: loads run in turn.
  let turn: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
    const next = turn.then(work, work);
    turn = next.catch(() => undefined);
    return next;
  };

  const openItem = (): OutlookAnyItem | undefined => {
    const item = outlookMailbox().item as unknown as OutlookAnyItem | null | undefined;
    return item ?? undefined;
  };

  return {
    currentItemId() {
      if (!hasOfficeHost()) return undefined;
      const item = openItem();
      if (item === undefined || !isReadItem(item) || !isMessage(item)) return undefined;
      return typeof item.itemId === "string" && item.itemId !== "" ? item.itemId : undefined;
    },

    isComposing() {
      if (!hasOfficeHost()) return false;
      const item = openItem();
      return item !== undefined && !isReadItem(item) && isMessage(item);
    },

    async withReadItem(itemId, work) {
      const open = openItem();
      if (open !== undefined && isReadItem(open) && open.itemId === itemId) {
        assertMessage(open);
        return work(open, "open");
      }
      requireSupport("loadItemById");
      const mailbox = outlookMailbox();
      return inTurn(async () => {
        const loaded = await officeAsync<OutlookAnyItem>("open the selected message", (callback) =>
          mailbox.loadItemByIdAsync(itemId, callback as unknown as (result: Office.AsyncResult<Office.LoadedMessageRead | Office.LoadedMessageCompose>) => void),
        );
        try {
          if (!isReadItem(loaded)) throw notSentYet();
          assertMessage(loaded);
          return await work(loaded, "loaded");
        } finally {
          await unload(loaded);
        }
      });
    },
  };
}

function isMessage(item: { itemType?: string }): boolean {
  return item.itemType === undefined || String(item.itemType).toLowerCase() === "message";
}

function assertMessage(item: OutlookReadItem): void {
  if (!isMessage(item)) {
    throw new AppError("invalidInput", "Only email messages can be tracked, not appointments.", { messageKey: "office.notAMessage" });
  }
}

/** The AppError for a message still being written: it has no Message-ID until it is sent. */
export function notSentYet(): AppError {
  return new AppError("invalidInput", "This message is still being written; track it once it has been sent.", { messageKey: "office.notSentYet" });
}

async function unload(item: OutlookAnyItem): Promise<void> {
  const unloadAsync = item.unloadAsync;
  if (typeof unloadAsync !== "function") return;
  try {
    await officeAsync<void>("close the selected message", (callback) => unloadAsync.call(item, callback));
  } catch {
    // The work's own outcome matters more; a failed unload shows up as a failed load next time.
  }
}
