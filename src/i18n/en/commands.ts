/**
 * English: what the ribbon commands say (src/commands/messages.ts; Outlook shows at most 150 characters).
 * Every language has exactly these keys in its own `commands` part (test/unit/i18n checks it).
 */
export const commands = {
  // The ribbon commands (src/commands/messages.ts; Outlook shows at most 150 characters).
  "commands.track.progress": "Tracking…",
  "commands.track.progressMany": "Tracking {count} messages…",
  "commands.track.stored": "Tracked to {org}.",
  "commands.track.alreadyTracked": "Already tracked to {org}.",
  "commands.track.linkedExisting": "{org} already had this message; it is linked here now.",
  "commands.track.notTracked": "Not tracked: {reason}",
  "commands.track.queued": "Waiting to be tracked to {org}. Open OrgTrack and choose Connect to send it.",
  "commands.track.queuedMany": "{count} messages wait to be tracked to {org}. Open OrgTrack and choose Connect to send them.",
  "commands.track.bulkDone": "Tracked {done} of {count} messages to {org}.",
  "commands.track.bulkPartly": "Tracked {done} of {count} messages to {org}; {failed} not tracked. First reason: {reason}",
  "commands.track.noSelection": "Select a message to track.",
  "commands.track.draftsOnly": "A message can be tracked once it has been sent.",
  "commands.untrack.progress": "Untracking…",
  "commands.untrack.deleted": "Untracked: the copy was deleted from {org}.",
  "commands.untrack.unlinked": "Untracked: the copy stays in {org}; only unlinked here.",
  "commands.untrack.unmarked": "Untracked: {org} no longer has a copy you can see.",
  "commands.untrack.notTracked": "This message is not tracked in {org}.",
  "commands.untrack.notTrackedAnywhere": "This message is not tracked.",
  "commands.untrack.queued": "Waiting to be untracked from {org}. Open OrgTrack and choose Connect to send it.",
  "commands.untrack.noSelection": "Open a message to untrack it.",
  "commands.untrack.oneAtATime": "Select one message to untrack.",
  "commands.untrack.severalOrgs": "This message is tracked in several organizations: untrack it in OrgTrack, where you choose which.",
  "commands.untrack.notUntracked": "Not untracked: {reason}",
  "commands.addOrganization": "Add an organization first: open OrgTrack and choose Add organization.",
  "commands.chooseSynchronizing": "Choose a synchronizing organization first: open OrgTrack and choose Synchronize.",
  "commands.signIn": "Sign in to {org} first: open OrgTrack and choose Connect.",
  "commands.unreachable": "{org} could not be reached. Check your connection and try again.",
  "commands.failed": "Something went wrong: {reason}",
} as const satisfies Record<string, string>;
