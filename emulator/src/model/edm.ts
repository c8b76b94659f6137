import type { ColumnType } from "./types";

/** The OData EDM type through which the Web API exposes a column of each type (`$metadata`, conversion errors). */
export const EDM_TYPE: Readonly<Record<ColumnType, string>> = {
  string: "Edm.String",
  memo: "Edm.String",
  guid: "Edm.Guid",
  int: "Edm.Int32",
  bigint: "Edm.Int64",
  decimal: "Edm.Decimal",
  bool: "Edm.Boolean",
  datetime: "Edm.DateTimeOffset",
  lookup: "Edm.Guid",
};
