import { AppError } from "../core/errors";
import { whenOfficeReady } from "./actions";
import { hasOfficeHost, outlookMailbox } from "./office-host";

/** How long a page waits for Office.js to report Outlook before saying it is not running in Outlook. */
export const OUTLOOK_READY_TIMEOUT_MS = 10_000;

/**
 * Resolves once `Office.onReady` reports the Outlook host and its mailbox is there. Rejects with
 * AppError `office` (`office.notInOutlook`, "Open OrgTrack from Outlook") when Office.js is not
 * loaded, reports another host or none (the page opened in a browser), or is not ready within
 * `timeoutMs`.
 */
export async function whenOutlookReady(timeoutMs: number = OUTLOOK_READY_TIMEOUT_MS): Promise<void> {
  let host: string | undefined;
  try {
    host = await withinTime(whenOfficeReady(), timeoutMs, () => notInOutlook(`Office.js was not ready after ${timeoutMs} ms.`));
  } catch (error) {
    throw isNotInOutlook(error) ? error : notInOutlook("Office.js is not loaded on this page.", error);
  }
  if (host !== "Outlook" || !hasOfficeHost()) throw notInOutlook(`Office.js reports the host ${host ?? "none"}, not Outlook.`);
  try {
    outlookMailbox();
  } catch (error) {
    throw notInOutlook("Outlook offers no mailbox on this page.", error);
  }
}

/** Returns true for the error `whenOutlookReady` throws when the page is not running in Outlook (trying again there cannot help). Never throws. */
export function isNotInOutlook(error: unknown): boolean {
  return error instanceof AppError && error.messageKey === NOT_IN_OUTLOOK;
}

const NOT_IN_OUTLOOK = "office.notInOutlook";

function notInOutlook(reason: string, cause?: unknown): AppError {
  return new AppError("office", `The add-in is not running in Outlook: ${reason}`, { messageKey: NOT_IN_OUTLOOK, ...(cause === undefined ? {} : { cause }) });
}

/** Settles as `work` does, or rejects with `timedOut()` after `ms`; the one timer is cleared either way. */
function withinTime<T>(work: Promise<T>, ms: number, timedOut: () => AppError): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(timedOut()), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
