/**
 * Schema migrations, applied in order by the store when it opens a data file. Append only:
 * a migration that shipped is never edited, a change is a new entry.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: rows of every table, as JSON, with the few columns queries need indexed.
  `CREATE TABLE records (
     org TEXT NOT NULL,
     tbl TEXT NOT NULL,
     id TEXT NOT NULL,
     version INTEGER NOT NULL,
     parent TEXT,
     messageid TEXT,
     data TEXT NOT NULL,
     PRIMARY KEY (org, tbl, id)
   ) WITHOUT ROWID;
   CREATE INDEX records_parent ON records (org, tbl, parent) WHERE parent IS NOT NULL;
   CREATE UNIQUE INDEX records_messageid ON records (org, messageid) WHERE messageid IS NOT NULL;
   CREATE TABLE addresses (
     org TEXT NOT NULL,
     address TEXT NOT NULL,
     tbl TEXT NOT NULL,
     id TEXT NOT NULL,
     PRIMARY KEY (org, address, tbl, id)
   ) WITHOUT ROWID;
   CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);`,
  // 2: identity: authorization codes and refresh tokens (hashed), so sign-ins survive a restart.
  `CREATE TABLE auth_codes (
     code_hash TEXT PRIMARY KEY,
     data TEXT NOT NULL,
     expires_at INTEGER NOT NULL
   );
   CREATE TABLE refresh_tokens (
     token_hash TEXT PRIMARY KEY,
     family TEXT NOT NULL,
     data TEXT NOT NULL,
     expires_at INTEGER NOT NULL,
     used INTEGER NOT NULL DEFAULT 0
   );
   CREATE INDEX refresh_tokens_family ON refresh_tokens (family);`,
  // 3: the parent index as a full index: SQLite cannot use the partial one for `parent = ?`.
  `DROP INDEX records_parent;
   CREATE INDEX records_by_parent ON records (org, tbl, parent);`,
];
