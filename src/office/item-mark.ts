import { AppError } from "../core/errors";
import type { TrackingMark } from "../core/ports";
import { officeAsync } from "./office-async";
import type { ItemReach } from "./item-access";
import type { OutlookCustomProperties, OutlookReadItem } from "./outlook-item";

/**
 * The tracking mark kept in an item's custom properties: one key holding
 * `{"v":1,"activities":{"<org key>":"<activity id>"}}`. Custom properties roam with the message
 * (every device sees them) and belong to this add-in only.
 */

/** The custom property that holds the mark. */
export const MARK_PROPERTY = "orgtrack";

/** Outlook's limit on an item's custom properties, serialized as JSON. */
export const CUSTOM_PROPERTIES_LIMIT_CHARS = 2500;

/** Returns the mark of a message (empty when it has none, or when what is stored is not a mark). Throws AppError `office`. */
export async function readMark(item: OutlookReadItem): Promise<TrackingMark> {
  const properties = await loadProperties(item);
  return parseMark(properties.get(MARK_PROPERTY));
}

/**
 * Replaces the mark of a message (an empty mark removes the property) and saves it. Throws
 * AppError `office` (`office.markNeedsOpenMessage`) for a message loaded from a multiple
 * selection (Outlook cannot save custom properties there), `invalidInput` (`office.markTooLarge`)
 * past Outlook's 2,500 characters, `office` when Outlook fails.
 */
export async function writeMark(item: OutlookReadItem, reach: ItemReach, mark: TrackingMark): Promise<void> {
  if (reach === "loaded") {
    throw new AppError("office", "Outlook can save OrgTrack's mark only on the message that is open, not on one of several selected messages.", {
      messageKey: "office.markNeedsOpenMessage",
    });
  }
  const properties = await loadProperties(item);
  const activities = cleanActivities(mark.activities);
  if (Object.keys(activities).length === 0) {
    properties.remove(MARK_PROPERTY);
  } else {
    const value = JSON.stringify({ v: 1, activities });
    const size = serializedSize(properties, value);
    if (size > CUSTOM_PROPERTIES_LIMIT_CHARS) {
      throw new AppError("invalidInput", `The tracking mark would take ${size} characters; Outlook keeps at most ${CUSTOM_PROPERTIES_LIMIT_CHARS} per message.`, {
        messageKey: "office.markTooLarge",
        values: { size, limit: CUSTOM_PROPERTIES_LIMIT_CHARS },
      });
    }
    properties.set(MARK_PROPERTY, value);
  }
  await officeAsync<void>("save the tracking mark", (callback) => properties.saveAsync(callback));
}

/** Returns the mark a stored value describes; anything malformed counts as no mark for the entries it spoils. */
export function parseMark(stored: unknown): TrackingMark {
  if (typeof stored !== "string" || stored === "") return { activities: {} };
  let parsed: unknown;
  try {
    parsed = JSON.parse(stored);
  } catch {
    return { activities: {} };
  }
  if (typeof parsed !== "object" || parsed === null) return { activities: {} };
  return { activities: cleanActivities((parsed as { activities?: unknown }).activities) };
}

function cleanActivities(activities: unknown): Record<string, string> {
  const clean: Record<string, string> = {};
  if (typeof activities !== "object" || activities === null || Array.isArray(activities)) return clean;
  for (const [org, activityId] of Object.entries(activities as Record<string, unknown>)) {
    if (org !== "" && typeof activityId === "string" && activityId !== "") clean[org] = activityId;
  }
  return clean;
}

function serializedSize(properties: OutlookCustomProperties, value: string): number {
  const all = typeof properties.getAll === "function" ? { ...properties.getAll() } : {};
  all[MARK_PROPERTY] = value;
  return JSON.stringify(all).length;
}

function loadProperties(item: OutlookReadItem): Promise<OutlookCustomProperties> {
  return officeAsync<OutlookCustomProperties>("read the message's custom properties", (callback) => item.loadCustomPropertiesAsync(callback));
}
