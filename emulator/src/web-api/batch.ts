// PLACEHOLDER (being written by the batch helper).
import { ODataError } from "../http/odata-error";
import type { EmulatorResponse } from "../http/types";
import type { WebApiCall } from "./call";

export function handleBatch(_call: WebApiCall): EmulatorResponse {
  throw new ODataError(501, "0x80040216", "Not implemented yet.");
}
