import type { AppError } from "./errors";

/**
 * The ports through which src/core reaches the outside world. src/core imports none of Office,
 * React, MSAL, fetch or the DOM; the composition roots (task pane, commands) and the tests hand it
 * implementations of these.
 */

/** One HTTP request, as the Dataverse client sends it. */
export interface HttpRequest {
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  url: string;
  headers: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

/** One HTTP response, body read as text. */
export interface HttpResponse {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: string;
}

/**
 * Sends one request and returns the whole response, whatever its status. Rejects only when no
 * response arrived (network failure, dropped connection, abort): with an AppError of kind
 * `offline` (or `cancelled` for an abort).
 */
export type HttpSend = (request: HttpRequest) => Promise<HttpResponse>;

/** Options of a token request. */
export interface TokenRequestOptions {
  /** May show a sign-in prompt (only in answer to a user's action). Default false. */
  interactive?: boolean;
  /** Ignore any cached access token (after a 401). Default false. */
  forceRefresh?: boolean;
}

/**
 * Gets access tokens, one resource at a time (an org URL such as `https://contoso.crm.dynamics.com`,
 * or the Global Discovery URL). Silent first; interactive only when asked to.
 */
export interface TokenProvider {
  /** Returns an access token for the resource; throws AppError `auth` when sign-in is needed and not allowed. */
  getToken(resource: string, options?: TokenRequestOptions): Promise<string>;
  /** Forgets the tokens of one resource (sign out of one org). */
  signOut(resource: string): Promise<void>;
}

/** Where settings live: Office roamingSettings in Outlook, localStorage elsewhere. */
export interface SettingsStore {
  /** Returns the stored document, or undefined when nothing was saved. Throws AppError `office` when the host fails. */
  load(): Promise<string | undefined>;
  /** Saves the document. Throws AppError `invalidInput` when it exceeds `limitBytes`, `office` when the host fails. */
  save(document: string): Promise<void>;
  /** The largest document the store accepts (roamingSettings: 32 KB per add-in and mailbox). */
  readonly limitBytes: number;
}

/** Whether a message was received or sent, as far as tracking is concerned. */
export type MailDirection = "incoming" | "outgoing";

/** An address with its display name, as Outlook gives it. */
export interface MailAddress {
  emailAddress: string;
  displayName?: string;
}

/** The metadata of one message: what validation may send, plus what storing it needs. */
export interface MailMetadata {
  /** Outlook's item id (local; never sent to the org). */
  itemId: string;
  /** The RFC 5322 Message-ID. */
  internetMessageId: string;
  subject: string;
  from: MailAddress;
  to: MailAddress[];
  cc: MailAddress[];
  bcc: MailAddress[];
  direction: MailDirection;
  /** ISO 8601 date the message was received or sent. */
  date: string;
}

/**
 * What tracking leaves on a message: a category per org ("Tracked to <friendly name>", always) and
 * a custom property mapping org → activity id (where the host can save it; Outlook cannot on a
 * message loaded from a multiple selection). The message is tracked in an org when it carries either.
 */
export interface TrackingMark {
  /** Org key → the tracked copy's activity id in that org. */
  activities: Record<string, string>;
}

/** The mailbox item(s) the person is acting on, through Office.js (src/office implements it). */
export interface MailboxPort {
  /** The metadata of a message. Throws AppError `office`. */
  getMetadata(itemId: string): Promise<MailMetadata>;
  /** The message body (HTML), read only after the org accepted the message. Throws AppError `office`. */
  getBody(itemId: string): Promise<string>;
  /** The tracking mark of a message (empty when untracked). */
  getMark(itemId: string): Promise<TrackingMark>;
  /**
   * Replaces the tracking mark of a message. Throws AppError `office` with messageKey
   * `office.markNeedsOpenMessage` when the host cannot save a mark on this item (Outlook: a message
   * loaded from a multiple selection; categories still work there), else AppError `office` / `invalidInput`.
   */
  setMark(itemId: string, mark: TrackingMark): Promise<void>;
  /** The categories on a message, as the host spells them (empty when none). Throws AppError `office`. */
  getCategories(itemId: string): Promise<string[]>;
  /** Adds a category to the message, creating it in the master list when needed. */
  addCategory(itemId: string, category: string): Promise<void>;
  /** Removes a category from the message (not from the master list). */
  removeCategory(itemId: string, category: string): Promise<void>;
}

/** The clock, injectable for tests. */
export type Clock = () => number;

/** Who the person is in an org (WhoAmI). */
export interface OrgIdentity {
  userId: string;
  businessUnitId: string;
  organizationId: string;
}

/** What an org says of itself. */
export interface OrgDetails {
  friendlyName: string;
  version: string;
}

/** The only data that leaves the device before the org accepts a message (the product brief). */
export interface ValidationMetadata {
  internetMessageId: string;
  subject: string;
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  direction: MailDirection;
}

/** The org's answer to a validation request. */
export interface ValidationVerdict {
  accepted: boolean;
  /** The Dataverse reason code (CheckIncomingEmail / CheckPromoteEmail). */
  reasonCode: number;
}

/** A message the org accepted, with what storing it needs. */
export interface DeliveryRequest extends ValidationMetadata {
  body: string;
  /** ISO 8601 received/sent date. */
  date: string;
}

/** A record a tracked copy can be set regarding. */
export interface RecordRef {
  table: "contact" | "account" | "lead" | "opportunity";
  id: string;
  name: string;
  emailAddress?: string;
}

/** A tracked copy as the org holds it: its activity id and its owner (systemuserid). */
export interface TrackedCopy {
  activityId: string;
  ownerId: string;
}

/** One outcome of a bulk operation: a value, or the AppError of that item. */
export type ItemOutcome<T> = { ok: true; value: T } | { ok: false; error: AppError };

/**
 * The calls the service layer makes to one org (src/dataverse implements it over the Web API).
 * Every method throws AppError; none returns null for a failure.
 */
export interface OrgService {
  whoAmI(): Promise<OrgIdentity>;
  details(): Promise<OrgDetails>;
  /** CheckIncomingEmail (incoming) or CheckPromoteEmail (outgoing): sends ONLY the validation metadata. */
  validate(message: ValidationMetadata): Promise<ValidationVerdict>;
  /** DeliverIncomingEmail / DeliverPromoteEmail; returns the activity id (the existing one for a message already tracked). */
  deliver(message: DeliveryRequest): Promise<string>;
  /** Validates many messages in one `$batch` round trip; one outcome per message, in order. */
  validateMany(messages: readonly ValidationMetadata[]): Promise<ItemOutcome<ValidationVerdict>[]>;
  /** Stores many messages in one `$batch` round trip; one outcome per message, in order. */
  deliverMany(messages: readonly DeliveryRequest[]): Promise<ItemOutcome<string>[]>;
  /** The owner (systemuserid) of a tracked copy, or undefined when it no longer exists. */
  emailOwner(activityId: string): Promise<string | undefined>;
  /**
   * The tracked copy of a message found by its internet message id (one request), or undefined when
   * the org holds none the person may read. For an item whose mark has no activity id (tracked from a
   * multiple selection, or on another device).
   */
  findTrackedEmail(internetMessageId: string): Promise<TrackedCopy | undefined>;
  /** Deletes a tracked copy. Throws AppError `forbidden` when the person may not. */
  deleteEmail(activityId: string): Promise<void>;
  /** Contacts, accounts, leads and opportunities whose name or email matches the text. */
  searchRecords(text: string): Promise<RecordRef[]>;
  /** Records whose email address is one of these (suggestions for set regarding). */
  recordsByEmail(addresses: readonly string[]): Promise<RecordRef[]>;
  /** Links a tracked copy to a record (`regardingobjectid`). */
  setRegarding(activityId: string, record: RecordRef): Promise<void>;
}

/** An org as Global Discovery lists it. */
export interface DiscoveredOrg {
  url: string;
  apiUrl: string;
  friendlyName: string;
  uniqueName: string;
  urlName: string;
  version: string;
  state: "enabled" | "disabled";
}

/** Global Discovery for the signed-in person. */
export interface DiscoveryService {
  /** The orgs the person is a member of. Throws AppError. */
  instances(): Promise<DiscoveredOrg[]>;
}
