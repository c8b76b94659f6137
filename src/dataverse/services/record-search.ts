import type { RecordRef } from "../../core/ports";
import { queryString, stringLiteral } from "../odata-query";

/**
 * Finding records a tracked copy can be set regarding: contacts, accounts, leads and
 * opportunities by name or email, and the records whose email address is one of the message's.
 * Only active rows (statecode 0), only the columns shown, a few rows per table.
 */

/** A table that can be a regarding target, with the columns read from it. */
export interface RegardingTable {
  table: RecordRef["table"];
  entitySet: string;
  key: string;
  name: string;
  /** Email columns (none for opportunities). */
  emails: readonly string[];
}

/** The four tables a tracked copy can be set regarding, in the order results are listed. */
export const REGARDING_TABLES: readonly RegardingTable[] = [
  { table: "contact", entitySet: "contacts", key: "contactid", name: "fullname", emails: ["emailaddress1", "emailaddress2", "emailaddress3"] },
  { table: "account", entitySet: "accounts", key: "accountid", name: "name", emails: ["emailaddress1", "emailaddress2", "emailaddress3"] },
  { table: "lead", entitySet: "leads", key: "leadid", name: "fullname", emails: ["emailaddress1", "emailaddress2", "emailaddress3"] },
  { table: "opportunity", entitySet: "opportunities", key: "opportunityid", name: "name", emails: [] },
];

/** Rows per table of a search. */
export const SEARCH_TOP = 10;
/** The longest search text sent. */
export const MAX_SEARCH_TEXT = 100;
/** The most addresses one suggestion query carries. */
export const MAX_SUGGESTION_ADDRESSES = 50;

function select(table: RegardingTable): string {
  return [table.key, table.name, ...table.emails].join(",");
}

/** Returns the path of a name-or-email search in one table (text already trimmed and non-empty). */
export function searchPath(table: RegardingTable, text: string): string {
  const literal = stringLiteral(text.slice(0, MAX_SEARCH_TEXT));
  const columns = [table.name, ...table.emails.slice(0, 1)];
  const match = columns.map((c) => `contains(${c},${literal})`).join(" or ");
  return table.entitySet + queryString({ $select: select(table), $filter: `statecode eq 0 and (${match})`, $top: SEARCH_TOP });
}

/** Returns the path of the rows of one table whose email is one of the addresses (tables without email columns have none: undefined). */
export function byEmailPath(table: RegardingTable, addresses: readonly string[]): string | undefined {
  if (table.emails.length === 0 || addresses.length === 0) return undefined;
  const clauses = table.emails.flatMap((column) => addresses.map((a) => `${column} eq ${stringLiteral(a)}`));
  return table.entitySet + queryString({ $select: select(table), $filter: `statecode eq 0 and (${clauses.join(" or ")})`, $top: SEARCH_TOP * 5 });
}

/** Returns the distinct addresses (trimmed, lower case, non-empty), at most MAX_SUGGESTION_ADDRESSES. */
export function distinctAddresses(addresses: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const a of addresses) {
    const address = a.trim().toLowerCase();
    if (address && !seen.has(address)) seen.add(address);
  }
  return [...seen].slice(0, MAX_SUGGESTION_ADDRESSES);
}

/** Returns the RecordRef of a row read with `select(table)`, or undefined when it lacks an id; prefers the email that matched one of `addresses`. */
export function toRecordRef(table: RegardingTable, row: Readonly<Record<string, unknown>>, addresses: readonly string[] = []): RecordRef | undefined {
  const id = row[table.key];
  if (typeof id !== "string") return undefined;
  const name = row[table.name];
  const emails = table.emails.map((c) => row[c]).filter((v): v is string => typeof v === "string" && v !== "");
  const wanted = new Set(addresses.map((a) => a.toLowerCase()));
  const email = emails.find((e) => wanted.has(e.toLowerCase())) ?? emails[0];
  return { table: table.table, id, name: typeof name === "string" ? name : "", ...(email !== undefined ? { emailAddress: email } : {}) };
}

/** Returns the `@odata.bind` body that links an email to a record. */
export function regardingBody(record: RecordRef, recordId: string): Record<string, string> {
  return { [`regardingobjectid_${record.table}@odata.bind`]: `/${ENTITY_SETS[record.table]}(${recordId})` };
}

const ENTITY_SETS: Readonly<Record<RecordRef["table"], string>> = { contact: "contacts", account: "accounts", lead: "leads", opportunity: "opportunities" };
