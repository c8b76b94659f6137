import type { StoredRecord } from "../../model/types";
import type { Store } from "../../store/store";

/**
 * Reads rows of one org for the length of one request, remembering what it read, so a query that
 * looks at the same related row for many rows (filters, formatted values, expands) reads it once.
 */
export class RowCache {
  private readonly rows = new Map<string, StoredRecord | undefined>();
  private readonly childLists = new Map<string, StoredRecord[]>();

  constructor(
    readonly store: Store,
    readonly org: string,
  ) {}

  /** Returns the row, or undefined when there is none. */
  get(tableName: string, id: string): StoredRecord | undefined {
    const key = `${tableName}|${id}`;
    if (!this.rows.has(key)) this.rows.set(key, this.store.get(this.org, tableName, id));
    return this.rows.get(key);
  }

  /** Returns the rows of `tableName` that belong to `parentId` (an email's activity parties). */
  children(tableName: string, parentId: string): StoredRecord[] {
    const key = `${tableName}|${parentId}`;
    let found = this.childLists.get(key);
    if (!found) {
      found = this.store.children(this.org, tableName, parentId);
      this.childLists.set(key, found);
    }
    return found;
  }
}
