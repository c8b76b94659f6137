/** Tracking: validate → store → mark, untrack, set regarding, bulk and the offline queue (issue #3 items 3, 5, 6, 7). */
export { MAX_BULK_ITEMS, trackMany, type BulkProgress } from "./bulk";
export {
  activityIdIn,
  isMarkNotSavable,
  isTrackedCategory,
  MARK_NEEDS_OPEN_MESSAGE,
  markTracked,
  markWith,
  markWithout,
  trackedCategory,
  trackedOrgsIn,
  trackedOrgsOf,
  trackedStateIn,
  unmarkTracked,
  type TrackedOrg,
  type TrackingDeps,
} from "./marks";
export { deliveryRequestOf, describeValidationPayload, validationMetadataOf, VALIDATION_FIELDS } from "./metadata";
export { createTrackingQueue, type PendingRequest, type QueueOptions, type QueuedError, type QueueStore, type ReplayDeps, type ReplayedRequest, type TrackingQueue } from "./queue";
export type { QueuedRequest } from "../settings/types";
export { describeVerdict, reasonName, REASON_CODES, rejectionError, type ReasonName, type ReasonText } from "./reasons";
export { setRegarding, suggestRecords } from "./regarding";
export { alreadyTracked, deliveryFor, isDuplicate, targetOrg, trackMessage, type TrackHow, type TrackOptions, type TrackResult } from "./tracker";
export { executeUntrack, planUntrack, untrackMessage, type UntrackPlan, type UntrackResult } from "./untrack";
