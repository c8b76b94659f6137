import { AppError } from "../../../../src/core/errors";
import { parseOrgUrl } from "../../../../src/core/orgs/org-url";
import { OrgRegistry } from "../../../../src/core/orgs/registry";
import type { Org, OrgList } from "../../../../src/core/orgs/types";
import { SettingsRepository, type SettingsDocument } from "../../../../src/core/settings";
import { MemorySettingsStore } from "../../../support/memory-settings-store";

const contoso = parseOrgUrl("https://contoso.crm4.dynamics.com/main.aspx?appid=1");
const fabrikam = parseOrgUrl("https://crm.fabrikam.local/FabrikamOrg/main.aspx");
const adatum = parseOrgUrl("https://localhost:5555/adatum");

async function setup(): Promise<{ store: MemorySettingsStore; settings: SettingsRepository; registry: OrgRegistry }> {
  const store = new MemorySettingsStore();
  const settings = new SettingsRepository(store);
  await settings.load();
  return { store, settings, registry: new OrgRegistry(settings) };
}

function stored(store: MemorySettingsStore): SettingsDocument {
  return JSON.parse(store.content ?? "null") as SettingsDocument;
}

const never = async (): Promise<never> => {
  throw new Error("must not be asked");
};

describe("OrgRegistry", () => {
  test("the first org added becomes the synchronizing org; later ones do not", async () => {
    const { registry } = await setup();
    await registry.add(contoso, { friendlyName: "Contoso Sales" });
    await registry.add(fabrikam, { friendlyName: "Fabrikam Support" });
    expect(registry.list().synchronizingKey).toBe(contoso.key);
    expect(registry.synchronizing()?.friendlyName).toBe("Contoso Sales");
    expect(registry.list().orgs.map((org) => org.key)).toEqual([contoso.key, fabrikam.key]);
  });

  test("the same org added twice is one org, its details refreshed", async () => {
    const { registry } = await setup();
    await registry.add(contoso, { friendlyName: "Contoso" });
    const again = await registry.add(parseOrgUrl("CONTOSO.api.crm4.dynamics.com/api/data/v9.2/"), {
      friendlyName: "Contoso Sales",
      version: "9.2.25011.1",
      userId: "user-1",
      organizationId: "org-1",
    });
    expect(registry.list().orgs).toHaveLength(1);
    expect(again).toEqual({ ...contoso, friendlyName: "Contoso Sales", version: "9.2.25011.1", userId: "user-1", organizationId: "org-1" });
    const blank = await registry.add(contoso, { friendlyName: "  " });
    expect(blank.friendlyName).toBe("Contoso Sales");
    expect(blank.userId).toBe("user-1");
  });

  test("an org without a friendly name is named after its address", async () => {
    const { registry } = await setup();
    expect((await registry.add(fabrikam, { friendlyName: "" })).friendlyName).toBe("FabrikamOrg");
    expect((await registry.add(contoso, { friendlyName: " " })).friendlyName).toBe("contoso.crm4.dynamics.com");
  });

  test("an address that its URL does not give is refused", async () => {
    const { registry, store } = await setup();
    await expect(registry.add({ ...contoso, resource: "https://evil.test" }, { friendlyName: "x" })).rejects.toMatchObject({ kind: "invalidInput", messageKey: "orgs.invalidAddress" });
    await expect(registry.add({ ...contoso, url: "https://contoso.crm.dynamics.com.evil.test" }, { friendlyName: "x" })).rejects.toMatchObject({ messageKey: "orgUrl.lookAlike" });
    expect(store.saves).toBe(0);
  });

  test("changing the synchronizing org asks for confirmation with both orgs, and OK changes it", async () => {
    const { registry, store } = await setup();
    await registry.add(contoso, { friendlyName: "Contoso Sales" });
    await registry.add(fabrikam, { friendlyName: "Fabrikam Support" });
    const asked: [string, string][] = [];
    const changed = await registry.setSynchronizing(fabrikam.key, async (from: Org, to: Org) => {
      asked.push([from.friendlyName, to.friendlyName]);
      return true;
    });
    expect(changed).toBe(true);
    expect(asked).toEqual([["Contoso Sales", "Fabrikam Support"]]);
    expect(registry.list().synchronizingKey).toBe(fabrikam.key);
    expect(stored(store).synchronizingKey).toBe(fabrikam.key);
  });

  test("Cancel leaves the synchronizing org as it was and writes nothing", async () => {
    const { registry, store } = await setup();
    await registry.add(contoso, { friendlyName: "Contoso Sales" });
    await registry.add(fabrikam, { friendlyName: "Fabrikam Support" });
    const saves = store.saves;
    expect(await registry.setSynchronizing(fabrikam.key, async () => false)).toBe(false);
    expect(registry.list().synchronizingKey).toBe(contoso.key);
    expect(store.saves).toBe(saves);
  });

  test("choosing the org that already synchronizes asks nothing; an unknown org is notFound", async () => {
    const { registry } = await setup();
    await registry.add(contoso, { friendlyName: "Contoso Sales" });
    expect(await registry.setSynchronizing(contoso.key, never)).toBe(true);
    await expect(registry.setSynchronizing("https://unknown.crm.dynamics.com", never)).rejects.toMatchObject({ kind: "notFound" });
  });

  test("an org removed while the confirmation was open is not made synchronizing", async () => {
    const { registry } = await setup();
    await registry.add(contoso, { friendlyName: "Contoso Sales" });
    await registry.add(fabrikam, { friendlyName: "Fabrikam Support" });
    const attempt = registry.setSynchronizing(fabrikam.key, async () => {
      await registry.remove(fabrikam.key, never);
      return true;
    });
    await expect(attempt).rejects.toMatchObject({ kind: "notFound" });
    expect(registry.list()).toEqual({ orgs: [expect.objectContaining({ key: contoso.key })], synchronizingKey: contoso.key });
  });

  test("removing an org that does not synchronize asks nothing", async () => {
    const { registry } = await setup();
    await registry.add(contoso, { friendlyName: "Contoso Sales" });
    await registry.add(fabrikam, { friendlyName: "Fabrikam Support" });
    expect(await registry.remove(fabrikam.key, never)).toBe(true);
    expect(registry.list()).toEqual({ orgs: [expect.objectContaining({ key: contoso.key })], synchronizingKey: contoso.key });
  });

  test("removing the synchronizing org asks which of the others takes over", async () => {
    const { registry, store } = await setup();
    await registry.add(contoso, { friendlyName: "Contoso Sales" });
    await registry.add(fabrikam, { friendlyName: "Fabrikam Support" });
    await registry.add(adatum, { friendlyName: "Adatum" });
    const offered: string[][] = [];
    const removed = await registry.remove(contoso.key, async (candidates) => {
      offered.push(candidates.map((org) => org.friendlyName));
      return adatum.key;
    });
    expect(removed).toBe(true);
    expect(offered).toEqual([["Fabrikam Support", "Adatum"]]);
    expect(registry.list().synchronizingKey).toBe(adatum.key);
    expect(stored(store).orgs.map((org) => org.key)).toEqual([fabrikam.key, adatum.key]);
  });

  test("no preference hands synchronizing to the first remaining org", async () => {
    const { registry } = await setup();
    await registry.add(contoso, { friendlyName: "Contoso Sales" });
    await registry.add(fabrikam, { friendlyName: "Fabrikam Support" });
    await registry.remove(contoso.key, async () => undefined);
    expect(registry.list().synchronizingKey).toBe(fabrikam.key);
  });

  test("cancelling the successor question keeps every org", async () => {
    const { registry, store } = await setup();
    await registry.add(contoso, { friendlyName: "Contoso Sales" });
    await registry.add(fabrikam, { friendlyName: "Fabrikam Support" });
    const saves = store.saves;
    expect(await registry.remove(contoso.key, async () => "cancel")).toBe(false);
    expect(registry.list().orgs).toHaveLength(2);
    expect(registry.list().synchronizingKey).toBe(contoso.key);
    expect(store.saves).toBe(saves);
  });

  test("a successor that is not a remaining org is refused and nothing changes", async () => {
    const { registry } = await setup();
    await registry.add(contoso, { friendlyName: "Contoso Sales" });
    await registry.add(fabrikam, { friendlyName: "Fabrikam Support" });
    await expect(registry.remove(contoso.key, async () => contoso.key)).rejects.toMatchObject({ kind: "invalidInput", messageKey: "orgs.unknownSuccessor" });
    expect(registry.list().orgs).toHaveLength(2);
  });

  test("removing the last org leaves no synchronizing org, without asking", async () => {
    const { registry, store } = await setup();
    await registry.add(contoso, { friendlyName: "Contoso Sales" });
    expect(await registry.remove(contoso.key, never)).toBe(true);
    expect(registry.list()).toEqual({ orgs: [], synchronizingKey: undefined });
    expect(stored(store).synchronizingKey).toBeUndefined();
    await expect(registry.remove(contoso.key, never)).rejects.toMatchObject({ kind: "notFound" });
    await registry.add(fabrikam, { friendlyName: "Fabrikam Support" });
    expect(registry.list().synchronizingKey).toBe(fabrikam.key);
  });

  test("removing an org drops the requests queued for it, and only those", async () => {
    const { registry, settings } = await setup();
    await registry.add(contoso, { friendlyName: "Contoso Sales" });
    await registry.add(fabrikam, { friendlyName: "Fabrikam Support" });
    const queuedAt = "2025-01-01T00:00:00.000Z";
    await settings.enqueue({ id: "1", kind: "track", itemId: "a", orgKey: contoso.key, queuedAt });
    await settings.enqueue({ id: "2", kind: "untrack", itemId: "b", orgKey: fabrikam.key, queuedAt });
    await registry.remove(fabrikam.key, never);
    expect((await settings.readQueue()).map((request) => request.id)).toEqual(["1"]);
  });

  test("the orgs survive a restart (persistence round trip)", async () => {
    const { registry, store } = await setup();
    await registry.add(contoso, { friendlyName: "Contoso Sales", version: "9.2", userId: "u" });
    await registry.add(fabrikam, { friendlyName: "Fabrikam Support" });
    await registry.setSynchronizing(fabrikam.key, async () => true);
    const restarted = new SettingsRepository(new MemorySettingsStore(store.content));
    await restarted.load();
    expect(new OrgRegistry(restarted).list()).toEqual(registry.list());
  });

  test("onChange reports changes of the org list, not of other settings", async () => {
    const { registry, settings } = await setup();
    const seen: OrgList[] = [];
    const stop = registry.onChange((list) => seen.push(list));
    await registry.add(contoso, { friendlyName: "Contoso Sales" });
    await settings.setPreferences({ connectAutomatically: false });
    await registry.add(fabrikam, { friendlyName: "Fabrikam Support" });
    await registry.setSynchronizing(fabrikam.key, async () => false);
    await registry.setSynchronizing(fabrikam.key, async () => true);
    expect(seen.map((list) => [list.orgs.length, list.synchronizingKey])).toEqual([
      [1, contoso.key],
      [2, contoso.key],
      [2, fabrikam.key],
    ]);
    stop();
    await registry.remove(contoso.key, never);
    expect(seen).toHaveLength(3);
  });

  test("a failing save leaves the list unchanged", async () => {
    const { registry, store } = await setup();
    await registry.add(contoso, { friendlyName: "Contoso Sales" });
    store.failNextSave = new AppError("office", "saveAsync failed");
    await expect(registry.add(fabrikam, { friendlyName: "Fabrikam Support" })).rejects.toMatchObject({ kind: "office" });
    expect(registry.list().orgs.map((org) => org.key)).toEqual([contoso.key]);
  });
});
