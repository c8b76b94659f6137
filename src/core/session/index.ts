/** The session: the one entry point of the service layer for the task pane and the ribbon commands (issue #3). */
export { createOrgTrackSession } from "./session";
export type {
  ConnectResult,
  DiscoverableOrg,
  OperationProgress,
  OrgTrackSession,
  OrgTrackSessionDeps,
  SessionOrg,
  SessionPreferences,
  SessionSnapshot,
  SessionTrackResult,
  SessionUntrackResult,
  ValidationPreview,
} from "./types";
export type { ChooseSuccessor, ConfirmSynchronizingChange } from "../orgs/registry";
export type { UntrackPlan } from "../tracking/untrack";
