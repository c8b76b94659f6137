/**
 * The OData system query options Dataverse accepts on a Web API request (`$select`, `$filter`, `$orderby`, `$top`,
 * `$count`, `$expand`, `$skiptoken`), the `Prefer` header, and the opaque paging tokens the emulator hands out.
 * Every problem with the input is a 400 `ODataError`. Pure apart from hashing: no I/O, no dependencies.
 */
import { createHash } from "node:crypto";
import { badRequest } from "../http/odata-error";
import { type AliasResolver, type FilterAst, parseFilter, syntaxError } from "./filter";

/** The system query options the emulator understands. */
export type QueryOptionName = "$select" | "$filter" | "$orderby" | "$top" | "$count" | "$expand" | "$skiptoken";

export const QUERY_OPTION_NAMES: readonly QueryOptionName[] = ["$select", "$filter", "$orderby", "$top", "$count", "$expand", "$skiptoken"];

/** The most `$expand` items one query may hold, as in Dataverse. */
export const MAX_EXPAND_ITEMS = 15;

/** The largest `odata.maxpagesize` Dataverse honours. */
export const MAX_PAGE_SIZE = 5000;

export interface OrderByItem {
  /** A property name, or a navigation path `a/b`. */
  path: string;
  direction: "asc" | "desc";
}

/** One navigation property of `$expand`, with the options given in its parentheses. */
export interface ExpandItem {
  name: string;
  select?: string[];
  filter?: FilterAst;
  orderBy?: OrderByItem[];
  top?: number;
}

export interface QueryOptions {
  select?: string[];
  filter?: FilterAst;
  orderBy?: OrderByItem[];
  top?: number;
  count?: boolean;
  expand?: ExpandItem[];
  /** Raw, as sent; read it with `decodeSkipToken`. */
  skipToken?: string;
}

export interface ParseQueryOptionsConfig {
  /** The options this request may carry (for example only `$select` and `$expand` on a single record); all by default. */
  allowed?: readonly QueryOptionName[];
}

/** What a `Prefer` request header asks for. */
export interface Preferences {
  returnRepresentation: boolean;
  maxPageSize?: number;
  /** The value of `odata.include-annotations`, quotes removed, e.g. `*` or `OData.Community.Display.V1.FormattedValue`. */
  includeAnnotations?: string;
  continueOnError: boolean;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const PATH = /^[A-Za-z_][A-Za-z0-9_]*(?:\/[A-Za-z_][A-Za-z0-9_]*)*$/;
/** The options allowed inside an `$expand` item's parentheses, and the `ExpandItem` field each fills. */
const EXPAND_OPTIONS: ReadonlyMap<string, Exclude<keyof ExpandItem, "name">> = new Map([
  ["$select", "select"],
  ["$filter", "filter"],
  ["$orderby", "orderBy"],
  ["$top", "top"],
] as const);

/** A piece of an option's text and where it starts in the quoted source. */
interface Piece {
  text: string;
  start: number;
}

/** The text of one option and the source quoted in its error messages (`$name=text`). */
interface OptionText {
  text: string;
  source: string;
  /** Offset of `text` in `source`. */
  offset: number;
}

function optionText(name: string, text: string): OptionText {
  return { text, source: `${name}=${text}`, offset: name.length + 1 };
}

function fail(option: OptionText, index: number, detail: string): never {
  throw syntaxError(option.source, option.offset + index, detail);
}

/** Returns `text` split on `separator` where it is outside quotes and parentheses; throws 400 on unbalanced ones. */
function splitTopLevel(option: OptionText, separator: string): Piece[] {
  const pieces: Piece[] = [];
  const text = option.text;
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "'") quoted = !quoted;
    else if (quoted) continue;
    else if (ch === "(") depth++;
    else if (ch === ")" && --depth < 0) fail(option, i, "unbalanced ')'");
    else if (ch === separator && depth === 0) {
      pieces.push({ text: text.slice(start, i), start });
      start = i + 1;
    }
  }
  if (quoted) fail(option, text.lastIndexOf("'"), "unterminated string literal");
  if (depth > 0) fail(option, text.length, "expected ')'");
  pieces.push({ text: text.slice(start), start });
  return pieces;
}

/** The piece with surrounding whitespace removed, its start moved accordingly. */
function trimPiece(piece: Piece): Piece {
  const leading = piece.text.length - piece.text.trimStart().length;
  return { text: piece.text.trim(), start: piece.start + leading };
}

/** Returns the column names of a `$select`, duplicates dropped; throws 400 on an empty item or a non-name. */
export function parseSelect(text: string, name = "$select"): string[] {
  const option = optionText(name, text);
  const columns = new Set<string>();
  for (const piece of splitTopLevel(option, ",").map(trimPiece)) {
    if (piece.text === "") fail(option, piece.start, "expected a property name");
    if (!NAME.test(piece.text)) fail(option, piece.start, `'${piece.text}' is not a property name`);
    columns.add(piece.text);
  }
  return [...columns];
}

/** Returns a path written directly, or the path an `@alias` stands for; throws 400 when it is neither. */
function orderByPath(option: OptionText, piece: Piece, resolveAlias: AliasResolver | undefined): string {
  if (!piece.text.startsWith("@")) {
    if (!PATH.test(piece.text)) fail(option, piece.start, `'${piece.text}' is not a property path`);
    return piece.text;
  }
  const value = resolveAlias?.(piece.text);
  if (value === undefined) throw badRequest(`The parameter alias '${piece.text}' is not defined.`);
  const path = value.trim();
  if (!PATH.test(path)) throw syntaxError(`${piece.text}=${value}`, piece.text.length + 1, "expected a property path");
  return path;
}

/** Returns the sort keys of an `$orderby` in order; throws 400 on a bad item, an unknown alias or a repeated path. */
export function parseOrderBy(text: string, resolveAlias?: AliasResolver, name = "$orderby"): OrderByItem[] {
  const option = optionText(name, text);
  const items: OrderByItem[] = [];
  for (const piece of splitTopLevel(option, ",").map(trimPiece)) {
    if (piece.text === "") fail(option, piece.start, "expected a property name");
    const words = piece.text.split(/\s+/);
    const [first = "", direction = "asc", extra] = words;
    if (extra !== undefined) fail(option, piece.start + piece.text.lastIndexOf(extra), `unexpected '${extra}' after the sort direction`);
    if (direction !== "asc" && direction !== "desc") {
      fail(option, piece.start + piece.text.lastIndexOf(direction), `expected 'asc' or 'desc' but found '${direction}'`);
    }
    const path = orderByPath(option, { text: first, start: piece.start }, resolveAlias);
    if (items.some((item) => item.path === path)) {
      throw badRequest(`Duplicate property named '${path}' is not supported in '$orderby' expression.`);
    }
    items.push({ path, direction });
  }
  return items;
}

/** Returns the `$top` value; throws 400 unless it is a positive integer. */
export function parseTop(text: string, name = "$top"): number {
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < 1) {
    throw badRequest(`Invalid value '${text}' for ${name} query option found. The ${name} query option requires a positive integer value.`);
  }
  return value;
}

/** Returns the `$count` value; throws 400 unless it is exactly `true` or `false`. */
export function parseCount(text: string): boolean {
  if (text === "true") return true;
  if (text === "false") return false;
  throw badRequest(`'${text}' is not a valid count option. The $count query option must be 'true' or 'false'.`);
}

/** Returns one `$expand` item with its nested options; throws 400 on a bad name or a bad or repeated nested option. */
function parseExpandItem(option: OptionText, piece: Piece, resolveAlias: AliasResolver | undefined): ExpandItem {
  const open = piece.text.indexOf("(");
  const name = (open < 0 ? piece.text : piece.text.slice(0, open)).trim();
  if (name === "") fail(option, piece.start, "expected a navigation property name");
  if (!NAME.test(name)) fail(option, piece.start, `'${name}' is not a navigation property name`);
  const item: ExpandItem = { name };
  if (open < 0) return item;
  if (!piece.text.endsWith(")")) fail(option, piece.start + piece.text.lastIndexOf(")") + 1, "unexpected text after ')'");
  const bodyStart = piece.start + open + 1;
  const body: OptionText = { text: piece.text.slice(open + 1, -1), source: option.source, offset: option.offset + bodyStart };
  for (const part of splitTopLevel(body, ";").map(trimPiece)) applyExpandOption(item, body, part, resolveAlias);
  return item;
}

/** Reads one `$name=value` inside an expand item's parentheses (`body`) into `item`. */
function applyExpandOption(item: ExpandItem, body: OptionText, part: Piece, resolveAlias: AliasResolver | undefined): void {
  const equals = part.text.indexOf("=");
  const name = equals < 0 ? part.text : part.text.slice(0, equals);
  if (equals < 0) fail(body, part.start, name === "" ? "expected a query option such as $select=…" : `expected '=' after '${name}'`);
  const value = part.text.slice(equals + 1);
  if (name === "$expand") throw badRequest(`The query parameter $expand is not supported inside $expand (item '${item.name}').`);
  const key = EXPAND_OPTIONS.get(name);
  if (key === undefined) {
    throw badRequest(`The query parameter ${name} is not supported inside $expand; use $select, $filter, $orderby or $top.`);
  }
  if (item[key] !== undefined) {
    throw badRequest(`Query option '${name}' was specified more than once in the $expand of '${item.name}', but it must be specified at most once.`);
  }
  if (key === "select") item.select = parseSelect(value);
  else if (key === "filter") item.filter = parseFilter(value, { resolveAlias });
  else if (key === "orderBy") item.orderBy = parseOrderBy(value, resolveAlias);
  else item.top = parseTop(value);
}

/** Returns the items of an `$expand` in order; throws 400 on a syntax error, a repeated navigation property or more than 15 items. */
export function parseExpand(text: string, resolveAlias?: AliasResolver): ExpandItem[] {
  const option = optionText("$expand", text);
  const pieces = splitTopLevel(option, ",").map(trimPiece);
  if (pieces.length > MAX_EXPAND_ITEMS) {
    const limit = `a query may expand at most ${MAX_EXPAND_ITEMS} navigation properties`;
    throw badRequest(`The $expand query option has ${pieces.length} items; ${limit}.`);
  }
  const items: ExpandItem[] = [];
  for (const piece of pieces) {
    const item = parseExpandItem(option, piece, resolveAlias);
    if (items.some((other) => other.name === item.name)) {
      throw badRequest(`The navigation property '${item.name}' is expanded more than once.`);
    }
    items.push(item);
  }
  return items;
}

/** Returns nothing when every `$` option is supported, allowed and given once and no `@` alias repeats; throws 400 otherwise. */
function checkParameterNames(params: URLSearchParams, allowed: readonly QueryOptionName[]): void {
  const seen = new Set<string>();
  for (const name of params.keys()) {
    if (name.startsWith("$")) {
      if (!QUERY_OPTION_NAMES.includes(name as QueryOptionName)) throw badRequest(`The query parameter ${name} is not supported.`);
      if (!allowed.includes(name as QueryOptionName)) throw badRequest(`The query parameter ${name} is not supported on this request.`);
    }
    if (!name.startsWith("$") && !name.startsWith("@")) continue;
    if (seen.has(name)) throw badRequest(`Query option '${name}' was specified more than once, but it must be specified at most once.`);
    seen.add(name);
  }
}

/**
 * Returns the system query options of a request, parsed, with `@alias` parameters substituted in `$filter` and
 * `$orderby` (also inside `$expand`); parameters that start with neither `$` nor `@` are ignored. Throws a 400
 * ODataError for an unsupported, disallowed, misspelt or repeated `$` option and for any bad option value.
 */
export function parseQueryOptions(params: URLSearchParams, config: ParseQueryOptionsConfig = {}): QueryOptions {
  checkParameterNames(params, config.allowed ?? QUERY_OPTION_NAMES);
  const resolveAlias: AliasResolver = (name) => (name.startsWith("@") ? (params.get(name) ?? undefined) : undefined);
  const options: QueryOptions = {};
  const value = (name: QueryOptionName): string | undefined => params.get(name) ?? undefined;
  const select = value("$select");
  if (select !== undefined) options.select = parseSelect(select);
  const filter = value("$filter");
  if (filter !== undefined) options.filter = parseFilter(filter, { resolveAlias });
  const orderBy = value("$orderby");
  if (orderBy !== undefined) options.orderBy = parseOrderBy(orderBy, resolveAlias);
  const top = value("$top");
  if (top !== undefined) options.top = parseTop(top);
  const count = value("$count");
  if (count !== undefined) options.count = parseCount(count);
  const expand = value("$expand");
  if (expand !== undefined) options.expand = parseExpand(expand, resolveAlias);
  const skipToken = value("$skiptoken");
  if (skipToken !== undefined) {
    if (skipToken === "") throw badRequest("The $skiptoken is invalid.");
    options.skipToken = skipToken;
  }
  return options;
}

// ---------------------------------------------------------------------------------------------------------------------
// Prefer

/** Returns the comma-separated preferences of a header, commas inside double quotes kept. */
function splitPreferences(header: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < header.length; i++) {
    const ch = header[i];
    if (ch === '"') quoted = !quoted;
    else if (ch === "," && !quoted) {
      parts.push(header.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(header.slice(start));
  return parts.map((part) => part.trim()).filter((part) => part !== "");
}

function unquote(value: string): string {
  const trimmed = value.trim();
  return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1) : trimmed;
}

function parseMaxPageSize(raw: string): number {
  const text = unquote(raw);
  const size = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    const range = `an integer from 1 to ${MAX_PAGE_SIZE}`;
    throw badRequest(`The value '${text}' of the odata.maxpagesize preference is not valid; it must be ${range}.`);
  }
  return size;
}

/**
 * Returns what a `Prefer` header asks for: `return=representation`, `odata.maxpagesize=<n>`,
 * `odata.include-annotations="…"`, `odata.continue-on-error`. Names are case-insensitive, parameters after `;` are
 * ignored, unknown preferences are ignored and, as RFC 7240 says, the first of a repeated preference wins.
 * Throws 400 when `odata.maxpagesize` is not an integer from 1 to 5000 (the emulator's choice: ignoring it would hide
 * a client bug).
 */
export function parsePrefer(header: string | undefined): Preferences {
  const preferences: Preferences = { returnRepresentation: false, continueOnError: false };
  const seen = new Set<string>();
  for (const part of splitPreferences(header ?? "")) {
    const token = part.split(";")[0] ?? "";
    const equals = token.indexOf("=");
    const name = (equals < 0 ? token : token.slice(0, equals)).trim().toLowerCase();
    const value = equals < 0 ? "" : token.slice(equals + 1);
    if (seen.has(name)) continue;
    seen.add(name);
    if (name === "return") preferences.returnRepresentation = unquote(value).toLowerCase() === "representation";
    else if (name === "odata.maxpagesize") preferences.maxPageSize = parseMaxPageSize(value);
    else if (name === "odata.include-annotations") preferences.includeAnnotations = unquote(value);
    else if (name === "odata.continue-on-error") preferences.continueOnError = true;
  }
  return preferences;
}

// ---------------------------------------------------------------------------------------------------------------------
// Paging tokens

const TOKEN_PATTERN = /^(0|[1-9]\d{0,15})\.([0-9a-f]{16})$/;

function checksum(offset: number, queryFingerprint: string): string {
  return createHash("sha256").update(`${offset}\n${queryFingerprint}`).digest("hex").slice(0, 16);
}

/**
 * Returns an opaque base64url `$skiptoken` for the page starting at `offset` of the query `queryFingerprint`;
 * throws a plain Error on a negative or fractional offset (a caller bug).
 */
export function encodeSkipToken(offset: number, queryFingerprint: string): string {
  if (!Number.isSafeInteger(offset) || offset < 0) throw new Error(`encodeSkipToken: invalid offset ${offset}`);
  return Buffer.from(`${offset}.${checksum(offset, queryFingerprint)}`, "utf8").toString("base64url");
}

/** Returns the offset a `$skiptoken` encodes; throws 400 "The $skiptoken is invalid." when it was altered or issued for another query. */
export function decodeSkipToken(token: string, queryFingerprint: string): number {
  const invalid = badRequest("The $skiptoken is invalid.");
  if (!/^[A-Za-z0-9_-]+$/.test(token)) throw invalid;
  const decoded = Buffer.from(token, "base64url").toString("utf8");
  if (Buffer.from(decoded, "utf8").toString("base64url") !== token) throw invalid;
  const match = TOKEN_PATTERN.exec(decoded);
  const offset = Number(match?.[1]);
  if (!match || !Number.isSafeInteger(offset) || checksum(offset, queryFingerprint) !== match[2]) throw invalid;
  return offset;
}

/**
 * Returns a stable fingerprint of a query for paging tokens: the resource path plus every parameter except
 * `$skiptoken`, sorted, so the same query in another parameter order pages the same. Never throws.
 */
export function queryFingerprint(resourcePath: string, params: URLSearchParams): string {
  const entries = [...params.entries()].filter(([name]) => name !== "$skiptoken").map(([name, value]) => `${name}=${value}`);
  return [resourcePath, ...entries.sort()].join("&");
}
