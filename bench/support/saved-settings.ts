import { parseOrgUrl, type Org } from "../../src/core/orgs";
import { defaultSettings, normaliseSettings, type SettingsDocument } from "../../src/core/settings";
import { ROAMING_SETTINGS_KEY } from "../../src/office/roaming-settings-store";
import fixture from "../../src/simulator/fixtures/mailbox.json";
import { parseMailbox } from "../../src/simulator/mailbox";
import type { SavedMailbox } from "../../src/simulator/persistence";

/** An org as a person would have added it: its URL and the friendly name the org gave. */
export interface SavedOrg {
  url: string;
  friendlyName: string;
}

/**
 * Returns the settings document of a person who added `orgs` (the first one synchronizing), with
 * "Connect automatically" on and "Save my credentials on this device" as given; as the task pane
 * saves it. Throws AppError `invalidInput` for a URL the add-in would refuse.
 */
export function settingsWithOrgs(orgs: readonly SavedOrg[], options: { saveCredentials: boolean }): SettingsDocument {
  const added: Org[] = orgs.map((org) => ({ ...parseOrgUrl(org.url), friendlyName: org.friendlyName }));
  return normaliseSettings({ ...defaultSettings(), orgs: added, saveCredentials: options.saveCredentials, connectAutomatically: true });
}

/** Returns the Outlook simulator's saved mailbox (its built-in messages) whose add-in roaming settings hold `settings`, as if the pane had saved them. Throws when the built-in mailbox has no user. */
export function simulatorMailboxWith(settings: SettingsDocument): SavedMailbox {
  const mailbox = parseMailbox(fixture);
  if (mailbox.user === undefined) throw new Error("The simulator's built-in mailbox has no user.");
  return {
    user: mailbox.user,
    messages: mailbox.messages,
    masterCategories: mailbox.masterCategories ?? [],
    roamingSettings: { [ROAMING_SETTINGS_KEY]: JSON.stringify(settings) },
  };
}
