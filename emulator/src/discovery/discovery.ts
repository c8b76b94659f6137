import { originOf, TokenRejected, type AccessTokenClaims, type EmulatorContext } from "../context";
import { badRequest, ErrorCodes, errorResponse, notFoundSegment, ODataError } from "../http/odata-error";
import { json } from "../http/responses";
import { header, type EmulatorRequest, type EmulatorResponse, type HandlerResult } from "../http/types";
import type { FilterAst } from "../odata/filter";
import { matchesInstanceFilter, parseInstanceFilter } from "./instance-filter";
import { INSTANCE_PROPERTIES, instancesOf, type Instance } from "./instances";
import { instanceMetadata } from "./metadata";

const SERVICE_PATH = "discovery/api/discovery/v2.0";
/** Query options Global Discovery supports here; any other `$` option is refused. */
const SUPPORTED_OPTIONS: ReadonlySet<string> = new Set(["$select", "$filter"]);
/** Instance keys usable as `Instances(Name=value)` (the documented alternate keys, plus Id). */
const KEY_PROPERTIES: ReadonlySet<string> = new Set(["Id", "UniqueName", "Region", "State", "Version"]);

/**
 * Global Discovery v2 at `/discovery/api/discovery/v2.0/…` (`segments` is the path after
 * `/discovery/api`): the service document, `$metadata`, and `Instances` (with `$select`, `$filter`
 * and key syntax, always a collection) listing only the caller's orgs. Needs a bearer token for
 * `https://<host>/discovery`; answers OData errors, 401 with a `WWW-Authenticate` challenge.
 */
export function handleDiscovery(req: EmulatorRequest, ctx: EmulatorContext, segments: string[]): HandlerResult {
  try {
    const [service, version, resource, ...extra] = segments;
    if (service !== "discovery" || version !== "v2.0") throw notFoundSegment(segments.join("/"));
    if (req.method !== "GET") throw new ODataError(405, ErrorCodes.Routing, `The requested resource does not support http method '${req.method}'.`);
    const origin = originOf(req.url);
    const claims = authenticate(req, ctx, origin);
    const serviceRoot = `${origin}/${SERVICE_PATH}`;
    if (resource === undefined) return serviceDocument(serviceRoot);
    if (extra.length > 0) throw notFoundSegment(segments.join("/"));
    const decoded = decodeSegment(resource);
    if (decoded === "$metadata") return instanceMetadata();
    const match = /^Instances(?:\((.*)\))?$/s.exec(decoded);
    if (!match) throw notFoundSegment(decoded);
    return listInstances(req, ctx, origin, serviceRoot, claims, match[1]);
  } catch (error) {
    return errorResponse(error);
  }
}

function authenticate(req: EmulatorRequest, ctx: EmulatorContext, origin: string): AccessTokenClaims {
  const resource = `${origin}/discovery`;
  const challenge = { "WWW-Authenticate": `Bearer authorization_uri=${origin}/common/oauth2/authorize, resource_id=${resource}/` };
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header(req, "authorization") ?? "");
  try {
    if (!match?.[1]) throw new TokenRejected("missing", "The request does not carry a bearer token.");
    return ctx.verifyAccessToken(match[1], resource);
  } catch (error) {
    if (error instanceof TokenRejected) {
      const code = error.problem === "expired" ? ErrorCodes.AccessTokenExpired : error.problem === "missing" ? ErrorCodes.RequestIsNotAuthenticated : ErrorCodes.UnauthorizedAccess;
      throw new ODataError(401, code, error.message, challenge);
    }
    throw error;
  }
}

function serviceDocument(serviceRoot: string): EmulatorResponse {
  return json(200, { "@odata.context": `${serviceRoot}/$metadata`, value: [{ name: "Instances", kind: "EntitySet", url: "Instances" }] });
}

function listInstances(
  req: EmulatorRequest,
  ctx: EmulatorContext,
  origin: string,
  serviceRoot: string,
  claims: AccessTokenClaims,
  key: string | undefined,
): EmulatorResponse {
  const query = req.url.searchParams;
  for (const name of new Set(query.keys())) {
    if (name.startsWith("$") && !SUPPORTED_OPTIONS.has(name)) throw badRequest(`The query parameter '${name}' is not supported.`);
  }
  const select = parseSelect(query.get("$select"));
  const filters: FilterAst[] = [];
  if (key !== undefined) filters.push(parseKey(key));
  const filter = query.get("$filter");
  if (filter !== null) filters.push(parseInstanceFilter(filter, INSTANCE_PROPERTIES));
  const rows = instancesOf(ctx, origin, claims.oid).filter((row) => filters.every((f) => matchesInstanceFilter(f, row as unknown as Record<string, unknown>)));
  const context = `${serviceRoot}/$metadata#Instances${select ? `(${select.join(",")})` : ""}`;
  return json(200, { "@odata.context": context, value: rows.map((row) => project(row, select)) });
}

/** `Instances(<guid>)` or `Instances(Name=value)` as a filter; throws a 400 ODataError. */
function parseKey(key: string): FilterAst {
  const trimmed = key.trim();
  const named = /^([A-Za-z]+)\s*=\s*(.+)$/s.exec(trimmed);
  if (!named) return parseInstanceFilter(`Id eq ${trimmed}`, INSTANCE_PROPERTIES, "key");
  const [, property = "", value = ""] = named;
  if (!KEY_PROPERTIES.has(property)) throw badRequest(`'${property}' is not a key of Instance; use Id, UniqueName, Region, State or Version.`);
  return parseInstanceFilter(`${property} eq ${value}`, INSTANCE_PROPERTIES, "key");
}

function parseSelect(value: string | null): string[] | undefined {
  if (value === null) return undefined;
  const names = value.split(",").map((s) => s.trim()).filter((s) => s !== "");
  for (const name of names) {
    if (!INSTANCE_PROPERTIES.has(name as keyof Instance)) {
      throw badRequest(`Could not find a property named '${name}' on type 'Microsoft.Dynamics.CRM.Instance'.`);
    }
  }
  return names.length > 0 ? [...new Set(names)] : undefined;
}

function project(row: Instance, select: string[] | undefined): Record<string, unknown> {
  if (!select) return { ...row };
  const values = row as unknown as Record<string, unknown>;
  return Object.fromEntries(select.map((name) => [name, values[name]]));
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw notFoundSegment(segment);
  }
}
