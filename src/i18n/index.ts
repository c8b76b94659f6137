/**
 * The string resources of OrgTrack, shared by the task pane and the ribbon commands: one file per
 * language (en.ts, de.ts) with the same keys, `{name}` placeholders, and the words of every
 * AppError `messageKey` the service layer uses. Framework-free, so the commands bundle can use it.
 */
import { en } from "./en";
import type { ErrorLike, Language, MessageKey, MessageValues, Strings } from "./types";

export type { ErrorLike, Language, MessageKey, MessageValues, Strings } from "./types";
export { en } from "./en";

/** The languages OrgTrack ships, English first (the fallback). */
export const LANGUAGES: readonly Language[] = ["en", "de"];

/** Returns the template with each `{name}` replaced by its value (numbers in the language's digits); an unknown placeholder becomes empty. Never throws. */
export function format(template: string, values: MessageValues = {}, language: Language = "en"): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) return "";
    return typeof value === "number" ? value.toLocaleString(language) : value;
  });
}

/** Returns true when `key` is a key of the string resources. Never throws. */
export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}

/** Returns the string of a key in a language, with its values filled in. Never throws. */
export function translate(strings: Strings, key: MessageKey, values?: MessageValues, language: Language = languageOfStrings(strings)): string {
  return format(strings[key], values, language);
}

/**
 * Returns an error in the person's words: the string of its `messageKey`, else the generic string
 * of its kind (`error.<kind>`), else its own (English) message; never an empty string. Never throws.
 */
export function describeError(strings: Strings, error: ErrorLike): string {
  const language = languageOfStrings(strings);
  if (isMessageKey(error.messageKey)) return format(strings[error.messageKey], error.values, language);
  const byKind = `error.${error.kind}`;
  if (isMessageKey(byKind)) return format(strings[byKind], error.values, language);
  return error.message.trim() === "" ? strings["error.unknown"] : error.message;
}

/** Returns the language to use for a BCP 47 tag such as Office's `displayLanguage` (`de-AT` → de); English for anything else. Never throws. */
export function languageOf(tag: string | undefined): Language {
  const primary = (tag ?? "").trim().toLowerCase().split(/[-_]/)[0];
  return LANGUAGES.find((language) => language === primary) ?? "en";
}

/** Returns the strings of a language: English at once, the others loaded on demand (their own chunk). Rejects only when a chunk cannot be loaded. */
export async function loadStrings(language: Language): Promise<Strings> {
  if (language === "de") return (await import("./de")).de;
  return en;
}

/** The language a set of strings is in (from its `meta.language` entry). */
function languageOfStrings(strings: Strings): Language {
  return languageOf(strings["meta.language"]);
}
