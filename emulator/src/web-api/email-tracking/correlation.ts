import { lookupTarget } from "../../model/record-values";
import type { StoredRecord } from "../../model/types";
import type { Store } from "../../store/store";
import { noteEmailStored, participantsOf, refreshIndex, subjectCandidates, tokenCandidates, type IndexedEmail, type KeyFunctions } from "./correlation-index";
import type { EmailPlan } from "./email-record";
import { CorrelationMethod, type CorrelationMethodValue } from "./reason-codes";
import type { TrackingSettings } from "./settings";

/** What correlation looks at in a message. */
export interface CorrelationInput {
  subject: string;
  /** Every address of the message (From, To, Cc, Bcc). */
  addresses: readonly string[];
  /** The In-Reply-To message id, when the client passed one (ExtraProperties.inreplyto). */
  inReplyTo?: string;
}

/** A tracked email a message belongs to. */
export interface Correlation {
  emailId: string;
  method: CorrelationMethodValue;
  /** The tracked email's regarding record, which a correlated email inherits. */
  regarding?: { table: string; id: string };
}

/** How many of the newest emails carrying a tracking token are read to find one that still exists. */
const CANDIDATES_TO_READ = 20;

// Reply and forward prefixes of common Outlook languages, possibly numbered (`RE[2]:`).
const REPLY_PREFIXES = /^\s*((re|fw|fwd|aw|wg|sv|vs|tr|rv|rif|enc|res|antw|doorst|odp|vb|vl|ynt)(\[\d+\])?\s?:\s*)+/i;

/** Returns the first tracking token (`CRM:0001001` with the org's prefix) in a subject, or undefined. */
export function findTrackingToken(subject: string, prefix: string): string | undefined {
  return trackingTokenPattern(prefix).exec(subject)?.[1];
}

/**
 * The subject as correlation compares it: tracking tokens and leading reply/forward prefixes
 * (`RE:`, `FW:`, `AW:`, `WG:` …) removed, white space collapsed, lower-cased.
 */
export function normalizeSubject(subject: string, prefix: string): string {
  const withoutTokens = subject.replace(new RegExp(trackingTokenPattern(prefix).source, "gi"), " ");
  return withoutTokens.replace(REPLY_PREFIXES, "").replace(/\s+/g, " ").trim().toLowerCase();
}

/**
 * Finds the tracked email a message belongs to, trying in order: In-Reply-To (→ 3), tracking token
 * in the subject (→ 4), then the same normalized subject with at least `minSharedAddresses` shared
 * participants among the `maxSubjectCandidates` emails last written with that subject (→ 6,
 * standing in for conversation matching). The most recently written match wins.
 * Returns undefined when correlation is off or nothing matches; never throws.
 */
export function correlate(store: Store, org: string, settings: TrackingSettings, input: CorrelationInput): Correlation | undefined {
  if (!settings.correlationEnabled) return undefined;
  const keys = keyFunctions(settings.trackingPrefix);
  refreshIndex(store, org, settings.trackingPrefix, keys);
  const inReplyTo = input.inReplyTo?.trim();
  if (inReplyTo) {
    const parent = store.findEmailByMessageId(org, inReplyTo);
    if (parent) return toCorrelation(parent, CorrelationMethod.InReplyTo);
  }
  const token = findTrackingToken(input.subject, settings.trackingPrefix);
  const tokenKey = token === undefined ? undefined : keys.tokenKey(token);
  if (tokenKey !== undefined) {
    const tokenMatch = firstStillMatching(store, org, tokenCandidates(store, org, settings.trackingPrefix, keys, tokenKey, CANDIDATES_TO_READ), (data) =>
      typeof data.trackingtoken === "string" && keys.tokenKey(data.trackingtoken) === tokenKey,
    );
    if (tokenMatch) return toCorrelation(tokenMatch, CorrelationMethod.TrackingToken);
  }
  const subjectMatch = newestSubjectMatch(store, org, settings, keys, input);
  return subjectMatch ? toCorrelation(subjectMatch, CorrelationMethod.SmartMatching) : undefined;
}

/** Lets correlation find an email this process just stored from `plan` without reading it back (see correlation-index.ts). Never throws. */
export function noteStoredForCorrelation(store: Store, org: string, settings: TrackingSettings, email: StoredRecord, plan: EmailPlan): void {
  const addresses = [email.data.sender, ...plan.parties.map((p) => p.data.addressused)].filter((a): a is string => typeof a === "string");
  noteEmailStored(store, org, settings.trackingPrefix, keyFunctions(settings.trackingPrefix), email, 1 + plan.parties.length, addresses);
}

function newestSubjectMatch(store: Store, org: string, settings: TrackingSettings, keys: KeyFunctions, input: CorrelationInput): StoredRecord | undefined {
  const normalized = keys.subjectKey(input.subject);
  if (normalized === undefined) return undefined;
  const ours = new Set(input.addresses.map((a) => a.trim().toLowerCase()).filter((a) => a !== ""));
  if (ours.size < settings.minSharedAddresses) return undefined;
  for (const candidate of subjectCandidates(store, org, settings.trackingPrefix, keys, normalized, settings.maxSubjectCandidates)) {
    let shared = 0;
    for (const address of participantsOf(store, org, candidate) ?? []) if (ours.has(address)) shared++;
    if (shared < settings.minSharedAddresses) continue;
    const match = firstStillMatching(store, org, [candidate], (data) => typeof data.subject === "string" && keys.subjectKey(data.subject) === normalized);
    if (match) return match;
  }
  return undefined;
}

/** Reads candidates in order and returns the first that still exists and still matches. */
function firstStillMatching(store: Store, org: string, candidates: readonly IndexedEmail[], matches: (data: Record<string, unknown>) => boolean): StoredRecord | undefined {
  for (const candidate of candidates) {
    const row = store.get(org, "email", candidate.id);
    if (row && matches(row.data)) return row;
  }
  return undefined;
}

function keyFunctions(prefix: string): KeyFunctions {
  return {
    subjectKey: (subject) => normalizeSubject(subject, prefix) || undefined,
    tokenKey: (token) => token.trim().toLowerCase() || undefined,
  };
}

function toCorrelation(email: StoredRecord, method: CorrelationMethodValue): Correlation {
  const regardingId = email.data._regardingobjectid_value;
  const regardingTable = lookupTarget(email.data, "regardingobjectid");
  return {
    emailId: email.id,
    method,
    ...(typeof regardingId === "string" && regardingTable ? { regarding: { table: regardingTable, id: regardingId } } : {}),
  };
}

function trackingTokenPattern(prefix: string): RegExp {
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(?<![\\w])(${escaped}:\\d+)(?!\\d)`, "i");
}
