import { ODataError, badRequest, noResource, notFoundSegment } from "../http/odata-error";
import { json } from "../http/responses";
import type { EmulatorResponse } from "../http/types";
import { TABLES_BY_SET } from "../model/tables";
import { isGuid } from "../seed/ids";
import type { WebApiCall } from "./call";
import { handleCollection, handleEntity, handleNavigation } from "./entities";
import { findOperation, type OperationDefinition, type OperationInput } from "./operations";
import { parseFunctionParameters } from "./operation-parameters";
import { handleBatch } from "./batch";
import { readJsonObject } from "./json-body";
import { metadataDocument } from "./metadata";

const NAMESPACE = "Microsoft.Dynamics.CRM.";

interface Segment {
  name: string;
  /** The text between the parentheses, when present (a key or a parameter list). */
  args?: string;
}

/**
 * Routes one Web API request (already authenticated) to its handler and returns the response.
 * Synchronous on purpose: a `$batch` change set runs inside one database transaction.
 * Throws ODataError for every refusal; the caller renders it.
 */
export function dispatch(call: WebApiCall): EmulatorResponse {
  const segments = splitPath(call.path);
  const [first, ...rest] = segments;
  if (first === undefined) return serviceDocument(call);
  if (first.name === "$metadata" && rest.length === 0 && first.args === undefined) return metadataDocument(call);
  if (first.name === "$batch" && rest.length === 0 && first.args === undefined) {
    if (call.method !== "POST") throw noResource(call.apiRoot + call.path);
    if (call.inBatch) throw badRequest("A $batch request cannot be nested in another $batch request.");
    return handleBatch(call);
  }
  const def = TABLES_BY_SET.get(first.name);
  if (def) {
    if (first.args === undefined) {
      if (rest.length === 0) return handleCollection(call, def);
      const [op, ...extra] = rest;
      if (op && extra.length === 0 && op.name.startsWith(NAMESPACE)) {
        return runOperation(call, op, "collection", def.entitySet);
      }
      throw notFoundSegment((op ?? first).name);
    }
    const id = parseKey(first.args, first.name);
    if (rest.length === 0) return handleEntity(call, def, id);
    const [next, ...more] = rest;
    if (next && more.length === 0 && next.name.startsWith(NAMESPACE)) {
      return runOperation(call, next, "entity", def.entitySet, id);
    }
    if (next && next.args === undefined && (more.length === 0 || (more.length === 1 && more[0]?.name === "$ref" && more[0].args === undefined))) {
      return handleNavigation(call, def, id, next.name, more.length === 1);
    }
    throw notFoundSegment((next ?? first).name);
  }
  if (rest.length === 0) {
    const bare = first.name.startsWith(NAMESPACE) ? first.name.slice(NAMESPACE.length) : first.name;
    if (findOperation(bare, "unbound")) return runOperation(call, { name: bare, ...(first.args !== undefined ? { args: first.args } : {}) }, "unbound");
  }
  throw notFoundSegment(first.name);
}

function runOperation(
  call: WebApiCall,
  segment: Segment,
  binding: OperationDefinition["binding"],
  entitySet?: string,
  boundId?: string,
): EmulatorResponse {
  const name = segment.name.startsWith(NAMESPACE) ? segment.name.slice(NAMESPACE.length) : segment.name;
  const operation = findOperation(name, binding, entitySet);
  if (!operation) throw notFoundSegment(segment.name);
  const expected = operation.kind === "function" ? "GET" : "POST";
  if (call.method !== expected) throw noResource(call.apiRoot + call.path);
  const input: OperationInput = {
    parameters: operation.kind === "function" ? parseFunctionParameters(segment.args ?? "", call.query) : actionBody(call, segment),
    ...(boundId !== undefined ? { boundId } : {}),
  };
  return operation.handler(call, input);
}

function actionBody(call: WebApiCall, segment: Segment): Record<string, unknown> {
  if (segment.args !== undefined && segment.args.trim() !== "") {
    throw badRequest(`The action '${segment.name}' takes its parameters in the request body, not in the URL.`);
  }
  return readJsonObject(call.body);
}

function parseKey(args: string, setName: string): string {
  const raw = args.trim();
  const key = raw.includes("=") ? raw.slice(raw.indexOf("=") + 1).trim() : raw;
  if (!isGuid(key)) {
    throw new ODataError(400, "0x80060888", `Bad Request - Error in query syntax: the key '${raw}' of '${setName}' is not a valid GUID.`);
  }
  return key.toLowerCase();
}

/** Splits `emails(…)/Microsoft.Dynamics.CRM.X(P='a/b')` into segments, keeping slashes inside parentheses or quotes. */
function splitPath(path: string): Segment[] {
  const decoded = safeDecode(path.replace(/^\/+/, "").replace(/\/+$/, ""));
  if (decoded === "") return [];
  const segments: Segment[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i <= decoded.length; i++) {
    const ch = decoded[i];
    if (ch === "'") quoted = !quoted;
    else if (!quoted && ch === "(") depth++;
    else if (!quoted && ch === ")") depth--;
    if (i === decoded.length || (ch === "/" && depth === 0 && !quoted)) {
      segments.push(toSegment(decoded.slice(start, i)));
      start = i + 1;
    }
  }
  return segments;
}

function toSegment(text: string): Segment {
  const open = text.indexOf("(");
  if (open === -1) return { name: text };
  if (!text.endsWith(")")) throw badRequest(`Bad Request - Error in query syntax near '${text}'.`);
  return { name: text.slice(0, open), args: text.slice(open + 1, -1) };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw badRequest(`The request URI contains invalid percent-encoding: '${text}'.`);
  }
}

function serviceDocument(call: WebApiCall): EmulatorResponse {
  if (call.method !== "GET") throw noResource(call.apiRoot);
  return json(200, {
    "@odata.context": `${call.apiRoot}$metadata`,
    value: [...TABLES_BY_SET.keys()].map((name) => ({ name, kind: "EntitySet", url: name })),
  });
}
