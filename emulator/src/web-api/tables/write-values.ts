import { ErrorCodes, type ODataError, badRequest } from "../../http/odata-error";
import { EDM_TYPE } from "../../model/edm";
import { table } from "../../model/tables";
import type { Column, ColumnType, TableDefinition } from "../../model/types";
import { isGuid } from "../../seed/ids";
import { findCollectionNavigation, findSingleNavigation, parseEntityReference, type EntityReference } from "./navigation";
import { propertiesOf, unknownProperty } from "./properties";

/** A lookup the body sets (`<nav>@odata.bind`) or clears (`null`). */
export interface LookupChange {
  column: string;
  navigation: string;
  /** The bound row; undefined when the body clears the lookup. */
  reference?: EntityReference;
}

/** One activity party of a deep insert into `email_activity_parties`. */
export interface PartyInput {
  id?: string;
  participationtypemask: number;
  addressused?: string;
  /** The resolved party (`partyid_<table>@odata.bind`); undefined for an unresolved address. */
  party?: EntityReference;
}

/** A validated request body: what to store, nothing written yet. */
export interface WritePlan {
  /** The primary key given in the body, lower-cased. */
  id?: string;
  /** Column values (not lookups), converted to their stored form; null clears a column. */
  values: Record<string, unknown>;
  lookups: LookupChange[];
  /** The email's parties when the body carries `email_activity_parties` (they replace the existing ones). */
  parties?: PartyInput[];
}

/** How strict `parseWriteBody` is. */
export interface ParseWriteOptions {
  /** Accept values for read-only columns (server-side writers such as email delivery); by default they are ignored. */
  allowReadOnly?: boolean;
}

/** Email parties use these participation types (spec §3.3): 1 from, 2 to, 3 cc, 4 bcc. */
const EMAIL_PARTICIPATION_TYPES: ReadonlySet<number> = new Set([1, 2, 3, 4]);

const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

function literalText(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

function cannotConvert(value: unknown, type: ColumnType): ODataError {
  return badRequest(`Cannot convert the literal '${literalText(value)}' to the expected type '${EDM_TYPE[type]}'.`);
}

/**
 * Returns a JSON value converted to how the column stores it (GUIDs lower-case, datetimes as UTC
 * `…Z` without milliseconds); throws 400 0x0 for a value of the wrong JSON type and 400 0x80044331
 * for a string longer than the column allows.
 */
export function convertColumnValue(def: TableDefinition, column: string, spec: Column, value: unknown): unknown {
  if (value === null) return null;
  switch (spec.type) {
    case "string":
    case "memo":
      if (typeof value !== "string") throw cannotConvert(value, spec.type);
      if (spec.maxLength !== undefined && value.length > spec.maxLength) {
        throw badRequest(
          `A validation error occurred. The length of the '${column}' attribute of the '${def.logicalName}' entity exceeded the maximum allowed length of '${spec.maxLength}'.`,
          ErrorCodes.StringTooLong,
        );
      }
      return value;
    case "guid":
    case "lookup":
      if (typeof value !== "string" || !isGuid(value)) throw cannotConvert(value, spec.type);
      return value.toLowerCase();
    case "int":
      if (typeof value !== "number" || !Number.isInteger(value) || value < -2147483648 || value > 2147483647) throw cannotConvert(value, spec.type);
      return value;
    case "bigint":
      if (typeof value === "number" && Number.isSafeInteger(value)) return value;
      if (typeof value === "string" && /^-?\d{1,18}$/.test(value)) return Number(value);
      throw cannotConvert(value, spec.type);
    case "decimal":
      if (typeof value !== "number" || !Number.isFinite(value)) throw cannotConvert(value, spec.type);
      return value;
    case "bool":
      if (typeof value !== "boolean") throw cannotConvert(value, spec.type);
      return value;
    case "datetime": {
      if (typeof value !== "string" || !ISO_DATETIME.test(value)) throw cannotConvert(value, spec.type);
      const ms = Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
      if (Number.isNaN(ms)) throw cannotConvert(value, spec.type);
      return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
    }
  }
}

function undeclaredNavigation(name: string): ODataError {
  return badRequest(
    `An undeclared property '${name}' which only has property annotations in the payload but no property value was found in the payload. In OData, only declared navigation properties and declared named streams can be represented as properties without values.`,
    "0x80048d19",
  );
}

function parseBind(def: TableDefinition, navName: string, value: unknown): LookupChange {
  const nav = findSingleNavigation(def, navName);
  if (!nav) {
    if (findCollectionNavigation(def, navName)) {
      throw badRequest(`Binding existing rows to the collection-valued navigation property '${navName}' is not supported; create them in the body instead.`);
    }
    throw undeclaredNavigation(navName);
  }
  if (value === null) return { column: nav.column, navigation: nav.name };
  if (typeof value !== "string") throw badRequest(`The value of '${navName}@odata.bind' must be a string such as '/contacts(<id>)', or null.`);
  const reference = parseEntityReference(value, `${navName}@odata.bind`);
  if (!nav.targets.includes(reference.table.logicalName)) {
    throw badRequest(
      `The navigation property '${navName}' of 'Microsoft.Dynamics.CRM.${def.logicalName}' cannot point at a row of '${reference.table.entitySet}'; it expects ${nav.targets.map((t) => `'${t}'`).join(" or ")}.`,
    );
  }
  return { column: nav.column, navigation: nav.name, reference };
}

function checkODataType(def: TableDefinition, value: unknown): void {
  const name = typeof value === "string" ? value.replace(/^#/, "") : "";
  if (name !== `Microsoft.Dynamics.CRM.${def.logicalName}`) {
    throw badRequest(`A type named '${literalText(value)}' could not be resolved by the model; this payload is for 'Microsoft.Dynamics.CRM.${def.logicalName}'.`);
  }
}

function participationTypeError(value: unknown): ODataError {
  return badRequest(
    `The participationtypemask '${value === undefined ? "(missing)" : literalText(value)}' is not valid for a party of an email; use 1 (Sender), 2 (To), 3 (Cc) or 4 (Bcc).`,
    ErrorCodes.ParticipationTypeMaskNotFound,
  );
}

function parseParty(value: unknown, index: number): PartyInput {
  const def = table("activityparty");
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw badRequest(`Each item of 'email_activity_parties' must be a JSON object (item ${index} is not).`);
  }
  const party: Partial<PartyInput> = {};
  let mask: unknown;
  for (const [key, raw] of Object.entries(value as Record<string, unknown>)) {
    if (key === "@odata.type") {
      checkODataType(def, raw);
      continue;
    }
    const at = key.indexOf("@");
    if (at > 0) {
      const nav = key.slice(0, at);
      if (key.slice(at + 1) !== "odata.bind") continue;
      if (!nav.startsWith("partyid_")) throw undeclaredNavigation(nav);
      const change = parseBind(def, nav, raw);
      if (change.reference) party.party = change.reference;
      continue;
    }
    if (key.startsWith("@")) continue;
    if (key === "participationtypemask") mask = raw;
    else if (key === "addressused") {
      const converted = convertColumnValue(def, key, def.columns.addressused as Column, raw);
      if (typeof converted === "string" && converted.trim() !== "") party.addressused = converted.trim();
    } else if (key === "activitypartyid") party.id = convertColumnValue(def, key, def.columns.activitypartyid as Column, raw) as string;
    else if (key in def.columns && def.columns[key]?.readOnly) continue;
    else throw unknownProperty(def, key);
  }
  if (typeof mask !== "number" || !EMAIL_PARTICIPATION_TYPES.has(mask)) throw participationTypeError(mask);
  if (!party.party && party.addressused === undefined) {
    throw badRequest(`Activity party ${index} of 'email_activity_parties' names neither a party (partyid_<table>@odata.bind) nor an address (addressused).`);
  }
  return { ...party, participationtypemask: mask };
}

function parseParties(def: TableDefinition, navName: string, value: unknown): PartyInput[] {
  const nav = findCollectionNavigation(def, navName);
  if (!nav || nav.table !== "activityparty") throw badRequest(`Deep insert into '${navName}' is not supported.`);
  if (!Array.isArray(value)) throw badRequest(`The value of '${navName}' must be a JSON array of activity parties.`);
  const parties = value.map((item, index) => parseParty(item, index));
  if (parties.filter((p) => p.participationtypemask === 1).length > 1) {
    throw badRequest("An email has at most one sender (participationtypemask 1).", ErrorCodes.InvalidArgument);
  }
  return parties;
}

/**
 * Validates a POST/PATCH body against the table's columns and returns what to write. Throws 400:
 * 0x0 for an unknown property, a `_x_value` property or a value of the wrong type; 0x80044331 for a
 * string too long; 0x80048d19 for a bind to an undeclared navigation property; 0x80094006 for a bad
 * participation type. Read-only columns are ignored, as Dataverse ignores attributes that are not
 * valid for create/update (unless `allowReadOnly`). Does not read the database.
 */
export function parseWriteBody(def: TableDefinition, body: Record<string, unknown>, options: ParseWriteOptions = {}): WritePlan {
  const plan: WritePlan = { values: {}, lookups: [] };
  const properties = propertiesOf(def);
  for (const [key, value] of Object.entries(body)) {
    if (key === "@odata.type") {
      checkODataType(def, value);
      continue;
    }
    if (key.startsWith("@")) continue;
    const at = key.indexOf("@");
    if (at > 0) {
      if (key.slice(at + 1) !== "odata.bind") continue;
      const change = parseBind(def, key.slice(0, at), value);
      if (def.columns[change.column]?.readOnly && !options.allowReadOnly) continue;
      if (plan.lookups.some((l) => l.column === change.column)) {
        throw badRequest(`The body sets the lookup '${change.column}' more than once.`);
      }
      plan.lookups.push(change);
      continue;
    }
    if (findCollectionNavigation(def, key)) {
      plan.parties = parseParties(def, key, value);
      continue;
    }
    if (findSingleNavigation(def, key)) {
      throw badRequest(`Deep insert through the single-valued navigation property '${key}' is not supported; use '${key}@odata.bind'.`);
    }
    const info = properties.get(key);
    if (!info) throw unknownProperty(def, key);
    if (info.spec.type === "lookup") {
      throw badRequest("CRM do not support direct update of Entity Reference properties, Use Navigation properties instead.");
    }
    if (key === def.primaryKey) {
      const id = convertColumnValue(def, key, info.spec, value);
      if (typeof id === "string") plan.id = id;
      continue;
    }
    if (info.spec.readOnly && !options.allowReadOnly) continue;
    plan.values[info.column] = convertColumnValue(def, info.column, info.spec, value);
  }
  return plan;
}
