import { TABLES } from "../../model/tables";
import { LOOKUP_TYPES_KEY, lookupTarget } from "../../model/record-values";
import type { StoredRecord, TableDefinition } from "../../model/types";
import { ASSOCIATED_NAVIGATION, FORMATTED_VALUE, LOOKUP_LOGICAL_NAME, NO_ANNOTATIONS, type AnnotationFilter } from "./annotations";
import { choiceLabel } from "./choice-labels";
import { navigationNameFor } from "./navigation";
import { propertiesOf } from "./properties";
import type { RowCache } from "./row-cache";

/** What `serializeRow` returns of a row. */
export interface SerializeOptions {
  /** JSON property names to return (already validated); all properties when undefined. The primary key is always returned. */
  select?: readonly string[];
  annotations?: AnnotationFilter;
  /** Reads lookup targets for their formatted value (the target's primary name). */
  cache?: RowCache;
}

/** The ETag of a row version, `W/"<version>"`. */
export function etagOf(version: number): string {
  return `W/"${version}"`;
}

/** The primary name of a row a lookup points at, or undefined. */
function targetName(cache: RowCache | undefined, target: string | undefined, id: unknown): string | undefined {
  if (!cache || !target || typeof id !== "string") return undefined;
  const def = TABLES.get(target);
  const row = def && cache.get(target, id);
  const name = row?.data[def?.primaryName ?? ""];
  return typeof name === "string" ? name : undefined;
}

/**
 * Returns a row as Dataverse's JSON: `@odata.etag`, the selected properties (lookups as `_x_value`,
 * missing values as null, internal `__` keys never), and the annotations the filter asks for
 * (formatted values of lookups and choices, the lookup's table and navigation property). Never throws.
 */
export function serializeRow(def: TableDefinition, record: StoredRecord, options: SerializeOptions = {}): Record<string, unknown> {
  const annotate = options.annotations ?? NO_ANNOTATIONS;
  const properties = propertiesOf(def);
  const names = options.select ? [...options.select] : [...properties.keys()];
  if (!names.includes(def.primaryKey)) names.push(def.primaryKey);
  const out: Record<string, unknown> = { "@odata.etag": etagOf(record.version) };
  for (const name of names) {
    const info = properties.get(name);
    if (!info || name.startsWith("__") || name === LOOKUP_TYPES_KEY) continue;
    const value = name === "versionnumber" ? record.version : (record.data[name] ?? (name === def.primaryKey ? record.id : null));
    if (info.spec.type === "lookup") {
      const target = value === null ? undefined : lookupTarget(record.data, info.column);
      if (target !== undefined) {
        const formatted = annotate(FORMATTED_VALUE) ? targetName(options.cache, target, value) : undefined;
        if (formatted !== undefined) out[`${name}@${FORMATTED_VALUE}`] = formatted;
        if (annotate(ASSOCIATED_NAVIGATION)) out[`${name}@${ASSOCIATED_NAVIGATION}`] = navigationNameFor(def, info.column, target);
        if (annotate(LOOKUP_LOGICAL_NAME)) out[`${name}@${LOOKUP_LOGICAL_NAME}`] = target;
      }
    } else if (annotate(FORMATTED_VALUE)) {
      const label = choiceLabel(def.logicalName, info.column, value);
      if (label !== undefined) out[`${name}@${FORMATTED_VALUE}`] = label;
    }
    out[name] = value;
  }
  return out;
}
