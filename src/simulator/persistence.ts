import type { FakeCategory, FakeMessage, FakeUser } from "./host/office-fake";
import { parseMailbox } from "./mailbox";

/**
 * The simulated mailbox survives a reload of the simulator page, as an Exchange mailbox survives
 * restarting Outlook: the messages with their categories and custom properties, the master
 * category list, the add-in's roaming settings and the mailbox owner, kept in the page's
 * localStorage under one key of its own. "Reset mailbox" forgets them.
 */

/** The localStorage key of the simulator's saved mailbox. */
export const SIMULATOR_STATE_KEY = "orgtrack.simulator.mailbox";

/** What is kept between reloads. */
export interface SavedMailbox {
  user: FakeUser;
  /** The messages shown, in list order, as they are now. */
  messages: FakeMessage[];
  masterCategories: FakeCategory[];
  roamingSettings: Record<string, unknown>;
}

/** The part of Web Storage used. */
export interface StateStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Returns the saved mailbox, or undefined when there is none or it cannot be read (then it is forgotten). Never throws. */
export function loadSavedMailbox(storage: StateStorage | undefined): SavedMailbox | undefined {
  if (storage === undefined) return undefined;
  try {
    const text = storage.getItem(SIMULATOR_STATE_KEY);
    if (text === null) return undefined;
    const parsed = JSON.parse(text) as { user?: unknown; messages?: unknown; masterCategories?: unknown; roamingSettings?: unknown };
    const mailbox = parseMailbox({ user: parsed.user, messages: parsed.messages, masterCategories: parsed.masterCategories ?? [] });
    const roamingSettings = typeof parsed.roamingSettings === "object" && parsed.roamingSettings !== null && !Array.isArray(parsed.roamingSettings) ? (parsed.roamingSettings as Record<string, unknown>) : {};
    if (mailbox.user === undefined) return undefined;
    return { user: mailbox.user, messages: mailbox.messages, masterCategories: mailbox.masterCategories ?? [], roamingSettings };
  } catch {
    forgetSavedMailbox(storage);
    return undefined;
  }
}

/** Saves the mailbox; returns false when the storage refused it (full or blocked). Never throws. */
export function saveMailbox(storage: StateStorage | undefined, mailbox: SavedMailbox): boolean {
  if (storage === undefined) return false;
  try {
    storage.setItem(SIMULATOR_STATE_KEY, JSON.stringify(mailbox));
    return true;
  } catch {
    return false;
  }
}

/** Forgets the saved mailbox; never throws. */
export function forgetSavedMailbox(storage: StateStorage | undefined): void {
  try {
    storage?.removeItem(SIMULATOR_STATE_KEY);
  } catch {
    // Nothing saved, or storage blocked: nothing to forget.
  }
}
