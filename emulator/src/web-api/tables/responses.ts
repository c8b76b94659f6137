import { json, noContent } from "../../http/responses";
import type { EmulatorResponse } from "../../http/types";
import type { StoredRecord, TableDefinition } from "../../model/types";
import type { WebApiCall } from "../call";
import { contextUrl, preferenceApplied, shapeRow, type CheckedQuery } from "./query";
import { RowCache } from "./row-cache";

/** The URL that identifies a row, e.g. `https://localhost:5555/contoso/api/data/v9.2/emails(<id>)`. */
export function entityUrl(call: Pick<WebApiCall, "apiRoot">, def: TableDefinition, id: string): string {
  return `${call.apiRoot}${def.entitySet}(${id})`;
}

/** The single-row JSON body: `@odata.context` …`/$entity` plus the row shaped by `$select`/`$expand`. */
export function entityBody(call: WebApiCall, def: TableDefinition, record: StoredRecord, query: CheckedQuery): Record<string, unknown> {
  const cache = new RowCache(call.ctx.store, call.org.urlName);
  return { "@odata.context": contextUrl(call, def.entitySet, query, "/$entity"), ...shapeRow(call, cache, def, record, query) };
}

/**
 * The answer to a successful create or update: 204 with `OData-EntityId`, or with
 * `Prefer: return=representation` the row (201 for a create, 200 for an update) and `Preference-Applied`.
 */
export function writeResponse(call: WebApiCall, def: TableDefinition, record: StoredRecord, query: CheckedQuery, created: boolean): EmulatorResponse {
  const entityId = { "OData-EntityId": entityUrl(call, def, record.id) };
  if (!query.preferences.returnRepresentation) return noContent(entityId);
  const headers = { ...entityId, ...preferenceApplied(query.preferences, ["return=representation"]) };
  return json(created ? 201 : 200, entityBody(call, def, record, query), created ? { ...headers, Location: entityId["OData-EntityId"] } : headers);
}
