import { AppError } from "../core/errors";
import { hasOfficeHost } from "./office-host";

/**
 * The Office requirement sets OrgTrack depends on, checked with `isSetSupported`, each with the
 * feature it unlocks so that a missing one produces a clear message ("needs Outlook with Mailbox 1.8").
 */
export const REQUIREMENTS = {
  categories: { set: "Mailbox", version: "1.8", feature: "categories and the master category list" },
  multiSelect: { set: "Mailbox", version: "1.13", feature: "acting on several selected messages" },
  loadItemById: { set: "Mailbox", version: "1.15", feature: "acting on a selected message that is not open" },
  nestedAppAuth: { set: "NestedAppAuth", version: "1.1", feature: "signing in with the Outlook account" },
} as const;

/** A capability of the host that OrgTrack checks for. */
export type Requirement = keyof typeof REQUIREMENTS;

/** What the host supports, one flag per requirement (all false outside Office). */
export type HostCapabilities = Record<Requirement, boolean>;

/** Returns whether the host supports a requirement; false outside Office or when the check itself fails. */
export function isSupported(requirement: Requirement): boolean {
  if (!hasOfficeHost()) return false;
  const { set, version } = REQUIREMENTS[requirement];
  try {
    return Office.context.requirements.isSetSupported(set, version) === true;
  } catch {
    return false;
  }
}

/** Returns nothing when the host supports the requirement; throws AppError `office` (`office.requirementMissing`) naming the set otherwise. */
export function requireSupport(requirement: Requirement): void {
  if (isSupported(requirement)) return;
  const { set, version, feature } = REQUIREMENTS[requirement];
  throw new AppError("office", `This needs Outlook with ${set} ${version} (${feature}).`, {
    messageKey: "office.requirementMissing",
    values: { requirementSet: `${set} ${version}`, feature },
  });
}

/** Returns every requirement flag at once (what the composition roots pass to src/auth and the UI). */
export function hostCapabilities(): HostCapabilities {
  return {
    categories: isSupported("categories"),
    multiSelect: isSupported("multiSelect"),
    loadItemById: isSupported("loadItemById"),
    nestedAppAuth: isSupported("nestedAppAuth"),
  };
}
