import { badRequest, recordNotFound } from "../../http/odata-error";
import { json, noContent } from "../../http/responses";
import type { EmulatorResponse } from "../../http/types";
import type { StoredRecord, TableDefinition } from "../../model/types";
import type { WebApiCall } from "../call";
import { readJsonObject } from "../json-body";
import { requireSupport } from "./capabilities";
import { checkWritePreconditions, isNotModified } from "./conditions";
import { checkQuery, preferenceApplied, SINGLE_ROW_OPTIONS } from "./query";
import { entityBody, writeResponse } from "./responses";
import { requireRowAccess, requireTablePrivilege } from "./row-access";
import { RowCache } from "./row-cache";
import { createRow, removeRow, updateRow } from "./row-writes";
import { etagOf } from "./serialize";
import { parseWriteBody, type WritePlan } from "./write-values";

/** Returns the row; throws 404 0x80040217 "<table> With Id = <id> Does Not Exist" when there is none. */
export function requireRow(call: WebApiCall, def: TableDefinition, id: string): StoredRecord {
  const record = call.ctx.store.get(call.org.urlName, def.logicalName, id);
  if (!record) throw recordNotFound(def.logicalName, id);
  return record;
}

/**
 * `GET /<set>(<id>)`: privilege (403 0x80040220), existence (404), record access (403 0x80048306),
 * then the row with `$select`/`$expand`; 304 when `If-None-Match` names its current version (not with
 * `$expand` or annotations, as Dataverse).
 */
export function readEntity(call: WebApiCall, def: TableDefinition, id: string): EmulatorResponse {
  requireSupport(def, "Retrieve");
  const query = checkQuery(call, def, SINGLE_ROW_OPTIONS);
  requireTablePrivilege(call, "Read", def);
  const record = requireRow(call, def, id);
  requireRowAccess(call, new RowCache(call.ctx.store, call.org.urlName), "Read", def, record);
  if (query.expands.length === 0 && query.preferences.includeAnnotations === undefined && isNotModified(call.headers, record)) {
    return { status: 304, headers: { "OData-Version": "4.0", ETag: etagOf(record.version) } };
  }
  return json(200, entityBody(call, def, record, query), preferenceApplied(query.preferences));
}

/**
 * Applies a validated plan to the row `id` as PATCH does: update when it exists, otherwise create it
 * (upsert), subject to `If-Match` / `If-None-Match`. Returns the stored row and whether it was created.
 */
export function upsertRow(call: WebApiCall, def: TableDefinition, id: string, plan: WritePlan): { record: StoredRecord; created: boolean } {
  const existing = call.ctx.store.get(call.org.urlName, def.logicalName, id);
  checkWritePreconditions(call.headers, def, id, existing);
  if (existing) return { record: updateRow(call, def, existing, plan), created: false };
  requireSupport(def, "Create");
  if (plan.id !== undefined && plan.id !== id) throw badRequest(`The key '${plan.id}' in the body does not match the key '${id}' in the URL.`);
  return { record: createRow(call, def, { ...plan, id }), created: true };
}

/**
 * `PATCH /<set>(<id>)`: update, or create when the row does not exist (unless `If-Match`, then 404);
 * 412 on a version mismatch or `If-None-Match: *` on an existing row. Answers 204 + `OData-EntityId`, or the
 * row (200 updated, 201 created) with `Prefer: return=representation`.
 */
export function patchEntity(call: WebApiCall, def: TableDefinition, id: string): EmulatorResponse {
  requireSupport(def, "Update");
  const query = checkQuery(call, def, SINGLE_ROW_OPTIONS);
  const plan = parseWriteBody(def, readJsonObject(call.body));
  if (def.logicalName === "usersettings") requireRow(call, def, id);
  const { record, created } = upsertRow(call, def, id, plan);
  return writeResponse(call, def, record, query, created);
}

/** `DELETE /<set>(<id>)`: privilege, existence (404), `If-Match` (412), Delete access (403); removes the row and its activity parties; 204. */
export function deleteEntity(call: WebApiCall, def: TableDefinition, id: string): EmulatorResponse {
  requireSupport(def, "Delete");
  requireTablePrivilege(call, "Delete", def);
  const record = requireRow(call, def, id);
  checkWritePreconditions(call.headers, def, id, record);
  requireRowAccess(call, new RowCache(call.ctx.store, call.org.urlName), "Delete", def, record);
  removeRow(call, def, id);
  return noContent();
}
