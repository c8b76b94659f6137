import { isAppError, type AppError } from "../core/errors";
import type { Org } from "../core/orgs/types";
import type { ItemOutcome } from "../core/ports";
import type { OrgTrackSession, SessionTrackResult } from "../core/session";
import type { TrackResult } from "../core/tracking";
import type { OfficeMailboxPort } from "../office/mailbox-port";
import type { CommandText } from "./messages";
import type { CommandOutcome, ReportProgress } from "./run-command";

/** What the ribbon commands work with: the session, the selection and their words. */
export interface CommandDeps {
  session: Pick<OrgTrackSession, "track" | "untrack" | "snapshot">;
  mailbox: Pick<OfficeMailboxPort, "selectedMessages" | "currentItemId">;
  text: CommandText;
}

/**
 * The ribbon's Track: tracks the selected message (several selected: all of them, in one bulk
 * track) into the synchronizing org through the session, or queues them while "Connect
 * automatically" is off. Returns what to tell the person: the result per the org's verdict, or
 * guidance when there is no org yet or a sign-in is needed. Throws only what the session or the
 * mailbox throw unexpectedly (runCommand puts it in words).
 */
export async function trackSelection(deps: CommandDeps, progress: ReportProgress): Promise<CommandOutcome> {
  const { text } = deps;
  const selected = await deps.mailbox.selectedMessages();
  const readable = selected.filter((message) => message.mode === "read").map((message) => message.itemId);
  if (readable.length === 0) {
    return { kind: "error", text: text.say(selected.length > 0 ? "commands.track.draftsOnly" : "commands.track.noSelection") };
  }
  await progress(readable.length === 1 ? text.say("commands.track.progress") : text.say("commands.track.progressMany", { count: readable.length }));
  let result: SessionTrackResult;
  try {
    result = await deps.session.track(readable);
  } catch (error) {
    return { kind: "error", text: guidance(error, deps, undefined) ?? text.describeError(error) };
  }
  if (result.kind === "queued") {
    const count = result.requests.length;
    return { kind: "info", text: count === 1 ? text.say("commands.track.queued", { org: result.org.friendlyName }) : text.say("commands.track.queuedMany", { count, org: result.org.friendlyName }) };
  }
  return result.outcomes.length === 1 ? single(result.outcomes[0] as ItemOutcome<TrackResult>, result.org, deps) : bulk(result.outcomes, result.org, deps);
}

function single(outcome: ItemOutcome<TrackResult>, org: Org, deps: CommandDeps): CommandOutcome {
  const { text } = deps;
  if (!outcome.ok) return { kind: "error", text: guidance(outcome.error, deps, org) ?? text.say("commands.track.notTracked", { reason: text.describeError(outcome.error) }) };
  const values = { org: org.friendlyName };
  switch (outcome.value.how) {
    case "alreadyMarked":
      return { kind: "info", text: text.say("commands.track.alreadyTracked", values) };
    case "linkedExisting":
      return { kind: "info", text: text.say("commands.track.linkedExisting", values) };
    default:
      return { kind: "info", text: text.say("commands.track.stored", values) };
  }
}

function bulk(outcomes: readonly ItemOutcome<TrackResult>[], org: Org, deps: CommandDeps): CommandOutcome {
  const { text } = deps;
  const failures = outcomes.filter((outcome): outcome is { ok: false; error: AppError } => !outcome.ok);
  const values = { org: org.friendlyName, count: outcomes.length, done: outcomes.length - failures.length };
  const first = failures[0];
  if (first === undefined) return { kind: "info", text: text.say("commands.track.bulkDone", values) };
  // Every item failed for a reason of the connection (sign-in, unreachable): say what to do instead.
  const sameCause = failures.length === outcomes.length ? guidance(first.error, deps, org) : undefined;
  if (sameCause !== undefined) return { kind: "error", text: sameCause };
  return { kind: "error", text: text.say("commands.track.bulkPartly", { ...values, failed: failures.length, reason: text.describeError(first.error) }) };
}

/**
 * Returns what the person should do for an error that is about the setup rather than the message
 * (no org yet, no synchronizing org, sign-in needed, org unreachable), or undefined for any other
 * error. `org` is the org the request went to, when known; else the synchronizing org is named.
 */
export function guidance(error: unknown, deps: Pick<CommandDeps, "text" | "session">, org: Org | undefined): string | undefined {
  const { text } = deps;
  if (!isAppError(error)) return undefined;
  if (error.messageKey === "session.noOrganization") return text.say("commands.addOrganization");
  if (error.messageKey === "tracking.noSynchronizingOrg") return text.say("commands.chooseSynchronizing");
  const name = org?.friendlyName ?? synchronizingName(deps);
  if (name === undefined) return undefined;
  if (error.kind === "auth") return text.say("commands.signIn", { org: name });
  if (error.kind === "offline" || error.kind === "timeout") return text.say("commands.unreachable", { org: name });
  return undefined;
}

function synchronizingName(deps: Pick<CommandDeps, "session">): string | undefined {
  const snapshot = deps.session.snapshot();
  return snapshot.orgs.find((org) => org.key === snapshot.synchronizingKey)?.friendlyName;
}
