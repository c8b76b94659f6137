/**
 * The subset of an Outlook message that OrgTrack reads, as one structural type for both the open
 * item (`Office.context.mailbox.item`) and a selected one loaded with `loadItemByIdAsync`. Office's
 * own item type is an intersection of every mode (`subject` is `string & Subject`), which hides
 * the read/compose difference this code has to make.
 */

/** A sender or recipient as Outlook gives it in read mode. */
export interface OutlookAddress {
  emailAddress: string;
  displayName?: string;
}

type Callback<T> = (result: { status: Office.AsyncResultStatus; value: T; error?: { code: number; name: string; message: string } | null }) => void;

/** An item's custom properties (one JSON object per add-in, at most 2,500 characters). */
export interface OutlookCustomProperties {
  get(name: string): unknown;
  set(name: string, value: string): void;
  remove(name: string): void;
  getAll?(): Record<string, unknown>;
  saveAsync(callback: Callback<void>): void;
}

/** An item's categories (Mailbox 1.8). */
export interface OutlookItemCategories {
  getAsync(callback: Callback<Array<{ displayName: string; color: string }> | null>): void;
  addAsync(categories: string[], callback: Callback<void>): void;
  removeAsync(categories: string[], callback: Callback<void>): void;
}

/** A message in read mode: the open item or a loaded selected one. */
export interface OutlookReadItem {
  itemId?: string;
  itemType?: string;
  internetMessageId?: string;
  subject: string;
  from?: OutlookAddress | null;
  sender?: OutlookAddress | null;
  to?: OutlookAddress[] | null;
  cc?: OutlookAddress[] | null;
  dateTimeCreated?: Date | null;
  dateTimeModified?: Date | null;
  body: { getAsync(coercionType: Office.CoercionType, callback: Callback<string>): void };
  categories?: OutlookItemCategories;
  loadCustomPropertiesAsync(callback: Callback<OutlookCustomProperties>): void;
  unloadAsync?(callback: Callback<void>): void;
}

/** Anything `mailbox.item` or `loadItemByIdAsync` may give: a read item, or a compose item (whose `subject` is an object). */
export type OutlookAnyItem = OutlookReadItem | { subject: object; itemType?: string; unloadAsync?(callback: Callback<void>): void };

/** Returns true for a message in read mode (its subject is a string; in compose mode it is an object with getAsync). */
export function isReadItem(item: OutlookAnyItem): item is OutlookReadItem {
  return typeof item.subject === "string";
}
