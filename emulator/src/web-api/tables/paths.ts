import type { FilterAst, FilterPropertyType, PropertyTypeOf, ResolvePath } from "../../odata/filter";
import { lookupTarget } from "../../model/record-values";
import { TABLES, lookupProperty, table } from "../../model/tables";
import type { StoredRecord, TableDefinition } from "../../model/types";
import { findCollectionNavigation, findSingleNavigation, type SingleNavigation } from "./navigation";
import { propertiesOf } from "./properties";
import type { RowCache } from "./row-cache";

/** The table a single-valued navigation property leads to when it has one (`ownerid` leads to systemuser). */
export function navigationTable(nav: SingleNavigation): TableDefinition | undefined {
  const target = nav.targets.find((t) => TABLES.has(t));
  return target === undefined ? undefined : TABLES.get(target);
}

/** Decides whether a related row reached through a navigation path may be looked at (record security on joins). */
export type RelatedRowFilter = (def: TableDefinition, row: StoredRecord) => boolean;

/** Property paths that name a lookup by its logical name, as the query functions (`EqualUserId(PropertyName='ownerid')`) do. */
export function queryFunctionPaths(ast: FilterAst | undefined): ReadonlySet<string> {
  const found = new Set<string>();
  const visit = (node: FilterAst): void => {
    switch (node.kind) {
      case "in":
      case "userid":
        if (node.property.variable === undefined) found.add(node.property.path.join("/"));
        return;
      case "compare":
      case "and":
      case "or":
        visit(node.left);
        visit(node.right);
        return;
      case "not":
        visit(node.operand);
        return;
      default:
        return;
    }
  };
  if (ast) visit(ast);
  return found;
}

/**
 * Returns the metadata lookup `validateFilter` and `$orderby` need for a table: a column (`subject`,
 * `_ownerid_value`), a path through single-valued navigation (`regardingobjectid_contact/fullname`),
 * or a collection-valued navigation (`email_activity_parties`, and `email_activity_parties/addressused`
 * inside a lambda). `logicalLookups` lists paths that may name a lookup by its logical name.
 */
export function propertyTypes(def: TableDefinition, logicalLookups: ReadonlySet<string> = new Set()): PropertyTypeOf {
  const typeIn = (current: TableDefinition, segments: string[]): FilterPropertyType | undefined => {
    const [first, ...rest] = segments;
    if (first === undefined) return undefined;
    const property = propertiesOf(current).get(first);
    if (property) return rest.length === 0 ? property.spec.type : undefined;
    const nav = findSingleNavigation(current, first);
    if (nav) {
      const target = navigationTable(nav);
      return target && rest.length > 0 ? typeIn(target, rest) : undefined;
    }
    const collection = findCollectionNavigation(current, first);
    if (collection) return rest.length === 0 ? "collection" : typeIn(table(collection.table), rest);
    return undefined;
  };
  return (path) => {
    if (logicalLookups.has(path) && def.columns[path]?.type === "lookup") return "lookup";
    return typeIn(def, path.split("/"));
  };
}

/**
 * Returns the path reader `evaluateFilter` and sorting use for rows of `def`: columns by name (a lookup
 * also by its logical name), single-valued navigation to the related row, collection-valued navigation
 * to the array of child rows. Rows handed out are remembered with their table, so paths inside a lambda
 * resolve against the child table. Missing values, and related rows `canRead` refuses, read as null.
 */
export function pathResolver(def: TableDefinition, cache: RowCache, canRead: RelatedRowFilter = () => true): ResolvePath {
  const tableOf = new WeakMap<Record<string, unknown>, TableDefinition>();
  const read = (current: TableDefinition, row: Record<string, unknown>, segments: string[]): unknown => {
    const [first, ...rest] = segments;
    if (first === undefined) return row;
    const property = propertiesOf(current).get(first);
    if (property) return rest.length === 0 ? (row[first] ?? null) : null;
    if (current.columns[first]?.type === "lookup") return rest.length === 0 ? (row[lookupProperty(first)] ?? null) : null;
    const nav = findSingleNavigation(current, first);
    if (nav) {
      const target = navigationTable(nav);
      const id = row[lookupProperty(nav.column)];
      const type = lookupTarget(row, nav.column);
      if (!target || typeof id !== "string" || type !== target.logicalName) return null;
      const related = cache.get(target.logicalName, id);
      if (!related || !canRead(target, related)) return null;
      tableOf.set(related.data, target);
      return read(target, related.data, rest);
    }
    const collection = findCollectionNavigation(current, first);
    if (collection) {
      const id = row[current.primaryKey];
      if (typeof id !== "string") return [];
      const childDef = table(collection.table);
      const children = cache.children(collection.table, id).map((child) => {
        tableOf.set(child.data, childDef);
        return child.data;
      });
      return rest.length === 0 ? children : null;
    }
    return null;
  };
  return (row, path) => read(tableOf.get(row) ?? def, row, path);
}
