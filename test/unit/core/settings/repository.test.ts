import { AppError } from "../../../../src/core/errors";
import { parseOrgUrl } from "../../../../src/core/orgs/org-url";
import { SettingsRepository, defaultSettings, type QueuedRequest, type SettingsDocument } from "../../../../src/core/settings";
import { MemorySettingsStore } from "../../../support/memory-settings-store";

const contoso = { ...parseOrgUrl("https://contoso.crm4.dynamics.com"), friendlyName: "Contoso Sales" };

function request(id: string, overrides: Partial<QueuedRequest> = {}): QueuedRequest {
  return { id, kind: "track", itemId: `item-${id}`, orgKey: contoso.key, queuedAt: "2025-03-04T05:06:07.000Z", ...overrides };
}

function stored(store: MemorySettingsStore): SettingsDocument {
  if (store.content === undefined) throw new Error("nothing stored");
  return JSON.parse(store.content) as SettingsDocument;
}

describe("SettingsRepository", () => {
  test("load of an empty store gives the defaults and writes nothing", async () => {
    const store = new MemorySettingsStore();
    const repository = new SettingsRepository(store);
    const loaded = await repository.load();
    expect(loaded.settings).toEqual(defaultSettings());
    expect(loaded.problem).toBeUndefined();
    expect(repository.current()).toEqual(defaultSettings());
    expect(store.saves).toBe(0);
  });

  test("an update is saved and survives a new repository over the same store (persistence round trip)", async () => {
    const store = new MemorySettingsStore();
    const first = new SettingsRepository(store);
    await first.setPreferences({ saveCredentials: true, connectAutomatically: false });
    await first.update((current) => ({ ...current, orgs: [contoso] }));
    const second = new SettingsRepository(store);
    const { settings } = await second.load();
    expect(settings).toEqual({ version: 2, orgs: [contoso], synchronizingKey: contoso.key, saveCredentials: true, connectAutomatically: false, queue: [] });
    expect(stored(store)).toEqual(settings);
  });

  test("a corrupted store is reported through onProblem, recovered to defaults, and overwritten by the next change", async () => {
    const store = new MemorySettingsStore("{not json");
    const problems: AppError[] = [];
    const repository = new SettingsRepository(store, { onProblem: (problem) => problems.push(problem) });
    const loaded = await repository.load();
    expect(loaded.settings).toEqual(defaultSettings());
    expect(loaded.problem?.messageKey).toBe("settings.corrupted");
    expect(problems.map((problem) => problem.messageKey)).toEqual(["settings.corrupted"]);
    expect(store.content).toBe("{not json");
    await repository.setPreferences({ connectAutomatically: false });
    expect(stored(store).connectAutomatically).toBe(false);
    expect(stored(store).version).toBe(2);
  });

  test("a version-1 store is migrated on load and written as version 2 by the next change", async () => {
    const store = new MemorySettingsStore(JSON.stringify({ version: 1, organizations: [{ url: "https://contoso.crm4.dynamics.com", name: "Contoso Sales" }], savePassword: true }));
    const repository = new SettingsRepository(store);
    const loaded = await repository.load();
    expect(loaded.migratedFrom).toBe(1);
    expect(repository.current().orgs).toEqual([contoso]);
    await repository.update((current) => current);
    expect(stored(store)).toEqual({ version: 2, orgs: [contoso], synchronizingKey: contoso.key, saveCredentials: true, connectAutomatically: true, queue: [] });
  });

  test("a change that returns the document unchanged writes nothing", async () => {
    const store = new MemorySettingsStore();
    const repository = new SettingsRepository(store);
    await repository.setPreferences({ saveCredentials: true });
    const saves = store.saves;
    await repository.update((current) => current);
    await repository.removeFromQueue(["unknown"]);
    expect(store.saves).toBe(saves);
  });

  test("a document over the store's limit is refused before the store is called, and nothing is lost", async () => {
    const store = new MemorySettingsStore(undefined, 1024);
    const repository = new SettingsRepository(store);
    await repository.update((current) => ({ ...current, orgs: [contoso] }));
    const before = store.content;
    const saves = store.saves;
    const attempt = repository.updateQueue((queue) => [...queue, ...Array.from({ length: 20 }, (_, i) => request(`q${i}`))]);
    await expect(attempt).rejects.toMatchObject({ kind: "invalidInput", messageKey: "settings.tooLarge", values: { limitBytes: 1024 } });
    expect(store.saves).toBe(saves);
    expect(store.content).toBe(before);
    expect(repository.current().orgs).toEqual([contoso]);
    expect(repository.current().queue).toEqual([]);
    expect(repository.usage().limitBytes).toBe(1024);
    expect(repository.usage().bytes).toBeGreaterThan(Buffer.byteLength(before ?? "", "utf8"));
    expect(repository.usage().bytes).toBeLessThanOrEqual(1024);
  });

  test("the limit is counted in UTF-8 bytes, not characters", async () => {
    const store = new MemorySettingsStore(undefined, 400);
    const repository = new SettingsRepository(store);
    const name = "é".repeat(100);
    await expect(repository.update((current) => ({ ...current, orgs: [{ ...contoso, friendlyName: name }] }))).rejects.toMatchObject({ messageKey: "settings.tooLarge" });
    expect(store.saves).toBe(0);
  });

  test("32 KB counted as roamingSettings counts it: about 140 waiting requests fit, then a clear error before Outlook refuses", async () => {
    const store = new MemorySettingsStore(undefined, 32 * 1024, "roamingSettings");
    const repository = new SettingsRepository(store);
    let accepted = 0;
    let refusal: unknown;
    for (let i = 0; i < 1000 && refusal === undefined; i++) {
      try {
        await repository.enqueue(request(`request-${i}`, { itemId: `AAMkAGI2TG93AAA=${"x".repeat(60)}${i}` }));
        accepted++;
      } catch (error) {
        refusal = error;
      }
    }
    expect(refusal).toBeInstanceOf(AppError);
    expect((refusal as AppError).messageKey).toBe("settings.tooLarge");
    expect((refusal as AppError).values).toMatchObject({ limitBytes: 32 * 1024 });
    expect(accepted).toBeGreaterThan(100);
    expect(store.saves).toBe(accepted);
    expect(store.sizeOf(store.content ?? "")).toBeLessThanOrEqual(32 * 1024);
    expect(store.sizeOf(store.content ?? "")).toBeGreaterThan(30 * 1024);
    expect(stored(store).queue).toHaveLength(accepted);
  });

  test("two concurrent updates both land (writes are serialised)", async () => {
    const store = new MemorySettingsStore();
    store.saveDelayMs = 5;
    const repository = new SettingsRepository(store);
    await Promise.all([
      repository.enqueue(request("a")),
      repository.setPreferences({ saveCredentials: true }),
      repository.enqueue(request("b")),
      repository.update((current) => ({ ...current, orgs: [contoso] })),
    ]);
    const document = stored(store);
    expect(document.queue.map((queued) => queued.id)).toEqual(["a", "b"]);
    expect(document.saveCredentials).toBe(true);
    expect(document.orgs).toEqual([contoso]);
  });

  test("two repositories over one store (two windows) do not lose each other's changes", async () => {
    const store = new MemorySettingsStore();
    const pane = new SettingsRepository(store);
    const command = new SettingsRepository(store);
    await pane.load();
    await command.load();
    await command.enqueue(request("from-command"));
    await pane.enqueue(request("from-pane"));
    expect(stored(store).queue.map((queued) => queued.id)).toEqual(["from-command", "from-pane"]);
  });

  test("a failed update does not block the ones after it", async () => {
    const store = new MemorySettingsStore();
    const repository = new SettingsRepository(store);
    const failing = repository.update(() => {
      throw new AppError("cancelled", "no");
    });
    const next = repository.setPreferences({ connectAutomatically: false });
    await expect(failing).rejects.toMatchObject({ kind: "cancelled" });
    await expect(next).resolves.toMatchObject({ connectAutomatically: false });
  });

  test("a store that fails to save leaves the current settings as they were", async () => {
    const store = new MemorySettingsStore();
    const repository = new SettingsRepository(store);
    await repository.setPreferences({ saveCredentials: true });
    store.failNextSave = new AppError("office", "roamingSettings.saveAsync failed");
    await expect(repository.setPreferences({ saveCredentials: false })).rejects.toMatchObject({ kind: "office" });
    expect(repository.current().saveCredentials).toBe(true);
    expect(stored(store).saveCredentials).toBe(true);
  });

  test("a store that fails to load rejects with its AppError rather than pretending there are no settings", async () => {
    const store = new MemorySettingsStore(JSON.stringify({ ...defaultSettings(), orgs: [contoso] }));
    store.failNextLoad = new AppError("office", "roamingSettings unavailable");
    const repository = new SettingsRepository(store);
    await expect(repository.load()).rejects.toMatchObject({ kind: "office" });
    await expect(repository.update((current) => current)).resolves.toMatchObject({ orgs: [contoso] });
  });

  test("settings from a newer version are shown but never overwritten", async () => {
    const newer = JSON.stringify({ ...defaultSettings(), version: 3, orgs: [contoso], synchronizingKey: contoso.key, extra: { x: 1 } });
    const store = new MemorySettingsStore(newer);
    const problems: string[] = [];
    const repository = new SettingsRepository(store, { onProblem: (problem) => problems.push(problem.messageKey) });
    const loaded = await repository.load();
    expect(loaded.writable).toBe(false);
    expect(repository.current().orgs).toEqual([contoso]);
    await expect(repository.setPreferences({ saveCredentials: true })).rejects.toMatchObject({ kind: "conflict", messageKey: "settings.newerVersion" });
    expect(store.content).toBe(newer);
    expect(store.saves).toBe(0);
    expect(problems).toContain("settings.newerVersion");
  });

  describe("the queue", () => {
    test("enqueue appends in order and ignores an id already queued (idempotent)", async () => {
      const repository = new SettingsRepository(new MemorySettingsStore());
      await repository.enqueue(request("1"));
      await repository.enqueue(request("2", { kind: "untrack" }));
      const queue = await repository.enqueue(request("1", { itemId: "other" }));
      expect(queue).toEqual([request("1"), request("2", { kind: "untrack" })]);
      expect(await repository.readQueue()).toEqual(queue);
    });

    test("removeFromQueue removes those ids only", async () => {
      const repository = new SettingsRepository(new MemorySettingsStore());
      for (const id of ["1", "2", "3"]) await repository.enqueue(request(id));
      expect((await repository.removeFromQueue(["2", "9"])).map((queued) => queued.id)).toEqual(["1", "3"]);
    });

    test("updateQueue refuses a malformed request and saves nothing", async () => {
      const store = new MemorySettingsStore();
      const repository = new SettingsRepository(store);
      await expect(repository.updateQueue((queue) => [...queue, { ...request("x"), kind: "forward" as "track" }])).rejects.toMatchObject({
        kind: "invalidInput",
        messageKey: "settings.invalidQueuedRequest",
      });
      expect(store.saves).toBe(0);
    });

    test("readQueue sees what another window queued", async () => {
      const store = new MemorySettingsStore();
      const pane = new SettingsRepository(store);
      await pane.load();
      await new SettingsRepository(store).enqueue(request("elsewhere"));
      expect((await pane.readQueue()).map((queued) => queued.id)).toEqual(["elsewhere"]);
    });
  });

  test("subscribers hear of real changes only, and a failing subscriber is reported, not fatal", async () => {
    const problems: string[] = [];
    const repository = new SettingsRepository(new MemorySettingsStore(), { onProblem: (problem) => problems.push(problem.message) });
    const seen: SettingsDocument[] = [];
    const unsubscribe = repository.subscribe((settings) => seen.push(settings));
    repository.subscribe(() => {
      throw new Error("listener broke");
    });
    await repository.load();
    await repository.setPreferences({ saveCredentials: true });
    await repository.readQueue();
    await repository.update((current) => current);
    expect(seen.map((settings) => settings.saveCredentials)).toEqual([true]);
    expect(problems).toEqual(["listener broke"]);
    unsubscribe();
    await repository.setPreferences({ saveCredentials: false });
    expect(seen).toHaveLength(1);
  });
});
