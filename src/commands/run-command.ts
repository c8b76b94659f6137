import type { ItemNotification } from "../office/notifications";

/** The part of Office's add-in command event a ribbon function uses (`Office.AddinCommands.Event` fits). */
export interface CommandEvent {
  completed(options?: { allowEvent?: boolean }): void;
}

/** How a command ended, in the person's words: shown in the item's notification bar. */
export interface CommandOutcome {
  kind: "info" | "error";
  text: string;
}

/** Shows progress while a command works (a failure to show it never fails the command). */
export type ReportProgress = (text: string) => Promise<void>;

/** What runCommand needs from the host. */
export interface RunCommandDeps {
  /** Shows a notification on the item the command runs on; false when there is no bar to write to. Throws AppError `office`. */
  notify(notification: ItemNotification): Promise<boolean>;
  /** Puts an unexpected error in words (a command's own failures come back as outcomes). */
  describeError(error: unknown): string;
}

/**
 * Runs one ribbon command: awaits `work` (which may report progress), shows its outcome in the
 * item's notification bar (an error thrown by `work` becomes an error notification), and calls
 * `event.completed()` exactly once, in `finally`, whatever happened. Returns the outcome shown;
 * never throws (a failing notification bar or a throwing `completed` are swallowed: Outlook must
 * get its completion and there is nowhere else to report to).
 */
export async function runCommand(event: CommandEvent, work: (progress: ReportProgress) => Promise<CommandOutcome>, deps: RunCommandDeps): Promise<CommandOutcome> {
  const progress: ReportProgress = async (text) => {
    try {
      await deps.notify({ kind: "progress", text });
    } catch {
      // Progress is a courtesy: the work goes on and its outcome is reported below.
    }
  };
  let outcome: CommandOutcome;
  try {
    try {
      outcome = await work(progress);
    } catch (error) {
      outcome = { kind: "error", text: describe(deps, error) };
    }
    try {
      await deps.notify({ kind: outcome.kind, text: outcome.text });
    } catch {
      // The bar could not show it (the item was closed meanwhile): nothing else can.
    }
    return outcome;
  } finally {
    try {
      event.completed();
    } catch {
      // Outlook already dropped the event (the item closed): completing it was all that was left.
    }
  }
}

/** Words for a thrown error; the describer itself failing must not cost the completion. */
function describe(deps: RunCommandDeps, error: unknown): string {
  try {
    return deps.describeError(error);
  } catch {
    return "Something went wrong. Try again.";
  }
}
