import { AppError } from "../core/errors";
import { officeAsync, officeError } from "./office-async";
import { officeHost } from "./office-host";

/** Where and how big the dialog opens. */
export interface DialogRequest {
  /** The page to open (same domain as the add-in, HTTPS). */
  url: string;
  /** The only origin whose messages are accepted; a message from any other is ignored. */
  expectedOrigin: string;
  /** Percent of the screen, 1–100. Defaults 60 × 40. */
  height?: number;
  width?: number;
}

/** Dialog event codes Office documents (`DialogEventReceived`). */
const DIALOG_CLOSED_BY_USER = 12006;
const DIALOG_IGNORED_BY_USER = 12009;

/**
 * Opens an Office dialog and returns the first message its page sends from `expectedOrigin`,
 * then closes it. Throws AppError `cancelled` (`dialog.closed`) when the person closes or ignores
 * the dialog, `office` (`dialog.originUnknown`) when the host cannot tell where a message came
 * from (before DialogOrigin 1.1), `office` when Office fails to open it or reports another event.
 */
export function openDialogForMessage(request: DialogRequest): Promise<string> {
  const office = officeHost();
  const expected = originOf(request.expectedOrigin);
  return officeAsync<Office.Dialog>("open the dialog", (callback) =>
    office.context.ui.displayDialogAsync(request.url, { height: request.height ?? 60, width: request.width ?? 40, displayInIframe: false }, callback),
  ).catch((error: unknown) => {
    throw error instanceof AppError && error.code === String(DIALOG_IGNORED_BY_USER) ? closedByUser() : error;
  }).then(
    (dialog) =>
      new Promise<string>((resolve, reject) => {
        let settled = false;
        const settle = (outcome: () => void): void => {
          if (settled) return;
          settled = true;
          try {
            dialog.close();
          } catch {
            // Already closed by the person; nothing to release.
          }
          outcome();
        };
        dialog.addEventHandler(office.EventType.DialogMessageReceived, (arg) => {
          if (!("message" in arg)) return;
          if (arg.origin === undefined || arg.origin === null) {
            settle(() => reject(new AppError("office", "This version of Office cannot tell where a dialog message came from.", { messageKey: "dialog.originUnknown" })));
            return;
          }
          if (originOf(arg.origin) !== expected) return;
          settle(() => resolve(arg.message));
        });
        dialog.addEventHandler(office.EventType.DialogEventReceived, (arg) => {
          if (!("error" in arg)) return;
          if (arg.error === DIALOG_CLOSED_BY_USER) settle(() => reject(closedByUser()));
          else settle(() => reject(officeError("keep the dialog open", { code: arg.error, name: "DialogEvent" })));
        });
      }),
  );
}

function closedByUser(): AppError {
  return new AppError("cancelled", "The dialog was closed before it finished.", { messageKey: "dialog.closed" });
}

function originOf(value: string): string {
  try {
    return new URL(value).origin;
  } catch {
    return value;
  }
}

/** Sends a message from a dialog page to the task pane that opened it (same origin). Throws AppError `office` outside an Office dialog. */
export function sendToParent(message: string): void {
  const ui = officeHost().context.ui;
  try {
    ui.messageParent(message);
  } catch (cause) {
    throw officeError("send the result to the task pane", { name: "MessageParent" }, cause);
  }
}
