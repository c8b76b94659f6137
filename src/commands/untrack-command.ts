import { isAppError } from "../core/errors";
import type { Org } from "../core/orgs/types";
import type { MailboxPort } from "../core/ports";
import type { SessionUntrackResult } from "../core/session";
import { trackedOrgsOf } from "../core/tracking";
import type { CommandText } from "./messages";
import type { CommandOutcome, ReportProgress } from "./run-command";
import { guidance, type CommandDeps } from "./track-command";

/** The ribbon's Untrack needs the whole mailbox port: which orgs an item is tracked in comes from its mark and its categories. */
export type UntrackDeps = CommandDeps & { mailbox: CommandDeps["mailbox"] & MailboxPort };

/**
 * The ribbon's Untrack: untracks the open message from the synchronizing org, or from the one
 * other org it is tracked in. A ribbon button has no room to ask first, so the owner rule is
 * stated in the result: the copy was deleted from the org (the person owned it), or it stays
 * there and is only unlinked here. While "Connect automatically" is off the request is queued.
 * Returns what to tell the person; throws only what the session or the mailbox throw unexpectedly.
 */
export async function untrackOpenMessage(deps: UntrackDeps, progress: ReportProgress): Promise<CommandOutcome> {
  const { text, session } = deps;
  const selected = (await deps.mailbox.selectedMessages()).filter((message) => message.mode === "read");
  if (selected.length > 1) return { kind: "error", text: text.say("commands.untrack.oneAtATime") };
  const itemId = selected[0]?.itemId ?? deps.mailbox.currentItemId();
  if (itemId === undefined) return { kind: "error", text: text.say("commands.untrack.noSelection") };
  await progress(text.say("commands.untrack.progress"));

  const goAhead = async (): Promise<boolean> => true;
  try {
    return described(await session.untrack(itemId, undefined, goAhead), text);
  } catch (error) {
    if (isAppError(error, "invalidInput") && error.messageKey === "session.noOrganization") return { kind: "error", text: text.say("commands.untrack.notTrackedAnywhere") };
    if (!(isAppError(error, "notFound") && error.messageKey === "tracking.notTracked")) return failure(error, deps);
  }

  // Not tracked in the synchronizing org: maybe in exactly one other (the session has loaded the list by now).
  const snapshot = session.snapshot();
  const others = snapshot.orgs.filter((org) => org.key !== snapshot.synchronizingKey);
  const tracked = await trackedOrgsOf(itemId, others, deps);
  const only = tracked[0];
  if (only === undefined) return { kind: "error", text: text.say("commands.untrack.notTrackedAnywhere") };
  if (tracked.length > 1) return { kind: "error", text: text.say("commands.untrack.severalOrgs") };
  try {
    return described(await session.untrack(itemId, only.org.key, goAhead), text);
  } catch (error) {
    return failure(error, deps, only.org);
  }
}

function described(result: SessionUntrackResult, text: CommandText): CommandOutcome {
  if (result.kind === "queued") return { kind: "info", text: text.say("commands.untrack.queued", { org: result.org.friendlyName }) };
  const values = { org: result.result.org.friendlyName };
  switch (result.result.done) {
    case "deleted":
      return { kind: "info", text: text.say("commands.untrack.deleted", values) };
    case "unlinked":
      return { kind: "info", text: text.say("commands.untrack.unlinked", values) };
    case "unmarked":
      return { kind: "info", text: text.say("commands.untrack.unmarked", values) };
    default:
      return { kind: "info", text: text.say("commands.untrack.notTracked", values) };
  }
}

function failure(error: unknown, deps: UntrackDeps, org?: Org): CommandOutcome {
  return { kind: "error", text: guidance(error, deps, org) ?? deps.text.say("commands.untrack.notUntracked", { reason: deps.text.describeError(error) }) };
}
