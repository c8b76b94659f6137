// PLACEHOLDER (being written by the CRUD helper): table reads and writes.
import { ODataError } from "../http/odata-error";
import type { EmulatorResponse } from "../http/types";
import type { TableDefinition } from "../model/types";
import type { WebApiCall } from "./call";

export function handleCollection(_call: WebApiCall, _def: TableDefinition): EmulatorResponse {
  throw new ODataError(501, "0x80040216", "Not implemented yet.");
}
export function handleEntity(_call: WebApiCall, _def: TableDefinition, _id: string): EmulatorResponse {
  throw new ODataError(501, "0x80040216", "Not implemented yet.");
}
export function handleNavigation(_call: WebApiCall, _def: TableDefinition, _id: string, _nav: string, _ref: boolean): EmulatorResponse {
  throw new ODataError(501, "0x80040216", "Not implemented yet.");
}
