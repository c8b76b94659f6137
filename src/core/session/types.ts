import type { AppError } from "../errors";
import type { ChooseSuccessor, ConfirmSynchronizingChange } from "../orgs/registry";
import type { Org, OrgAddress, OrgStatus } from "../orgs/types";
import type { Clock, DiscoveredOrg, DiscoveryService, ItemOutcome, MailboxPort, OrgService, RecordRef, SettingsStore, TokenProvider, ValidationMetadata } from "../ports";
import type { SettingsUsage } from "../settings/repository";
import type { QueuedRequest } from "../settings/types";
import type { BulkProgress } from "../tracking/bulk";
import type { PendingRequest, ReplayedRequest } from "../tracking/queue";
import type { TrackResult } from "../tracking/tracker";
import type { UntrackPlan, UntrackResult } from "../tracking/untrack";

/** What a session is made of: the ports the composition root (task pane or ribbon commands) hands it. */
export interface OrgTrackSessionDeps {
  /** Office roamingSettings in Outlook, localStorage elsewhere. */
  settingsStore: SettingsStore;
  mailbox: MailboxPort;
  tokens: TokenProvider;
  /** The Web API service of an org (src/dataverse `createOrgService`); the session keeps one per org. */
  serviceFor(org: OrgAddress): OrgService;
  /** Global Discovery for the signed-in person (src/dataverse `createDiscoveryService`). */
  discovery(): DiscoveryService;
  /** The token resource of Global Discovery: when given, "Dynamics 365 (online)" may prompt for sign-in to it first. */
  discoveryResource?: string;
  /**
   * Asked before a queued untrack is carried out on replay, with its plan (the UI shows
   * `plan.message`); false drops the request. Default: go ahead (the person asked for it).
   */
  confirmQueuedUntrack?(plan: UntrackPlan): Promise<boolean>;
  clock?: Clock;
  /** Ids of queued requests (tests make them predictable). */
  newId?: () => string;
}

/** "Save my credentials on this device" and "Connect automatically". */
export interface SessionPreferences {
  saveCredentials: boolean;
  connectAutomatically: boolean;
}

/** An org as the UI lists it: the saved org, what the session knows of its connection, and whether it synchronizes. */
export interface SessionOrg extends Org {
  status: OrgStatus;
  synchronizing: boolean;
}

/** What a running operation has done so far (the UI shows a spinner or "12 of 40"). */
export interface OperationProgress {
  /** Unique in the session. */
  id: number;
  kind: "addOrg" | "connect" | "track" | "untrack" | "replay";
  /** The target org, when the operation has one. */
  orgKey?: string;
  /** `checked`: statuses known; `replayed`: queued requests settled; the others as in a bulk track. */
  phase: "started" | "checked" | "replayed" | BulkProgress["phase"];
  done: number;
  total: number;
}

/**
 * Everything the UI shows, as one immutable value: a new object after every change and the same
 * object until then (fit for React's `useSyncExternalStore`).
 */
export interface SessionSnapshot {
  /** False until the settings are loaded. */
  loaded: boolean;
  orgs: readonly SessionOrg[];
  synchronizingKey: string | undefined;
  preferences: SessionPreferences;
  /** The waiting track/untrack requests, oldest first; failed ones with the error of their last replay. */
  queue: readonly PendingRequest[];
  /** What was wrong with the stored settings (corrupted and recovered, repaired, newer version, unreadable). */
  settingsProblem: AppError | undefined;
  /** How much of the store's limit (roamingSettings: 32 KB) the settings take. */
  settingsUsage: SettingsUsage;
  /** The operations under way, oldest first (a finished one leaves the list). */
  operations: readonly OperationProgress[];
}

/** An org Global Discovery lists, with whether it is in the person's list already. */
export interface DiscoverableOrg {
  instance: DiscoveredOrg;
  /** The org's key, undefined when its address is not one OrgTrack can use (see `problem`). */
  key: string | undefined;
  added: boolean;
  problem?: AppError;
}

/** What a track request did: queued (disconnected) or sent, with one outcome per item. */
export type SessionTrackResult =
  | { kind: "queued"; org: Org; requests: readonly QueuedRequest[] }
  | { kind: "sent"; org: Org; outcomes: ItemOutcome<TrackResult>[] };

/** What an untrack request did: queued (disconnected) or carried out. */
export type SessionUntrackResult = { kind: "queued"; org: Org; request: QueuedRequest } | { kind: "done"; result: UntrackResult };

/** What the person's "Connect" did: each org's status, then the replay of the waiting requests. */
export interface ConnectResult {
  statuses: Readonly<Record<string, OrgStatus>>;
  replayed: readonly ReplayedRequest[];
}

/** Exactly what the org receives for validation, and the sentence the task pane shows about it. */
export interface ValidationPreview {
  org: Org;
  metadata: ValidationMetadata;
  sentence: string;
}

/**
 * The one entry point of the service layer for the task pane and the ribbon commands. Every
 * method throws (rejects with) AppError only.
 */
export interface OrgTrackSession {
  /** Returns the current snapshot; never throws. */
  snapshot(): SessionSnapshot;
  /** Calls the listener with each new snapshot; returns the unsubscribe function. */
  subscribe(listener: (snapshot: SessionSnapshot) => void): () => void;
  /**
   * Loads the settings (a corrupted or unreadable store is reported in `settingsProblem`, never
   * thrown); with "Connect automatically" on, checks every org at once and replays the waiting
   * requests of those connected; off, makes no network call at all. Resolves when done; a second
   * call returns the first one's promise. Never rejects.
   */
  start(): Promise<SessionSnapshot>;
  /** Adds the org of a pasted address (sign-in, WhoAmI, details); returns it. Throws `invalidInput` (`orgUrl.*`), else the connection's AppError (nothing is added). */
  addOrgFromUrl(text: string): Promise<Org>;
  /** Returns the orgs Global Discovery lists for the person. Throws the discovery's AppError. */
  listDiscoverable(): Promise<DiscoverableOrg[]>;
  /** Adds an org Global Discovery listed; returns it. Throws as `addOrgFromUrl`. */
  addDiscovered(instance: DiscoveredOrg): Promise<Org>;
  /** Makes an org synchronizing after `confirm`; resolves false when cancelled. Throws `notFound`. */
  setSynchronizing(key: string, confirm: ConfirmSynchronizingChange): Promise<boolean>;
  /** Removes an org (asking who synchronizes next when needed); resolves false when cancelled. Throws `notFound`, `invalidInput`. */
  remove(key: string, chooseSuccessor: ChooseSuccessor): Promise<boolean>;
  /** Forgets the org's tokens; its status becomes needsSignIn (the other orgs stay as they are). Throws `notFound`. */
  signOut(key: string): Promise<void>;
  /** The person's "Connect" (one org, or all): sign-in when needed, status check, then replay of the waiting requests of the orgs now connected. Throws `notFound`. */
  connect(key?: string): Promise<ConnectResult>;
  /** Saves "Save my credentials on this device" / "Connect automatically"; returns the preferences. Throws the store's AppError. */
  setPreferences(preferences: Partial<SessionPreferences>): Promise<SessionPreferences>;
  /** Tracks 1–100 items into an org (default: the synchronizing org), or queues them while disconnected. Throws `invalidInput` (no org, no or too many items). */
  track(itemIds: readonly string[], orgKey?: string): Promise<SessionTrackResult>;
  /** Untracks an item from an org (default: synchronizing) after `confirm` saw the plan, or queues it while disconnected. Throws `cancelled`, `notFound` (not tracked there), else the org's AppError. */
  untrack(itemId: string, orgKey: string | undefined, confirm: (plan: UntrackPlan) => Promise<boolean>): Promise<SessionUntrackResult>;
  /** Removes a waiting request (the person gave up on it). Throws the store's AppError. */
  discardQueued(id: string): Promise<void>;
  /** Returns exactly what validating the item sends to the org, without sending anything. Throws `invalidInput` (no org), `office`. */
  validationPreview(itemId: string, orgKey?: string): Promise<ValidationPreview>;
  /** Returns records to set the item's tracked copy regarding, the sender's and recipients' first. Throws `offline` while disconnected, else the org's AppError. */
  suggestRegarding(itemId: string, orgKey?: string, text?: string): Promise<RecordRef[]>;
  /** Links the item's tracked copy to a record. Throws `offline` while disconnected, `notFound` when not tracked there, else the org's AppError. */
  setRegarding(itemId: string, record: RecordRef, orgKey?: string): Promise<void>;
}
