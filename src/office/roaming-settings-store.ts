import type { SettingsStore } from "../core/ports";
import { officeAsync } from "./office-async";
import { officeHost } from "./office-host";
import { assertSettingsFit } from "./settings-size";

/** The one roamingSettings key that holds OrgTrack's settings document. */
export const ROAMING_SETTINGS_KEY = "orgtrack.settings";

/** Outlook keeps at most 32 KB of roamingSettings per add-in and mailbox. */
export const ROAMING_SETTINGS_LIMIT_BYTES = 32 * 1024;

/**
 * Returns a SettingsStore over `Office.context.roamingSettings` (Outlook): one key, persisted with
 * `saveAsync`. `save` throws AppError `invalidInput` (`settings.tooLarge`) before a document over
 * 32 KB reaches Outlook, and AppError `office` when Outlook fails to save (the in-memory copy is
 * then put back as it was, so what `load` returns is what Outlook holds).
 */
export function createRoamingSettingsStore(key: string = ROAMING_SETTINGS_KEY): SettingsStore {
  let queue: Promise<unknown> = Promise.resolve();
  const serialized = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  return {
    limitBytes: ROAMING_SETTINGS_LIMIT_BYTES,

    load: () =>
      serialized(async () => {
        const value: unknown = officeHost().context.roamingSettings.get(key);
        if (value === undefined || value === null) return undefined;
        return typeof value === "string" ? value : JSON.stringify(value);
      }),

    save: (document) =>
      serialized(async () => {
        assertSettingsFit(key, document, ROAMING_SETTINGS_LIMIT_BYTES);
        const settings = officeHost().context.roamingSettings;
        const previous: unknown = settings.get(key);
        settings.set(key, document);
        try {
          await officeAsync<void>("save the settings", (callback) => settings.saveAsync(callback));
        } catch (error) {
          if (previous === undefined || previous === null) settings.remove(key);
          else settings.set(key, previous);
          throw error;
        }
      }),
  };
}
