/**
 * `POST /api/data/v9.2/$batch` (spec §1.10): runs the requests of a `multipart/mixed` batch in order,
 * each as an inner Web API call of the same caller, change sets atomically in one database transaction,
 * and answers with a `multipart/mixed` batch response.
 */
import { randomUUID } from "node:crypto";
import { badRequest, errorResponse, notFoundSegment } from "../http/odata-error";
import { header, type EmulatorResponse } from "../http/types";
import {
  parseBatchRequest,
  resolveContentIdReferences,
  serializeBatchResponse,
  type BatchPart,
  type BatchResponsePart,
  type InnerRequest,
  type InnerResponse,
} from "../odata/multipart";
import { API_PATH, type WebApiCall } from "./call";
// Circular (dispatch → batch → dispatch): only used inside functions, so CommonJS resolves it at call time.
import { dispatch } from "./dispatch";

const CONTINUE_ON_ERROR = "odata.continue-on-error";

/** Thrown inside a change set's transaction to roll it back after a failed request. */
class ChangeSetFailed extends Error {
  constructor(readonly response: InnerResponse) {
    super("change set failed");
  }
}

/** The outcome of one top-level part: its response part, and whether it failed (status ≥ 400). */
interface PartOutcome {
  part: BatchResponsePart;
  failed: boolean;
}

/**
 * Returns the `multipart/mixed` response of a `$batch` request: 200 when every part succeeded or
 * `Prefer: odata.continue-on-error` was sent (then with `Preference-Applied`), otherwise 400 with the
 * parts up to and including the first failed request or change set. Throws ODataError 400 for a body
 * the codec refuses (JSON batch, LF-only line endings, more than 1000 requests…) and 429 when the
 * inner requests exceed the caller's service-protection limits.
 */
export function handleBatch(call: WebApiCall): EmulatorResponse {
  const parts = parseBatchRequest(header(call, "content-type"), call.body);
  call.ctx.protection.count(call.member.oid, countRequests(parts));
  const continueOnError = prefersContinueOnError(header(call, "prefer"));
  const responses: BatchResponsePart[] = [];
  let failed = false;
  for (const part of parts) {
    const outcome = part.kind === "request" ? runSingle(call, part.request) : runChangeSet(call, part.requests);
    responses.push(outcome.part);
    if (outcome.failed) {
      failed = true;
      if (!continueOnError) break;
    }
  }
  const { contentType, body } = serializeBatchResponse(responses);
  return {
    status: failed && !continueOnError ? 400 : 200,
    headers: {
      "Content-Type": contentType,
      "OData-Version": "4.0",
      ...(continueOnError ? { "Preference-Applied": CONTINUE_ON_ERROR } : {}),
    },
    body,
  };
}

/** Returns the number of requests in a batch, change-set members included. */
function countRequests(parts: BatchPart[]): number {
  return parts.reduce((sum, part) => sum + (part.kind === "request" ? 1 : part.requests.length), 0);
}

/** True when `Prefer` holds `odata.continue-on-error` (or `=true`); `=false` turns it off. */
function prefersContinueOnError(prefer: string | undefined): boolean {
  return (prefer ?? "").split(",").some((token) => {
    const [name = "", value] = (token.split(";")[0] ?? "").split("=").map((s) => s.trim().toLowerCase());
    return name === CONTINUE_ON_ERROR && (value === undefined || value === "true");
  });
}

function runSingle(call: WebApiCall, request: InnerRequest): PartOutcome {
  const response = runRequest(call, request, new Map());
  return { part: { kind: "response", response }, failed: response.status >= 400 };
}

/**
 * Runs a change set in one transaction. Each success records its `OData-EntityId` (or `Location`) under
 * its Content-ID for later `$n` references; the first failure rolls everything back and becomes the
 * change set's single response part.
 */
function runChangeSet(call: WebApiCall, requests: InnerRequest[]): PartOutcome {
  const responses: InnerResponse[] = [];
  try {
    call.ctx.store.transaction(() => {
      const ids = new Map<string, string>();
      for (const request of requests) {
        const response = runRequest(call, request, ids);
        if (response.status >= 400) throw new ChangeSetFailed(response);
        responses.push(response);
        const entityUrl = responseHeader(response, "odata-entityid") ?? responseHeader(response, "location");
        if (request.contentId !== undefined && entityUrl !== undefined) ids.set(request.contentId, entityUrl);
      }
    });
  } catch (error) {
    const response = error instanceof ChangeSetFailed ? error.response : innerResponse(errorResponse(error), undefined);
    return { part: { kind: "response", response }, failed: true };
  }
  return { part: { kind: "changeset", responses }, failed: false };
}

/** Runs one inner request and returns its response; every refusal becomes an error response. */
function runRequest(call: WebApiCall, request: InnerRequest, ids: Map<string, string>): InnerResponse {
  let response: EmulatorResponse;
  try {
    response = dispatch(innerCall(call, request, ids));
  } catch (error) {
    response = errorResponse(error);
  }
  return innerResponse(response, request.contentId);
}

/**
 * Returns the inner Web API call for a batch request: the outer caller (its Authorization header too),
 * the inner method, URL, headers and body, with `$n` references resolved. Throws ODataError 400 for an
 * undeclared reference or a URL of another host or org, 404 for a URL outside the Web API root.
 */
function innerCall(call: WebApiCall, request: InnerRequest, ids: Map<string, string>): WebApiCall {
  const target = resolveTarget(call, resolveContentIdReferences(request.url, ids));
  const body = request.body === "" ? request.body : resolveContentIdReferences(request.body, ids);
  const authorization = header(call, "authorization");
  return {
    ...call,
    method: request.method,
    path: target.path,
    query: target.query,
    headers: { ...request.headers, ...(authorization !== undefined ? { authorization } : {}) },
    body: Buffer.from(body, "utf8"),
    inBatch: true,
  };
}

/**
 * Maps an inner URL (absolute, root-relative with or without the org segment, or relative to the Web API
 * root) to the resource path after `/api/data/v9.2/` and its query. Throws ODataError as `innerCall` says.
 */
function resolveTarget(call: WebApiCall, rawUrl: string): { path: string; query: URLSearchParams } {
  let url: URL;
  try {
    url = new URL(rawUrl, call.apiRoot);
  } catch {
    throw badRequest(`The URL '${rawUrl}' of a request in the batch is not a valid URL.`);
  }
  const root = new URL(call.apiRoot);
  if (url.origin !== root.origin) {
    throw badRequest(`The URL '${rawUrl}' of a request in the batch is for another host than this organization's (${root.origin}).`);
  }
  const orgPrefix = `/${call.org.urlName.toLowerCase()}/`;
  let pathname = url.pathname;
  if (pathname.toLowerCase().startsWith(orgPrefix)) pathname = pathname.slice(orgPrefix.length - 1);
  if (!pathname.startsWith("/api/data/")) {
    if (/^\/[^/]+\/api\/data\//.test(pathname)) {
      throw badRequest(`The URL '${rawUrl}' of a request in the batch is for another organization than this one (${call.orgUrl}).`);
    }
    throw notFoundSegment(pathname.replace(/^\//, ""));
  }
  const rest = pathname.slice(1);
  if (rest !== API_PATH && !rest.startsWith(`${API_PATH}/`)) throw notFoundSegment(rest.slice("api/data/".length));
  return { path: rest.slice(API_PATH.length).replace(/^\//, ""), query: url.searchParams };
}

/** The batch response part of an emulator response: same status, headers and body, plus a `REQ_ID`. */
function innerResponse(response: EmulatorResponse, contentId: string | undefined): InnerResponse {
  const body = response.body === undefined ? "" : response.body.toString();
  return {
    status: response.status,
    headers: { ...response.headers, REQ_ID: randomUUID() },
    ...(body !== "" ? { body } : {}),
    ...(contentId !== undefined ? { contentId } : {}),
  };
}

function responseHeader(response: InnerResponse, name: string): string | undefined {
  const entry = Object.entries(response.headers).find(([key]) => key.toLowerCase() === name);
  return entry?.[1];
}
