import { findBridge, OFFICE_JS_CDN } from "./bridge";

/**
 * `office-sim.js`: loaded by a page as a blocking script in place of Office.js's CDN tag (the
 * development pages; end-to-end tests serve it at the CDN's address to the production pages).
 * Inside the simulator it defines the page's `Office` from the simulator's host; anywhere else
 * (the same development page sideloaded in real Outlook) it loads the real Office.js from the CDN,
 * unless it is itself being served at the CDN's address, where it leaves Office undefined.
 */

/** How a page got its Office.js. */
export type OfficeSource = "simulator" | "cdn" | "none";

/** Defines `window.Office` from the simulator, or writes the CDN's script tag; returns which. Never throws. */
export function installOffice(win: Window, doc: Document): OfficeSource {
  const bridge = findBridge(win);
  if (bridge !== undefined) {
    (win as unknown as { Office?: unknown }).Office = bridge.officeFor(win);
    return "simulator";
  }
  const current = doc.currentScript as HTMLScriptElement | null;
  if (current !== null && current.src.startsWith(OFFICE_JS_CDN)) return "none";
  doc.write(`<script src="${OFFICE_JS_CDN}"></script>`);
  return "cdn";
}

if (typeof window !== "undefined" && typeof document !== "undefined") installOffice(window, document);
