import { LOCAL_SETTINGS_KEY, LOCAL_SETTINGS_LIMIT_BYTES, createLocalStorageSettingsStore, type StorageLike } from "../../../src/office/local-storage-settings-store";

class MemoryStorage implements StorageLike {
  readonly items = new Map<string, string>();
  quotaBytes = Number.POSITIVE_INFINITY;
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    if (value.length * 2 > this.quotaBytes) throw Object.assign(new Error("quota"), { name: "QuotaExceededError", code: 22 });
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

describe("the localStorage SettingsStore (hosts without roamingSettings)", () => {
  test("keeps one document under orgtrack.settings", async () => {
    const storage = new MemoryStorage();
    const store = createLocalStorageSettingsStore(storage);
    expect(await store.load()).toBeUndefined();
    await store.save('{"version":2}');
    expect(storage.items.get("orgtrack.settings")).toBe('{"version":2}');
    expect(LOCAL_SETTINGS_KEY).toBe("orgtrack.settings");
    expect(await createLocalStorageSettingsStore(storage).load()).toBe('{"version":2}');
  });

  test("refuses a document over its limit before writing", async () => {
    const storage = new MemoryStorage();
    const store = createLocalStorageSettingsStore(storage);
    expect(store.limitBytes).toBe(LOCAL_SETTINGS_LIMIT_BYTES);
    await expect(store.save("x".repeat(LOCAL_SETTINGS_LIMIT_BYTES))).rejects.toMatchObject({ kind: "invalidInput", messageKey: "settings.tooLarge" });
    expect(storage.items.size).toBe(0);
  });

  test("a full browser quota is reported as too large, not as a crash", async () => {
    const storage = new MemoryStorage();
    storage.quotaBytes = 10;
    await expect(createLocalStorageSettingsStore(storage).save("a document")).rejects.toMatchObject({ kind: "invalidInput", messageKey: "settings.tooLarge" });
  });

  test("blocked storage (private mode, policies) is AppError office settings.storageUnavailable", async () => {
    const blocked: StorageLike = {
      getItem: () => {
        throw Object.assign(new Error("denied"), { name: "SecurityError" });
      },
      setItem: () => {
        throw Object.assign(new Error("denied"), { name: "SecurityError" });
      },
      removeItem: () => undefined,
    };
    const store = createLocalStorageSettingsStore(blocked);
    await expect(store.load()).rejects.toMatchObject({ kind: "office", messageKey: "settings.storageUnavailable" });
    await expect(store.save("{}")).rejects.toMatchObject({ kind: "office", messageKey: "settings.storageUnavailable" });
  });

  test("without any localStorage (Node) the store says storage is unavailable", async () => {
    await expect(createLocalStorageSettingsStore().load()).rejects.toMatchObject({ kind: "office", messageKey: "settings.storageUnavailable" });
  });
});
