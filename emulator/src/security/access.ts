import { ErrorCodes, ODataError } from "../http/odata-error";
import type { TableDefinition } from "../model/types";
import type { Depth } from "../seed/types";
import type { Member, Org } from "../seed/directory";

export type AccessRight = "Read" | "Write" | "Create" | "Delete" | "Append" | "AppendTo" | "Assign" | "Share";

export const ACCESS_RIGHTS: readonly AccessRight[] = ["Read", "Write", "Append", "AppendTo", "Create", "Delete", "Share", "Assign"];

const DEPTH_RANK: Readonly<Record<Depth, number>> = { Basic: 0, Local: 1, Deep: 2, Global: 3 };

/** The privilege that guards `right` on a table, e.g. Read on email → `prvReadActivity`. */
export function privilegeName(right: AccessRight, tableDef: TableDefinition): string {
  return `prv${right}${tableDef.privilegeEntity}`;
}

/** A stable id for a privilege name, the same in every org (Dataverse privilege ids are global too). */
export function privilegeIdOf(name: string): string {
  // Simple deterministic GUID from the name; only needs to be stable and unique per name.
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (const ch of name) {
    h1 = Math.imul(h1 ^ ch.charCodeAt(0), 16777619) >>> 0;
    h2 = Math.imul(h2 + ch.charCodeAt(0), 2246822519) >>> 0;
  }
  const hex = (h1.toString(16).padStart(8, "0") + h2.toString(16).padStart(8, "0")).repeat(2);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The security model of one org: a member's depth per privilege is the highest over their roles;
 * a row may be acted on when the member holds the privilege and the row is within its depth
 * (own rows at Basic, the member's business unit at Local, it and its children at Deep, all at Global).
 */
export class Security {
  constructor(private readonly org: Org) {}

  /** The member's depth for a privilege, or undefined when no role grants it. */
  depthOf(member: Member, privilege: string): Depth | undefined {
    let best: Depth | undefined;
    for (const roleId of member.roleIds) {
      const depth = this.org.roles.get(roleId)?.privileges.get(privilege);
      if (depth !== undefined && (best === undefined || DEPTH_RANK[depth] > DEPTH_RANK[best])) best = depth;
    }
    return best;
  }

  /** Returns the member's depth for the privilege; throws 403 `0x80040220` when they lack it. */
  requirePrivilege(member: Member, privilege: string, tableDef?: TableDefinition): Depth {
    const depth = this.depthOf(member, privilege);
    if (depth === undefined) {
      const entity = tableDef ? ` on OTC=${tableDef.objectTypeCode} for entity '${tableDef.logicalName}'` : "";
      throw new ODataError(
        403,
        ErrorCodes.PrivilegeDenied,
        `Principal user (Id=${member.systemUserId}, type=8, roleCount=${member.roleIds.length}), is missing ${privilege} privilege${entity}. The user does not hold the necessary privileges.`,
      );
    }
    return depth;
  }

  /** True when the member may exercise `right` on the row (privilege and depth both checked). */
  canAccess(member: Member, right: AccessRight, tableDef: TableDefinition, row: Record<string, unknown>): boolean {
    const depth = this.depthOf(member, privilegeName(right, tableDef));
    if (depth === undefined) return false;
    if (tableDef.ownership !== "user") return true;
    if (row._ownerid_value === member.systemUserId) return true;
    const owningBu = typeof row._owningbusinessunit_value === "string" ? row._owningbusinessunit_value : undefined;
    switch (depth) {
      case "Global":
        return true;
      case "Deep":
        return owningBu !== undefined && this.isWithin(owningBu, member.businessUnitId);
      case "Local":
        return owningBu === member.businessUnitId;
      case "Basic":
        return false;
    }
  }

  /** Throws 403 (`0x80040220` without the privilege, `0x80048306` when the row is out of reach). */
  requireAccess(member: Member, right: AccessRight, tableDef: TableDefinition, row: Record<string, unknown>, id: string): void {
    this.requirePrivilege(member, privilegeName(right, tableDef), tableDef);
    if (!this.canAccess(member, right, tableDef, row)) {
      throw new ODataError(
        403,
        ErrorCodes.AccessDenied,
        `Principal user (Id=${member.systemUserId}, type=8) does not have ${right}Access right(s) for record with ID ${id} of entity ${tableDef.logicalName}.`,
      );
    }
  }

  /** The rights the member holds on a row, as Dataverse's AccessRights flags string. */
  accessRights(member: Member, tableDef: TableDefinition, row: Record<string, unknown>): string {
    const held = ACCESS_RIGHTS.filter((right) => this.canAccess(member, right, tableDef, row));
    return held.length === 0 ? "None" : held.map((r) => `${r}Access`).join(", ");
  }

  /** True when `unitId` is `ancestorId` or one of its descendants. */
  isWithin(unitId: string, ancestorId: string): boolean {
    let current: string | undefined = unitId;
    for (let hops = 0; current !== undefined && hops < 64; hops++) {
      if (current === ancestorId) return true;
      current = this.org.businessUnits.get(current)?.parentId;
    }
    return false;
  }
}
