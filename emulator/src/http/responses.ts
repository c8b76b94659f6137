import type { EmulatorResponse } from "./types";

const ODATA_JSON = "application/json; odata.metadata=minimal";

/** A JSON answer with the OData headers Dataverse sends on every response. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): EmulatorResponse {
  return {
    status,
    headers: { "Content-Type": ODATA_JSON, "OData-Version": "4.0", ...headers },
    body: JSON.stringify(body),
  };
}

/** A plain JSON answer without OData headers (identity endpoints). */
export function plainJson(status: number, body: unknown, headers: Record<string, string> = {}): EmulatorResponse {
  return {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", ...headers },
    body: JSON.stringify(body),
  };
}

export function noContent(headers: Record<string, string> = {}): EmulatorResponse {
  return { status: 204, headers: { "OData-Version": "4.0", ...headers } };
}

export function html(status: number, body: string, headers: Record<string, string> = {}): EmulatorResponse {
  return {
    status,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-store",
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
      ...headers,
    },
    body,
  };
}

export function redirect(location: string): EmulatorResponse {
  return { status: 302, headers: { Location: location, "Cache-Control": "no-store" } };
}
