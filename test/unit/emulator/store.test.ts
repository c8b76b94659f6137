import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { CHILDREN_SQL, Store } from "../../../emulator/src/store/store";

describe("the store", () => {
  let dir: string;
  let store: Store;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "orgtrack-store-"));
    store = new Store(path.join(dir, "data.sqlite"));
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test("finds an email's parties through the parent index, not a scan of every party of the org", () => {
    expect(store.explain(CHILDREN_SQL, "o", "activityparty", "e").join("\n")).toContain("INDEX records_by_parent (org=? AND tbl=? AND parent=?)");
    for (let i = 0; i < 3; i++) store.insert("o", "activityparty", `p${i}`, { i }, i < 2 ? "e1" : "e2");
    expect(store.children("o", "activityparty", "e1").map((r) => r.id).sort()).toEqual(["p0", "p1"]);
    store.removeChildren("o", "activityparty", "e1");
    expect(store.children("o", "activityparty", "e1")).toEqual([]);
    expect(store.children("o", "activityparty", "e2").map((r) => r.id)).toEqual(["p2"]);
  });

  test("refuses a second email with the same message id in one org, allows it in another", () => {
    store.insert("a", "email", "1", { messageid: "<m@x>" });
    expect(() => store.insert("a", "email", "2", { messageid: "<m@x>" })).toThrow(/UNIQUE/);
    expect(store.insert("b", "email", "3", { messageid: "<m@x>" }).id).toBe("3");
    expect(store.findEmailByMessageId("a", "<m@x>")?.id).toBe("1");
  });

  test("gives every write a higher version, also across a reopen", () => {
    const first = store.insert("a", "contact", "1", {}).version;
    const second = store.update("a", "contact", "1", { x: 1 }).version;
    expect(second).toBeGreaterThan(first);
    store.close();
    store = new Store(path.join(dir, "data.sqlite"));
    expect(store.insert("a", "contact", "2", {}).version).toBeGreaterThan(second);
  });

  test("indexes email addresses case-insensitively and forgets them on delete", () => {
    store.insert("a", "contact", "c1", { emailaddress1: " Nancy@Example.com " });
    expect(store.findByAddress("a", "nancy@example.COM")).toEqual([{ table: "contact", id: "c1" }]);
    store.remove("a", "contact", "c1");
    expect(store.findByAddress("a", "nancy@example.com")).toEqual([]);
  });

  test("group commit: writes of one turn resolve together after one commit; a failing request undoes only its own writes", async () => {
    const ok = store.grouped(() => store.insert("a", "contact", "ok", {}).id);
    const failed = store.grouped(() => {
      store.insert("a", "contact", "half", {});
      throw new Error("boom");
    });
    await expect(failed).rejects.toThrow("boom");
    await expect(ok).resolves.toBe("ok");
    expect(store.get("a", "contact", "ok")).toBeDefined();
    expect(store.get("a", "contact", "half")).toBeUndefined();
    store.close();
    store = new Store(path.join(dir, "data.sqlite"));
    expect(store.get("a", "contact", "ok")).toBeDefined();
  });

  test("migrates an existing file forward", () => {
    store.close();
    store = new Store(path.join(dir, "data.sqlite"));
    expect(store.explain(CHILDREN_SQL, "o", "t", "p").join()).toContain("records_by_parent");
  });
});
