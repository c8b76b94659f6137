import { base } from "./en/base";
import { commands } from "./en/commands";
import { errors } from "./en/errors";
import { pane } from "./en/pane";
import { views } from "./en/views";

/**
 * OrgTrack in English, every part together: every user-facing string of the task pane and the
 * ribbon commands, and the words of every AppError `messageKey` the service layer uses (src/core,
 * src/dataverse, src/auth, src/office, src/config). The strings live in parts (en/*.ts) so that
 * each surface loads what it shows (src/i18n/index.ts); this whole set is for the tests and the
 * types: every other language has exactly these keys, part by part (test/unit/i18n checks it, and
 * that each messageKey used in src/ has a string). Templates take `{name}` placeholders; the
 * accessible names the tests rely on are exact (architecture.md: "Add organization",
 * "Dynamics 365 (online)", "Organization URL", …). Product code imports the parts, never this file.
 */
export const en = { ...base, ...errors, ...commands, ...pane, ...views } as const;

/** The English parts by name. */
export const EN_PARTS = { base, errors, commands, pane, views } as const;

/** Returns true when `key` is a key of the string resources (of any part). Never throws. */
export function isMessageKey(key: string): key is keyof typeof en {
  return Object.prototype.hasOwnProperty.call(en, key);
}
