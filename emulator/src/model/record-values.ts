import { lookupProperty } from "./tables";

/** The key under which a row keeps the target table of each of its lookups (never sent to clients). */
export const LOOKUP_TYPES_KEY = "__lookups";

/** Sets lookup `column` of a row to `id` in table `target` (or clears it with null). */
export function setLookup(data: Record<string, unknown>, column: string, target: string | null, id: string | null): void {
  const types = { ...((data[LOOKUP_TYPES_KEY] as Record<string, string> | undefined) ?? {}) };
  if (target === null || id === null) {
    data[lookupProperty(column)] = null;
    delete types[column];
  } else {
    data[lookupProperty(column)] = id;
    types[column] = target;
  }
  data[LOOKUP_TYPES_KEY] = types;
}

/** The table a lookup of a row points at, or undefined when it is empty. */
export function lookupTarget(data: Record<string, unknown>, column: string): string | undefined {
  return (data[LOOKUP_TYPES_KEY] as Record<string, string> | undefined)?.[column];
}

/** Now as Dataverse writes dates: UTC, ISO 8601, whole seconds, `Z`. */
export function nowUtc(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
}
