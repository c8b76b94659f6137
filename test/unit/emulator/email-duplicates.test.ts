import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Store } from "../../../emulator/src/store/store";
import { isMessageIdConflict, storeOnce } from "../../../emulator/src/web-api/email-tracking/duplicates";
import type { EmailPlan } from "../../../emulator/src/web-api/email-tracking/email-record";

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "orgtrack-dup-"));
  file = path.join(dir, "data.sqlite");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const plan = (id: string, messageId: string): EmailPlan => ({
  id,
  data: { activityid: id, messageid: messageId },
  parties: [{ id: `${id}-p`, data: { activitypartyid: `${id}-p`, addressused: "a@b.example" } }],
});

test("stores an email and its parties once, then answers the stored id", () => {
  const store = new Store(file);
  try {
    expect(storeOnce(store, "o", "<m>", () => plan("e1", "<m>"))).toEqual({ emailId: "e1", created: true });
    expect(storeOnce(store, "o", "<m>", () => plan("e2", "<m>"))).toEqual({ emailId: "e1", created: false });
    expect(store.children("o", "activityparty", "e1")).toHaveLength(1);
    expect(store.get("o", "email", "e2")).toBeUndefined();
  } finally {
    store.close();
  }
});

test("writes nothing when building the rows fails", () => {
  const store = new Store(file);
  try {
    const failing = (): EmailPlan => {
      store.insert("o", "email", "half", { messageid: "<other>" });
      throw new Error("boom");
    };
    expect(() => storeOnce(store, "o", "<m>", failing)).toThrow("boom");
    expect(store.list("o", "email")).toEqual([]);
  } finally {
    store.close();
  }
});

test("when another connection stores the message mid-transaction, answers that email instead of a copy", () => {
  const store = new Store(file);
  const other = new Store(file);
  try {
    let attempts = 0;
    const racing = (): EmailPlan => {
      attempts++;
      if (attempts === 1) other.insert("o", "email", "theirs", { activityid: "theirs", messageid: "<m>" });
      return plan(`ours-${attempts}`, "<m>");
    };
    expect(storeOnce(store, "o", "<m>", racing)).toEqual({ emailId: "theirs", created: false });
    expect(store.list("o", "email").map((e) => e.id)).toEqual(["theirs"]);
  } finally {
    other.close();
    store.close();
  }
});

test("isMessageIdConflict recognises only the message id index", () => {
  const store = new Store(file);
  try {
    store.insert("o", "email", "a", { messageid: "<m>" });
    let conflict: unknown;
    try {
      store.insert("o", "email", "b", { messageid: "<m>" });
    } catch (error) {
      conflict = error;
    }
    expect(isMessageIdConflict(conflict)).toBe(true);
    expect(isMessageIdConflict(new Error("UNIQUE constraint failed: records.messageid"))).toBe(false);
    expect(isMessageIdConflict("text")).toBe(false);
  } finally {
    store.close();
  }
});
