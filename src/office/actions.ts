import { AppError } from "../core/errors";

/** Where ribbon functions are registered (Office.actions.associate). */
export interface OfficeActionHost {
  associate(name: string, action: (event: Office.AddinCommands.Event) => void): void;
}

function notLoaded(): AppError {
  return new AppError("office", "Office.js is not loaded on this page.", { messageKey: "office.notLoaded" });
}

/** Resolves when Office.js has initialized in this runtime (with the host name, e.g. "Outlook"); rejects with AppError `office` (`office.notLoaded`) when Office.js is not loaded. */
export async function whenOfficeReady(): Promise<string | undefined> {
  if (typeof Office === "undefined") throw notLoaded();
  const info = await Office.onReady();
  return info.host === null || info.host === undefined ? undefined : String(info.host);
}

/** Returns the host that registers ribbon functions with `Office.actions.associate`; throws AppError `office` (`office.notLoaded`) when Office.js is not loaded. */
export function officeRibbonHost(): OfficeActionHost {
  if (typeof Office === "undefined") throw notLoaded();
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
