import type { en } from "./en";

/** Every user-facing string's key: the keys of the English resource, which every other language must have too. */
export type MessageKey = keyof typeof en;

/** One language's strings: a template per key, with `{name}` placeholders filled from values. */
export type Strings = Readonly<Record<MessageKey, string>>;

/** The languages OrgTrack ships. */
export type Language = "en" | "de";

/** Values a template may show (an org's name, a count); never tokens, bodies or addresses of other people. */
export type MessageValues = Readonly<Record<string, string | number>>;

/** What an error brings to be put in words: an AppError, or a queued request's last error. */
export interface ErrorLike {
  kind: string;
  messageKey: string;
  message: string;
  values?: MessageValues;
}
