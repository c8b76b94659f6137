/**
 * English: the strings every surface has from its first moment: the language, shared words, and the generic words of each error kind (what `describeError` says while an error's own words are not loaded).
 * Every language has exactly these keys in its own `base` part (test/unit/i18n checks it).
 */
export const base = {
  "meta.language": "en",

  // Shared words.
  "common.ok": "OK",
  "common.cancel": "Cancel",
  "common.close": "Close",
  "common.dismiss": "Dismiss",
  "common.retry": "Try again",
  "common.loading": "Loading…",
  "common.opening": "Opening…",

  // Errors by kind: what is said when an error's own key has no string.
  "error.auth": "You need to sign in again.",
  "error.forbidden": "You do not have permission to do this.",
  "error.notFound": "What you asked for does not exist (any more).",
  "error.conflict": "Something changed meanwhile. Try again.",
  "error.throttled": "The organization is busy. Try again in a moment.",
  "error.offline": "The organization cannot be reached. Check your connection.",
  "error.timeout": "The organization took too long to answer. Try again.",
  "error.invalidInput": "This cannot be done with what was given.",
  "error.rejectedByOrg": "The organization did not accept this message.",
  "error.office": "Outlook could not do this.",
  "error.cancelled": "This was cancelled.",
  "error.unknown": "Something went wrong. Try again.",
} as const satisfies Record<string, string>;
