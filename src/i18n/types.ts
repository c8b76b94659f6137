import type { base } from "./en/base";
import type { commands } from "./en/commands";
import type { errors } from "./en/errors";
import type { pane } from "./en/pane";
import type { views } from "./en/views";

/** The English parts' shapes, which every language follows. */
interface EnglishParts {
  base: typeof base;
  errors: typeof errors;
  commands: typeof commands;
  pane: typeof pane;
  views: typeof views;
}

/**
 * The parts the strings are split into, so that each surface loads what it shows: `base` (shared
 * words, each error kind's generic words; always there), `errors` (the service layer's messageKeys),
 * `commands` (the ribbon), `pane` (the task pane's first render), `views` (its later views and dialogs).
 */
export type StringPart = keyof EnglishParts;

/** The keys of one part. */
export type PartKey<P extends StringPart> = keyof EnglishParts[P];

/** Every user-facing string's key: the keys of the English parts, which every other language must have too. */
export type MessageKey = { [P in StringPart]: PartKey<P> }[StringPart];

/** One language's strings of one part: a template per key. */
export type PartStrings<P extends StringPart> = Readonly<Record<PartKey<P>, string>>;

/** One language's strings, every part: a template per key, with `{name}` placeholders filled from values. */
export type AllStrings = Readonly<Record<MessageKey, string>>;

/** One language's strings as far as loaded: the base part always, the other parts once loaded. */
export type Strings = PartStrings<"base"> & Readonly<Partial<AllStrings>>;

/** The languages OrgTrack ships. */
export type Language = "en" | "de";

/** Where one part comes from, per language (src/i18n/parts: each a chunk of its own). */
export type PartSource = Readonly<Record<Language, () => Promise<Partial<AllStrings>>>>;

/** The parts a surface loads, besides the base part (which every surface has). */
export type PartSources = { readonly [P in Exclude<StringPart, "base">]?: PartSource };

/** Values a template may show (an org's name, a count); never tokens, bodies or addresses of other people. */
export type MessageValues = Readonly<Record<string, string | number>>;

/** What an error brings to be put in words: an AppError, or a queued request's last error. */
export interface ErrorLike {
  kind: string;
  messageKey: string;
  message: string;
  values?: MessageValues;
}
