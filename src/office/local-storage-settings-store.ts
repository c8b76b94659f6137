import { AppError } from "../core/errors";
import type { SettingsStore } from "../core/ports";
import { assertSettingsFit } from "./settings-size";

/** The localStorage key of OrgTrack's settings document outside Outlook. */
export const LOCAL_SETTINGS_KEY = "orgtrack.settings";

/** The largest settings document kept in localStorage (browsers give an origin about 5 MB in all). */
export const LOCAL_SETTINGS_LIMIT_BYTES = 1024 * 1024;

/** The part of the Web Storage API the store uses (localStorage, or a fake in tests). */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/**
 * Returns a SettingsStore over localStorage for hosts without roamingSettings (a plain browser).
 * `load` and `save` throw AppError `office` (`settings.storageUnavailable`) when storage is
 * blocked, and `save` throws AppError `invalidInput` (`settings.tooLarge`) over the limit or when
 * the browser's quota is full.
 */
export function createLocalStorageSettingsStore(storage?: StorageLike, key: string = LOCAL_SETTINGS_KEY): SettingsStore {
  const target = (): StorageLike => {
    try {
      const found = storage ?? globalThis.localStorage;
      if (found === undefined || found === null) throw new Error("localStorage is not defined");
      return found;
    } catch (cause) {
      throw unavailable(cause);
    }
  };

  return {
    limitBytes: LOCAL_SETTINGS_LIMIT_BYTES,

    load: async () => {
      const store = target();
      try {
        return store.getItem(key) ?? undefined;
      } catch (cause) {
        throw unavailable(cause);
      }
    },

    save: async (document) => {
      assertSettingsFit(key, document, LOCAL_SETTINGS_LIMIT_BYTES);
      const store = target();
      try {
        store.setItem(key, document);
      } catch (cause) {
        if (isQuotaError(cause)) {
          throw new AppError("invalidInput", "The browser's storage for this site is full.", { messageKey: "settings.tooLarge", values: { limitBytes: LOCAL_SETTINGS_LIMIT_BYTES }, cause });
        }
        throw unavailable(cause);
      }
    },
  };
}

function unavailable(cause: unknown): AppError {
  return new AppError("office", "The browser does not let the add-in keep settings (storage is blocked or unavailable).", { messageKey: "settings.storageUnavailable", cause });
}

function isQuotaError(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { name, code } = error as { name?: unknown; code?: unknown };
  return name === "QuotaExceededError" || name === "NS_ERROR_DOM_QUOTA_REACHED" || code === 22 || code === 1014;
}
