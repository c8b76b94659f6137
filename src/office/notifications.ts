import { officeAsync } from "./office-async";
import { outlookMailbox } from "./office-host";

/** What a notification says: progress, information (with the manifest's icon), or an error. */
export interface ItemNotification {
  kind: "progress" | "info" | "error";
  /** Outlook shows at most 150 characters; longer text is cut with an ellipsis. */
  text: string;
}

/** The one notification key OrgTrack uses, so each new message replaces the previous one. */
export const NOTIFICATION_KEY = "orgtrack";

/** Manifest resource id of the icon informational messages must carry. */
export const NOTIFICATION_ICON = "Icon.16x16";

const MAX_CHARS = 150;

/**
 * Shows a notification in the open message's notification bar, replacing OrgTrack's previous
 * one. Returns false when no message is open (several selected, nothing selected): there is no
 * bar to write to. Throws AppError `office` when Outlook fails.
 */
export async function showItemNotification(notification: ItemNotification): Promise<boolean> {
  const item = outlookMailbox().item;
  const messages = item?.notificationMessages;
  if (messages === undefined || messages === null) return false;
  const types = Office.MailboxEnums.ItemNotificationMessageType;
  const text = notification.text.length > MAX_CHARS ? `${notification.text.slice(0, MAX_CHARS - 1)}…` : notification.text;
  const details: Office.NotificationMessageDetails =
    notification.kind === "info"
      ? { type: types.InformationalMessage, message: text, icon: NOTIFICATION_ICON, persistent: false }
      : { type: notification.kind === "error" ? types.ErrorMessage : types.ProgressIndicator, message: text };
  await officeAsync<void>("show a notification", (callback) => messages.replaceAsync(NOTIFICATION_KEY, details, callback));
  return true;
}

/** Removes OrgTrack's notification from the open message; returns false when no message is open. Throws AppError `office`. */
export async function clearItemNotification(): Promise<boolean> {
  const messages = outlookMailbox().item?.notificationMessages;
  if (messages === undefined || messages === null) return false;
  await officeAsync<void>("remove the notification", (callback) => messages.removeAsync(NOTIFICATION_KEY, callback));
  return true;
}
