import { officeAsync } from "./office-async";
import { outlookMailbox } from "./office-host";

/**
 * Subscribes to `ItemChanged` (a pinned task pane whose message changes, Mailbox 1.5) and returns
 * the function that unsubscribes. The task pane turns the event into state in one place. Throws
 * AppError `office` when Outlook refuses the handler.
 */
export async function onItemChanged(handler: () => void): Promise<() => Promise<void>> {
  const mailbox = outlookMailbox();
  await officeAsync<void>("follow the selected message", (callback) => mailbox.addHandlerAsync(Office.EventType.ItemChanged, handler, callback));
  return () => officeAsync<void>("stop following the selected message", (callback) => mailbox.removeHandlerAsync(Office.EventType.ItemChanged, callback));
}
