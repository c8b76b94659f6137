import { table } from "../../model/tables";
import type { Security } from "../../security/access";
import type { Member, Org } from "../../seed/directory";
import type { Store } from "../../store/store";

/** The email-enabled tables an address resolves to, in the order of spec §3.10. */
export const RESOLUTION_ORDER = ["systemuser", "contact", "account", "lead"] as const;

export type PartyTable = (typeof RESOLUTION_ORDER)[number];

/** A record an address resolved to. */
export interface PartyRecord {
  table: PartyTable;
  id: string;
  /** The owning systemuser of a user-owned record (undefined for systemusers). */
  ownerId: string | undefined;
}

/** What resolution reads: the org's rows and its security model. */
export interface ResolutionScope {
  store: Store;
  org: Org;
  security: Security;
}

interface Candidate extends PartyRecord {
  createdOn: string;
}

/**
 * Returns the active records whose address column equals `address` (case-insensitive) that `viewer`
 * may read, in resolution order: systemuser → contact → account → lead, then oldest first.
 * Disabled users and inactive rows (statecode ≠ 0) never match. Never throws.
 */
export function matchAddress(scope: ResolutionScope, address: string, viewer: Member): PartyRecord[] {
  return candidates(scope, address, viewer).map(({ table: t, id, ownerId }) => ({ table: t, id, ownerId }));
}

/**
 * Resolves a sender to exactly one record (spec §3.10): a match owned by `viewer` wins, else the first
 * match in resolution order. Returns undefined when nothing matches.
 */
export function resolveSender(scope: ResolutionScope, address: string, viewer: Member): PartyRecord | undefined {
  const matches = matchAddress(scope, address, viewer);
  return matches.find((m) => m.ownerId === viewer.systemUserId) ?? matches[0];
}

/**
 * Resolves a To/Cc/Bcc address to every matching record, or to none when there are several and the
 * org asks for multiple matches to stay unresolved (`unresolveemailaddressifmultiplematch`).
 */
export function resolveRecipient(scope: ResolutionScope, address: string, viewer: Member, unresolveIfMultiple: boolean): PartyRecord[] {
  const matches = matchAddress(scope, address, viewer);
  return unresolveIfMultiple && matches.length > 1 ? [] : matches;
}

/** Returns the enabled members of the org whose primary email is `address` (no read check: they are the org's mailboxes). */
export function enabledUsersWithAddress(scope: ResolutionScope, address: string): Member[] {
  const users: Member[] = [];
  for (const match of scope.store.findByAddress(scope.org.urlName, address)) {
    if (match.table !== "systemuser") continue;
    const member = scope.org.members.get(match.id);
    const row = scope.store.get(scope.org.urlName, "systemuser", match.id);
    if (member && !member.disabled && row && row.data.isdisabled !== true) users.push(member);
  }
  return users;
}

function candidates(scope: ResolutionScope, address: string, viewer: Member): Candidate[] {
  if (address.trim() === "") return [];
  const found: Candidate[] = [];
  for (const match of scope.store.findByAddress(scope.org.urlName, address)) {
    if (!isPartyTable(match.table)) continue;
    const row = scope.store.get(scope.org.urlName, match.table, match.id);
    if (!row || !isActive(scope.org, match.table, match.id, row.data)) continue;
    if (!scope.security.canAccess(viewer, "Read", table(match.table), row.data)) continue;
    const owner = row.data._ownerid_value;
    found.push({
      table: match.table,
      id: match.id,
      ownerId: typeof owner === "string" ? owner : undefined,
      createdOn: typeof row.data.createdon === "string" ? row.data.createdon : "",
    });
  }
  return found.sort(
    (a, b) =>
      RESOLUTION_ORDER.indexOf(a.table) - RESOLUTION_ORDER.indexOf(b.table) ||
      a.createdOn.localeCompare(b.createdOn) ||
      a.id.localeCompare(b.id),
  );
}

function isActive(org: Org, tableName: PartyTable, id: string, data: Record<string, unknown>): boolean {
  if (tableName === "systemuser") {
    const member = org.members.get(id);
    return member !== undefined && !member.disabled && data.isdisabled !== true;
  }
  return data.statecode === undefined || data.statecode === null || data.statecode === 0;
}

function isPartyTable(name: string): name is PartyTable {
  return (RESOLUTION_ORDER as readonly string[]).includes(name);
}
