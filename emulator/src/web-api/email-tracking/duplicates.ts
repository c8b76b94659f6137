import type { StoredRecord } from "../../model/types";
import type { Store } from "../../store/store";
import type { EmailPlan } from "./email-record";

/** The outcome of a delivery: the email's id, and whether this call created it. */
export interface StoredOnce {
  emailId: string;
  created: boolean;
}

const MAX_ATTEMPTS = 3;

/**
 * Stores the email `plan()` builds unless the org already has one with `messageId`, in which case
 * that email's id is returned and nothing is written (spec §3.9 [DESIGN] idempotent delivery).
 * The check and the inserts run in one transaction, so a message is stored once however many
 * deliveries race in this process. Across connections to the same file, a transaction overtaken
 * by another writer is run again, and the UNIQUE (org, messageid) index is the backstop.
 * `onStored` is told about a new email inside the transaction. Throws whatever else fails, with nothing written.
 */
export function storeOnce(
  store: Store,
  org: string,
  messageId: string,
  plan: () => EmailPlan,
  onStored?: (email: StoredRecord, plan: EmailPlan) => void,
): StoredOnce {
  for (let attempt = 1; ; attempt++) {
    try {
      return store.transaction(() => {
        const existing = store.findEmailByMessageId(org, messageId);
        if (existing) return { emailId: existing.id, created: false };
        const email = plan();
        const stored = store.insert(org, "email", email.id, email.data);
        for (const party of email.parties) store.insert(org, "activityparty", party.id, party.data, email.id);
        onStored?.(stored, email);
        return { emailId: email.id, created: true };
      });
    } catch (error) {
      if (isMessageIdConflict(error)) {
        const existing = store.findEmailByMessageId(org, messageId);
        if (existing) return { emailId: existing.id, created: false };
      }
      // Another connection to the same file wrote since this transaction began reading: look again.
      if (attempt < MAX_ATTEMPTS && isStaleSnapshot(error)) continue;
      throw error;
    }
  }
}

/** True when an error is SQLite refusing a second row with the same (org, messageid). */
export function isMessageIdConflict(error: unknown): boolean {
  const { code, message } = sqliteFailure(error);
  return code === "SQLITE_CONSTRAINT_UNIQUE" && message.includes("messageid");
}

function isStaleSnapshot(error: unknown): boolean {
  const { code } = sqliteFailure(error);
  return code === "SQLITE_BUSY_SNAPSHOT" || code === "SQLITE_BUSY";
}

// Duck-typed: SqliteError may come from another realm (jest's sandbox), where `instanceof Error` fails.
function sqliteFailure(error: unknown): { code: unknown; message: string } {
  if (typeof error !== "object" || error === null) return { code: undefined, message: "" };
  const { code, message } = error as { code?: unknown; message?: unknown };
  return { code, message: typeof message === "string" ? message : "" };
}
