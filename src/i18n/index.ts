/**
 * The string resources of OrgTrack, shared by the task pane and the ribbon commands: per language
 * (en/, de/) the same keys in the same parts (base, errors, commands, pane, views), `{name}`
 * placeholders, and the words of every AppError `messageKey` the service layer uses. Each surface
 * loads the parts it shows (the commands: errors and commands; the task pane: pane first, errors
 * and views after its first paint); an error whose words are not loaded yet reads as its kind.
 * Framework-free, so the commands bundle can use it.
 */
import { base } from "./en/base";
import type { ErrorLike, Language, MessageKey, MessageValues, PartSource, PartSources, StringPart, Strings } from "./types";

export type { AllStrings, ErrorLike, Language, MessageKey, MessageValues, PartKey, PartSource, PartSources, PartStrings, StringPart, Strings } from "./types";
export { createStringCatalog, type StringCatalog } from "./catalog";

/** The languages OrgTrack ships, English first (the fallback). */
export const LANGUAGES: readonly Language[] = ["en", "de"];

/** Every part of the strings. */
export const STRING_PARTS: readonly StringPart[] = ["base", "errors", "commands", "pane", "views"];

/** The base part, which every surface has: English in its first chunk, German a chunk of its own. */
const BASE: PartSource = {
  en: () => Promise.resolve(base),
  de: async () => (await import(/* webpackChunkName: "strings-de-base" */ "./de/base")).base,
};

/**
 * Returns the strings of a language with the base part and every part in `sources`, merged (a new
 * object). A surface passes the sources of the parts it shows (src/i18n/parts), so that its bundle
 * reaches no other part. Rejects only when a chunk cannot be loaded.
 */
export async function loadStrings(language: Language, sources: PartSources): Promise<Strings> {
  const parts = [BASE, ...Object.values(sources).filter((source) => source !== undefined)];
  const loaded = await Promise.all(parts.map((source) => source[language]()));
  return Object.assign({}, ...loaded) as Strings;
}

/** Returns the template with each `{name}` replaced by its value (numbers in the language's digits); an unknown placeholder becomes empty. Never throws. */
export function format(template: string, values: MessageValues = {}, language: Language = "en"): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) return "";
    return typeof value === "number" ? value.toLocaleString(language) : value;
  });
}

/**
 * Returns the string of a key in a language, with its values filled in; an empty string when the
 * key's part is not loaded (the views that use a part wait for it, so the pane never shows that).
 * Never throws.
 */
export function translate(strings: Strings, key: MessageKey, values?: MessageValues, language: Language = languageOfStrings(strings)): string {
  const template = stringOf(strings, key);
  return template === undefined ? "" : format(template, values, language);
}

/**
 * Returns an error in the person's words: the string of its `messageKey`, else the generic string
 * of its kind (`error.<kind>`, in the base part: also what is said while the error's own part is
 * not loaded), else its own (English) message; never an empty string. Never throws.
 */
export function describeError(strings: Strings, error: ErrorLike): string {
  const language = languageOfStrings(strings);
  const own = stringOf(strings, error.messageKey);
  if (own !== undefined) return format(own, error.values, language);
  const byKind = stringOf(strings, `error.${error.kind}`);
  if (byKind !== undefined) return format(byKind, error.values, language);
  return error.message.trim() === "" ? strings["error.unknown"] : error.message;
}

/** Returns the language to use for a BCP 47 tag such as Office's `displayLanguage` (`de-AT` → de); English for anything else. Never throws. */
export function languageOf(tag: string | undefined): Language {
  const primary = (tag ?? "").trim().toLowerCase().split(/[-_]/)[0];
  return LANGUAGES.find((language) => language === primary) ?? "en";
}

/** The string of a key when its part is loaded. */
function stringOf(strings: Strings, key: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(strings, key) ? (strings as Readonly<Record<string, string>>)[key] : undefined;
}

/** The language a set of strings is in (from its `meta.language` entry). */
function languageOfStrings(strings: Strings): Language {
  return languageOf(strings["meta.language"]);
}
