import { badRequest } from "../http/odata-error";

/**
 * Returns a request body parsed as a JSON object (an empty body is `{}`, a leading byte-order mark is ignored);
 * throws 400 0x0 with the reason for malformed JSON or a non-object.
 */
export function readJsonObject(body: Buffer): Record<string, unknown> {
  const text = body.toString("utf8").replace(/^\uFEFF/, "").trim();
  if (text === "") return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw badRequest(`The request body is not valid JSON: ${(error as Error).message}`);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw badRequest("The request body must be a JSON object.");
  }
  return value as Record<string, unknown>;
}
