/** How a column is typed in the Web API; it decides validation, filtering and JSON output. */
export type ColumnType =
  | "string"
  | "memo"
  | "guid"
  | "int"
  | "bigint"
  | "decimal"
  | "bool"
  | "datetime"
  | "lookup";

export interface Column {
  type: ColumnType;
  /** Longest accepted string (characters). */
  maxLength?: number;
  /** Set only by the server; a client value is refused. */
  readOnly?: boolean;
  /** For lookups: the tables it may point at (logical names). */
  targets?: readonly string[];
}

/** Who owns rows of a table, which decides how privilege depth applies. */
export type Ownership = "user" | "organization" | "none";

/** A collection-valued navigation property: rows of `table` whose `foreignKey` lookup is this row. */
export interface CollectionNavigation {
  table: string;
  foreignKey: string;
}

export interface TableDefinition {
  /** Logical name, e.g. `email`. */
  logicalName: string;
  /** Entity set name used in URLs, e.g. `emails`. */
  entitySet: string;
  primaryKey: string;
  /** The primary name column, e.g. `subject` or `fullname`. */
  primaryName: string;
  ownership: Ownership;
  /** The privilege suffix: `Activity` for email (prvReadActivity), `Contact` for contact, … */
  privilegeEntity: string;
  objectTypeCode: number;
  /** Columns by logical name; lookups are named by their attribute (`ownerid`), exposed as `_ownerid_value`. */
  columns: Readonly<Record<string, Column>>;
  collectionNavigations?: Readonly<Record<string, CollectionNavigation>>;
  /** True when rows may be created, changed and deleted through the Web API. */
  writable: boolean;
}

/** A stored row: its id, its Web API shaped values and its row version. */
export interface StoredRecord {
  id: string;
  /** Column values keyed by logical name; lookups keyed `_<name>_value`, their target table under `__types`. */
  data: Record<string, unknown>;
  version: number;
}
