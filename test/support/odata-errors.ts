import { ODataError } from "../../emulator/src/http/odata-error";

/** The ODataError `fn` throws; rethrows anything else it throws and fails when it throws nothing. */
export function odataErrorOf(fn: () => unknown): ODataError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ODataError) return error;
    throw error;
  }
  throw new Error("expected the call to throw an ODataError, nothing was thrown");
}
