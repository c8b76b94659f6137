import { badRequest, notFoundSegment } from "../../http/odata-error";
import { json, noContent } from "../../http/responses";
import type { EmulatorResponse } from "../../http/types";
import { lookupTarget } from "../../model/record-values";
import { lookupProperty, table } from "../../model/tables";
import type { StoredRecord, TableDefinition } from "../../model/types";
import type { WebApiCall } from "../call";
import { readJsonObject } from "../json-body";
import { methodNotAllowed, requireSupport } from "./capabilities";
import { checkWritePreconditions } from "./conditions";
import { requireRow } from "./entity-requests";
import { findCollectionNavigation, findSingleNavigation, parseEntityReference, type SingleNavigation } from "./navigation";
import { navigationTable } from "./paths";
import { propertiesOf } from "./properties";
import { checkQuery, runCollectionQuery, SINGLE_ROW_OPTIONS } from "./query";
import { entityBody, entityUrl } from "./responses";
import { canAccessRow, requireRowAccess, requireTablePrivilege } from "./row-access";
import { RowCache } from "./row-cache";
import { updateRow } from "./row-writes";
import { parseWriteBody } from "./write-values";

/** Reads the row behind a navigation request: privilege, existence, Read access. */
function readableRow(call: WebApiCall, def: TableDefinition, id: string, cache: RowCache): StoredRecord {
  requireSupport(def, "Retrieve");
  requireTablePrivilege(call, "Read", def);
  const record = requireRow(call, def, id);
  requireRowAccess(call, cache, "Read", def, record);
  return record;
}

/** Applies a one-property change (`{prop: value}` or `{nav@odata.bind: ref}`) to an existing row; 204. */
function patchOne(call: WebApiCall, def: TableDefinition, id: string, body: Record<string, unknown>): EmulatorResponse {
  requireSupport(def, "Update");
  const plan = parseWriteBody(def, body);
  const existing = requireRow(call, def, id);
  checkWritePreconditions(call.headers, def, id, existing);
  updateRow(call, def, existing, plan);
  return noContent();
}

/** `emails(<id>)/subject`: GET the value (204 when null), PUT `{"value": …}`, DELETE (set null). */
function propertyRequest(call: WebApiCall, def: TableDefinition, id: string, name: string): EmulatorResponse {
  const info = propertiesOf(def).get(name);
  if (!info) throw notFoundSegment(name);
  switch (call.method) {
    case "GET": {
      const record = readableRow(call, def, id, new RowCache(call.ctx.store, call.org.urlName));
      const value = name === "versionnumber" ? record.version : (record.data[name] ?? null);
      if (value === null) return noContent();
      return json(200, { "@odata.context": `${call.apiRoot}$metadata#${def.entitySet}(${id})/${name}`, value });
    }
    case "PUT": {
      const body = readJsonObject(call.body);
      if (!("value" in body)) throw badRequest("The body of a PUT to a property must be a JSON object with a 'value' property.");
      return patchOne(call, def, id, { [name]: body.value });
    }
    case "DELETE":
      return patchOne(call, def, id, { [name]: null });
    default:
      throw methodNotAllowed(call.method);
  }
}

/** `emails(<id>)/regardingobjectid_contact[/$ref]`: the related row or a reference to it; `$ref` PUT/DELETE sets or clears the lookup. */
function singleRequest(call: WebApiCall, def: TableDefinition, id: string, nav: SingleNavigation, isRef: boolean): EmulatorResponse {
  const target = navigationTable(nav);
  if (!target) throw notFoundSegment(nav.name);
  if (call.method === "GET") {
    const cache = new RowCache(call.ctx.store, call.org.urlName);
    const record = readableRow(call, def, id, cache);
    const relatedId = record.data[lookupProperty(nav.column)];
    if (typeof relatedId !== "string" || lookupTarget(record.data, nav.column) !== target.logicalName) return noContent();
    if (isRef) return json(200, { "@odata.context": `${call.apiRoot}$metadata#$ref`, "@odata.id": entityUrl(call, target, relatedId) });
    const query = checkQuery(call, target, SINGLE_ROW_OPTIONS);
    const related = cache.get(target.logicalName, relatedId);
    if (!related) return noContent();
    requireRowAccess(call, cache, "Read", target, related);
    return json(200, entityBody(call, target, related, query));
  }
  if (!isRef) throw methodNotAllowed(call.method);
  if (call.method === "PUT") {
    const reference = readJsonObject(call.body)["@odata.id"];
    if (typeof reference !== "string") throw badRequest("The body of a PUT to $ref must be a JSON object with an '@odata.id' reference.");
    const parsed = parseEntityReference(reference, "@odata.id");
    return patchOne(call, def, id, { [`${nav.name}@odata.bind`]: `/${parsed.table.entitySet}(${parsed.id})` });
  }
  if (call.method === "DELETE") {
    const existing = requireRow(call, def, id);
    if (lookupTarget(existing.data, nav.column) !== target.logicalName) {
      requireTablePrivilege(call, "Write", def);
      requireRowAccess(call, new RowCache(call.ctx.store, call.org.urlName), "Write", def, existing);
      return noContent();
    }
    return patchOne(call, def, id, { [`${nav.name}@odata.bind`]: null });
  }
  throw methodNotAllowed(call.method);
}

/** `emails(<id>)/email_activity_parties[/$ref]`: the related rows (a query, paged) or references to them. */
function collectionRequest(call: WebApiCall, def: TableDefinition, id: string, name: string, isRef: boolean): EmulatorResponse {
  const nav = findCollectionNavigation(def, name);
  if (!nav) throw notFoundSegment(name);
  if (call.method !== "GET") throw methodNotAllowed(call.method);
  const child = table(nav.table);
  const cache = new RowCache(call.ctx.store, call.org.urlName);
  const query = isRef ? undefined : checkQuery(call, child);
  readableRow(call, def, id, cache);
  const rows = cache.children(child.logicalName, id).filter((row) => canAccessRow(call, cache, "Read", child, row));
  if (!query) {
    return json(200, {
      "@odata.context": `${call.apiRoot}$metadata#Collection($ref)`,
      value: rows.map((row) => ({ "@odata.id": entityUrl(call, child, row.id) })),
    });
  }
  const page = runCollectionQuery(call, cache, child, rows, query, `${def.entitySet}(${id})/${name}`);
  return json(200, page.body, page.headers);
}

/**
 * Requests below a row: a column (`emails(<id>)/subject`), a single-valued navigation property with or
 * without `/$ref`, or a collection-valued one. Throws 404 0x8006088a for an unknown segment, 405 for a
 * method the resource does not take, and what the underlying read or write throws.
 */
export function navigationRequest(call: WebApiCall, def: TableDefinition, id: string, name: string, isRef: boolean): EmulatorResponse {
  const single = findSingleNavigation(def, name);
  if (single) return singleRequest(call, def, id, single, isRef);
  if (findCollectionNavigation(def, name)) return collectionRequest(call, def, id, name, isRef);
  if (isRef) throw notFoundSegment("$ref");
  return propertyRequest(call, def, id, name);
}
