import { randomUUID } from "node:crypto";
import { ErrorCodes, badRequest, recordNotFound } from "../../http/odata-error";
import { setLookup, lookupTarget } from "../../model/record-values";
import type { StoredRecord, TableDefinition } from "../../model/types";
import type { Member } from "../../seed/directory";
import { choiceLabel, defaultStatusFor, validStatuses } from "./choice-labels";
import type { RowCache } from "./row-cache";
import type { TableScope } from "./scope";
import type { LookupChange, PartyInput, WritePlan } from "./write-values";

/** A row ready to be written, with the activity parties that replace the email's (undefined: keep them). */
export interface ComposedRow {
  id: string;
  data: Record<string, unknown>;
  parties?: { id: string; data: Record<string, unknown> }[];
}

/** The rows a plan binds to, read once. */
export interface ResolvedReferences {
  lookups: Map<string, StoredRecord>;
  parties: (StoredRecord | undefined)[];
}

/** Returns now as Dataverse writes dates (UTC, whole seconds), from the emulator's clock. */
export function timestamp(scope: TableScope): string {
  return new Date(scope.ctx.now()).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** Reads the rows a plan binds to; throws 404 0x80040217 "<table> With Id = <id> Does Not Exist" when one is missing. */
export function resolveReferences(cache: RowCache, plan: WritePlan): ResolvedReferences {
  const lookups = new Map<string, StoredRecord>();
  for (const change of plan.lookups) {
    if (!change.reference) continue;
    const { table: target, id } = change.reference;
    const row = cache.get(target.logicalName, id);
    if (!row) throw recordNotFound(target.logicalName, id);
    lookups.set(change.column, row);
  }
  const parties = (plan.parties ?? []).map((party) => {
    if (!party.party) return undefined;
    const row = cache.get(party.party.table.logicalName, party.party.id);
    if (!row) throw recordNotFound(party.party.table.logicalName, party.party.id);
    return row;
  });
  return { lookups, parties };
}

function ownerMember(scope: TableScope, id: string): Member {
  const member = scope.org.members.get(id);
  if (!member) throw recordNotFound("systemuser", id);
  return member;
}

function applyLookups(data: Record<string, unknown>, changes: readonly LookupChange[]): void {
  for (const change of changes) {
    if (change.column === "ownerid" && !change.reference) {
      throw badRequest("The owner of a record cannot be cleared; bind 'ownerid' to a user instead.", ErrorCodes.RequiredFieldMissing);
    }
    setLookup(data, change.column, change.reference?.table.logicalName ?? null, change.reference?.id ?? null);
  }
}

function applyOwner(scope: TableScope, def: TableDefinition, data: Record<string, unknown>): void {
  if (def.ownership !== "user") return;
  const owner = ownerMember(scope, data._ownerid_value as string);
  setLookup(data, "owninguser", "systemuser", owner.systemUserId);
  setLookup(data, "owningbusinessunit", "businessunit", owner.businessUnitId);
}

function applyFullName(def: TableDefinition, data: Record<string, unknown>): void {
  if (!("firstname" in def.columns && "lastname" in def.columns && "fullname" in def.columns)) return;
  data.fullname = [data.firstname, data.lastname].filter((v): v is string => typeof v === "string" && v.trim() !== "").join(" ");
}

function applyState(def: TableDefinition, data: Record<string, unknown>, plan: WritePlan, id: string): void {
  if (!("statecode" in def.columns)) return;
  if (typeof data.statecode !== "number") data.statecode = 0;
  if (plan.values.statecode !== undefined && plan.values.statuscode === undefined) data.statuscode = defaultStatusFor(def.logicalName, data.statecode as number) ?? null;
  if (typeof data.statuscode !== "number") data.statuscode = defaultStatusFor(def.logicalName, data.statecode as number) ?? 1;
  const state = data.statecode as number;
  const allowed = validStatuses(def.logicalName, state);
  if (!allowed) throw badRequest(`${state} is not a valid state code on ${def.logicalName} with Id ${id}.`, ErrorCodes.InvalidArgument);
  if (!allowed.includes(data.statuscode as number)) {
    const stateName = choiceLabel(def.logicalName, "statecode", state) ?? String(state);
    const entityName = def.logicalName.charAt(0).toUpperCase() + def.logicalName.slice(1);
    throw badRequest(`${String(data.statuscode)} is not a valid status code for state code ${entityName}State.${stateName} on ${def.logicalName} with Id ${id}.`, ErrorCodes.InvalidArgument);
  }
}

/** The address a party row is reached at (a user's primary email, a contact's/account's/lead's first address). */
function addressOf(row: StoredRecord | undefined): string | undefined {
  const value = row?.data.internalemailaddress ?? row?.data.emailaddress1;
  return typeof value === "string" && value !== "" ? value : undefined;
}

function composeParties(emailId: string, inputs: readonly PartyInput[], rows: readonly (StoredRecord | undefined)[]): NonNullable<ComposedRow["parties"]> {
  return inputs.map((input, index) => {
    const id = input.id ?? randomUUID();
    const data: Record<string, unknown> = {
      activitypartyid: id,
      participationtypemask: input.participationtypemask,
      addressused: input.addressused ?? addressOf(rows[index]) ?? null,
      ispartydeleted: false,
    };
    setLookup(data, "activityid", "email", emailId);
    setLookup(data, "partyid", input.party?.table.logicalName ?? null, input.party?.id ?? null);
    return { id, data };
  });
}

/** Keeps an email's `sender`, `torecipients` and `emailsender` in step with its parties, unless the body set them. */
function applyPartySummary(data: Record<string, unknown>, plan: WritePlan, parties: NonNullable<ComposedRow["parties"]>): void {
  const from = parties.find((p) => p.data.participationtypemask === 1);
  if (plan.values.sender === undefined) data.sender = from?.data.addressused ?? null;
  if (plan.values.torecipients === undefined) {
    const to = parties.filter((p) => p.data.participationtypemask === 2).map((p) => p.data.addressused).filter((a): a is string => typeof a === "string");
    data.torecipients = to.length === 0 ? null : to.join(";").slice(0, 500);
  }
  const fromType = from ? lookupTarget(from.data, "partyid") : undefined;
  setLookup(data, "emailsender", fromType ?? null, fromType ? (from?.data._partyid_value as string) : null);
}

/**
 * Returns the row a create writes: the plan's values over Dataverse's defaults (owner = caller unless
 * bound, owning user and business unit from the owner, audit columns, state 0 with its default status,
 * email direction/type/priority, a contact's or lead's full name) and its activity parties. Throws 400
 * for an invalid state/status pair.
 */
export function composeNewRow(scope: TableScope, def: TableDefinition, plan: WritePlan, id: string, resolved?: ResolvedReferences): ComposedRow {
  const now = timestamp(scope);
  const data: Record<string, unknown> = { ...plan.values, [def.primaryKey]: id };
  if (def.ownership === "user") setLookup(data, "ownerid", "systemuser", scope.member.systemUserId);
  applyLookups(data, plan.lookups);
  applyOwner(scope, def, data);
  data.createdon = now;
  data.modifiedon = now;
  setLookup(data, "createdby", "systemuser", scope.member.systemUserId);
  setLookup(data, "modifiedby", "systemuser", scope.member.systemUserId);
  if (def.logicalName === "email") {
    data.directioncode ??= true;
    data.activitytypecode = "email";
    data.prioritycode ??= 1;
    data.attachmentcount ??= 0;
  }
  applyState(def, data, plan, id);
  applyFullName(def, data);
  const composed: ComposedRow = { id, data };
  if (plan.parties) {
    composed.parties = composeParties(id, plan.parties, resolved?.parties ?? []);
    applyPartySummary(data, plan, composed.parties);
  }
  return composed;
}

/** Returns the row an update writes: the existing values with the plan's over them, audit and derived columns refreshed. */
export function composeUpdatedRow(scope: TableScope, def: TableDefinition, existing: StoredRecord, plan: WritePlan, resolved?: ResolvedReferences): ComposedRow {
  const data: Record<string, unknown> = { ...existing.data, ...plan.values };
  delete data.versionnumber;
  applyLookups(data, plan.lookups);
  if (plan.lookups.some((l) => l.column === "ownerid")) applyOwner(scope, def, data);
  data.modifiedon = timestamp(scope);
  setLookup(data, "modifiedby", "systemuser", scope.member.systemUserId);
  if (plan.values.statecode !== undefined || plan.values.statuscode !== undefined) applyState(def, data, plan, existing.id);
  if (plan.values.firstname !== undefined || plan.values.lastname !== undefined) applyFullName(def, data);
  const composed: ComposedRow = { id: existing.id, data };
  if (plan.parties) {
    composed.parties = composeParties(existing.id, plan.parties, resolved?.parties ?? []);
    applyPartySummary(data, plan, composed.parties);
  }
  return composed;
}
