import { parseOrgUrl } from "../../../../src/core/orgs/org-url";
import { decodeSettings, defaultSettings, isQueuedRequest, normaliseSettings, type QueuedRequest } from "../../../../src/core/settings";

const contoso = { ...parseOrgUrl("https://contoso.crm4.dynamics.com"), friendlyName: "Contoso Sales" };
const fabrikam = { ...parseOrgUrl("https://crm.fabrikam.local/FabrikamOrg"), friendlyName: "Fabrikam Support", version: "9.1.0.0", userId: "u-1" };
const queued: QueuedRequest = { id: "q1", kind: "track", itemId: "AAMk-1", orgKey: contoso.key, queuedAt: "2025-01-02T03:04:05.000Z" };

function v2(fields: Record<string, unknown>): string {
  return JSON.stringify({ version: 2, orgs: [contoso, fabrikam], synchronizingKey: fabrikam.key, saveCredentials: true, connectAutomatically: false, queue: [queued], ...fields });
}

describe("decodeSettings", () => {
  test("nothing stored gives the defaults, writable and without a problem", () => {
    for (const stored of [undefined, ""]) {
      const decoded = decodeSettings(stored);
      expect(decoded).toEqual({ settings: defaultSettings(), writable: true });
    }
    expect(defaultSettings()).toEqual({ version: 2, orgs: [], saveCredentials: false, connectAutomatically: true, queue: [] });
  });

  test("a version-2 document round-trips", () => {
    const decoded = decodeSettings(v2({}));
    expect(decoded.problem).toBeUndefined();
    expect(decoded.settings).toEqual({
      version: 2,
      orgs: [contoso, fabrikam],
      synchronizingKey: fabrikam.key,
      saveCredentials: true,
      connectAutomatically: false,
      queue: [queued],
    });
    expect(decodeSettings(JSON.stringify(decoded.settings)).settings).toEqual(decoded.settings);
  });

  test("version 1 is migrated: organizations, primary, savePassword, workOffline", () => {
    const decoded = decodeSettings(
      JSON.stringify({
        version: 1,
        organizations: [
          { url: "https://contoso.crm4.dynamics.com/main.aspx?appid=1", name: "Contoso Sales" },
          { url: "https://crm.fabrikam.local/FabrikamOrg/", name: "  " },
          { url: "CONTOSO.CRM4.DYNAMICS.COM", name: "duplicate" },
        ],
        primary: "https://crm.fabrikam.local/FabrikamOrg",
        savePassword: true,
        workOffline: true,
      }),
    );
    expect(decoded.problem).toBeUndefined();
    expect(decoded.migratedFrom).toBe(1);
    expect(decoded.writable).toBe(true);
    expect(decoded.settings).toEqual({
      version: 2,
      orgs: [
        { ...parseOrgUrl("https://contoso.crm4.dynamics.com"), friendlyName: "Contoso Sales" },
        { ...parseOrgUrl("https://crm.fabrikam.local/FabrikamOrg"), friendlyName: "FabrikamOrg" },
      ],
      synchronizingKey: "https://crm.fabrikam.local/fabrikamorg",
      saveCredentials: true,
      connectAutomatically: false,
      queue: [],
    });
  });

  test("version 1 without a primary makes the first org synchronizing; an invalid URL is dropped and reported", () => {
    const decoded = decodeSettings(
      JSON.stringify({ organizations: [{ url: "javascript:alert(1)", name: "x" }, { url: "https://contoso.crm.dynamics.com", name: "Contoso" }] }),
    );
    expect(decoded.migratedFrom).toBe(1);
    expect(decoded.settings.orgs.map((org) => org.key)).toEqual(["https://contoso.crm.dynamics.com"]);
    expect(decoded.settings.synchronizingKey).toBe("https://contoso.crm.dynamics.com");
    expect(decoded.settings.saveCredentials).toBe(false);
    expect(decoded.settings.connectAutomatically).toBe(true);
    expect(decoded.problem?.messageKey).toBe("settings.repaired");
  });

  test.each([
    ["not JSON", "{version: 2, orgs: ["],
    ["JSON null", "null"],
    ["an array", "[]"],
    ["a string", '"settings"'],
    ["no version", '{"orgs": []}'],
    ["version 0", '{"version": 0, "orgs": []}'],
    ["version as text", '{"version": "2", "orgs": []}'],
    ["orgs not a list", '{"version": 2, "orgs": {}}'],
  ])("a corrupted document (%s) is recovered to the defaults and reported", (_, stored) => {
    const decoded = decodeSettings(stored);
    expect(decoded.settings).toEqual(defaultSettings());
    expect(decoded.writable).toBe(true);
    expect(decoded.problem?.kind).toBe("invalidInput");
    expect(decoded.problem?.messageKey).toBe("settings.corrupted");
  });

  test("damaged entries are dropped, the rest kept, and the repair reported", () => {
    const tampered = { ...contoso, url: "https://contoso.crm4.dynamics.com", resource: "https://evil.test" };
    const decoded = decodeSettings(
      v2({
        orgs: [tampered, fabrikam, { url: "https://crm.contoso.local/Other" }, "text", { ...fabrikam, friendlyName: "again" }],
        queue: [queued, { ...queued }, { id: "q2", kind: "delete", itemId: "x", orgKey: "k", queuedAt: "2025-01-01T00:00:00Z" }, { ...queued, id: "q3", queuedAt: "yesterday" }],
        saveCredentials: "yes",
      }),
    );
    expect(decoded.settings.orgs).toEqual([fabrikam]);
    expect(decoded.settings.queue).toEqual([queued]);
    expect(decoded.settings.saveCredentials).toBe(false);
    expect(decoded.settings.connectAutomatically).toBe(false);
    expect(decoded.settings.synchronizingKey).toBe(fabrikam.key);
    expect(decoded.problem?.messageKey).toBe("settings.repaired");
    expect(decoded.problem?.message).toContain("organization entry that is not valid");
    expect(decoded.writable).toBe(true);
  });

  test("a synchronizing key that names no org is repaired to the first org", () => {
    const decoded = decodeSettings(v2({ synchronizingKey: "https://gone.crm.dynamics.com" }));
    expect(decoded.settings.synchronizingKey).toBe(contoso.key);
    expect(decoded.problem?.messageKey).toBe("settings.repaired");
    const missing = decodeSettings(v2({ synchronizingKey: undefined }));
    expect(missing.settings.synchronizingKey).toBe(contoso.key);
    const none = decodeSettings(JSON.stringify({ version: 2, orgs: [] }));
    expect(none.settings.synchronizingKey).toBeUndefined();
    expect(none.problem).toBeUndefined();
  });

  test("a document from a newer OrgTrack is read as far as possible and marked read-only", () => {
    const decoded = decodeSettings(v2({ version: 3, theme: "dark" }));
    expect(decoded.writable).toBe(false);
    expect(decoded.problem?.kind).toBe("conflict");
    expect(decoded.problem?.messageKey).toBe("settings.newerVersion");
    expect(decoded.settings.orgs).toEqual([contoso, fabrikam]);
    const unreadable = decodeSettings(JSON.stringify({ version: 7, organisations: "elsewhere" }));
    expect(unreadable.writable).toBe(false);
    expect(unreadable.settings).toEqual(defaultSettings());
  });

  test("normaliseSettings keeps exactly one synchronizing org while any exists", () => {
    const base = { ...defaultSettings(), orgs: [contoso, fabrikam] };
    expect(normaliseSettings(base).synchronizingKey).toBe(contoso.key);
    expect(normaliseSettings({ ...base, synchronizingKey: fabrikam.key }).synchronizingKey).toBe(fabrikam.key);
    expect("synchronizingKey" in normaliseSettings({ ...defaultSettings(), synchronizingKey: contoso.key })).toBe(false);
  });

  test("isQueuedRequest checks every field", () => {
    expect(isQueuedRequest(queued)).toBe(true);
    expect(isQueuedRequest({ ...queued, kind: "untrack" })).toBe(true);
    for (const field of ["id", "itemId", "orgKey", "queuedAt"] as const) {
      expect(isQueuedRequest({ ...queued, [field]: "" })).toBe(false);
      expect(isQueuedRequest({ ...queued, [field]: 1 })).toBe(false);
    }
    expect(isQueuedRequest({ ...queued, kind: "forward" })).toBe(false);
    expect(isQueuedRequest(null)).toBe(false);
  });
});
