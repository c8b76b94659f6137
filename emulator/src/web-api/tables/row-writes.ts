import { randomUUID } from "node:crypto";
import { ErrorCodes, ODataError, badRequest } from "../../http/odata-error";
import type { StoredRecord, TableDefinition } from "../../model/types";
import { composeNewRow, composeUpdatedRow, resolveReferences, type ComposedRow, type ResolvedReferences } from "./compose-row";
import { requireRowAccess, requireTablePrivilege } from "./row-access";
import { RowCache } from "./row-cache";
import type { TableScope } from "./scope";
import type { WritePlan } from "./write-values";

/** How `createRow`/`updateRow` treat the caller. */
export interface WriteRowOptions {
  /** Skip the privilege and record access checks (server-side writers that did their own, such as email delivery). */
  trusted?: boolean;
}

function requireAppendTo(scope: TableScope, cache: RowCache, plan: WritePlan, resolved: ResolvedReferences): void {
  for (const change of plan.lookups) {
    const target = resolved.lookups.get(change.column);
    if (!change.reference || !target || change.column === "ownerid") continue;
    requireRowAccess(scope, cache, "AppendTo", change.reference.table, target);
  }
}

function accessDenied(scope: TableScope, right: string, def: TableDefinition, id: string): ODataError {
  return new ODataError(
    403,
    ErrorCodes.AccessDenied,
    `Principal user (Id=${scope.member.systemUserId}, type=8) does not have ${right}Access right(s) for record with ID ${id} of entity ${def.logicalName}.`,
  );
}

/**
 * Checks a create: prvCreate; for another owner prvAssign and Create access to a row of that owner
 * (the depth must reach the owner's business unit); for each lookup set, prvAppend on the new row
 * and AppendTo access to the bound row. Throws 403 0x80040220 or 0x80048306.
 */
function authorizeCreate(scope: TableScope, cache: RowCache, def: TableDefinition, composed: ComposedRow, plan: WritePlan, resolved: ResolvedReferences): void {
  requireTablePrivilege(scope, "Create", def);
  const record: StoredRecord = { id: composed.id, data: composed.data, version: 0 };
  if (def.ownership === "user" && composed.data._ownerid_value !== scope.member.systemUserId) {
    requireTablePrivilege(scope, "Assign", def);
    if (!scope.security.canAccess(scope.member, "Create", def, composed.data)) throw accessDenied(scope, "Create", def, composed.id);
  }
  if (plan.lookups.some((l) => l.reference && l.column !== "ownerid")) {
    requireRowAccess(scope, cache, "Append", def, record);
    requireAppendTo(scope, cache, plan, resolved);
  }
}

/** Checks an update: Write access to the row; Assign access when the owner changes; Append/AppendTo when a lookup is set. Throws 403. */
function authorizeUpdate(scope: TableScope, cache: RowCache, def: TableDefinition, existing: StoredRecord, plan: WritePlan, resolved: ResolvedReferences): void {
  requireRowAccess(scope, cache, "Write", def, existing);
  const owner = plan.lookups.find((l) => l.column === "ownerid");
  if (owner?.reference && owner.reference.id !== existing.data._ownerid_value) requireRowAccess(scope, cache, "Assign", def, existing);
  const setting = plan.lookups.filter((l) => l.reference && l.column !== "ownerid" && existing.data[`_${l.column}_value`] !== l.reference.id);
  if (setting.length > 0) {
    requireRowAccess(scope, cache, "Append", def, existing);
    requireAppendTo(scope, cache, { ...plan, lookups: setting }, resolved);
  }
}

function duplicate(): ODataError {
  return new ODataError(412, ErrorCodes.DuplicateRecord, "A record with matching key values already exists.");
}

/** Throws 412 0x80040237 when another email already has this message id (the store keeps message ids unique). */
function checkMessageId(scope: TableScope, def: TableDefinition, composed: ComposedRow): void {
  const messageId = composed.data.messageid;
  if (def.logicalName !== "email" || typeof messageId !== "string" || messageId === "") return;
  const other = scope.ctx.store.findEmailByMessageId(scope.org.urlName, messageId);
  if (other && other.id !== composed.id) throw duplicate();
}

function isConstraintError(error: unknown): boolean {
  return typeof error === "object" && error !== null && String((error as { code?: unknown }).code ?? "").startsWith("SQLITE_CONSTRAINT");
}

/**
 * Writes a composed row (insert or update) and, when it carries parties, replaces the email's activity
 * parties, all in one transaction. Returns the stored row. Throws 412 0x80040237 on a duplicate id or message id.
 */
export function persistRow(scope: TableScope, def: TableDefinition, composed: ComposedRow, mode: "insert" | "update"): StoredRecord {
  const { store } = scope.ctx;
  const org = scope.org.urlName;
  checkMessageId(scope, def, composed);
  try {
    return store.transaction(() => {
      if (mode === "insert" && store.get(org, def.logicalName, composed.id)) throw duplicate();
      const stored = mode === "insert" ? store.insert(org, def.logicalName, composed.id, composed.data) : store.update(org, def.logicalName, composed.id, composed.data);
      if (composed.parties) {
        store.removeChildren(org, "activityparty", composed.id);
        for (const party of composed.parties) store.insert(org, "activityparty", party.id, party.data, composed.id);
      }
      return stored;
    });
  } catch (error) {
    if (isConstraintError(error)) throw duplicate();
    throw error;
  }
}

/**
 * Creates a row from a validated plan: reads the bound rows (404 when one is missing), composes the row
 * with its defaults, checks privileges and access (unless `trusted`) and writes it with its parties.
 * Returns the stored row; throws ODataError 400/403/404/412.
 */
export function createRow(scope: TableScope, def: TableDefinition, plan: WritePlan, options: WriteRowOptions = {}): StoredRecord {
  const cache = new RowCache(scope.ctx.store, scope.org.urlName);
  const id = plan.id ?? randomUUID();
  const resolved = resolveReferences(cache, plan);
  const composed = composeNewRow(scope, def, plan, id, resolved);
  if (!options.trusted) authorizeCreate(scope, cache, def, composed, plan, resolved);
  return persistRow(scope, def, composed, "insert");
}

/** Updates an existing row from a validated plan (checks as for create, with Write/Assign/Append access); returns the stored row. */
export function updateRow(scope: TableScope, def: TableDefinition, existing: StoredRecord, plan: WritePlan, options: WriteRowOptions = {}): StoredRecord {
  if (plan.id !== undefined && plan.id !== existing.id) {
    throw badRequest(`The key '${plan.id}' in the body does not match the key '${existing.id}' in the URL.`);
  }
  const cache = new RowCache(scope.ctx.store, scope.org.urlName);
  const resolved = resolveReferences(cache, plan);
  const composed = composeUpdatedRow(scope, def, existing, plan, resolved);
  if (!options.trusted) authorizeUpdate(scope, cache, def, existing, plan, resolved);
  return persistRow(scope, def, composed, "update");
}

/** Deletes a row and the rows that belong to it (an email's activity parties) in one transaction. Checks nothing. */
export function removeRow(scope: TableScope, def: TableDefinition, id: string): void {
  const { store } = scope.ctx;
  store.transaction(() => {
    store.removeChildren(scope.org.urlName, "activityparty", id);
    store.remove(scope.org.urlName, def.logicalName, id);
  });
}
