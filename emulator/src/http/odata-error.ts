import { json } from "./responses";
import type { EmulatorResponse } from "./types";

/**
 * A Dataverse error: thrown anywhere inside a handler, turned into the OData error body
 * `{"error":{"code","message"}}` with its HTTP status by the error envelope.
 */
export class ODataError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ODataError";
  }
}

/** The error codes the emulator uses, named as in the Dataverse error code reference. */
export const ErrorCodes = {
  PrivilegeDenied: "0x80040220",
  AccessDenied: "0x80048306",
  ObjectDoesNotExist: "0x80040217",
  DuplicateRecord: "0x80040237",
  ConcurrencyVersionMismatch: "0x80060882",
  ResourceNotFound: "0x8006088a",
  ODataLayer: "0x0",
  Routing: "",
  RequiredFieldMissing: "0x80040200",
  InvalidArgument: "0x80040203",
  UnExpected: "0x80040216",
  RequestLengthTooLarge: "0x8004418a",
  StringTooLong: "0x80044331",
  ParticipationTypeMaskNotFound: "0x80094006",
  RequestIsNotAuthenticated: "0x80044302",
  UnauthorizedAccess: "0x80040277",
  AccessTokenExpired: "0x8005f101",
  UserNotEnabled: "0x80040225",
  UserNotMemberOfOrganization: "0x80072560",
  ThrottleRequests: "0x80072322",
  ThrottleExecutionTime: "0x80072321",
  ThrottleConcurrency: "0x80072326",
  BatchTooLarge: "0x80060891",
  NotSupported: "0x80040203",
} as const;

export function badRequest(message: string, code: string = ErrorCodes.ODataLayer): ODataError {
  return new ODataError(400, code, message);
}

export function notFoundSegment(segment: string): ODataError {
  return new ODataError(404, ErrorCodes.ResourceNotFound, `Resource not found for the segment '${segment}'.`);
}

export function noResource(url: string): ODataError {
  return new ODataError(404, ErrorCodes.Routing, `No HTTP resource was found that matches the request URI '${url}'.`);
}

export function recordNotFound(logicalName: string, id: string): ODataError {
  return new ODataError(404, ErrorCodes.ObjectDoesNotExist, `${logicalName} With Id = ${id} Does Not Exist`);
}

/** Renders any thrown value as an OData error response; unknown failures become 500 UnExpected. */
export function errorResponse(error: unknown): EmulatorResponse {
  if (error instanceof ODataError) {
    return json(error.status, { error: { code: error.code, message: error.message } }, error.headers);
  }
  return json(500, { error: { code: ErrorCodes.UnExpected, message: "An unexpected error occurred." } });
}
