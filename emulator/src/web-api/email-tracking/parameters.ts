import { ErrorCodes, ODataError, badRequest } from "../../http/odata-error";
import { isGuid } from "../../seed/ids";
import type { OperationParameters } from "../operations";

/** The Edm types an operation parameter may have (collections of strings and entities included). */
export type ParameterType = "string" | "int" | "bool" | "guid" | "datetime" | "entity" | "entityCollection" | "stringCollection";

export interface ParameterSpec {
  type: ParameterType;
  /** Missing, null (and for strings with `nonEmpty`, blank) → 400 `0x80040200`. */
  required?: boolean;
  /** A required string must hold more than white space (MessageId). */
  nonEmpty?: boolean;
  /** Longest accepted string; longer → 400 `0x80044331`, naming `column` of `email`. */
  maxLength?: number;
  /** The email column the string is stored in, for the length error message. */
  column?: string;
}

export type ParameterSpecs = Readonly<Record<string, ParameterSpec>>;

type ValueOf<T extends ParameterType> = T extends "string" | "guid" | "datetime"
  ? string
  : T extends "int"
    ? number
    : T extends "bool"
      ? boolean
      : T extends "entity"
        ? Record<string, unknown>
        : T extends "entityCollection"
          ? Record<string, unknown>[]
          : string[];

/** Validated parameters: every declared name, undefined when the caller gave none (or null). */
export type ValidatedParameters<S extends ParameterSpecs> = { [K in keyof S]: ValueOf<S[K]["type"]> | undefined };

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
const DATE_TIME_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$/i;

/**
 * Checks the parameters of `operation` against `specs`, in the order the OData layer and then the
 * platform would: unknown names, then types, then required values, then lengths. Returns the values
 * (GUIDs lower-cased, dates as UTC `…Z`); throws 400 ODataError on the first problem.
 * Names starting with `@` (OData annotations) are ignored.
 */
export function validateParameters<S extends ParameterSpecs>(operation: string, specs: S, given: OperationParameters): ValidatedParameters<S> {
  for (const name of Object.keys(given)) {
    if (!name.startsWith("@") && !Object.prototype.hasOwnProperty.call(specs, name)) {
      throw badRequest(`The parameter '${name}' in the request payload is not a valid parameter for the operation '${operation}'.`);
    }
  }
  const result: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(specs)) {
    const raw = given[name];
    const value = raw === undefined || raw === null ? undefined : convert(operation, name, spec.type, raw);
    result[name] = value;
  }
  for (const [name, spec] of Object.entries(specs)) {
    const value = result[name];
    const blank = typeof value === "string" && spec.nonEmpty === true && value.trim() === "";
    if (spec.required && (value === undefined || blank)) {
      throw new ODataError(400, ErrorCodes.RequiredFieldMissing, `Required parameter missing for the operation '${operation}': the ${name} parameter is required.`);
    }
  }
  for (const [name, spec] of Object.entries(specs)) {
    const value = result[name];
    if (spec.maxLength !== undefined && typeof value === "string" && value.length > spec.maxLength) {
      throw stringTooLong(spec.column ?? name.toLowerCase(), spec.maxLength);
    }
  }
  return result as ValidatedParameters<S>;
}

/** The 400 `0x80044331` Dataverse answers when a string exceeds its column's length. */
export function stringTooLong(column: string, maxLength: number): ODataError {
  return new ODataError(
    400,
    ErrorCodes.StringTooLong,
    `A validation error occurred. The length of the '${column}' attribute of the 'email' entity exceeded the maximum allowed length of '${maxLength}'.`,
  );
}

/** A 400 `0x80040203` (InvalidArgument) for a value of the right type that the operation cannot use. */
export function invalidArgument(message: string): ODataError {
  return new ODataError(400, ErrorCodes.InvalidArgument, message);
}

function convert(operation: string, name: string, type: ParameterType, raw: unknown): unknown {
  const wrong = (expected: string): ODataError =>
    badRequest(`The value given for the parameter '${name}' of the operation '${operation}' is not a valid ${expected}.`);
  switch (type) {
    case "string":
      if (typeof raw !== "string") throw wrong("Edm.String");
      return raw;
    case "int":
      if (typeof raw !== "number" || !Number.isInteger(raw) || raw < INT32_MIN || raw > INT32_MAX) throw wrong("Edm.Int32");
      return raw;
    case "bool":
      if (typeof raw !== "boolean") throw wrong("Edm.Boolean");
      return raw;
    case "guid":
      if (typeof raw !== "string" || !isGuid(raw)) throw wrong("Edm.Guid");
      return raw.toLowerCase();
    case "datetime": {
      if (typeof raw !== "string" || !DATE_TIME_OFFSET.test(raw.trim())) throw wrong("Edm.DateTimeOffset");
      const time = Date.parse(raw.trim());
      if (Number.isNaN(time)) throw wrong("Edm.DateTimeOffset");
      return new Date(time).toISOString().replace(/\.\d{3}Z$/, "Z");
    }
    case "entity":
      if (!isObject(raw)) throw wrong("entity (a JSON object)");
      return raw;
    case "entityCollection":
      if (!Array.isArray(raw) || !raw.every(isObject)) throw wrong("collection of entities (a JSON array of objects)");
      return raw;
    case "stringCollection":
      if (!Array.isArray(raw) || !raw.every((item): item is string => typeof item === "string")) throw wrong("Collection(Edm.String)");
      return raw;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
