import { header } from "../../http/types";
import type { StoredRecord, TableDefinition } from "../../model/types";
import { evaluateFilter, validateFilter } from "../../odata/filter";
import {
  MAX_PAGE_SIZE,
  decodeSkipToken,
  encodeSkipToken,
  parsePrefer,
  parseQueryOptions,
  queryFingerprint,
  type Preferences,
  type QueryOptionName,
  type QueryOptions,
} from "../../odata/query-options";
import type { WebApiCall } from "../call";
import { annotationFilter, type AnnotationFilter } from "./annotations";
import { applyExpand, expandContextParts, resolveExpand, type ResolvedExpand } from "./expand";
import { pathResolver, propertyTypes, queryFunctionPaths } from "./paths";
import { canAccessRow } from "./row-access";
import type { RowCache } from "./row-cache";
import { validateSelect } from "./select";
import { serializeRow } from "./serialize";
import { sortRecords, validateOrderBy } from "./sorting";

/** A request's query options and preferences, checked against the table they apply to. */
export interface CheckedQuery {
  options: QueryOptions;
  select?: string[];
  expands: ResolvedExpand[];
  preferences: Preferences;
  annotations: AnnotationFilter;
}

/** The options a request for one row may carry. */
export const SINGLE_ROW_OPTIONS: readonly QueryOptionName[] = ["$select", "$expand"];

/**
 * Returns the request's query options and `Prefer` header parsed and checked against the table
 * (every `$select`, `$filter`, `$orderby` and `$expand` name must exist). Throws 400 (0x0 with
 * "Could not find a property named …" for an unknown name; `$skip`, `$search`, `$format` refused).
 */
export function checkQuery(call: WebApiCall, def: TableDefinition, allowed?: readonly QueryOptionName[]): CheckedQuery {
  const options = parseQueryOptions(call.query, allowed ? { allowed } : {});
  const preferences = parsePrefer(header(call, "prefer"));
  const select = validateSelect(def, options.select);
  if (options.filter) validateFilter(options.filter, def.logicalName, propertyTypes(def, queryFunctionPaths(options.filter)));
  validateOrderBy(def, options.orderBy);
  const expands = resolveExpand(def, options.expand);
  return { options, ...(select ? { select } : {}), expands, preferences, annotations: annotationFilter(preferences.includeAnnotations) };
}

/** The `@odata.context` of a result: `<root>$metadata#<resource>(<selected>,<expanded>(…))`. */
export function contextUrl(call: WebApiCall, resource: string, query: CheckedQuery, suffix = ""): string {
  const parts = [...(query.select ?? []), ...expandContextParts(query.expands)];
  return `${call.apiRoot}$metadata#${resource}${parts.length > 0 ? `(${parts.join(",")})` : ""}${suffix}`;
}

/** Returns a row as JSON with the query's `$select` and `$expand` applied. */
export function shapeRow(call: WebApiCall, cache: RowCache, def: TableDefinition, record: StoredRecord, query: CheckedQuery): Record<string, unknown> {
  const out = serializeRow(def, record, { ...(query.select ? { select: query.select } : {}), annotations: query.annotations, cache });
  applyExpand(call, cache, record, out, query.expands, query.annotations);
  return out;
}

/** The `Preference-Applied` header for what the emulator honoured. */
export function preferenceApplied(preferences: Preferences, extra: string[] = []): Record<string, string> {
  const applied = [...extra];
  if (preferences.maxPageSize !== undefined) applied.push(`odata.maxpagesize=${preferences.maxPageSize}`);
  if (preferences.includeAnnotations !== undefined) applied.push(`odata.include-annotations="${preferences.includeAnnotations}"`);
  return applied.length > 0 ? { "Preference-Applied": applied.join(",") } : {};
}

function encodeQuery(params: URLSearchParams): string {
  return [...params.entries()]
    .map(([name, value]) => `${/^[$@]?[A-Za-z0-9_]+$/.test(name) ? name : encodeURIComponent(name)}=${encodeURIComponent(value)}`)
    .join("&");
}

/** One page of a collection query: the JSON body and the headers to add. */
export interface CollectionPage {
  body: Record<string, unknown>;
  headers: Record<string, string>;
}

/**
 * Runs a collection query over rows the caller may read: `$filter`, `$orderby`, `$count` (at most
 * 5000), `$top` (ignored when `Prefer: odata.maxpagesize` is given, as the spec says), paging by
 * `odata.maxpagesize` (default and maximum 5000) with `@odata.nextLink` carrying a `$skiptoken`, then
 * `$select`/`$expand` on each row of the page. `resourcePath` is the path after the Web API root.
 * Throws 400 for a `$skiptoken` that was altered or issued for another query.
 */
export function runCollectionQuery(
  call: WebApiCall,
  cache: RowCache,
  def: TableDefinition,
  readable: readonly StoredRecord[],
  query: CheckedQuery,
  resourcePath: string,
): CollectionPage {
  const { options, preferences } = query;
  const resolve = pathResolver(def, cache, (target, row) => canAccessRow(call, cache, "Read", target, row));
  const filter = options.filter;
  let rows = filter ? readable.filter((row) => evaluateFilter(filter, row.data, resolve, { userId: call.member.systemUserId })) : [...readable];
  rows = sortRecords(rows, options.orderBy, resolve);
  const total = rows.length;
  if (preferences.maxPageSize === undefined && options.top !== undefined) rows = rows.slice(0, options.top);
  const pageSize = Math.min(preferences.maxPageSize ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE);
  const fingerprint = queryFingerprint(resourcePath, call.query);
  const offset = options.skipToken === undefined ? 0 : decodeSkipToken(options.skipToken, fingerprint);
  const page = rows.slice(offset, offset + pageSize);
  const body: Record<string, unknown> = { "@odata.context": contextUrl(call, resourcePath, query) };
  if (options.count) body["@odata.count"] = Math.min(total, MAX_PAGE_SIZE);
  body.value = page.map((row) => shapeRow(call, cache, def, row, query));
  if (offset + pageSize < rows.length) {
    const params = new URLSearchParams([...call.query.entries()].filter(([name]) => name !== "$skiptoken"));
    params.append("$skiptoken", encodeSkipToken(offset + pageSize, fingerprint));
    body["@odata.nextLink"] = `${call.apiRoot}${resourcePath}?${encodeQuery(params)}`;
  }
  return { body, headers: preferenceApplied(preferences) };
}
