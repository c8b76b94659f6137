import { json } from "../../http/responses";
import type { EmulatorResponse } from "../../http/types";
import type { TableDefinition } from "../../model/types";
import type { WebApiCall } from "../call";
import { readJsonObject } from "../json-body";
import { requireSupport } from "./capabilities";
import { checkQuery, runCollectionQuery, SINGLE_ROW_OPTIONS } from "./query";
import { canAccessRow, requireTablePrivilege } from "./row-access";
import { RowCache } from "./row-cache";
import { createRow } from "./row-writes";
import { writeResponse } from "./responses";
import { parseWriteBody } from "./write-values";

/**
 * `GET /<set>`: checks the query, requires the read privilege (403 0x80040220), then answers the rows the
 * caller may read (others are left out silently) with the query applied and paged.
 */
export function readCollection(call: WebApiCall, def: TableDefinition): EmulatorResponse {
  const query = checkQuery(call, def);
  requireTablePrivilege(call, "Read", def);
  const cache = new RowCache(call.ctx.store, call.org.urlName);
  const readable = call.ctx.store.list(call.org.urlName, def.logicalName).filter((row) => canAccessRow(call, cache, "Read", def, row));
  const page = runCollectionQuery(call, cache, def, readable, query, def.entitySet);
  return json(200, page.body, page.headers);
}

/**
 * `POST /<set>`: validates the body, creates the row (client-supplied key allowed; 412 0x80040237 when
 * it exists) with its activity parties, and answers 204 + `OData-EntityId`, or 201 with the row when
 * `Prefer: return=representation` asks (honouring `$select`/`$expand` on the URL).
 */
export function createFromRequest(call: WebApiCall, def: TableDefinition): EmulatorResponse {
  requireSupport(def, "Create");
  const query = checkQuery(call, def, SINGLE_ROW_OPTIONS);
  const plan = parseWriteBody(def, readJsonObject(call.body));
  const record = createRow(call, def, plan);
  return writeResponse(call, def, record, query, true);
}
