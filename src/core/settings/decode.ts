import { AppError } from "../errors";
import { defaultFriendlyName } from "../orgs/friendly-name";
import { parseOrgUrl } from "../orgs/org-url";
import type { Org, OrgAddress } from "../orgs/types";
import { SETTINGS_VERSION, defaultSettings, type QueuedRequest, type SettingsDocument } from "./types";

/**
 * Reading a stored settings document, whatever state it is in: missing (first start), current,
 * an older version (migrated), corrupted (recovered: what is valid is kept, the rest dropped and
 * reported), or written by a newer OrgTrack (read as far as possible, never overwritten).
 *
 * Version 1 (the first release) stored `{ version: 1, organizations: [{ url, name }], primary?,
 * savePassword?, workOffline? }`, `primary` being the synchronizing org's URL.
 *
 * Each org's address is derived again from its URL with `parseOrgUrl`, and an entry whose stored
 * key, Web API URL or token resource differ from what its URL gives is dropped: a tampered store
 * cannot make the add-in send a token somewhere the URL rules would refuse.
 */

/** What reading a stored document gave. */
export interface DecodedSettings {
  settings: SettingsDocument;
  /** What was wrong with the stored document, if anything (recovered from, or why it is read-only). */
  problem?: AppError;
  /** False when the document was written by a newer OrgTrack: it must not be overwritten. */
  writable: boolean;
  /** The stored version, when the document was migrated from an older one. */
  migratedFrom?: number;
}

type Json = Record<string, unknown>;

/** The settings a stored text holds (defaults when undefined). Never throws: every problem is returned as an AppError in `problem`. */
export function decodeSettings(text: string | undefined): DecodedSettings {
  if (text === undefined || text === "") return { settings: defaultSettings(), writable: true };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return corrupted("The stored settings are not valid JSON.", error);
  }
  if (!isObject(value)) return corrupted("The stored settings are not an object.");
  const version = value.version;
  if (version === undefined && Array.isArray(value.organizations)) return fromV1(value);
  if (version === 1) return fromV1(value);
  if (version === SETTINGS_VERSION) return fromV2(value);
  if (typeof version === "number" && Number.isInteger(version) && version > SETTINGS_VERSION) return fromNewer(value, version);
  return corrupted("The stored settings have no known version.");
}

/** The document made valid: the synchronizing key names an org when there is one, and nothing else. Never throws. */
export function normaliseSettings(settings: SettingsDocument): SettingsDocument {
  const first = settings.orgs[0];
  const synchronizingKey = settings.orgs.some((org) => org.key === settings.synchronizingKey) ? settings.synchronizingKey : first?.key;
  const { synchronizingKey: _dropped, ...rest } = settings;
  return { ...rest, version: SETTINGS_VERSION, ...(synchronizingKey === undefined ? {} : { synchronizingKey }) };
}

/** True for a well-formed queued request. */
export function isQueuedRequest(value: unknown): value is QueuedRequest {
  return (
    isObject(value) &&
    isNonEmptyString(value.id) &&
    (value.kind === "track" || value.kind === "untrack") &&
    isNonEmptyString(value.itemId) &&
    isNonEmptyString(value.orgKey) &&
    isNonEmptyString(value.queuedAt) &&
    !Number.isNaN(Date.parse(value.queuedAt))
  );
}

function fromV2(value: Json): DecodedSettings {
  const repairs: string[] = [];
  const settings = readV2(value, repairs);
  if (!settings) return corrupted("The stored settings have no list of organizations.");
  return withRepairs({ settings, writable: true }, repairs);
}

function fromNewer(value: Json, version: number): DecodedSettings {
  const settings = readV2(value, []) ?? defaultSettings();
  const problem = new AppError(
    "conflict",
    `The settings were saved by a newer version of OrgTrack (settings version ${version}). They are shown as far as this version understands them, and changes are not saved until OrgTrack is updated.`,
    { messageKey: "settings.newerVersion", values: { version } },
  );
  return { settings, writable: false, problem };
}

function fromV1(value: Json): DecodedSettings {
  const repairs: string[] = [];
  const organizations = Array.isArray(value.organizations) ? value.organizations : [];
  const orgs: Org[] = [];
  for (const entry of organizations) {
    const address = isObject(entry) && typeof entry.url === "string" ? tryParse(entry.url) : undefined;
    if (!address || !isObject(entry)) {
      repairs.push("an organization whose address is not valid");
      continue;
    }
    if (orgs.some((org) => org.key === address.key)) continue;
    const name = typeof entry.name === "string" && entry.name.trim() !== "" ? entry.name.trim() : defaultFriendlyName(address);
    orgs.push({ ...address, friendlyName: name });
  }
  const primary = typeof value.primary === "string" ? tryParse(value.primary)?.key : undefined;
  const settings = normaliseSettings({
    version: SETTINGS_VERSION,
    orgs,
    ...(primary === undefined ? {} : { synchronizingKey: primary }),
    saveCredentials: value.savePassword === true,
    connectAutomatically: value.workOffline !== true,
    queue: [],
  });
  return withRepairs({ settings, writable: true, migratedFrom: 1 }, repairs);
}

/** A version-2 document from a parsed value (unknown fields ignored, invalid entries dropped and noted), or undefined when it has no org list. */
function readV2(value: Json, repairs: string[]): SettingsDocument | undefined {
  if (!Array.isArray(value.orgs)) return undefined;
  const orgs: Org[] = [];
  for (const entry of value.orgs) {
    const org = readOrg(entry);
    if (!org) repairs.push("an organization entry that is not valid");
    else if (orgs.some((known) => known.key === org.key)) repairs.push("an organization listed twice");
    else orgs.push(org);
  }
  const queue: QueuedRequest[] = [];
  if (value.queue !== undefined && !Array.isArray(value.queue)) repairs.push("a waiting-requests list that is not a list");
  for (const entry of Array.isArray(value.queue) ? value.queue : []) {
    if (!isQueuedRequest(entry)) repairs.push("a waiting request that is not valid");
    else if (!queue.some((known) => known.id === entry.id)) queue.push(pickQueued(entry));
  }
  const saveCredentials = readFlag(value, "saveCredentials", false, repairs);
  const connectAutomatically = readFlag(value, "connectAutomatically", true, repairs);
  const storedKey = typeof value.synchronizingKey === "string" ? value.synchronizingKey : undefined;
  const settings = normaliseSettings({
    version: SETTINGS_VERSION,
    orgs,
    ...(storedKey === undefined ? {} : { synchronizingKey: storedKey }),
    saveCredentials,
    connectAutomatically,
    queue,
  });
  if (settings.synchronizingKey !== storedKey && (storedKey !== undefined || orgs.length > 0)) repairs.push("a synchronizing organization that is not in the list");
  return settings;
}

function readOrg(entry: unknown): Org | undefined {
  if (!isObject(entry) || typeof entry.url !== "string" || !isNonEmptyString(entry.friendlyName)) return undefined;
  const address = tryParse(entry.url);
  if (!address) return undefined;
  const same = (Object.keys(address) as (keyof OrgAddress)[]).every((field) => entry[field] === address[field]);
  if (!same) return undefined;
  return {
    ...address,
    friendlyName: entry.friendlyName,
    ...(typeof entry.version === "string" ? { version: entry.version } : {}),
    ...(typeof entry.userId === "string" ? { userId: entry.userId } : {}),
    ...(typeof entry.organizationId === "string" ? { organizationId: entry.organizationId } : {}),
  };
}

function pickQueued(entry: QueuedRequest): QueuedRequest {
  return { id: entry.id, kind: entry.kind, itemId: entry.itemId, orgKey: entry.orgKey, queuedAt: entry.queuedAt };
}

function readFlag(value: Json, name: "saveCredentials" | "connectAutomatically", fallback: boolean, repairs: string[]): boolean {
  const flag = value[name];
  if (typeof flag === "boolean") return flag;
  if (flag !== undefined) repairs.push(`a "${name}" setting that is not true or false`);
  return fallback;
}

function withRepairs(decoded: DecodedSettings, repairs: readonly string[]): DecodedSettings {
  if (repairs.length === 0) return decoded;
  const problem = new AppError(
    "invalidInput",
    `Some saved settings were damaged and have been left out: ${[...new Set(repairs)].join("; ")}.`,
    { messageKey: "settings.repaired", values: { count: repairs.length } },
  );
  return { ...decoded, problem };
}

function corrupted(reason: string, cause?: unknown): DecodedSettings {
  const problem = new AppError("invalidInput", `${reason} OrgTrack started with default settings; add your organizations again.`, {
    messageKey: "settings.corrupted",
    ...(cause === undefined ? {} : { cause }),
  });
  return { settings: defaultSettings(), writable: true, problem };
}

function tryParse(url: string): OrgAddress | undefined {
  try {
    return parseOrgUrl(url);
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === "string" && value.trim() !== "";
}
