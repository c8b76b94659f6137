import { compareValues, type ResolvePath } from "../../odata/filter";
import type { OrderByItem } from "../../odata/query-options";
import type { StoredRecord, TableDefinition } from "../../model/types";
import { propertyTypes } from "./paths";
import { unknownProperty } from "./properties";

/** Returns nothing when every `$orderby` path is a column or a path through single-valued navigation; throws 400 0x0 otherwise. */
export function validateOrderBy(def: TableDefinition, orderBy: readonly OrderByItem[] | undefined): void {
  const typeOf = propertyTypes(def);
  for (const item of orderBy ?? []) {
    const type = typeOf(item.path);
    if (type === undefined || type === "collection") throw unknownProperty(def, item.path);
  }
}

/**
 * Returns the rows in `$orderby` order (nulls first when ascending, as SQL Server sorts), ties and
 * unordered queries by primary key, so pages stay stable. Never throws.
 */
export function sortRecords(rows: readonly StoredRecord[], orderBy: readonly OrderByItem[] | undefined, resolve: ResolvePath): StoredRecord[] {
  const keys = (orderBy ?? []).map((item) => ({ path: item.path.split("/"), sign: item.direction === "desc" ? -1 : 1 }));
  const decorated = rows.map((row) => ({ row, values: keys.map((k) => resolve(row.data, k.path)) }));
  decorated.sort((a, b) => {
    for (const [index, key] of keys.entries()) {
      const x = a.values[index];
      const y = b.values[index];
      const xNull = x === null || x === undefined;
      const yNull = y === null || y === undefined;
      if (xNull || yNull) {
        if (xNull && yNull) continue;
        return (xNull ? -1 : 1) * key.sign;
      }
      const order = compareValues(x, y) ?? 0;
      if (order !== 0) return order * key.sign;
    }
    return a.row.id < b.row.id ? -1 : a.row.id > b.row.id ? 1 : 0;
  });
  return decorated.map((d) => d.row);
}
