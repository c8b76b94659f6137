import { BENCH_USER, seedWithOrgs } from "../../../bench/support/org-seed";
import { settingsWithOrgs, simulatorMailboxWith } from "../../../bench/support/saved-settings";
import { decodeSettings } from "../../../src/core/settings";
import { ROAMING_SETTINGS_KEY } from "../../../src/office/roaming-settings-store";
import { loadSavedMailbox, SIMULATOR_STATE_KEY } from "../../../src/simulator/persistence";

test("the benchmark seed: 5 orgs with distinct names, the bench user a member of each; outside 1…5 refused", () => {
  const { seed, orgs } = seedWithOrgs(5);
  expect(orgs.map((org) => org.urlName)).toEqual(["contoso", "fabrikam", "northwind", "adatum", "tailspin"]);
  expect(new Set(orgs.map((org) => org.friendlyName)).size).toBe(5);
  for (const org of seed.orgs) expect(org.members.map((member) => member.user)).toContain(BENCH_USER);
  expect(seedWithOrgs(2).seed.orgs).toHaveLength(2);
  expect(() => seedWithOrgs(6)).toThrow("1 to 5 orgs");
});

test("the saved settings read back as the add-in reads them: the orgs, the first synchronizing, connect automatically", () => {
  const urls = ["https://localhost:41234/contoso", "https://localhost:41234/fabrikam"];
  const settings = settingsWithOrgs(
    urls.map((url, i) => ({ url, friendlyName: `Org ${i}` })),
    { saveCredentials: true },
  );
  const decoded = decodeSettings(JSON.stringify(settings));
  expect(decoded.problem).toBeUndefined();
  expect(decoded.settings).toMatchObject({ synchronizingKey: urls[0], saveCredentials: true, connectAutomatically: true, queue: [] });
  expect(decoded.settings.orgs.map((org) => [org.friendlyName, org.webApiUrl])).toEqual([
    ["Org 0", `${urls[0]}/api/data/v9.2/`],
    ["Org 1", `${urls[1]}/api/data/v9.2/`],
  ]);
});

test("the simulator's saved mailbox holds the settings where the pane's roaming settings store finds them", () => {
  const settings = settingsWithOrgs([{ url: "https://localhost:41234/contoso", friendlyName: "Contoso Sales" }], { saveCredentials: false });
  const saved = new Map<string, string>([[SIMULATOR_STATE_KEY, JSON.stringify(simulatorMailboxWith(settings))]]);
  const restored = loadSavedMailbox({ getItem: (key) => saved.get(key) ?? null, setItem: () => undefined, removeItem: () => undefined });
  expect(restored?.messages.length).toBeGreaterThan(0);
  expect(JSON.parse(String(restored?.roamingSettings[ROAMING_SETTINGS_KEY]))).toEqual(settings);
});
