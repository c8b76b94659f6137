import { ODataError, badRequest } from "../../http/odata-error";
import { TABLES, TABLES_BY_SET } from "../../model/tables";
import type { CollectionNavigation, TableDefinition } from "../../model/types";
import { isGuid } from "../../seed/ids";

/** A single-valued navigation property: the lookup column behind it and the tables it may point at. */
export interface SingleNavigation {
  name: string;
  column: string;
  targets: readonly string[];
}

/** A reference to one row, as written in `@odata.bind` or `@odata.id`. */
export interface EntityReference {
  table: TableDefinition;
  id: string;
}

/** Lookups that keep one navigation property for all their targets (Dataverse's `ownerid` → principal). */
const SHARED_NAVIGATIONS: ReadonlySet<string> = new Set(["ownerid"]);

const cache = new WeakMap<TableDefinition, ReadonlyMap<string, SingleNavigation>>();

/**
 * The single-valued navigation properties of a table by name: a lookup with one target is named
 * like its column (`createdby`), a polymorphic one once per target (`regardingobjectid_contact`),
 * except `ownerid`, which is one property for users and teams.
 */
export function singleNavigations(def: TableDefinition): ReadonlyMap<string, SingleNavigation> {
  const known = cache.get(def);
  if (known) return known;
  const map = new Map<string, SingleNavigation>();
  for (const [column, spec] of Object.entries(def.columns)) {
    if (spec.type !== "lookup") continue;
    const targets = (spec.targets ?? []).filter((t) => TABLES.has(t) || SHARED_NAVIGATIONS.has(column));
    if (targets.length <= 1 || SHARED_NAVIGATIONS.has(column)) {
      map.set(column, { name: column, column, targets });
    } else {
      for (const target of targets) map.set(`${column}_${target}`, { name: `${column}_${target}`, column, targets: [target] });
    }
  }
  // Dataverse also names an activity's regarding navigation after the relationship (`regardingobjectid_contact_email`).
  for (const nav of [...map.values()]) {
    if (nav.column === "regardingobjectid" && nav.name !== nav.column) {
      const alias = `${nav.name}_${def.logicalName}`;
      map.set(alias, { ...nav, name: alias });
    }
  }
  cache.set(def, map);
  return map;
}

/** The single-valued navigation property named `name`, or undefined. */
export function findSingleNavigation(def: TableDefinition, name: string): SingleNavigation | undefined {
  return singleNavigations(def).get(name);
}

/** The collection-valued navigation property named `name`, or undefined. */
export function findCollectionNavigation(def: TableDefinition, name: string): CollectionNavigation | undefined {
  return def.collectionNavigations?.[name];
}

/** The navigation property through which lookup `column` reaches a row of `target` (for annotations). */
export function navigationNameFor(def: TableDefinition, column: string, target: string): string {
  for (const nav of singleNavigations(def).values()) {
    if (nav.column === column && nav.targets.includes(target)) return nav.name;
  }
  return column;
}

/**
 * Parses `/contacts(<id>)`, `contacts(<id>)` or an absolute Web API URL into a table and a
 * lower-case id. Throws 400 when the text is not such a reference or names an unknown entity set.
 */
export function parseEntityReference(value: string, property: string): EntityReference {
  const withoutHost = value.replace(/^https?:\/\/[^/]+/i, "");
  const match = /^(?:.*\/api\/data\/v\d+(?:\.\d+)?)?\/?([A-Za-z_][A-Za-z0-9_]*)\(([^)]*)\)$/.exec(withoutHost.trim());
  if (!match?.[1] || match[2] === undefined) {
    throw badRequest(`The value '${value}' of '${property}' is not a valid entity reference; expected '/<entityset>(<id>)'.`);
  }
  const table = TABLES_BY_SET.get(match[1]);
  if (!table) throw new ODataError(400, "0x0", `Resource not found for the segment '${match[1]}' in '${property}'.`);
  const rawKey = match[2].includes("=") ? match[2].slice(match[2].indexOf("=") + 1) : match[2];
  const key = rawKey.trim().replace(/^'(.*)'$/, "$1");
  if (!isGuid(key)) throw badRequest(`The key '${match[2]}' in '${property}' is not a valid GUID.`);
  return { table, id: key.toLowerCase() };
}
