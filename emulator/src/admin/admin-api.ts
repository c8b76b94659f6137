import type { Emulator } from "../app";
import { originOf } from "../context";
import { ErrorCodes, ODataError, badRequest } from "../http/odata-error";
import { plainJson } from "../http/responses";
import type { EmulatorRequest, EmulatorResponse } from "../http/types";

/** Peer addresses allowed to use the admin API: the IPv4 loopback range and ::1, also IPv4-mapped. */
const LOOPBACK = /^(?:::ffff:)?127(?:\.\d{1,3}){3}$|^::1$/i;

const ROUTES: Readonly<Record<string, readonly string[]>> = {
  health: ["GET"],
  reset: ["POST"],
  faults: ["GET", "POST", "DELETE"],
  "faults/*": ["GET", "DELETE"],
};

/** True when the peer address is a loopback address (the admin API answers no one else). */
export function isLoopback(remoteAddress: string): boolean {
  return LOOPBACK.test(remoteAddress);
}

/**
 * Serves the loopback-only admin API under `/_emulator/` (`segments` come after it): health, reset
 * and fault injection. Returns the response; throws ODataError 403 (not loopback), 404 (unknown
 * path or fault), 405 (wrong method, with `Allow`) or 400 (malformed JSON or fault spec).
 */
export function handleAdmin(req: EmulatorRequest, emulator: Emulator, segments: string[]): EmulatorResponse {
  if (!isLoopback(req.remoteAddress)) {
    throw new ODataError(403, ErrorCodes.AccessDenied, "The emulator admin API answers loopback callers only.");
  }
  const [resource, id, ...extra] = segments;
  const routeKey = resource === "faults" && id !== undefined ? "faults/*" : (resource ?? "");
  const methods = extra.length === 0 ? ROUTES[routeKey] : undefined;
  if (!methods) throw new ODataError(404, ErrorCodes.Routing, `No admin resource at '${req.url.pathname}'.`);
  if (!methods.includes(req.method)) {
    throw new ODataError(405, ErrorCodes.Routing, `The admin resource '${req.url.pathname}' does not support ${req.method}.`, { Allow: methods.join(", ") });
  }
  switch (routeKey) {
    case "health":
      return health(req, emulator);
    case "reset":
      emulator.reset();
      return { status: 204, headers: { "Cache-Control": "no-store" } };
    case "faults":
      if (req.method === "GET") return plainJson(200, { value: emulator.faults.list() });
      if (req.method === "DELETE") {
        emulator.faults.clear();
        return { status: 204, headers: { "Cache-Control": "no-store" } };
      }
      return addFaults(req, emulator);
    default:
      return oneFault(req, emulator, decodeURIComponent(id ?? ""));
  }
}

function health(req: EmulatorRequest, emulator: Emulator): EmulatorResponse {
  const origin = originOf(req.url);
  const orgs = [...emulator.context.directory.orgs.values()].map((org) => ({
    name: org.urlName,
    friendlyName: org.friendlyName,
    url: `${origin}/${org.urlName}`,
  }));
  return plainJson(200, {
    status: "ok",
    orgs,
    uptimeSeconds: Math.round(process.uptime()),
    faults: emulator.faults.list().length,
    limits: emulator.context.limits,
  });
}

function addFaults(req: EmulatorRequest, emulator: Emulator): EmulatorResponse {
  const body = parseJson(req);
  const specs = Array.isArray(body) ? body : [body];
  if (specs.length === 0) throw badRequest("The request body is an empty array: send a fault spec or an array of them.");
  return plainJson(201, { value: emulator.faults.addAll(specs) });
}

function oneFault(req: EmulatorRequest, emulator: Emulator, id: string): EmulatorResponse {
  const notFound = (): ODataError => new ODataError(404, ErrorCodes.ResourceNotFound, `No fault with id '${id}'.`);
  if (req.method === "GET") {
    const fault = emulator.faults.list().find((f) => f.id === id);
    if (!fault) throw notFound();
    return plainJson(200, fault);
  }
  if (!emulator.faults.remove(id)) throw notFound();
  return { status: 204, headers: { "Cache-Control": "no-store" } };
}

function parseJson(req: EmulatorRequest): unknown {
  const text = req.body.toString("utf8");
  if (text.trim() === "") throw badRequest("The request body is empty: send a fault spec as JSON.");
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw badRequest(`The request body is not valid JSON: ${(error as Error).message}`);
  }
}
