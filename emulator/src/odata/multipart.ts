/**
 * Codec for OData v4 `$batch` bodies in the `multipart/mixed` format Dataverse accepts: parses batch
 * requests (with change sets and Content-ID references) and writes batch responses, plus the client-side
 * directions (write a request, read a response) for tests and benchmarks. Pure: no I/O, no dependencies.
 */
import { randomUUID } from "node:crypto";
import { ErrorCodes, ODataError, badRequest } from "../http/odata-error";

/** One HTTP request embedded in a batch part. */
export interface InnerRequest {
  method: string;
  /** The URL as written: absolute, relative (`/api/data/v9.2/emails`, `emails(…)`), or a `$1` reference. */
  url: string;
  /** Inner request headers, names lower-cased (Content-ID is moved to `contentId`). */
  headers: Record<string, string>;
  /** The body as sent; `""` when there is none. */
  body: string;
  contentId?: string;
}

/** A top-level part of a batch request: one request, or a change set of requests run atomically. */
export type BatchPart =
  | { kind: "request"; request: InnerRequest }
  | { kind: "changeset"; boundary: string; requests: InnerRequest[] };

/** One HTTP response embedded in a batch response part. */
export interface InnerResponse {
  status: number;
  headers: Record<string, string>;
  body?: string;
  contentId?: string;
}

/** A top-level part of a batch response: one response, or the responses of one change set. */
export type BatchResponsePart =
  | { kind: "response"; response: InnerResponse }
  | { kind: "changeset"; responses: InnerResponse[] };

/** A serialized multipart body with the Content-Type header (boundary included) to send it with. */
export interface SerializedBatch {
  contentType: string;
  body: string;
}

/** The most requests one batch may hold, change-set members included. */
export const MAX_BATCH_REQUESTS = 1000;

const CRLF = "\r\n";
const METHODS = new Set(["GET", "POST", "PATCH", "PUT", "DELETE"]);
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const BOUNDARY = /^[0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?]$/;
/** `$<n>` at the start of a URL or a bind value, followed by the end, a path or a query. */
const REFERENCE = /^\$(\d+)(?=$|[/?])/;

const REASON_PHRASES: Readonly<Record<number, string>> = {
  200: "OK",
  201: "Created",
  202: "Accepted",
  204: "No Content",
  304: "Not Modified",
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  412: "Precondition Failed",
  413: "Payload Too Large",
  415: "Unsupported Media Type",
  429: "Too Many Requests",
  500: "Internal Server Error",
  501: "Not Implemented",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

/** Returns the HTTP reason phrase for a status code ("Unknown" for codes not in the table); never throws. */
export function reasonPhrase(status: number): string {
  return REASON_PHRASES[status] ?? "Unknown";
}

// ---------------------------------------------------------------------------------------------------
// Request direction
// ---------------------------------------------------------------------------------------------------

/**
 * Returns the parts of a `$batch` request body in order; throws `badRequest` (400) for a missing or
 * non-multipart Content-Type, JSON batch, LF-only line endings, malformed parts, GET or nested change sets
 * inside a change set and missing/duplicate change-set Content-IDs, and ODataError 400 BatchTooLarge for
 * more than 1000 requests.
 */
export function parseBatchRequest(contentType: string | undefined, body: Buffer | string): BatchPart[] {
  const boundary = batchBoundary(contentType);
  const text = decode(body);
  const counter = { requests: 0 };
  return splitMultipart(text, boundary, "batch").map((content) => {
    const part = splitMimePart(content);
    const type = mediaType(part.headers["content-type"]);
    if (type.value === "multipart/mixed") {
      const csBoundary = requireBoundary(type.params, "change set");
      return { kind: "changeset", boundary: csBoundary, requests: parseChangeSet(part.body, csBoundary, counter) };
    }
    return { kind: "request", request: parseRequestPart(part, type.value, counter) };
  });
}

/**
 * Returns `text` (a request URL or a JSON body) with each `$<n>` Content-ID reference replaced by the URL
 * recorded for it in `ids` — at the start of a URL, or as an `@odata.bind`/`@odata.id` string value;
 * throws `badRequest` (400) for a reference to an undeclared Content-ID.
 */
export function resolveContentIdReferences(text: string, ids: Map<string, string>): string {
  const first = text.trimStart()[0];
  if (first === "{" || first === "[") return resolveInJson(text, ids);
  const match = REFERENCE.exec(text);
  return match ? lookupReference(match[1] ?? "", ids) + text.slice(match[0].length) : text;
}

/** Returns a `multipart/mixed` batch request body (CRLF line endings) and its Content-Type; never throws. */
export function serializeBatchRequest(parts: BatchPart[], boundary: string): SerializedBatch {
  const chunks = parts.map((part) => {
    if (part.kind === "request") return httpPart(requestMessage(part.request), part.request.contentId);
    const inner = part.requests.map((r) => httpPart(requestMessage(r), r.contentId));
    return `Content-Type: multipart/mixed; boundary=${part.boundary}${CRLF}${CRLF}${multipart(inner, part.boundary)}`;
  });
  return { contentType: `multipart/mixed; boundary=${boundary}`, body: multipart(chunks, boundary) };
}

// ---------------------------------------------------------------------------------------------------
// Response direction
// ---------------------------------------------------------------------------------------------------

/**
 * Returns a `multipart/mixed` batch response body (CRLF line endings, boundaries
 * `batchresponse_<guid>` / `changesetresponse_<guid>`) and its Content-Type; never throws.
 */
export function serializeBatchResponse(parts: BatchResponsePart[], boundary?: string): SerializedBatch {
  const outer = boundary ?? `batchresponse_${randomUUID()}`;
  const chunks = parts.map((part) => {
    if (part.kind === "response") return httpPart(responseMessage(part.response), part.response.contentId);
    const csBoundary = `changesetresponse_${randomUUID()}`;
    const inner = part.responses.map((r) => httpPart(responseMessage(r), r.contentId));
    return `Content-Type: multipart/mixed; boundary=${csBoundary}${CRLF}${CRLF}${multipart(inner, csBoundary)}`;
  });
  return { contentType: `multipart/mixed; boundary=${outer}`, body: multipart(chunks, outer) };
}

/**
 * Returns the parts of a `$batch` response body (header names lower-cased, empty bodies omitted);
 * throws `badRequest` (400) when the Content-Type or the body is not a well-formed multipart batch response.
 */
export function parseBatchResponse(contentType: string | undefined, body: Buffer | string): BatchResponsePart[] {
  const boundary = batchBoundary(contentType);
  const text = decode(body);
  return splitMultipart(text, boundary, "batch response").map((content) => {
    const part = splitMimePart(content);
    const type = mediaType(part.headers["content-type"]);
    if (type.value === "multipart/mixed") {
      const csBoundary = requireBoundary(type.params, "change set response");
      const responses = splitMultipart(part.body, csBoundary, "change set response").map((c) => {
        const inner = splitMimePart(c);
        return parseResponsePart(inner, mediaType(inner.headers["content-type"]).value);
      });
      return { kind: "changeset", responses };
    }
    return { kind: "response", response: parseResponsePart(part, type.value) };
  });
}

// ---------------------------------------------------------------------------------------------------
// Parsing helpers
// ---------------------------------------------------------------------------------------------------

interface MimePart {
  headers: Record<string, string>;
  body: string;
}

interface MediaType {
  value: string;
  params: Map<string, string>;
}

function crlfRequired(): ODataError {
  return badRequest("The batch request body must use CRLF (\\r\\n) line endings; LF-only line endings are not supported.");
}

function decode(body: Buffer | string): string {
  const text = typeof body === "string" ? body : body.toString("utf8");
  return text.startsWith("\uFEFF") ? text.slice(1) : text;
}

function batchBoundary(contentType: string | undefined): string {
  if (contentType === undefined || contentType.trim() === "") {
    throw badRequest("The $batch request must have a Content-Type header of multipart/mixed with a boundary.");
  }
  const type = mediaType(contentType);
  if (type.value === "application/json") {
    throw badRequest(
      "JSON batch requests (Content-Type: application/json) are not supported; send the $batch request as multipart/mixed.",
    );
  }
  if (type.value !== "multipart/mixed") {
    throw badRequest(`The $batch request Content-Type '${type.value}' is not supported; it must be multipart/mixed with a boundary.`);
  }
  return requireBoundary(type.params, "batch");
}

function requireBoundary(params: Map<string, string>, what: string): string {
  const boundary = params.get("boundary");
  if (boundary === undefined || boundary === "") {
    throw badRequest(`The ${what} Content-Type multipart/mixed is missing its boundary parameter.`);
  }
  if (!BOUNDARY.test(boundary)) throw badRequest(`The ${what} boundary '${clip(boundary)}' is not a valid MIME boundary.`);
  return boundary;
}

/** Splits `type/subtype; name=value; name="quoted value"` into a lower-cased media type and its parameters. */
function mediaType(header: string | undefined): MediaType {
  const params = new Map<string, string>();
  if (header === undefined) return { value: "", params };
  const semicolon = header.indexOf(";");
  const value = (semicolon < 0 ? header : header.slice(0, semicolon)).trim().toLowerCase();
  const paramPattern = /;\s*([^=;\s]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]*))/g;
  const rest = semicolon < 0 ? "" : header.slice(semicolon);
  for (const match of rest.matchAll(paramPattern)) {
    const name = (match[1] ?? "").toLowerCase();
    const quoted = match[2];
    params.set(name, quoted !== undefined ? quoted.replace(/\\(.)/g, "$1") : (match[3] ?? ""));
  }
  return { value, params };
}

/**
 * Returns the contents of the body parts of a multipart body, each without the CRLF that precedes the next
 * delimiter; preamble and epilogue are dropped. A delimiter counts only at the start of a line, so
 * boundary-like text inside JSON strings is left alone.
 */
function splitMultipart(text: string, boundary: string, what: string): string[] {
  if (text.length === 0) throw badRequest(`The ${what} body is empty.`);
  const delimiter = `--${boundary}`;
  const parts: string[] = [];
  let partStart = -1;
  let from = 0;
  for (;;) {
    const at = text.indexOf(delimiter, from);
    if (at < 0) break;
    from = at + 1;
    const line = delimiterLine(text, at, delimiter);
    if (line === undefined) continue;
    if (partStart >= 0) parts.push(text.slice(partStart, Math.max(partStart, at - 2)));
    if (line.close) return parts;
    partStart = line.next;
  }
  if (partStart < 0) throw badRequest(`The ${what} body does not contain the opening boundary '--${boundary}'.`);
  throw badRequest(`The ${what} body is missing its closing boundary '--${boundary}--'.`);
}

/** Classifies an occurrence of `--boundary`: a delimiter line (where the next part starts), the close, or neither. */
function delimiterLine(text: string, at: number, delimiter: string): { close: boolean; next: number } | undefined {
  const atLineStart = at === 0 || text.startsWith(CRLF, at - 2);
  const afterBareLf = at > 0 && text[at - 1] === "\n" && !atLineStart;
  if (!atLineStart && !afterBareLf) return undefined;
  let i = at + delimiter.length;
  const close = text.startsWith("--", i);
  if (close) i += 2;
  while (text[i] === " " || text[i] === "\t") i++;
  const endsLine = text.startsWith(CRLF, i) || (close && i === text.length);
  if (text[i] === "\n" || (endsLine && afterBareLf)) throw crlfRequired();
  return endsLine ? { close, next: Math.min(i + 2, text.length) } : undefined;
}

/** Splits a header block and what follows the blank line after it. A block ending the text has an empty body. */
function splitHead(text: string): { head: string; body: string } {
  if (text.startsWith(CRLF)) return { head: "", body: text.slice(2) };
  const blank = text.indexOf(CRLF + CRLF);
  if (blank < 0) return { head: text.endsWith(CRLF) ? text.slice(0, -2) : text, body: "" };
  return { head: text.slice(0, blank), body: text.slice(blank + 4) };
}

function parseHeaders(head: string, where: string): Record<string, string> {
  const headers: Record<string, string> = {};
  if (head === "") return headers;
  if (/(^|[^\r])\n/.test(head)) throw crlfRequired();
  let last: string | undefined;
  for (const line of head.split(CRLF)) {
    if ((line.startsWith(" ") || line.startsWith("\t")) && last !== undefined) {
      headers[last] = `${headers[last] ?? ""} ${line.trim()}`.trim();
      continue;
    }
    const colon = line.indexOf(":");
    const name = colon > 0 ? line.slice(0, colon).trim() : "";
    if (!HEADER_NAME.test(name)) throw badRequest(`Malformed header line '${clip(line)}' in the ${where}.`);
    const key = name.toLowerCase();
    const value = line.slice(colon + 1).trim();
    const previous = headers[key];
    headers[key] = previous === undefined ? value : `${previous}, ${value}`;
    last = key;
  }
  return headers;
}

function splitMimePart(content: string): MimePart {
  const { head, body } = splitHead(content);
  return { headers: parseHeaders(head, "batch part headers"), body };
}

function parseChangeSet(text: string, boundary: string, counter: { requests: number }): InnerRequest[] {
  const seen = new Set<string>();
  return splitMultipart(text, boundary, "change set").map((content) => {
    const part = splitMimePart(content);
    const type = mediaType(part.headers["content-type"]);
    if (type.value === "multipart/mixed") throw badRequest("Change sets cannot be nested: a change set cannot contain another change set.");
    const request = parseRequestPart(part, type.value, counter);
    if (request.method === "GET") throw badRequest(`GET requests are not allowed inside a change set (${clip(request.url)}).`);
    if (request.contentId === undefined || request.contentId === "") {
      throw badRequest(`Each request in a change set must have a Content-ID header (${request.method} ${clip(request.url)}).`);
    }
    if (seen.has(request.contentId)) throw badRequest(`The Content-ID '${request.contentId}' is used more than once in the change set.`);
    seen.add(request.contentId);
    return request;
  });
}

function parseRequestPart(part: MimePart, type: string, counter: { requests: number }): InnerRequest {
  requireHttpPart(type);
  counter.requests += 1;
  if (counter.requests > MAX_BATCH_REQUESTS) {
    throw new ODataError(
      400,
      ErrorCodes.BatchTooLarge,
      `The batch request contains more than ${MAX_BATCH_REQUESTS} requests; a batch can contain at most ${MAX_BATCH_REQUESTS} requests.`,
    );
  }
  const { firstLine, headers, body } = splitMessage(part.body);
  const match = /^(\S+) (.+) (HTTP\/\d\.\d)$/.exec(firstLine);
  if (!match) throw badRequest(`The batch part does not start with an HTTP request line 'METHOD URL HTTP/1.1' (found '${clip(firstLine)}').`);
  const [, method = "", rawUrl = "", version = ""] = match;
  if (!METHODS.has(method)) throw badRequest(`The HTTP method '${clip(method)}' is not supported in a batch request.`);
  if (version !== "HTTP/1.1" && version !== "HTTP/1.0") throw badRequest(`The HTTP version '${version}' is not supported in a batch request.`);
  const url = rawUrl.trim();
  if (/(?:^|\/)\$batch$/.test(url.split(/[?#]/)[0] ?? "")) {
    throw badRequest("Batch requests cannot contain other batch requests.");
  }
  const request: InnerRequest = { method, url, headers, body };
  const contentId = part.headers["content-id"] ?? headers["content-id"];
  delete headers["content-id"];
  if (contentId !== undefined) request.contentId = contentId;
  return request;
}

function parseResponsePart(part: MimePart, type: string): InnerResponse {
  requireHttpPart(type);
  const { firstLine, headers, body } = splitMessage(part.body);
  const match = /^HTTP\/\d\.\d (\d{3})(?: .*)?$/.exec(firstLine);
  if (!match) throw badRequest(`The batch response part does not start with an HTTP status line (found '${clip(firstLine)}').`);
  const response: InnerResponse = { status: Number(match[1]), headers };
  const contentId = part.headers["content-id"] ?? headers["content-id"];
  delete headers["content-id"];
  if (contentId !== undefined) response.contentId = contentId;
  if (body !== "") response.body = body;
  return response;
}

function requireHttpPart(type: string): void {
  if (type === "") throw badRequest("A batch part is missing its Content-Type header (expected application/http).");
  if (type !== "application/http") {
    throw badRequest(`A batch part has the unsupported Content-Type '${clip(type)}'; expected application/http or multipart/mixed.`);
  }
}

/** Splits an embedded HTTP message into its first line, headers and body (`""` when blank). */
function splitMessage(text: string): { firstLine: string; headers: Record<string, string>; body: string } {
  let start = 0;
  while (text.startsWith(CRLF, start)) start += 2;
  const eol = text.indexOf(CRLF, start);
  const firstLine = eol < 0 ? text.slice(start) : text.slice(start, eol);
  if (firstLine.includes("\n")) throw crlfRequired();
  const rest = eol < 0 ? "" : text.slice(eol + 2);
  const { head, body } = rest === "" ? { head: "", body: "" } : splitHead(rest);
  return {
    firstLine,
    headers: parseHeaders(head, "embedded HTTP message headers"),
    body: body.trim() === "" ? "" : body,
  };
}

function lookupReference(id: string, ids: Map<string, string>): string {
  const url = ids.get(id);
  if (url === undefined) throw badRequest(`Content-ID Reference: '$${id}' does not exist in the batch context.`);
  return url;
}

type JsonFrame = { type: "object"; key: string | undefined; expectingKey: boolean } | { type: "array"; owner: string | undefined };

function isBindKey(key: string | undefined): boolean {
  return key !== undefined && (key.endsWith("@odata.bind") || key.endsWith("@odata.id"));
}

/**
 * Replaces `$<n>` references in string values of `…@odata.bind` / `@odata.id` properties (directly or in an
 * array), leaving every other byte of the JSON text as written. Malformed JSON is returned unchanged.
 */
function resolveInJson(text: string, ids: Map<string, string>): string {
  const stack: JsonFrame[] = [];
  let out = "";
  let copied = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const top = stack[stack.length - 1];
    if (c === '"') {
      const end = stringEnd(text, i);
      if (end < 0) return text;
      const raw = text.slice(i + 1, end);
      if (top?.type === "object" && top.expectingKey) {
        top.key = raw;
        top.expectingKey = false;
      } else {
        const owner = top?.type === "object" ? top.key : top?.owner;
        const match = isBindKey(owner) ? REFERENCE.exec(raw) : null;
        if (match) {
          const url = lookupReference(match[1] ?? "", ids);
          out += text.slice(copied, i + 1) + JSON.stringify(url).slice(1, -1);
          copied = i + 1 + match[0].length;
        }
      }
      i = end;
    } else if (c === "{") {
      stack.push({ type: "object", key: undefined, expectingKey: true });
    } else if (c === "[") {
      stack.push({ type: "array", owner: top?.type === "object" ? top.key : top?.owner });
    } else if (c === "}" || c === "]") {
      stack.pop();
    } else if (c === "," && top?.type === "object") {
      top.expectingKey = true;
    }
  }
  return out + text.slice(copied);
}

/** Index of the quote closing the JSON string that opens at `start`, or -1. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === '"') return i;
  }
  return -1;
}

function clip(text: string): string {
  return text.length > 100 ? `${text.slice(0, 100)}…` : text;
}

// ---------------------------------------------------------------------------------------------------
// Serialization helpers
// ---------------------------------------------------------------------------------------------------

function multipart(chunks: string[], boundary: string): string {
  return chunks.map((chunk) => `--${boundary}${CRLF}${chunk}${CRLF}`).join("") + `--${boundary}--${CRLF}`;
}

/** One `application/http` body part; a Content-ID goes in the MIME headers (and is not repeated inside). */
function httpPart(message: string, contentId: string | undefined): string {
  const id = contentId === undefined ? "" : `Content-ID: ${contentId}${CRLF}`;
  return `Content-Type: application/http${CRLF}Content-Transfer-Encoding: binary${CRLF}${id}${CRLF}${message}`;
}

function headerLines(headers: Record<string, string>, contentId: string | undefined): string {
  return Object.entries(headers)
    .filter(([name]) => contentId === undefined || name.toLowerCase() !== "content-id")
    .map(([name, value]) => `${name}: ${value}${CRLF}`)
    .join("");
}

function requestMessage(request: InnerRequest): string {
  const head = `${request.method} ${request.url} HTTP/1.1${CRLF}${headerLines(request.headers, request.contentId)}`;
  return `${head}${CRLF}${request.body}`;
}

function responseMessage(response: InnerResponse): string {
  const status = `HTTP/1.1 ${response.status} ${reasonPhrase(response.status)}`;
  return `${status}${CRLF}${headerLines(response.headers, response.contentId)}${CRLF}${response.body ?? ""}`;
}
