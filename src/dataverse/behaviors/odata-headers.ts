import type { HttpRequest } from "../../core/ports";
import type { Behavior } from "../pipeline";

function has(headers: Readonly<Record<string, string>>, name: string): boolean {
  const lower = name.toLowerCase();
  return Object.keys(headers).some((key) => key.toLowerCase() === lower);
}

/** Returns the request with the OData headers Dataverse recommends added where the caller set none (never throws). */
export function withODataHeaders(request: HttpRequest): HttpRequest {
  const defaults: Record<string, string> = {
    Accept: "application/json",
    "OData-MaxVersion": "4.0",
    "OData-Version": "4.0",
  };
  if (request.method === "GET") defaults["If-None-Match"] = "null";
  if (request.body !== undefined) defaults["Content-Type"] = "application/json";
  const headers = { ...request.headers };
  for (const [name, value] of Object.entries(defaults)) if (!has(headers, name)) headers[name] = value;
  return { ...request, headers };
}

/** Returns a behavior that adds `Accept`, `OData-MaxVersion`/`OData-Version`, `If-None-Match: null` on GETs and `Content-Type` with bodies; `Prefer` and other caller headers pass through. */
export function odataHeaders(): Behavior {
  return (next) => (request) => next(withODataHeaders(request));
}
