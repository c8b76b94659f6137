import { DEFAULT_INCOMING_EMAIL_FILTERING, DEFAULT_ORG_SETTINGS, type Member, type Org } from "../../seed/directory";
import type { Store } from "../../store/store";

/** The organization-row settings that govern tracking (spec §3.11), read from the store on every call. */
export interface TrackingSettings {
  correlationEnabled: boolean;
  ignoreInternalEmail: boolean;
  unresolveIfMultipleMatch: boolean;
  trackingPrefix: string;
  /** Addresses a message must share with a tracked email to correlate by subject (`hashminaddresscount`, default 2). */
  minSharedAddresses: number;
  /** How many of the most recent emails with the same subject are compared (`hashmaxcount`, default 20). */
  maxSubjectCandidates: number;
}

/** Returns the org's tracking settings (the organization row, falling back to Dataverse's defaults). */
export function trackingSettings(store: Store, org: Org): TrackingSettings {
  const row = store.get(org.urlName, "organization", org.id)?.data ?? store.list(org.urlName, "organization")[0]?.data ?? {};
  const value = (name: string): unknown => row[name] ?? org.settings[name] ?? DEFAULT_ORG_SETTINGS[name];
  const minShared = value("hashminaddresscount");
  const maxCandidates = value("hashmaxcount");
  const prefix = value("trackingprefix");
  return {
    correlationEnabled: value("emailcorrelationenabled") !== false,
    ignoreInternalEmail: value("ignoreinternalemail") === true,
    unresolveIfMultipleMatch: value("unresolveemailaddressifmultiplematch") === true,
    trackingPrefix: typeof prefix === "string" && prefix !== "" ? prefix : "CRM",
    minSharedAddresses: positiveInteger(minShared) ?? 2,
    maxSubjectCandidates: positiveInteger(maxCandidates) ?? 20,
  };
}

/** Returns a member's `usersettings.incomingemailfilteringmethod` (0–4), or the default 1 when unset. */
export function filteringMethodOf(store: Store, org: Org, member: Member): number {
  const value = store.get(org.urlName, "usersettings", member.systemUserId)?.data.incomingemailfilteringmethod;
  return typeof value === "number" && Number.isInteger(value) ? value : DEFAULT_INCOMING_EMAIL_FILTERING;
}

function positiveInteger(value: unknown): number | undefined {
  return typeof value === "number" && Number.isInteger(value) && value >= 1 ? value : undefined;
}
