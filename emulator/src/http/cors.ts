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

/** The origins of the registered client apps' https redirect URIs: the only ones CORS lets in. */
export function registeredOrigins(directory: Directory): Set<string> {
  const origins = new Set<string>();
  for (const client of directory.clients.values()) {
    for (const uri of client.redirectUris) {
      try {
        const url = new URL(uri);
        if (url.protocol === "https:") origins.add(url.origin);
      } catch {
        // A redirect URI that is not a URL (a custom scheme) has no web origin.
      }
    }
  }
  return origins;
}

/** CORS headers for a request from a registered origin; none for any other origin. */
export function corsHeaders(req: EmulatorRequest, origins: ReadonlySet<string>): Record<string, string> {
  const origin = header(req, "origin");
  if (!origin || !origins.has(origin)) return {};
  return { "Access-Control-Allow-Origin": origin, "Access-Control-Expose-Headers": EXPOSED_HEADERS, Vary: "Origin" };
}

/** The answer to a CORS preflight: allowed for registered origins, refused (403, no CORS headers) for others. */
export function preflight(req: EmulatorRequest, origins: ReadonlySet<string>): EmulatorResponse {
  const allowed = corsHeaders(req, origins);
  if (!allowed["Access-Control-Allow-Origin"]) return { status: 403, headers: {} };
  return {
    status: 204,
    headers: {
      ...allowed,
      "Access-Control-Allow-Methods": "GET, POST, PATCH, PUT, DELETE, OPTIONS",
      "Access-Control-Allow-Headers": ALLOWED_HEADERS,
      "Access-Control-Max-Age": "600",
    },
  };
}
