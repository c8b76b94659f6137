import { toAppError, type AppErrorKind } from "../errors";
import type { OrgService } from "../ports";
import type { Org, OrgAddress, OrgStatus } from "./types";

/** How the connection code reaches an org (src/dataverse's `createOrgService` in the app). */
export interface ConnectionDeps {
  serviceFor(address: OrgAddress): OrgService;
}

/** Options of a status check. */
export interface CheckOptions {
  /** Told each org's status as soon as it is known (the UI shows "connecting…" until then). */
  onStatus?: (key: string, status: OrgStatus) => void;
}

/**
 * What a failed connection attempt means for the person:
 * `auth` → needs sign-in; `forbidden` (not a member, disabled user, no privilege) → no access;
 * `offline`, `timeout`, `throttled`, `notFound` (no org at that address) and anything unexpected
 * → unreachable; `cancelled` → not checked.
 */
const STATUS_OF_ERROR: Record<AppErrorKind, OrgStatus> = {
  auth: "needsSignIn",
  forbidden: "noAccess",
  offline: "unreachable",
  timeout: "unreachable",
  throttled: "unreachable",
  notFound: "unreachable",
  conflict: "unreachable",
  invalidInput: "unreachable",
  rejectedByOrg: "unreachable",
  office: "unreachable",
  unknown: "unreachable",
  cancelled: "notChecked",
};

/** The status an error from an org call stands for (see the table above). Never throws. */
export function statusOfError(error: unknown): OrgStatus {
  return STATUS_OF_ERROR[toAppError(error).kind];
}

/**
 * Connects to an org: WhoAmI and the org's own details, in parallel (one round trip's time once a
 * token is cached). Returns the org with its friendly name, version and the person's user id.
 * Throws the AppError of the call that failed (`auth`, `forbidden`, `offline`, …).
 */
export async function connectOrg(address: OrgAddress, deps: ConnectionDeps): Promise<Org> {
  try {
    const service = deps.serviceFor(address);
    const [identity, details] = await Promise.all([service.whoAmI(), service.details()]);
    return {
      ...address,
      friendlyName: details.friendlyName,
      version: details.version,
      userId: identity.userId,
      organizationId: identity.organizationId,
    };
  } catch (error) {
    throw toAppError(error);
  }
}

/**
 * Checks every org at once (all requests start before any answer is awaited) with WhoAmI.
 * Returns each org's status by key: connected, needsSignIn, noAccess or unreachable. Throws
 * only what `onStatus` throws: a failed call is that org's status.
 */
export async function checkStatuses(orgs: readonly OrgAddress[], deps: ConnectionDeps, options: CheckOptions = {}): Promise<Map<string, OrgStatus>> {
  const statuses = await Promise.all(
    orgs.map(async (org): Promise<[string, OrgStatus]> => {
      let status: OrgStatus;
      try {
        await deps.serviceFor(org).whoAmI();
        status = "connected";
      } catch (error) {
        status = statusOfError(error);
      }
      options.onStatus?.(org.key, status);
      return [org.key, status];
    }),
  );
  return new Map(statuses);
}

/**
 * The statuses to show when the add-in starts: with "Connect automatically" on, the orgs are
 * checked (as `checkStatuses`); off, every org is "notChecked" and no network call is made
 * until the person connects. Never throws.
 */
export async function statusesOnStart(
  orgs: readonly OrgAddress[],
  connectAutomatically: boolean,
  deps: ConnectionDeps,
  options: CheckOptions = {},
): Promise<Map<string, OrgStatus>> {
  if (!connectAutomatically) return new Map(orgs.map((org) => [org.key, "notChecked"]));
  return checkStatuses(orgs, deps, options);
}
