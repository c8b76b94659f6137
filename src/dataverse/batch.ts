import { AppError } from "../core/errors";
import type { HttpRequest } from "../core/ports";

/**
 * OData `$batch` in the multipart/mixed format Dataverse documents (written here from the spec,
 * sharing nothing with the emulator): CRLF line endings, `application/http` parts with
 * `Content-Transfer-Encoding: binary`, change sets as nested multipart/mixed parts whose requests
 * carry a `Content-ID`. The builder refuses what would corrupt the envelope (CR/LF in a request
 * line or header, GET in a change set, more than 1000 requests); the parser reads requests and
 * responses alike, so the two round-trip.
 */

const CRLF = "\r\n";

/** The most requests Dataverse accepts in one batch. */
export const MAX_BATCH_REQUESTS = 1000;

/** One request inside a batch. Its URL should be absolute (below the org's Web API root). */
export interface BatchRequest {
  method: HttpRequest["method"];
  url: string;
  headers?: Record<string, string>;
  body?: string;
  /** Required inside a change set (assigned 1, 2, … when absent); `$<id>` refers to it there. */
  contentId?: string;
}

/** A top-level part: one request, or a change set of writes that succeed or fail together. */
export type BatchPart = { kind: "request"; request: BatchRequest } | { kind: "changeSet"; requests: BatchRequest[] };

/** An encoded batch: the body and the Content-Type header that names its boundary. */
export interface EncodedBatch {
  boundary: string;
  contentType: string;
  body: string;
}

/** One answer inside a batch response. Header names are in lower case. */
export interface BatchResponse {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  body: string;
  contentId?: string;
}

/** A top-level response part: one answer, or the answers of a change set. */
export type BatchResponsePart = { kind: "response"; response: BatchResponse } | { kind: "changeSet"; responses: BatchResponse[] };

function invalid(message: string): AppError {
  return new AppError("invalidInput", message, { messageKey: "dataverse.badBatch" });
}

function randomId(): string {
  return globalThis.crypto.randomUUID();
}

function checkLine(value: string, what: string): void {
  if (/[\r\n]/.test(value)) throw invalid(`A batch ${what} contains a line break.`);
}

function requestCount(parts: readonly BatchPart[]): number {
  return parts.reduce((n, part) => n + (part.kind === "request" ? 1 : part.requests.length), 0);
}

function encodeRequest(request: BatchRequest, contentId: string | undefined): string {
  if (!/^[A-Z]+$/.test(request.method)) throw invalid("A batch request has an invalid method.");
  if (!request.url || /\s/.test(request.url)) throw invalid("A batch request URL is empty or contains white space.");
  const headers: Record<string, string> = { ...request.headers };
  const names = Object.keys(headers).map((name) => name.toLowerCase());
  if (request.body !== undefined && !names.includes("content-type")) headers["Content-Type"] = "application/json; type=entry";
  if (!names.includes("accept")) headers.Accept = "application/json";
  const lines = ["Content-Type: application/http", "Content-Transfer-Encoding: binary"];
  if (contentId !== undefined) {
    checkLine(contentId, "Content-ID");
    lines.push(`Content-ID: ${contentId}`);
  }
  lines.push("", `${request.method} ${request.url} HTTP/1.1`);
  for (const [name, value] of Object.entries(headers)) {
    if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(name)) throw invalid("A batch request header name is not valid.");
    checkLine(value, "header");
    lines.push(`${name}: ${value}`);
  }
  lines.push("", request.body ?? "");
  return lines.join(CRLF);
}

function boundaryFree(boundary: string, texts: readonly string[]): boolean {
  return texts.every((text) => !text.includes(boundary));
}

function multipart(boundary: string, bodies: readonly string[]): string {
  return bodies.map((body) => `--${boundary}${CRLF}${body}${CRLF}`).join("") + `--${boundary}--`;
}

/**
 * Returns the multipart/mixed body of a batch and its Content-Type; throws AppError `invalidInput`
 * for an empty batch, more than 1000 requests, a GET or a duplicate Content-ID in a change set,
 * or a line break in a URL, header or Content-ID.
 */
export function encodeBatch(parts: readonly BatchPart[], options: { boundary?: string } = {}): EncodedBatch {
  const total = requestCount(parts);
  if (total === 0) throw invalid("A batch needs at least one request.");
  if (total > MAX_BATCH_REQUESTS) throw invalid(`A batch holds at most ${MAX_BATCH_REQUESTS} requests.`);
  const bodies = parts.map((part) => {
    if (part.kind === "request") return { kind: "request" as const, text: encodeRequest(part.request, part.request.contentId) };
    if (part.requests.length === 0) throw invalid("A change set needs at least one request.");
    const ids = new Set<string>();
    const texts = part.requests.map((request, index) => {
      if (request.method === "GET") throw invalid("A change set may not contain a GET.");
      const id = request.contentId ?? String(index + 1);
      if (ids.has(id)) throw invalid("Content-IDs in a change set must be unique.");
      ids.add(id);
      return encodeRequest(request, id);
    });
    return { kind: "changeSet" as const, texts };
  });
  const everything = bodies.flatMap((b) => (b.kind === "request" ? [b.text] : b.texts));
  let boundary = options.boundary ?? `batch_${randomId()}`;
  while (!boundaryFree(boundary, everything)) {
    if (options.boundary !== undefined) throw invalid("The batch boundary occurs in a request.");
    boundary = `batch_${randomId()}`;
  }
  const encoded = bodies.map((b) => {
    if (b.kind === "request") return b.text;
    let changeSet = `changeset_${randomId()}`;
    while (!boundaryFree(changeSet, b.texts) || changeSet.includes(boundary)) changeSet = `changeset_${randomId()}`;
    return `Content-Type: multipart/mixed; boundary=${changeSet}${CRLF}${CRLF}${multipart(changeSet, b.texts)}`;
  });
  return { boundary, contentType: `multipart/mixed; boundary=${boundary}`, body: `${multipart(boundary, encoded)}${CRLF}` };
}

/** Returns the boundary parameter of a multipart Content-Type; throws AppError `unknown` when there is none. */
export function boundaryOf(contentType: string): string {
  const match = /(?:^|;)\s*boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const boundary = match?.[1] ?? match?.[2];
  if (!boundary) throw unreadable("The batch answer has no multipart boundary.");
  return boundary;
}

function unreadable(message: string): AppError {
  return new AppError("unknown", message, { messageKey: "dataverse.unreadableAnswer" });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Splits a multipart body into the raw parts between its delimiter lines (RFC 2046: the line break before a delimiter belongs to it). */
function splitParts(body: string, boundary: string): string[] {
  const delimiter = new RegExp(`(?:^|\\r?\\n)--${escapeRegExp(boundary)}(--)?[ \\t]*(?:\\r?\\n|$)`, "g");
  const parts: string[] = [];
  let start: number | undefined;
  for (let match = delimiter.exec(body); match; match = delimiter.exec(body)) {
    if (start !== undefined) parts.push(body.slice(start, match.index));
    if (match[1] === "--") return parts;
    start = match.index + match[0].length;
  }
  throw unreadable("The batch answer is cut short (no closing delimiter).");
}

interface RawMessage {
  headers: Record<string, string>;
  startLine: string;
  body: string;
}

function splitHead(text: string): { head: string[]; rest: string } {
  const match = /\r?\n\r?\n/.exec(text);
  if (!match) return { head: text ? text.split(/\r?\n/) : [], rest: "" };
  const head = text.slice(0, match.index);
  return { head: head ? head.split(/\r?\n/) : [], rest: text.slice(match.index + match[0].length) };
}

function headerMap(lines: readonly string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }
  return headers;
}

function parseMessage(text: string): RawMessage {
  const { head, rest } = splitHead(text);
  const [startLine = "", ...headerLines] = head;
  return { startLine: startLine.trim(), headers: headerMap(headerLines), body: rest };
}

interface MimePart {
  headers: Record<string, string>;
  content: string;
}

function parseMimePart(raw: string): MimePart {
  if (raw.startsWith("\r\n") || raw.startsWith("\n")) return { headers: {}, content: raw.replace(/^\r?\n/, "") };
  const { head, rest } = splitHead(raw);
  return { headers: headerMap(head), content: rest };
}

function isMultipart(headers: Record<string, string>): boolean {
  return (headers["content-type"] ?? "").toLowerCase().startsWith("multipart/mixed");
}

function toResponse(part: MimePart): BatchResponse {
  const message = parseMessage(part.content);
  const status = /^HTTP\/\d(?:\.\d)?\s+(\d{3})\s*(.*)$/i.exec(message.startLine);
  if (!status) throw unreadable("A batch answer part has no HTTP status line.");
  const contentId = part.headers["content-id"] ?? message.headers["content-id"];
  return {
    status: Number(status[1]),
    statusText: status[2] ?? "",
    headers: message.headers,
    body: message.body,
    ...(contentId !== undefined ? { contentId } : {}),
  };
}

const METHODS = new Set(["GET", "POST", "PATCH", "PUT", "DELETE"]);

function toRequest(part: MimePart): BatchRequest {
  const message = parseMessage(part.content);
  const line = /^([A-Z]+)\s+(\S+)\s+HTTP\/\d(?:\.\d)?$/.exec(message.startLine);
  if (!line || !METHODS.has(line[1] ?? "")) throw unreadable("A batch part has no HTTP request line.");
  const contentId = part.headers["content-id"];
  return {
    method: line[1] as BatchRequest["method"],
    url: line[2] ?? "",
    headers: message.headers,
    ...(message.body !== "" ? { body: message.body } : {}),
    ...(contentId !== undefined ? { contentId } : {}),
  };
}

/** Returns the parts of a batch answer (multipart/mixed), change sets nested; throws AppError `unknown` when it cannot be read. */
export function decodeBatchResponse(contentType: string, body: string): BatchResponsePart[] {
  return splitParts(body, boundaryOf(contentType)).map((raw): BatchResponsePart => {
    const part = parseMimePart(raw);
    if (!isMultipart(part.headers)) return { kind: "response", response: toResponse(part) };
    const inner = boundaryOf(part.headers["content-type"] ?? "");
    return { kind: "changeSet", responses: splitParts(part.content, inner).map((r) => toResponse(parseMimePart(r))) };
  });
}

/** Returns the parts of a batch request body (for tests and fakes; header names in lower case); throws AppError `unknown` when it cannot be read. */
export function decodeBatchRequest(contentType: string, body: string): BatchPart[] {
  return splitParts(body, boundaryOf(contentType)).map((raw): BatchPart => {
    const part = parseMimePart(raw);
    if (!isMultipart(part.headers)) return { kind: "request", request: toRequest(part) };
    const inner = boundaryOf(part.headers["content-type"] ?? "");
    return { kind: "changeSet", requests: splitParts(part.content, inner).map((r) => toRequest(parseMimePart(r))) };
  });
}

/** Returns every answer of a batch in order, change-set answers in place. */
export function flattenResponses(parts: readonly BatchResponsePart[]): BatchResponse[] {
  return parts.flatMap((part) => (part.kind === "response" ? [part.response] : part.responses));
}
