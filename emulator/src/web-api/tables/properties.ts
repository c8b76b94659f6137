import { badRequest } from "../../http/odata-error";
import { lookupProperty } from "../../model/tables";
import type { Column, TableDefinition } from "../../model/types";

/** A Web API property of a table: its JSON name and the column behind it. */
export interface PropertyInfo {
  /** The JSON name: the column name, or `_<column>_value` for a lookup. */
  name: string;
  column: string;
  spec: Column;
}

const cache = new WeakMap<TableDefinition, ReadonlyMap<string, PropertyInfo>>();

/** The table's structural properties by JSON name, in column order. */
export function propertiesOf(def: TableDefinition): ReadonlyMap<string, PropertyInfo> {
  const known = cache.get(def);
  if (known) return known;
  const map = new Map<string, PropertyInfo>();
  for (const [column, spec] of Object.entries(def.columns)) {
    const name = spec.type === "lookup" ? lookupProperty(column) : column;
    map.set(name, { name, column, spec });
  }
  cache.set(def, map);
  return map;
}

/** The error Dataverse gives for a property name the type does not have (400, code 0x0). */
export function unknownProperty(def: TableDefinition, name: string): Error {
  return badRequest(`Could not find a property named '${name}' on type 'Microsoft.Dynamics.CRM.${def.logicalName}'.`);
}

/** Returns the property called `name`; throws 400 0x0 "Could not find a property named …" otherwise. */
export function requireProperty(def: TableDefinition, name: string): PropertyInfo {
  const found = propertiesOf(def).get(name);
  if (!found) throw unknownProperty(def, name);
  return found;
}
