import type { EmulatorResponse } from "../http/types";
import type { TableDefinition } from "../model/types";
import type { WebApiCall } from "./call";
import { methodNotAllowed } from "./tables/capabilities";
import { createFromRequest, readCollection } from "./tables/collection-requests";
import { deleteEntity, patchEntity, readEntity } from "./tables/entity-requests";
import { navigationRequest } from "./tables/navigation-requests";

/** `/<set>`: GET queries the table, POST creates a row. Throws ODataError (405 for other methods). */
export function handleCollection(call: WebApiCall, def: TableDefinition): EmulatorResponse {
  if (call.method === "GET") return readCollection(call, def);
  if (call.method === "POST") return createFromRequest(call, def);
  throw methodNotAllowed(call.method);
}

/** `/<set>(<id>)`: GET reads, PATCH updates or upserts, DELETE deletes. Throws ODataError (405 for other methods). */
export function handleEntity(call: WebApiCall, def: TableDefinition, id: string): EmulatorResponse {
  if (call.method === "GET") return readEntity(call, def, id);
  if (call.method === "PATCH") return patchEntity(call, def, id);
  if (call.method === "DELETE") return deleteEntity(call, def, id);
  throw methodNotAllowed(call.method);
}

/** `/<set>(<id>)/<property or navigation>[/$ref]`. Throws ODataError. */
export function handleNavigation(call: WebApiCall, def: TableDefinition, id: string, navName: string, isRef: boolean): EmulatorResponse {
  return navigationRequest(call, def, id, navName, isRef);
}
