import type { TableDefinition } from "../../model/types";
import { requireProperty } from "./properties";

/** Returns the `$select` names when every one is a property of the table; throws 400 0x0 "Could not find a property named …" otherwise. */
export function validateSelect(def: TableDefinition, select: readonly string[] | undefined): string[] | undefined {
  if (select === undefined) return undefined;
  for (const name of select) requireProperty(def, name);
  return [...select];
}
