import { AppError } from "../core/errors";

/** Returns true when Office.js is loaded (in Outlook, or the simulator's fake host). */
export function hasOfficeHost(): boolean {
  return typeof Office !== "undefined" && typeof Office.context === "object" && Office.context !== null;
}

/** Returns the Office global; throws AppError `office` (`office.notLoaded`) outside an Office host. */
export function officeHost(): typeof Office {
  if (!hasOfficeHost()) {
    throw new AppError("office", "Office.js is not available: the add-in is not running in Outlook.", { messageKey: "office.notLoaded" });
  }
  return Office;
}

/** Returns the Outlook mailbox; throws AppError `office` (`office.noMailbox`) when the host is not Outlook. */
export function outlookMailbox(): Office.Mailbox {
  const mailbox = officeHost().context.mailbox as Office.Mailbox | undefined;
  if (mailbox === undefined || mailbox === null) {
    throw new AppError("office", "This host has no mailbox: the add-in is not running in Outlook.", { messageKey: "office.noMailbox" });
  }
  return mailbox;
}

/** Returns the mailbox user's email address, or undefined outside Outlook or when Outlook gives none; never throws. */
export function mailboxUserAddress(): string | undefined {
  try {
    const address = (outlookMailbox().userProfile as Office.UserProfile | undefined)?.emailAddress;
    return typeof address === "string" && address !== "" ? address : undefined;
  } catch {
    return undefined;
  }
}
