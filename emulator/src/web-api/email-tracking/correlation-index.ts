import type { StoredRecord } from "../../model/types";
import type { Store } from "../../store/store";

// Correlation looks emails up by normalized subject and by tracking token. Neither has a database
// index, and scanning every email on each delivery makes tracking O(n). This module keeps, per
// store and org, an in-memory map from those keys to email ids. It is a cache, never the truth:
// - it is caught up whenever anything else wrote through the same connection (SQLite's
//   total_changes(): table writes of other modules, identity, a reset), by reading the emails with a
//   newer row version (so a changed subject or token moves the email to its new key), and rebuilt
//   when another connection wrote (PRAGMA data_version);
// - deleted emails are not noticed here: callers read the row they pick and skip it when it is gone.

/** Computes the keys an email is found by; undefined for none. */
export interface KeyFunctions {
  subjectKey(subject: string): string | undefined;
  tokenKey(token: string): string | undefined;
}

/** An email the index knows, at the row version it last saw. */
export interface IndexedEmail {
  id: string;
  version: number;
}

interface Known {
  version: number;
  subjectKey: string | undefined;
  tokenKey: string | undefined;
}

interface OrgIndex {
  /** The key functions' identity (the org's tracking prefix): another one means a rebuild. */
  flavour: string;
  /** key → email ids in the order they were seen (repeats possible); `known` says which are current. */
  bySubject: Map<string, string[]>;
  byToken: Map<string, string[]>;
  known: Map<string, Known>;
  watermark: number;
  changes: number;
  dataVersion: number;
}

interface Probes {
  totalChanges(): number;
  dataVersion(): number;
  newerEmails(org: string, version: number): StoredRecord[];
}

type ParticipantMemo = { version: number; addresses: ReadonlySet<string> };

const indexes = new WeakMap<Store, Map<string, OrgIndex>>();
const probes = new WeakMap<Store, Probes>();
const participantMemos = new WeakMap<Store, Map<string, Map<string, ParticipantMemo>>>();

/** Brings the org's index up to date (see above). */
export function refreshIndex(store: Store, org: string, flavour: string, keys: KeyFunctions): void {
  current(store, org, flavour, keys);
}

/** Returns up to `limit` emails whose subject has this key, most recently written first (rows may since be deleted). */
export function subjectCandidates(store: Store, org: string, flavour: string, keys: KeyFunctions, subjectKey: string, limit: number): IndexedEmail[] {
  const index = current(store, org, flavour, keys);
  return newest(index, index.bySubject.get(subjectKey), (known) => known.subjectKey === subjectKey, limit);
}

/** Returns up to `limit` emails whose tracking token has this key, most recently written first (rows may since be deleted). */
export function tokenCandidates(store: Store, org: string, flavour: string, keys: KeyFunctions, tokenKey: string, limit: number): IndexedEmail[] {
  const index = current(store, org, flavour, keys);
  return newest(index, index.byToken.get(tokenKey), (known) => known.tokenKey === tokenKey, limit);
}

/**
 * Adds an email this process just stored with `rowsWritten` inserts (the email and its parties, whose
 * addresses are `participants`), so that the next lookup needs no catch-up and no read. Does nothing
 * unless those inserts are the only writes since the index was last brought up to date (then the next
 * lookup catches up instead). Never throws.
 */
export function noteEmailStored(
  store: Store,
  org: string,
  flavour: string,
  keys: KeyFunctions,
  email: StoredRecord,
  rowsWritten: number,
  participants: readonly string[],
): void {
  nested(participantMemos, store, org).set(email.id, { version: email.version, addresses: normalizedSet(participants) });
  const index = indexes.get(store)?.get(org);
  if (!index || index.flavour !== flavour) return;
  const probe = probesOf(store);
  if (probe.dataVersion() !== index.dataVersion || probe.totalChanges() !== index.changes + rowsWritten) return;
  add(index, keys, email);
  index.changes += rowsWritten;
}

/**
 * Returns the lower-cased addresses of an email's sender and activity parties, remembered per row
 * version (parties change only through their email, which gives it a new version), or undefined
 * when the email no longer exists.
 */
export function participantsOf(store: Store, org: string, email: IndexedEmail): ReadonlySet<string> | undefined {
  const memos = nested(participantMemos, store, org);
  const memo = memos.get(email.id);
  if (memo && memo.version === email.version) return memo.addresses;
  const row = store.get(org, "email", email.id);
  if (!row) {
    memos.delete(email.id);
    return undefined;
  }
  const found = [row.data.sender, ...store.children(org, "activityparty", email.id).map((party) => party.data.addressused)];
  const addresses = normalizedSet(found.filter((a): a is string => typeof a === "string"));
  memos.set(email.id, { version: row.version, addresses });
  return addresses;
}

function normalizedSet(addresses: readonly string[]): ReadonlySet<string> {
  const set = new Set(addresses.map((a) => a.trim().toLowerCase()));
  set.delete("");
  return set;
}

function current(store: Store, org: string, flavour: string, keys: KeyFunctions): OrgIndex {
  const probe = probesOf(store);
  const byOrg = indexes.get(store) ?? new Map<string, OrgIndex>();
  indexes.set(store, byOrg);
  let index = byOrg.get(org);
  const dataVersion = probe.dataVersion();
  if (!index || index.flavour !== flavour || index.dataVersion !== dataVersion) {
    index = { flavour, bySubject: new Map(), byToken: new Map(), known: new Map(), watermark: 0, changes: -1, dataVersion };
    byOrg.set(org, index);
  }
  const changes = probe.totalChanges();
  if (index.changes !== changes) {
    for (const email of probe.newerEmails(org, index.watermark)) add(index, keys, email);
    index.changes = changes;
  }
  return index;
}

function add(index: OrgIndex, keys: KeyFunctions, email: StoredRecord): void {
  const { subject, trackingtoken } = email.data;
  const known: Known = {
    version: email.version,
    subjectKey: typeof subject === "string" ? keys.subjectKey(subject) : undefined,
    tokenKey: typeof trackingtoken === "string" ? keys.tokenKey(trackingtoken) : undefined,
  };
  index.known.set(email.id, known);
  if (known.subjectKey !== undefined) append(index.bySubject, known.subjectKey, email.id);
  if (known.tokenKey !== undefined) append(index.byToken, known.tokenKey, email.id);
  index.watermark = Math.max(index.watermark, email.version);
}

function append(map: Map<string, string[]>, key: string, id: string): void {
  const ids = map.get(key);
  if (ids) ids.push(id);
  else map.set(key, [id]);
}

function newest(index: OrgIndex, ids: readonly string[] | undefined, isCurrent: (known: Known) => boolean, limit: number): IndexedEmail[] {
  const seen = new Set<string>();
  const found: IndexedEmail[] = [];
  for (let i = (ids?.length ?? 0) - 1; i >= 0 && found.length < limit; i--) {
    const id = (ids as readonly string[])[i] as string;
    if (seen.has(id)) continue;
    seen.add(id);
    const known = index.known.get(id);
    if (known && isCurrent(known)) found.push({ id, version: known.version });
  }
  return found;
}

function nested<V>(map: WeakMap<Store, Map<string, Map<string, V>>>, store: Store, org: string): Map<string, V> {
  let byOrg = map.get(store);
  if (!byOrg) {
    byOrg = new Map();
    map.set(store, byOrg);
  }
  let inner = byOrg.get(org);
  if (!inner) {
    inner = new Map();
    byOrg.set(org, inner);
  }
  return inner;
}

function probesOf(store: Store): Probes {
  let probe = probes.get(store);
  if (!probe) {
    const totalChanges = store.prepare<[], { n: number }>("SELECT total_changes() AS n");
    const dataVersion = store.prepare<[], { data_version: number }>("PRAGMA data_version");
    // Reads the store's `records` table directly (see store/migrations.ts), in write order.
    const newer = store.prepare<[string, number], { id: string; version: number; data: string }>(
      "SELECT id, version, data FROM records WHERE org = ? AND tbl = 'email' AND version > ? ORDER BY version",
    );
    probe = {
      totalChanges: () => totalChanges.get()?.n ?? 0,
      dataVersion: () => dataVersion.get()?.data_version ?? 0,
      newerEmails: (org, version) =>
        newer.all(org, version).map((row) => ({ id: row.id, version: row.version, data: JSON.parse(row.data) as Record<string, unknown> })),
    };
    probes.set(store, probe);
  }
  return probe;
}
