import { recordNotFound } from "../../http/odata-error";
import { table } from "../../model/tables";
import type { WebApiCall } from "../call";
import type { RegardingTarget } from "./email-record";
import { invalidArgument } from "./parameters";

/** ItemObjectTypeCode → the table a promoted email may be set regarding. */
export const REGARDING_TYPE_CODES: Readonly<Record<number, string>> = { 1: "account", 2: "contact", 3: "opportunity", 4: "lead" };

/**
 * Returns the regarding record named by ItemObjectTypeCode + ItemId (both or neither), after checking
 * that it exists (else 404 `0x80040217`) and that the caller may read it and append to it (else 403
 * `0x80040220` without the privilege, `0x80048306` when the row is out of the caller's reach).
 * Returns undefined when neither is given; throws 400 for one without the other or an unknown code.
 */
export function regardingTarget(call: WebApiCall, typeCode: number | undefined, itemId: string | undefined): RegardingTarget | undefined {
  if (typeCode === undefined && itemId === undefined) return undefined;
  if (typeCode === undefined || itemId === undefined) {
    throw invalidArgument("ItemObjectTypeCode and ItemId go together: give both to set the regarding record, or neither.");
  }
  const tableName = REGARDING_TYPE_CODES[typeCode];
  if (tableName === undefined) {
    throw invalidArgument(`ItemObjectTypeCode ${typeCode} is not a table an email can be regarding: use 1 (account), 2 (contact), 3 (opportunity) or 4 (lead).`);
  }
  const def = table(tableName);
  const row = call.ctx.store.get(call.org.urlName, tableName, itemId);
  if (!row) throw recordNotFound(tableName, itemId);
  call.security.requireAccess(call.member, "Read", def, row.data, itemId);
  call.security.requireAccess(call.member, "AppendTo", def, row.data, itemId);
  return { table: tableName, id: itemId };
}
