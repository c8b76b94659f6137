import { AppError, type AppErrorKind } from "../core/errors";
import type { HttpResponse } from "../core/ports";

/**
 * The one place where a Dataverse answer that is not a success becomes an AppError: the HTTP
 * status decides the kind, the Dataverse error code (`{"error":{"code","message"}}`) refines the
 * message key. The server's own message is kept in `cause` only (it may quote a subject or an
 * address), never in the AppError's message.
 */

/** Dataverse error codes the add-in tells apart (lower case). */
export const DataverseCodes = {
  privilegeDenied: "0x80040220",
  recordAccessDenied: "0x80048306",
  userNotMember: "0x80072560",
  userDisabled: "0x80040225",
  objectDoesNotExist: "0x80040217",
  stringTooLong: "0x80044331",
  duplicateRecord: "0x80040237",
  concurrencyMismatch: "0x80060882",
} as const;

/** The OData error body of a failed answer, as far as it could be read. */
export interface ODataErrorBody {
  code?: string;
  message?: string;
}

/** Returns `{code, message}` from an OData error body, or an empty object when the body is not one (never throws). */
export function readODataError(body: string): ODataErrorBody {
  if (!body) return {};
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed !== "object" || parsed === null) return {};
    const error = (parsed as { error?: unknown }).error;
    if (typeof error !== "object" || error === null) return {};
    const { code, message } = error as { code?: unknown; message?: unknown };
    return {
      ...(typeof code === "string" ? { code } : {}),
      ...(typeof message === "string" ? { message } : {}),
    };
  } catch {
    return {};
  }
}

/** Returns the seconds of a `Retry-After` header (delta-seconds or HTTP date), or of `x-ms-retry-after-ms`; undefined when neither is usable. */
export function retryAfterSeconds(headers: Readonly<Record<string, string>>, now: number = Date.now()): number | undefined {
  const raw = headers["retry-after"]?.trim();
  if (raw) {
    if (/^\d+(\.\d+)?$/.test(raw)) return Number(raw);
    const date = Date.parse(raw);
    if (!Number.isNaN(date)) return Math.max(0, Math.ceil((date - now) / 1000));
  }
  const ms = headers["x-ms-retry-after-ms"]?.trim();
  if (ms && /^\d+$/.test(ms)) return Number(ms) / 1000;
  return undefined;
}

interface Mapping {
  kind: AppErrorKind;
  messageKey: string;
  message: string;
}

function forbidden(code: string | undefined): Mapping {
  switch (code) {
    case DataverseCodes.privilegeDenied:
      return { kind: "forbidden", messageKey: "dataverse.privilegeMissing", message: "A security role you need in this organization is missing." };
    case DataverseCodes.recordAccessDenied:
      return { kind: "forbidden", messageKey: "dataverse.recordAccessDenied", message: "You do not have access to this record." };
    case DataverseCodes.userNotMember:
      return { kind: "forbidden", messageKey: "dataverse.notMember", message: "You are not a member of this organization." };
    case DataverseCodes.userDisabled:
      return { kind: "forbidden", messageKey: "dataverse.userDisabled", message: "Your user is disabled in this organization." };
    default:
      return { kind: "forbidden", messageKey: "dataverse.forbidden", message: "The organization refused the request." };
  }
}

function mapping(status: number, code: string | undefined): Mapping {
  if (status === 401) return { kind: "auth", messageKey: "dataverse.needsSignIn", message: "Sign-in is needed for this organization." };
  if (status === 403) return forbidden(code);
  if (status === 404) return { kind: "notFound", messageKey: "dataverse.notFound", message: "The record or resource does not exist." };
  if (status === 409 || status === 412) return { kind: "conflict", messageKey: "dataverse.conflict", message: "The record was changed or already exists." };
  if (status === 429) return { kind: "throttled", messageKey: "dataverse.throttled", message: "The organization is busy; try again shortly." };
  if (status === 413) return { kind: "invalidInput", messageKey: "dataverse.tooLarge", message: "The request is too large for the organization." };
  if (status === 400 && code === DataverseCodes.stringTooLong) return { kind: "invalidInput", messageKey: "dataverse.valueTooLong", message: "A value is longer than the organization accepts." };
  if (status === 400) return { kind: "invalidInput", messageKey: "dataverse.badRequest", message: "The organization refused the request as invalid." };
  if (status === 503 || status === 504) return { kind: "unknown", messageKey: "dataverse.unavailable", message: "The organization is unavailable right now." };
  return { kind: "unknown", messageKey: "dataverse.unexpected", message: "The organization answered with an unexpected error." };
}

/** Returns the AppError for a Dataverse answer that is not a success (status ≥ 400 or unexpected); never throws. */
export function mapError(response: HttpResponse, now: number = Date.now()): AppError {
  const body = readODataError(response.body);
  const code = body.code?.toLowerCase();
  const { kind, messageKey, message } = mapping(response.status, code);
  const retryAfter = retryAfterSeconds(response.headers, now);
  const codeText = body.code ? ` (${body.code})` : "";
  return new AppError(kind, `${message} [HTTP ${response.status}${codeText}]`, {
    messageKey,
    status: response.status,
    ...(body.code ? { code: body.code } : {}),
    ...(retryAfter !== undefined && (kind === "throttled" || response.status >= 500) ? { retryAfterSeconds: retryAfter } : {}),
    cause: { status: response.status, code: body.code, message: body.message },
  });
}
