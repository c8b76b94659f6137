import { AppError } from "../core/errors";

/**
 * Building Web API URLs safely: OData string literals with quotes doubled, strict percent-encoding
 * of query values, function calls with parameter aliases, and checked GUID keys. Nothing here
 * sends anything.
 */

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Returns the value with unpaired UTF-16 surrogates replaced by U+FFFD (encodeURIComponent would throw on them). */
export function wellFormed(value: string): string {
  return value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
}

/** Returns an OData string literal: `'…'` with every `'` doubled. */
export function stringLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** Returns a query-string value percent-encoded as UTF-8; everything but unreserved characters and `, : @ / $` is encoded (`'`, `(`, `)`, `#`, `&`, `+`, CR/LF included). */
export function encodeQueryValue(value: string): string {
  return encodeURIComponent(wellFormed(value))
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%2C/g, ",")
    .replace(/%3A/g, ":")
    .replace(/%40/g, "@")
    .replace(/%2F/g, "/")
    .replace(/%24/g, "$");
}

/** A value of a function parameter: a string becomes a quoted literal, a number or boolean stays as is. */
export type ParameterValue = string | number | boolean;

/** One function parameter passed through an alias (`Name=@alias`). */
export interface FunctionParameter {
  name: string;
  alias: string;
  value: ParameterValue;
}

function literalOf(value: ParameterValue): string {
  if (typeof value === "string") return stringLiteral(value);
  if (typeof value === "number" && !Number.isFinite(value)) throw new AppError("invalidInput", "A function parameter is not a finite number.");
  return String(value);
}

/** Returns `Name(P1=@a,P2=@b)?@a=…&@b=…` with every value passed as a percent-encoded alias; throws AppError `invalidInput` for a bad alias or number. */
export function functionCall(name: string, parameters: readonly FunctionParameter[]): string {
  for (const p of parameters) {
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(p.alias) || !/^[A-Za-z][A-Za-z0-9_]*$/.test(p.name)) throw new AppError("invalidInput", "A function parameter name or alias is not valid.");
  }
  const list = parameters.map((p) => `${p.name}=@${p.alias}`).join(",");
  const query = parameters.map((p) => `@${p.alias}=${encodeQueryValue(literalOf(p.value))}`).join("&");
  return `${name}(${list})${query ? `?${query}` : ""}`;
}

/** Returns the GUID in lower case; throws AppError `invalidInput` when it is not a GUID (so it can go into a URL key). */
export function guid(id: string): string {
  const trimmed = id.trim();
  if (!GUID.test(trimmed)) throw new AppError("invalidInput", "The record id is not a GUID.", { messageKey: "dataverse.badRecordId" });
  return trimmed.toLowerCase();
}

/** Returns `?$select=…&$filter=…` from the options given (in that order; undefined ones left out), values percent-encoded. */
export function queryString(options: Readonly<Record<string, string | number | undefined>>): string {
  const parts = Object.entries(options)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => `${key}=${encodeQueryValue(String(value))}`);
  return parts.length ? `?${parts.join("&")}` : "";
}
