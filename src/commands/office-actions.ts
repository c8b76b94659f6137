/* eslint-disable no-restricted-globals -- Stopgap: src/office offers no wrapper for Office.onReady,
   Office.actions.associate and Office.context.displayLanguage yet (requested in the commands report:
   src/office/actions.ts with exactly these three functions). This file is the only place in
   src/commands that reads the Office global. */
import type { RibbonHost } from "./ribbon";

/** Resolves when Office.js has initialized in this runtime (with the host name, e.g. "Outlook"); rejects when Office.js is not loaded. */
export async function whenOfficeReady(): Promise<string | undefined> {
  if (typeof Office === "undefined") throw new Error("Office.js is not loaded on this page.");
  const info = await Office.onReady();
  return info.host === null || info.host === undefined ? undefined : String(info.host);
}

/** Returns the host that registers ribbon functions with `Office.actions.associate`; throws when Office.js is not loaded. */
export function officeRibbonHost(): RibbonHost {
  if (typeof Office === "undefined") throw new Error("Office.js is not loaded on this page.");
  return { associate: (name, action) => Office.actions.associate(name, action) };
}

/** Returns Office's display language (`en-US`, `de-DE`), or undefined outside Office; never throws. */
export function officeDisplayLanguage(): string | undefined {
  try {
    return typeof Office === "undefined" ? undefined : Office.context.displayLanguage;
  } catch {
    return undefined;
  }
}
