import { isAppError, toAppError } from "../core/errors";
import { describeError, en, translate, type MessageKey, type MessageValues, type Strings } from "../i18n";

/**
 * What the ribbon commands say: the `commands.*` strings of the string resources (src/i18n, one
 * file per language), and any error in the person's words. Outlook shows at most 150 characters
 * per notification, so these strings are short.
 */

/** The key of something a ribbon command says. */
export type CommandMessageKey = Extract<MessageKey, `commands.${string}`>;

/** How the commands put things in words: their own messages, and any error. */
export interface CommandText {
  /** Returns the message of a key with its values filled in; never throws. */
  say(key: CommandMessageKey, values?: MessageValues): string;
  /** Returns an error in the person's words (its message key's string, else its kind's, else its own message); never throws. */
  describeError(error: unknown): string;
}

/** Returns the commands' words in a language's strings (English by default); never throws. */
export function createCommandText(strings: Strings = en): CommandText {
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
