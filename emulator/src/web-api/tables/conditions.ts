import type { IncomingHttpHeaders } from "node:http";
import { ErrorCodes, ODataError, recordNotFound } from "../../http/odata-error";
import type { StoredRecord, TableDefinition } from "../../model/types";

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  const text = Array.isArray(value) ? value[0] : value;
  return text === undefined || text.trim() === "" ? undefined : text.trim();
}

/** The versions an `If-Match`/`If-None-Match` value names (`W/"12"`, `"12"`, comma-separated), or "*" for any. */
function versionsOf(value: string): "*" | string[] {
  if (value === "*") return "*";
  return value
    .split(",")
    .map((v) => v.trim().replace(/^W\//i, "").replace(/^"(.*)"$/, "$1"))
    .filter((v) => v !== "");
}

/**
 * Applies `If-Match` and `If-None-Match` to a write (PATCH or DELETE) of the row `existing` (undefined when there is
 * none). Returns nothing when the write may go on; throws 404 0x80040217 when `If-Match` is given and the row does not
 * exist (no upsert-create), 412 0x80060882 when its version differs, 412 0x80040237 when `If-None-Match: *` meets an
 * existing row (no update).
 */
export function checkWritePreconditions(headers: IncomingHttpHeaders, def: TableDefinition, id: string, existing: StoredRecord | undefined): void {
  const ifMatch = headerValue(headers, "if-match");
  if (ifMatch !== undefined) {
    if (!existing) throw recordNotFound(def.logicalName, id);
    const versions = versionsOf(ifMatch);
    if (versions !== "*" && !versions.includes(String(existing.version))) {
      throw new ODataError(412, ErrorCodes.ConcurrencyVersionMismatch, "The version of the existing record doesn't match the RowVersion property provided.");
    }
  }
  const ifNoneMatch = headerValue(headers, "if-none-match");
  if (ifNoneMatch === "*" && existing) {
    throw new ODataError(412, ErrorCodes.DuplicateRecord, "A record with matching key values already exists.");
  }
}

/** True when a GET's `If-None-Match` names the row's current version (answer 304). `null` or `*` never match. */
export function isNotModified(headers: IncomingHttpHeaders, record: StoredRecord): boolean {
  const ifNoneMatch = headerValue(headers, "if-none-match");
  if (ifNoneMatch === undefined || ifNoneMatch === "*" || ifNoneMatch.toLowerCase() === "null") return false;
  const versions = versionsOf(ifNoneMatch);
  return versions !== "*" && versions.includes(String(record.version));
}
