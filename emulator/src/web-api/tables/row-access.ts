import { ErrorCodes, ODataError } from "../../http/odata-error";
import { table } from "../../model/tables";
import type { StoredRecord, TableDefinition } from "../../model/types";
import { privilegeName, type AccessRight } from "../../security/access";
import type { RowCache } from "./row-cache";
import type { TableScope } from "./scope";

/**
 * Record access beyond what `Security` knows about table ownership:
 * - activityparty rows have no owner; they are reachable exactly when their email is (Read → Read,
 *   any change → Write on the email);
 * - usersettings is organization-owned, but a row belongs to one user: the caller's own row needs the
 *   privilege at any depth, another user's row needs it at Global depth (the demo roles grant Basic,
 *   so a salesperson reads and changes only their own settings).
 */

/** The parent email of an activity party row, or undefined when it is gone. */
function parentEmail(cache: RowCache, party: StoredRecord): StoredRecord | undefined {
  const id = party.data._activityid_value;
  return typeof id === "string" ? cache.get("email", id) : undefined;
}

function partyRight(right: AccessRight): AccessRight {
  return right === "Read" ? "Read" : "Write";
}

/** True when the caller may exercise `right` on the row (privilege held and row within reach). Never throws. */
export function canAccessRow(scope: TableScope, cache: RowCache, right: AccessRight, def: TableDefinition, row: StoredRecord): boolean {
  const { security, member } = scope;
  if (def.logicalName === "activityparty") {
    const email = parentEmail(cache, row);
    return email !== undefined && security.canAccess(member, partyRight(right), table("email"), email.data);
  }
  if (def.logicalName === "usersettings" && row.id !== member.systemUserId) {
    return security.depthOf(member, privilegeName(right, def)) === "Global";
  }
  return security.canAccess(member, right, def, row.data);
}

/** Returns nothing when the caller may exercise `right` on the row; throws 403 0x80040220 (no privilege) or 0x80048306 (out of reach). */
export function requireRowAccess(scope: TableScope, cache: RowCache, right: AccessRight, def: TableDefinition, row: StoredRecord): void {
  const { security, member } = scope;
  if (def.logicalName === "activityparty") {
    const email = parentEmail(cache, row);
    if (email) {
      security.requireAccess(member, partyRight(right), table("email"), email.data, email.id);
      return;
    }
  }
  security.requirePrivilege(member, privilegeName(right, def), def);
  if (!canAccessRow(scope, cache, right, def, row)) {
    throw new ODataError(
      403,
      ErrorCodes.AccessDenied,
      `Principal user (Id=${member.systemUserId}, type=8) does not have ${right}Access right(s) for record with ID ${row.id} of entity ${def.logicalName}.`,
    );
  }
}

/** Returns nothing when the caller holds the privilege for `right` on the table at some depth; throws 403 0x80040220 otherwise. */
export function requireTablePrivilege(scope: TableScope, right: AccessRight, def: TableDefinition): void {
  scope.security.requirePrivilege(scope.member, privilegeName(right, def), def);
}
