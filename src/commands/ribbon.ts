import { runCommand, type CommandEvent, type CommandOutcome, type ReportProgress, type RunCommandDeps } from "./run-command";
import { trackSelection } from "./track-command";
import { untrackOpenMessage, type UntrackDeps } from "./untrack-command";

/** A ribbon function as Office calls it (the FunctionName of an ExecuteFunction button). */
export type RibbonFunction = (event: CommandEvent) => void;

/** Where ribbon functions are registered: `Office.actions.associate` in Outlook (src/office/actions.ts), a map in tests. */
export interface RibbonHost {
  associate(name: string, action: RibbonFunction): void;
}

/** What a ribbon command does once the composition is ready: returns what to tell the person. */
export type RibbonWork = (deps: UntrackDeps, progress: ReportProgress) => Promise<CommandOutcome>;

/** The ribbon's commands by FunctionName: the one table manifest.xml's ExecuteFunction buttons name. */
export const RIBBON_COMMANDS: Readonly<Record<string, RibbonWork>> = {
  trackMessage: trackSelection,
  untrackMessage: untrackOpenMessage,
};

/**
 * Registers every command of RIBBON_COMMANDS with the host. Each call runs through runCommand:
 * it waits for the composition (`ready`, which gives each command its dependencies; a failure
 * there becomes the error shown), reports in the item's notification bar and completes the event
 * exactly once. Returns nothing; throws what the host's `associate` throws.
 */
export function registerRibbonCommands(host: RibbonHost, ready: Promise<() => UntrackDeps>, run: () => RunCommandDeps): void {
  for (const [name, work] of Object.entries(RIBBON_COMMANDS)) {
    host.associate(name, (event) => {
      void runCommand(event, async (progress) => work((await ready)(), progress), run());
    });
  }
}
