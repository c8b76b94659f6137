import { randomUUID } from "node:crypto";
import { plainJson } from "../http/responses";
import type { EmulatorResponse } from "../http/types";

/** The OAuth 2.0 error codes this server answers with (RFC 6749 §5.2, §4.1.2.1, OIDC). */
export type OAuthErrorCode =
  | "invalid_request"
  | "invalid_client"
  | "invalid_grant"
  | "unauthorized_client"
  | "unsupported_grant_type"
  | "unsupported_response_type"
  | "invalid_scope"
  | "login_required"
  | "access_denied"
  | "server_error";

/**
 * An OAuth error with an Entra-like AADSTS number: thrown inside the identity endpoints, answered as
 * JSON by the token endpoint or as `?error=…` on the client's redirect URI by the authorize endpoint.
 */
export class OAuthError extends Error {
  readonly status: number;

  constructor(
    readonly error: OAuthErrorCode,
    readonly aadsts: number | undefined,
    message: string,
  ) {
    super(message);
    this.name = "OAuthError";
    this.status = error === "invalid_client" ? 401 : 400;
  }

  /** The `error_description`: `AADSTS<n>: <message>`. */
  get description(): string {
    return this.aadsts === undefined ? this.message : `AADSTS${this.aadsts}: ${this.message}`;
  }
}

/** The token endpoint's JSON error body `{error, error_description, error_codes, timestamp, trace_id, correlation_id}`. */
export function oauthErrorResponse(error: OAuthError, nowMs: number, correlationId?: string): EmulatorResponse {
  return plainJson(
    error.status,
    {
      error: error.error,
      error_description: error.description,
      ...(error.aadsts !== undefined ? { error_codes: [error.aadsts] } : {}),
      timestamp: entraTimestamp(nowMs),
      trace_id: randomUUID(),
      correlation_id: correlationId ?? randomUUID(),
    },
    { Pragma: "no-cache", ...(error.status === 401 ? { "WWW-Authenticate": 'Bearer error="invalid_client"' } : {}) },
  );
}

/** Entra's timestamp format: `2025-01-31 10:00:00Z`. */
export function entraTimestamp(nowMs: number): string {
  return new Date(nowMs).toISOString().replace("T", " ").replace(/\.\d{3}Z$/, "Z");
}
