import { ROAMING_SETTINGS_KEY, ROAMING_SETTINGS_LIMIT_BYTES, createRoamingSettingsStore } from "../../../src/office/roaming-settings-store";
import { storedSettingsBytes } from "../../../src/office/settings-size";
import { installOfficeFake, type OfficeFake } from "../../../src/simulator/host/office-fake";

/** A document whose stored size (key and JSON quoting included) is exactly `bytes`. */
function documentOfStoredSize(bytes: number, filler = "x"): string {
  const overhead = storedSettingsBytes(ROAMING_SETTINGS_KEY, "");
  const unit = storedSettingsBytes(ROAMING_SETTINGS_KEY, filler) - overhead;
  return filler.repeat(Math.floor((bytes - overhead) / unit));
}

describe("the roamingSettings SettingsStore", () => {
  let fake: OfficeFake;
  afterEach(() => fake.uninstall());

  test("nothing saved loads as undefined; a saved document loads back and is what another device sees", async () => {
    fake = installOfficeFake();
    const store = createRoamingSettingsStore();
    expect(await store.load()).toBeUndefined();
    await store.save('{"version":2,"orgs":[]}');
    expect(await store.load()).toBe('{"version":2,"orgs":[]}');
    expect(fake.savedRoamingSettings()).toEqual({ [ROAMING_SETTINGS_KEY]: '{"version":2,"orgs":[]}' });
    expect(store.limitBytes).toBe(32 * 1024);
  });

  test("a value some older version stored as an object loads as its JSON, for the settings parser to judge", async () => {
    fake = installOfficeFake({ roamingSettings: { [ROAMING_SETTINGS_KEY]: { version: 1 } } });
    expect(await createRoamingSettingsStore().load()).toBe('{"version":1}');
  });

  test("a document of exactly 32 KB once stored is saved; one byte more is refused before Outlook sees it", async () => {
    fake = installOfficeFake();
    const store = createRoamingSettingsStore();
    const fits = documentOfStoredSize(ROAMING_SETTINGS_LIMIT_BYTES);
    expect(storedSettingsBytes(ROAMING_SETTINGS_KEY, fits)).toBe(ROAMING_SETTINGS_LIMIT_BYTES);
    await store.save(fits);
    expect(fake.count("roamingSettings.saveAsync")).toBe(1);

    await expect(store.save(`${fits}y`)).rejects.toMatchObject({
      kind: "invalidInput",
      messageKey: "settings.tooLarge",
      values: { sizeBytes: ROAMING_SETTINGS_LIMIT_BYTES + 1, limitBytes: ROAMING_SETTINGS_LIMIT_BYTES },
    });
    expect(fake.count("roamingSettings.saveAsync")).toBe(1);
    expect(await store.load()).toBe(fits);
  });

  test("the size is measured in UTF-8 bytes of the stored JSON, not in characters", async () => {
    fake = installOfficeFake();
    const store = createRoamingSettingsStore();
    // "é" is 2 bytes in UTF-8: 12,000 of them are 24,000 bytes (fits); 17,000 are 34,000 bytes (does not), though only 17,000 characters.
    await store.save("é".repeat(12_000));
    await expect(store.save("é".repeat(17_000))).rejects.toMatchObject({ messageKey: "settings.tooLarge" });
    // Quotes and control characters grow when escaped as JSON.
    await expect(store.save('"'.repeat(17_000))).rejects.toMatchObject({ messageKey: "settings.tooLarge" });
  });

  test("a failed save is AppError office with its code, and the in-memory copy is put back", async () => {
    fake = installOfficeFake({ roamingSettings: { [ROAMING_SETTINGS_KEY]: "before" } });
    const store = createRoamingSettingsStore();
    fake.failNext("roamingSettings.saveAsync", { code: 9020, name: "GenericResponseError" });
    await expect(store.save("after")).rejects.toMatchObject({ kind: "office", code: "9020" });
    expect(await store.load()).toBe("before");
    expect(fake.savedRoamingSettings()).toEqual({ [ROAMING_SETTINGS_KEY]: "before" });
  });

  test("a failed first save leaves nothing behind", async () => {
    fake = installOfficeFake();
    const store = createRoamingSettingsStore();
    fake.failNext("roamingSettings.saveAsync");
    await expect(store.save("first")).rejects.toMatchObject({ kind: "office" });
    expect(await store.load()).toBeUndefined();
  });

  test("saves run in turn: a failing save does not undo a later one", async () => {
    fake = installOfficeFake();
    const store = createRoamingSettingsStore();
    fake.failNext("roamingSettings.saveAsync");
    const results = await Promise.allSettled([store.save("one"), store.save("two")]);
    expect(results.map((result) => result.status)).toEqual(["rejected", "fulfilled"]);
    expect(await store.load()).toBe("two");
    expect(fake.savedRoamingSettings()).toEqual({ [ROAMING_SETTINGS_KEY]: "two" });
  });

  test("outside Office the store reports the host is missing", async () => {
    fake = installOfficeFake();
    fake.uninstall();
    await expect(createRoamingSettingsStore().load()).rejects.toMatchObject({ kind: "office", messageKey: "office.notLoaded" });
    fake = installOfficeFake();
  });
});
