import { officeAsync } from "./office-async";
import { hasOfficeHost, outlookMailbox } from "./office-host";

/** The mailbox events a task pane follows, by their `Office.EventType` names. */
type MailboxEventName = "ItemChanged" | "SelectedItemsChanged" | "OfficeThemeChanged";

/** Subscriptions to Outlook's mailbox events; each returns the function that unsubscribes. */
export interface MailboxEvents {
  /** Calls the listener when the message open in a pinned pane changes (Mailbox 1.5). Never throws. */
  onItemChanged(listener: () => void): () => void;
  /** Calls the listener when the selected messages change (Mailbox 1.13). Never throws. */
  onSelectedItemsChanged(listener: () => void): () => void;
  /** Calls the listener when Office's theme changes (read it again with `officeTheme()`). Never throws. */
  onOfficeThemeChanged(listener: () => void): () => void;
}

/**
 * Returns the mailbox's events over one Office handler per event type, registered on first use
 * and fanned out to the listeners (Outlook removes handlers by type, not one by one); the handler
 * stays for the life of the page. A host that refuses an event (too old, or outside Outlook)
 * simply never calls its listeners. Never throws.
 */
export function createMailboxEvents(): MailboxEvents {
  const listeners = new Map<MailboxEventName, Set<() => void>>();

  const register = (event: MailboxEventName): void => {
    if (!hasOfficeHost()) return;
    const eventType = (Office.EventType as unknown as Record<string, Office.EventType | undefined>)[event];
    if (eventType === undefined) return;
    const handler = () => {
      for (const listener of [...(listeners.get(event) ?? [])]) listener();
    };
    void officeAsync<void>(`follow ${event}`, (callback) => outlookMailbox().addHandlerAsync(eventType, handler, callback)).catch(() => undefined);
  };

  const on = (event: MailboxEventName, listener: () => void): (() => void) => {
    let set = listeners.get(event);
    if (set === undefined) {
      set = new Set();
      listeners.set(event, set);
      register(event);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  };

  return {
    onItemChanged: (listener) => on("ItemChanged", listener),
    onSelectedItemsChanged: (listener) => on("SelectedItemsChanged", listener),
    onOfficeThemeChanged: (listener) => on("OfficeThemeChanged", listener),
  };
}
