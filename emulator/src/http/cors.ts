import { isRegisteredOrigin } from "../identity/redirect-uris";
import type { Directory } from "../seed/directory";
import { header, type EmulatorRequest, type EmulatorResponse } from "./types";

const ALLOWED_HEADERS = [
  "Authorization",
  "Content-Type",
  "Accept",
  "OData-MaxVersion",
  "OData-Version",
  "Prefer",
  "If-Match",
  "If-None-Match",
  "MSCRM.SuppressDuplicateDetection",
  "MSCRM.BypassCustomPluginExecution",
  "CallerObjectId",
  "Consistency",
  "client-request-id",
  "x-client-SKU",
  "x-client-VER",
  "x-client-OS",
  "x-client-CPU",
  "x-client-current-telemetry",
  "x-client-last-telemetry",
  "x-ms-lib-capability",
  "x-app-name",
  "x-app-ver",
].join(", ");

const EXPOSED_HEADERS = "OData-EntityId, OData-Version, Location, ETag, Retry-After, Preference-Applied, REQ_ID, x-ms-ratelimit-burst-remaining-xrm-requests, x-ms-ratelimit-time-remaining-xrm-requests, WWW-Authenticate";

/**
 * Decides whether a browser origin may call the emulator: the origin of a registered redirect URI,
 * or any port of a registered loopback redirect URI (the same rule as redirect URIs: a test web
 * server on a free port is the registered localhost app).
 */
export type OriginPolicy = (origin: string) => boolean;

/** The origin policy of a directory's registered client apps. */
export function registeredOrigins(directory: Directory): OriginPolicy {
  return (origin) => isRegisteredOrigin(directory.clients.values(), origin);
}

/** CORS headers for a request from a registered origin; none for any other origin. */
export function corsHeaders(req: EmulatorRequest, allowed: OriginPolicy): Record<string, string> {
  const origin = header(req, "origin");
  if (!origin || !allowed(origin)) return {};
  return { "Access-Control-Allow-Origin": origin, "Access-Control-Expose-Headers": EXPOSED_HEADERS, Vary: "Origin" };
}

/** The answer to a CORS preflight: allowed for registered origins, refused (403, no CORS headers) for others. */
export function preflight(req: EmulatorRequest, allowed: OriginPolicy): EmulatorResponse {
  const headers = corsHeaders(req, allowed);
  if (!headers["Access-Control-Allow-Origin"]) return { status: 403, headers: {} };
  return {
    status: 204,
    headers: {
      ...headers,
      "Access-Control-Allow-Methods": "GET, POST, PATCH, PUT, DELETE, OPTIONS",
      "Access-Control-Allow-Headers": ALLOWED_HEADERS,
      "Access-Control-Max-Age": "600",
    },
  };
}
