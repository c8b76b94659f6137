import { badRequest } from "../../http/odata-error";
import { lookupTarget } from "../../model/record-values";
import { lookupProperty, table } from "../../model/tables";
import type { StoredRecord, TableDefinition } from "../../model/types";
import { evaluateFilter, validateFilter } from "../../odata/filter";
import type { ExpandItem } from "../../odata/query-options";
import type { AnnotationFilter } from "./annotations";
import { findCollectionNavigation, findSingleNavigation } from "./navigation";
import { navigationTable, pathResolver, propertyTypes, queryFunctionPaths } from "./paths";
import { unknownProperty } from "./properties";
import { canAccessRow } from "./row-access";
import type { RowCache } from "./row-cache";
import type { TableScope } from "./scope";
import { validateSelect } from "./select";
import { serializeRow } from "./serialize";
import { sortRecords, validateOrderBy } from "./sorting";

/** An `$expand` item checked against the metadata: the table it reaches and how. */
export interface ResolvedExpand {
  item: ExpandItem;
  kind: "single" | "collection";
  target: TableDefinition;
  /** The lookup column behind a single-valued navigation property. */
  column?: string;
}

/**
 * Returns the `$expand` items resolved against a table: single-valued navigation (`regardingobjectid_contact`,
 * `ownerid`) with `$select` only, or collection-valued (`email_activity_parties`) with `$select`, `$filter`,
 * `$orderby`, `$top`. Throws 400 0x0 for an unknown navigation property or column and for options a
 * single-valued expansion does not take.
 */
export function resolveExpand(def: TableDefinition, items: readonly ExpandItem[] | undefined): ResolvedExpand[] {
  return (items ?? []).map((item): ResolvedExpand => {
    const single = findSingleNavigation(def, item.name);
    if (single) {
      const target = navigationTable(single);
      if (!target) throw unknownProperty(def, item.name);
      const extra = item.filter ? "$filter" : item.orderBy ? "$orderby" : item.top !== undefined ? "$top" : undefined;
      if (extra) throw badRequest(`The query option ${extra} is not supported when expanding the single-valued navigation property '${item.name}'; only $select is.`);
      validateSelect(target, item.select);
      return { item, kind: "single", target, column: single.column };
    }
    const collection = findCollectionNavigation(def, item.name);
    if (!collection) throw unknownProperty(def, item.name);
    const target = table(collection.table);
    validateSelect(target, item.select);
    if (item.filter) validateFilter(item.filter, target.logicalName, propertyTypes(target, queryFunctionPaths(item.filter)));
    validateOrderBy(target, item.orderBy);
    return { item, kind: "collection", target };
  });
}

/** The `@odata.context` fragments of expanded properties, e.g. `email_activity_parties(addressused)`. */
export function expandContextParts(expands: readonly ResolvedExpand[]): string[] {
  return expands.map((e) => `${e.item.name}(${(e.item.select ?? []).join(",")})`);
}

/**
 * Adds the expanded navigation properties of one row to its JSON: the related row (or null when the
 * lookup is empty, points at another table or the caller may not read it), or the array of related rows
 * the caller may read, filtered, sorted and cut to `$top`. Never throws for data reasons.
 */
export function applyExpand(
  scope: TableScope,
  cache: RowCache,
  record: StoredRecord,
  out: Record<string, unknown>,
  expands: readonly ResolvedExpand[],
  annotations: AnnotationFilter,
): void {
  for (const expand of expands) {
    const { item, target } = expand;
    const options = { ...(item.select ? { select: item.select } : {}), annotations, cache };
    if (expand.kind === "single" && expand.column) {
      const id = record.data[lookupProperty(expand.column)];
      const related = typeof id === "string" && lookupTarget(record.data, expand.column) === target.logicalName ? cache.get(target.logicalName, id) : undefined;
      out[item.name] = related && canAccessRow(scope, cache, "Read", target, related) ? serializeRow(target, related, options) : null;
      continue;
    }
    const resolve = pathResolver(target, cache, (related, row) => canAccessRow(scope, cache, "Read", related, row));
    let rows = cache.children(target.logicalName, record.id).filter((row) => canAccessRow(scope, cache, "Read", target, row));
    const filter = item.filter;
    if (filter) rows = rows.filter((row) => evaluateFilter(filter, row.data, resolve, { userId: scope.member.systemUserId }));
    rows = sortRecords(rows, item.orderBy, resolve);
    if (item.top !== undefined) rows = rows.slice(0, item.top);
    out[item.name] = rows.map((row) => serializeRow(target, row, options));
  }
}
