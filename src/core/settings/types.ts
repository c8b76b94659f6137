import type { Org } from "../orgs/types";

/** The version of the settings document this code writes. */
export const SETTINGS_VERSION = 2;

/** A track or untrack request made while disconnected, waiting to be replayed on connect. */
export interface QueuedRequest {
  /** Unique per request; replaying or enqueuing the same id twice has no further effect. */
  id: string;
  kind: "track" | "untrack";
  /** Outlook's item id (local to the mailbox; never sent to an org). */
  itemId: string;
  /** The key of the target org. */
  orgKey: string;
  /** ISO 8601 time the request was made. */
  queuedAt: string;
}

/** Everything OrgTrack keeps between sessions (roamingSettings in Outlook, localStorage elsewhere). */
export interface SettingsDocument {
  readonly version: typeof SETTINGS_VERSION;
  readonly orgs: readonly Org[];
  /** The synchronizing org: set exactly when `orgs` is not empty. */
  readonly synchronizingKey?: string;
  /** "Save my credentials on this device": token cache in localStorage rather than the session. */
  readonly saveCredentials: boolean;
  /** "Connect automatically": off means no network call at all until the person connects. */
  readonly connectAutomatically: boolean;
  /** Track/untrack requests waiting for a connection, oldest first. */
  readonly queue: readonly QueuedRequest[];
}

/** The settings of a first start: no orgs, credentials for the session only, connect automatically, empty queue. */
export function defaultSettings(): SettingsDocument {
  return { version: SETTINGS_VERSION, orgs: [], saveCredentials: false, connectAutomatically: true, queue: [] };
}
