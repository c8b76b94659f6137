import { isAppError, toAppError } from "../core/errors";
import { describeError, translate, type MessageKey, type MessageValues, type PartSources, type Strings } from "../i18n";
import { base } from "../i18n/en/base";
import { commands } from "../i18n/en/commands";
import { errors } from "../i18n/en/errors";
import { commandsPart } from "../i18n/parts/commands";
import { errorsPart } from "../i18n/parts/errors";

/**
 * What the ribbon commands say: the `commands.*` strings of the string resources (src/i18n, one
 * file per language), and any error in the person's words. Outlook shows at most 150 characters
 * per notification, so these strings are short.
 */

/** The parts of the strings the commands use (besides the base part): their own, and the service layer's error words. */
export const COMMAND_STRINGS: PartSources = { errors: errorsPart, commands: commandsPart };

/** The commands' strings in English, part of the first load (every other language is loaded when Office names it). */
const ENGLISH: Strings = { ...base, ...errors, ...commands };

/** The key of something a ribbon command says. */
export type CommandMessageKey = Extract<MessageKey, `commands.${string}`>;

/** How the commands put things in words: their own messages, and any error. */
export interface CommandText {
  /** Returns the message of a key with its values filled in; never throws. */
  say(key: CommandMessageKey, values?: MessageValues): string;
  /** Returns an error in the person's words (its message key's string, else its kind's, else its own message); never throws. */
  describeError(error: unknown): string;
}

/** Returns the commands' words in a language's strings (with COMMAND_STRINGS; English by default); never throws. */
export function createCommandText(strings: Strings = ENGLISH): CommandText {
  const say = (key: CommandMessageKey, values: MessageValues = {}): string => translate(strings, key, values);
  return {
    say,
    describeError(error) {
      // Anything but an AppError is a bug of ours: its text is not for people, only its gist.
      if (!isAppError(error)) return say("commands.failed", { reason: toAppError(error).message });
      return describeError(strings, error);
    },
  };
}
