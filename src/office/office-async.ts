import { AppError } from "../core/errors";

/**
 * The one bridge from Office.js callbacks to Promises: every `…Async` call goes through
 * `officeAsync`, which checks `asyncResult.status` and turns a failure into an AppError `office`
 * carrying the Office error code (e.g. 9041), never a string or a null.
 */

/** The part of an `Office.AsyncResult` the bridge reads. */
export interface AsyncResultLike<T> {
  status: Office.AsyncResultStatus;
  value: T;
  error?: { code: number; name: string; message: string } | null;
}

/** Returns the AppError `office` for a failed Office call (`operation` names it for people: "read the message body"). */
export function officeError(operation: string, error: { code?: number; name?: string } | null | undefined, cause?: unknown): AppError {
  const code = typeof error?.code === "number" ? error.code : undefined;
  const name = typeof error?.name === "string" && error.name !== "" ? error.name : "Error";
  return new AppError("office", `Outlook could not ${operation} (${name}${code === undefined ? "" : ` ${code}`}).`, {
    messageKey: "office.failed",
    values: { operation, officeError: name, ...(code === undefined ? {} : { officeCode: code }) },
    ...(code === undefined ? {} : { code: String(code) }),
    cause: cause ?? error,
  });
}

/**
 * Runs one Office.js async call and returns its value; throws AppError `office` when the result's
 * status is failed (with the Office error code) or when the call throws synchronously.
 */
export function officeAsync<T>(operation: string, start: (callback: (result: AsyncResultLike<T>) => void) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    try {
      start((result) => {
        if (result.status === Office.AsyncResultStatus.Succeeded) resolve(result.value);
        else reject(officeError(operation, result.error, result.error));
      });
    } catch (thrown) {
      reject(thrown instanceof AppError ? thrown : officeError(operation, errorShape(thrown), thrown));
    }
  });
}

function errorShape(thrown: unknown): { code?: number; name?: string } {
  if (typeof thrown !== "object" || thrown === null) return {};
  const { code, name } = thrown as { code?: unknown; name?: unknown };
  return { ...(typeof code === "number" ? { code } : {}), ...(typeof name === "string" ? { name } : {}) };
}
