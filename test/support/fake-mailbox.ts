import { AppError } from "../../src/core/errors";
import type { MailboxPort, MailMetadata, TrackingMark } from "../../src/core/ports";

/** One message in the fake mailbox. */
export interface FakeItem {
  metadata: MailMetadata;
  body: string;
  categories: string[];
  mark: TrackingMark;
}

/** One call made to the fake, in order (what tests assert on: "the body was not read before acceptance"). */
export interface MailboxCall {
  method: keyof MailboxPort;
  itemId: string;
  /** The category, for addCategory / removeCategory. */
  category?: string;
}

/** A message's metadata with defaults: received mail from a stranger to Alex. */
export function mailMetadata(itemId: string, overrides: Partial<MailMetadata> = {}): MailMetadata {
  return {
    itemId,
    internetMessageId: `<${itemId}@mail.example>`,
    subject: `Subject of ${itemId}`,
    from: { emailAddress: "someone@elsewhere.example", displayName: "Someone" },
    to: [{ emailAddress: "alex.wu@contoso.example", displayName: "Alex Wu" }],
    cc: [],
    bcc: [],
    direction: "incoming",
    date: "2025-03-04T10:11:12Z",
    ...overrides,
  };
}

/** The error Outlook's MailboxPort throws when a mark is saved on a message that is not open (src/office/item-mark.ts). */
export function markNeedsOpenMessage(): AppError {
  return new AppError("office", "Outlook can save OrgTrack's mark only on the message that is open, not on one of several selected messages.", {
    messageKey: "office.markNeedsOpenMessage",
  });
}

/**
 * An in-memory MailboxPort: items with metadata, body, categories and a tracking mark, the
 * mailbox's master category list, a log of every call, and failures to inject per method.
 * With `marksNeedOpenItem` it behaves like Outlook with several messages selected: every item but
 * the open one is loaded with `loadItemByIdAsync`, where categories work but a mark cannot be saved.
 */
export class FakeMailbox implements MailboxPort {
  readonly items = new Map<string, FakeItem>();
  readonly masterCategories = new Set<string>();
  readonly calls: MailboxCall[] = [];
  /** When true, setMark throws AppError `office` (`office.markNeedsOpenMessage`) for every item but `openItemId`, changing nothing. */
  marksNeedOpenItem = false;
  /** The message open in the reading pane (undefined: none); the only one whose mark can be saved when `marksNeedOpenItem`. */
  openItemId: string | undefined;

  /** Returns a fake whose marks can be saved only on the open message (`openItemId`, default none), as in Outlook with a multiple selection. */
  static withMultipleSelection(openItemId?: string): FakeMailbox {
    const mailbox = new FakeMailbox();
    mailbox.marksNeedOpenItem = true;
    mailbox.openItemId = openItemId;
    return mailbox;
  }
  private readonly failures = new Map<keyof MailboxPort, { error: AppError; itemId?: string; count: number }>();

  /** Adds a message (metadata defaults from `mailMetadata`) and returns its id. */
  add(itemId: string, overrides: Partial<MailMetadata> = {}, body = `<p>Body of ${itemId}</p>`): string {
    this.items.set(itemId, { metadata: mailMetadata(itemId, overrides), body, categories: [], mark: { activities: {} } });
    return itemId;
  }

  /** The stored item (throws when there is none: a test bug). */
  item(itemId: string): FakeItem {
    const item = this.items.get(itemId);
    if (!item) throw new Error(`No item ${itemId} in the fake mailbox`);
    return item;
  }

  /** Makes the next `count` calls of a method (for one item, or any) fail with an AppError `office` (or the given error). */
  failNext(method: keyof MailboxPort, options: { itemId?: string; count?: number; error?: AppError } = {}): void {
    this.failures.set(method, {
      error: options.error ?? new AppError("office", `The host failed in ${method}.`),
      count: options.count ?? 1,
      ...(options.itemId !== undefined ? { itemId: options.itemId } : {}),
    });
  }

  /** The calls of one method (optionally for one item). */
  callsOf(method: keyof MailboxPort, itemId?: string): MailboxCall[] {
    return this.calls.filter((c) => c.method === method && (itemId === undefined || c.itemId === itemId));
  }

  /** Index of the first call of a method for an item in the log, or -1. */
  indexOf(method: keyof MailboxPort, itemId: string): number {
    return this.calls.findIndex((c) => c.method === method && c.itemId === itemId);
  }

  async getMetadata(itemId: string): Promise<MailMetadata> {
    this.enter("getMetadata", itemId);
    return structuredClone(this.found(itemId).metadata);
  }

  async getBody(itemId: string): Promise<string> {
    this.enter("getBody", itemId);
    return this.found(itemId).body;
  }

  async getMark(itemId: string): Promise<TrackingMark> {
    this.enter("getMark", itemId);
    return structuredClone(this.found(itemId).mark);
  }

  async setMark(itemId: string, mark: TrackingMark): Promise<void> {
    this.enter("setMark", itemId);
    const item = this.found(itemId);
    if (this.marksNeedOpenItem && itemId !== this.openItemId) throw markNeedsOpenMessage();
    item.mark = structuredClone(mark);
  }

  async getCategories(itemId: string): Promise<string[]> {
    this.enter("getCategories", itemId);
    return [...this.found(itemId).categories];
  }

  async addCategory(itemId: string, category: string): Promise<void> {
    this.enter("addCategory", itemId, category);
    const item = this.found(itemId);
    this.masterCategories.add(category);
    if (!item.categories.includes(category)) item.categories.push(category);
  }

  async removeCategory(itemId: string, category: string): Promise<void> {
    this.enter("removeCategory", itemId, category);
    const item = this.found(itemId);
    item.categories = item.categories.filter((c) => c !== category);
  }

  private enter(method: keyof MailboxPort, itemId: string, category?: string): void {
    this.calls.push({ method, itemId, ...(category !== undefined ? { category } : {}) });
    const failure = this.failures.get(method);
    if (failure && (failure.itemId === undefined || failure.itemId === itemId)) {
      failure.count -= 1;
      if (failure.count <= 0) this.failures.delete(method);
      throw failure.error;
    }
  }

  private found(itemId: string): FakeItem {
    const item = this.items.get(itemId);
    if (!item) throw new AppError("office", "The item is no longer in the mailbox.", { messageKey: "office.itemGone" });
    return item;
  }
}
