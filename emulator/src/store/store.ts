import Database from "better-sqlite3";
import { MIGRATIONS } from "./migrations";
import type { StoredRecord } from "../model/types";

/** Columns of the tables that hold addresses used to resolve senders and recipients. */
const ADDRESS_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  systemuser: ["internalemailaddress"],
  contact: ["emailaddress1", "emailaddress2", "emailaddress3"],
  account: ["emailaddress1", "emailaddress2", "emailaddress3"],
  lead: ["emailaddress1", "emailaddress2", "emailaddress3"],
};

/** A match of an email address against a row of an email-enabled table. */
export interface AddressMatch {
  table: string;
  id: string;
}

/** Rows of a parent (an email's parties). SQLite's planner prefers the primary key (org, tbl) without the hint. */
export const CHILDREN_SQL = "SELECT id, version, data FROM records INDEXED BY records_by_parent WHERE org = ? AND tbl = ? AND parent = ?";

interface RecordRow {
  id: string;
  version: number;
  data: string;
}

/**
 * The emulator's database: one SQLite file in WAL mode with `synchronous=FULL`, so a write that
 * was answered survives a crash of the process or the machine. Every method is synchronous;
 * `transaction` makes a group of them atomic (used by change sets and duplicate detection).
 *
 * Group commit: `grouped` runs a request's work inside a transaction shared by every request of
 * the same event-loop turn, committed once at the end of the turn; each request resolves only
 * after that commit is on disk. One fsync then serves many concurrent requests, and a write is
 * still acknowledged only when it is durable.
 */
export class Store {
  private readonly db: Database.Database;
  private lastVersion: number;
  private readonly statements;
  private group: { waiters: Array<() => void>; failures: Array<(error: unknown) => void> } | undefined;

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = FULL");
    this.db.pragma("foreign_keys = ON");
    this.db.pragma("busy_timeout = 5000");
    this.migrate();
    this.statements = {
      get: this.db.prepare<[string, string, string], RecordRow>(
        "SELECT id, version, data FROM records WHERE org = ? AND tbl = ? AND id = ?",
      ),
      list: this.db.prepare<[string, string], RecordRow>(
        "SELECT id, version, data FROM records WHERE org = ? AND tbl = ?",
      ),
      children: this.db.prepare<[string, string, string], RecordRow>(CHILDREN_SQL),
      byMessageId: this.db.prepare<[string, string], RecordRow>(
        "SELECT id, version, data FROM records WHERE org = ? AND messageid = ?",
      ),
      insert: this.db.prepare(
        "INSERT INTO records (org, tbl, id, version, parent, messageid, data) VALUES (?, ?, ?, ?, ?, ?, ?)",
      ),
      update: this.db.prepare(
        "UPDATE records SET version = ?, parent = ?, messageid = ?, data = ? WHERE org = ? AND tbl = ? AND id = ?",
      ),
      remove: this.db.prepare("DELETE FROM records WHERE org = ? AND tbl = ? AND id = ?"),
      removeChildren: this.db.prepare("DELETE FROM records INDEXED BY records_by_parent WHERE org = ? AND tbl = ? AND parent = ?"),
      addAddress: this.db.prepare("INSERT OR IGNORE INTO addresses (org, address, tbl, id) VALUES (?, ?, ?, ?)"),
      removeAddresses: this.db.prepare("DELETE FROM addresses WHERE org = ? AND tbl = ? AND id = ?"),
      findAddress: this.db.prepare<[string, string], AddressMatch>(
        "SELECT tbl AS 'table', id FROM addresses WHERE org = ? AND address = ?",
      ),
      maxVersion: this.db.prepare<[], { v: number | null }>("SELECT MAX(version) AS v FROM records"),
    };
    this.lastVersion = this.statements.maxVersion.get()?.v ?? 1000;
  }

  /** Runs `fn` in one transaction (nested calls become savepoints); rolls back when it throws. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  /**
   * Runs `fn` now, inside this turn's group transaction (its own savepoint: if it throws, only its
   * writes are undone and the promise rejects at once). Resolves with its result once the group
   * is committed to disk; rejects if the commit fails.
   */
  grouped<T>(fn: () => T): Promise<T> {
    const group = this.openGroup();
    let result: T;
    try {
      result = this.db.transaction(fn)();
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise<T>((resolve, reject) => {
      group.waiters.push(() => resolve(result));
      group.failures.push(reject);
    });
  }

  private openGroup(): NonNullable<Store["group"]> {
    if (this.group) return this.group;
    this.db.exec("BEGIN IMMEDIATE");
    const group = { waiters: [] as Array<() => void>, failures: [] as Array<(error: unknown) => void> };
    this.group = group;
    setImmediate(() => this.commitGroup());
    return group;
  }

  private commitGroup(): void {
    const group = this.group;
    if (!group) return;
    this.group = undefined;
    try {
      this.db.exec("COMMIT");
    } catch (error) {
      if (this.db.inTransaction) this.db.exec("ROLLBACK");
      for (const fail of group.failures) fail(error);
      return;
    }
    for (const done of group.waiters) done();
  }

  /** Returns the row, or undefined when there is none. */
  get(org: string, tableName: string, id: string): StoredRecord | undefined {
    const row = this.statements.get.get(org, tableName, id);
    return row && toRecord(row);
  }

  /** Returns every row of a table of an org (queries filter and page them). */
  list(org: string, tableName: string): StoredRecord[] {
    return this.statements.list.all(org, tableName).map(toRecord);
  }

  /** Returns the rows of `tableName` whose parent (e.g. an activity party's activity) is `parentId`. */
  children(org: string, tableName: string, parentId: string): StoredRecord[] {
    return this.statements.children.all(org, tableName, parentId).map(toRecord);
  }

  /** Returns the email with this RFC 5322 message id, or undefined. */
  findEmailByMessageId(org: string, messageId: string): StoredRecord | undefined {
    const row = this.statements.byMessageId.get(org, messageId);
    return row && toRecord(row);
  }

  /** Returns every row whose email address column equals `address` (case-insensitive). */
  findByAddress(org: string, address: string): AddressMatch[] {
    return this.statements.findAddress.all(org, normalizeAddress(address));
  }

  /** Inserts a row and returns it with its new version. Throws on a duplicate id or message id. */
  insert(org: string, tableName: string, id: string, data: Record<string, unknown>, parent?: string): StoredRecord {
    const version = this.nextVersion();
    const stored = { ...data, versionnumber: version };
    this.statements.insert.run(org, tableName, id, version, parent ?? null, messageIdOf(tableName, stored), JSON.stringify(stored));
    this.indexAddresses(org, tableName, id, stored);
    return { id, data: stored, version };
  }

  /** Replaces a row's values and returns it with its new version. */
  update(org: string, tableName: string, id: string, data: Record<string, unknown>, parent?: string): StoredRecord {
    const version = this.nextVersion();
    const stored = { ...data, versionnumber: version };
    this.statements.update.run(version, parent ?? null, messageIdOf(tableName, stored), JSON.stringify(stored), org, tableName, id);
    this.statements.removeAddresses.run(org, tableName, id);
    this.indexAddresses(org, tableName, id, stored);
    return { id, data: stored, version };
  }

  /** Deletes a row; returns whether it existed. */
  remove(org: string, tableName: string, id: string): boolean {
    this.statements.removeAddresses.run(org, tableName, id);
    return this.statements.remove.run(org, tableName, id).changes > 0;
  }

  /** Deletes the rows of `tableName` that belong to `parentId`. */
  removeChildren(org: string, tableName: string, parentId: string): void {
    this.statements.removeChildren.run(org, tableName, parentId);
  }

  /** Deletes every row of every org (used before loading the seed again). */
  clearRecords(): void {
    this.db.exec("DELETE FROM records; DELETE FROM addresses; DELETE FROM auth_codes; DELETE FROM refresh_tokens;");
  }

  /** Reads a value of the emulator's own bookkeeping (e.g. the seed's fingerprint). */
  getMeta(key: string): string | undefined {
    const row = this.db.prepare<[string], { value: string }>("SELECT value FROM meta WHERE key = ?").get(key);
    return row?.value;
  }

  setMeta(key: string, value: string): void {
    this.db.prepare("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(key, value);
  }

  /** The query plan SQLite chose for a statement (tests use it to prove an index is used). */
  explain(sql: string, ...params: unknown[]): string[] {
    return this.db
      .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
      .all(...params)
      .map((row) => row.detail);
  }

  /** Gives modules with tables of their own (identity) a prepared statement. */
  prepare<P extends unknown[] = unknown[], R = unknown>(sql: string): Database.Statement<P, R> {
    return this.db.prepare<P, R>(sql);
  }

  close(): void {
    this.commitGroup();
    this.db.close();
  }

  private nextVersion(): number {
    this.lastVersion += 1;
    return this.lastVersion;
  }

  private indexAddresses(org: string, tableName: string, id: string, data: Record<string, unknown>): void {
    for (const column of ADDRESS_COLUMNS[tableName] ?? []) {
      const value = data[column];
      if (typeof value === "string" && value.trim() !== "") {
        this.statements.addAddress.run(org, normalizeAddress(value), tableName, id);
      }
    }
  }

  private migrate(): void {
    const current = this.db.pragma("user_version", { simple: true }) as number;
    for (let index = current; index < MIGRATIONS.length; index++) {
      this.db.transaction(() => {
        this.db.exec(MIGRATIONS[index] as string);
        this.db.pragma(`user_version = ${index + 1}`);
      })();
    }
  }
}

/** Addresses compare case-insensitively and without surrounding spaces. */
export function normalizeAddress(address: string): string {
  return address.trim().toLowerCase();
}

function messageIdOf(tableName: string, data: Record<string, unknown>): string | null {
  return tableName === "email" && typeof data.messageid === "string" && data.messageid !== "" ? data.messageid : null;
}

function toRecord(row: RecordRow): StoredRecord {
  return { id: row.id, version: row.version, data: JSON.parse(row.data) as Record<string, unknown> };
}
