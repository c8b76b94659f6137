import { ErrorCodes, ODataError } from "../../http/odata-error";
import type { TableDefinition } from "../../model/types";

/** The Dataverse messages a table may refuse. */
export type TableMessage = "Create" | "Retrieve" | "Update" | "Delete";

/**
 * Which messages a table supports through the Web API: read-only tables (systemuser, businessunit,
 * organization) support none of the writes; usersettings supports Update only (each user has exactly one
 * row); activityparty supports RetrieveMultiple only (its rows are written through their email).
 */
export function supports(def: TableDefinition, message: TableMessage): boolean {
  if (def.logicalName === "activityparty") return false;
  if (message === "Retrieve") return true;
  if (!def.writable) return false;
  return def.logicalName !== "usersettings" || message === "Update";
}

/** Returns nothing when the table supports the message; throws 405 0x80040203 "The 'Create' method does not support entities of type '…'." */
export function requireSupport(def: TableDefinition, message: TableMessage): void {
  if (!supports(def, message)) {
    throw new ODataError(405, ErrorCodes.NotSupported, `The '${message}' method does not support entities of type '${def.logicalName}'.`);
  }
}

/** The 405 for an HTTP method a resource does not take. */
export function methodNotAllowed(method: string): ODataError {
  return new ODataError(405, ErrorCodes.Routing, `The requested resource does not support http method '${method}'.`);
}
