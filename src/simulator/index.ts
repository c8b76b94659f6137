import fixture from "./fixtures/mailbox.json";
import { parseMailbox, type SimulatorMailbox } from "./mailbox";
import { parseManifest, type SimulatorManifest } from "./manifest";
import { readPageOptions } from "./page-options";
import type { StateStorage } from "./persistence";
import { startSimulator, type OutlookSimulatorHook } from "./simulator";

/**
 * The Outlook simulator page's entry (`simulator.html`; query parameters: see page-options.ts).
 * It reads the mailbox and `manifest.xml`, builds the page, and sets `window.outlookSimulator`
 * (OutlookSimulatorHook) once it is built.
 */

declare global {
  interface Window {
    outlookSimulator?: OutlookSimulatorHook;
  }
}

async function readMailbox(url: string | undefined): Promise<{ mailbox: SimulatorMailbox; explicit: boolean; problem?: string }> {
  const builtIn = parseMailbox(fixture);
  if (url === undefined) return { mailbox: builtIn, explicit: false };
  try {
    const response = await fetch(new URL(url, location.href), { cache: "no-store" });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return { mailbox: parseMailbox(await response.json()), explicit: true };
  } catch (error) {
    return { mailbox: builtIn, explicit: false, problem: `The mailbox at ${url} could not be used (${error instanceof Error ? error.message : String(error)}); showing the built-in one.` };
  }
}

async function readManifest(language: string): Promise<SimulatorManifest | Error> {
  try {
    const response = await fetch(new URL("manifest.xml", location.href), { cache: "no-store" });
    if (!response.ok) return new Error(`manifest.xml answered HTTP ${response.status}.`);
    return parseManifest(await response.text(), new DOMParser(), language);
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

function pageStorage(): StateStorage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

async function main(): Promise<void> {
  const options = readPageOptions(location.search);
  const [{ mailbox, explicit, problem }, manifest] = await Promise.all([readMailbox(options.mailboxUrl), readManifest(options.displayLanguage)]);
  const root = document.getElementById("root") ?? document.body.appendChild(document.createElement("div"));
  const storage = pageStorage();
  const { hook } = startSimulator({
    window,
    root,
    mailbox,
    manifest,
    displayLanguage: options.displayLanguage,
    theme: options.theme,
    ...(options.requirementSets === undefined ? {} : { requirementSets: options.requirementSets }),
    ...(storage === undefined ? {} : { storage }),
    restore: !explicit,
  });
  if (problem !== undefined) {
    const notice = document.createElement("p");
    notice.setAttribute("role", "alert");
    notice.className = "sim-problem";
    notice.textContent = problem;
    root.prepend(notice);
  }
  window.outlookSimulator = hook;
  if (options.paneOpen) hook.openTaskPane();
}

if (typeof window !== "undefined" && typeof document !== "undefined" && typeof DOMParser !== "undefined") void main();
