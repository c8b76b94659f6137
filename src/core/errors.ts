/**
 * Every failure the add-in reports is an AppError: a kind that decides how the UI reacts, a
 * message key for the user-facing text, a plain-English message for logs and tests, and the raw
 * cause. Services return data or throw an AppError; never null, tuples or string rejections.
 */
export type AppErrorKind =
  | "auth"
  | "forbidden"
  | "notFound"
  | "conflict"
  | "throttled"
  | "offline"
  | "timeout"
  | "invalidInput"
  | "rejectedByOrg"
  | "office"
  | "cancelled"
  | "unknown";

export interface AppErrorDetails {
  /** Key of the user-facing message in the string resources (e.g. `orgUrl.userInfo`). */
  messageKey?: string;
  /** Values the message may show (a host name, a limit); never tokens, bodies or addresses. */
  values?: Readonly<Record<string, string | number>>;
  /** The HTTP status, when the error came from a response. */
  status?: number;
  /** The Dataverse error code (`0x80040220`), when the org sent one. */
  code?: string;
  /** Seconds to wait before trying again (throttling). */
  retryAfterSeconds?: number;
  cause?: unknown;
}

export class AppError extends Error {
  readonly messageKey: string;
  readonly values: Readonly<Record<string, string | number>>;
  readonly status?: number;
  readonly code?: string;
  readonly retryAfterSeconds?: number;

  constructor(
    readonly kind: AppErrorKind,
    message: string,
    details: AppErrorDetails = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = "AppError";
    this.messageKey = details.messageKey ?? `error.${kind}`;
    this.values = details.values ?? {};
    if (details.status !== undefined) this.status = details.status;
    if (details.code !== undefined) this.code = details.code;
    if (details.retryAfterSeconds !== undefined) this.retryAfterSeconds = details.retryAfterSeconds;
  }
}

/** True for an AppError, optionally of one of the given kinds. */
export function isAppError(value: unknown, ...kinds: AppErrorKind[]): value is AppError {
  return value instanceof AppError && (kinds.length === 0 || kinds.includes(value.kind));
}

/** Wraps anything thrown into an AppError (an AppError is returned as is). */
export function toAppError(value: unknown): AppError {
  if (value instanceof AppError) return value;
  if (value instanceof Error && value.name === "AbortError") return new AppError("cancelled", "The operation was cancelled.", { cause: value });
  return new AppError("unknown", value instanceof Error ? value.message : "An unexpected error occurred.", { cause: value });
}
