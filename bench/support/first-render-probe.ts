/**
 * What the first-render benchmark watches in the task pane, from inside the page: installed before
 * the pane's own scripts (an init script), it records on the pane's clock (milliseconds since its
 * navigation started) when the org list first shows every org with a status, the frame after that,
 * and when every status has settled. It reads the DOM only, so the app needs no hook of its own.
 */

/** The property of the pane's window that holds the record. */
export const PROBE_PROPERTY = "__orgtrackFirstRender";

/** What to look for: the orgs' friendly names and the status labels (as the pane shows them). */
export interface ProbeOptions {
  /** Only a page whose path ends with this is watched (e.g. `/taskpane.html`). */
  pathSuffix: string;
  orgNames: string[];
  /** Statuses of a check still to come or under way ("Not connected", "Connecting…"). */
  pendingLabels: string[];
  /** Statuses of a finished check ("Connected", "Sign-in needed", …). */
  settledLabels: string[];
}

/** What the probe saw; times in ms on the page's clock (`performance.now()`). */
export interface ProbeRecord {
  /** Every org's name and a status in the list (a microtask after React committed it). */
  firstRenderMs?: number;
  /** The next frame after the first render (a task queued from requestAnimationFrame). */
  paintedMs?: number;
  statusesAtFirstRender?: string[];
  /** Every org's status settled. */
  settledMs?: number;
  settledStatuses?: string[];
  /** When the probe started watching: at the document's start, or at its DOMContentLoaded (see below). */
  installed?: "start" | "domContentLoaded";
  /** Set when an org was already listed when the probe started watching: the first render cannot be timed. */
  installedTooLate?: boolean;
}

/**
 * Installs the probe in a window and returns its record (also kept on `window[PROBE_PROPERTY]`).
 * A frame's init script may run in its initial `about:blank` document only: when the frame then
 * loads a page of the same origin, the browser keeps that window for it, and no script runs again.
 * So a window of another path waits for its next document's DOMContentLoaded (the pane's own
 * script has run by then, but its org list waits for Office.js and config.json) and installs
 * itself then if the path matches. Runs inside the browser: it must stay self-contained
 * (Playwright sends its source), so it uses nothing from outside its body.
 */
export function installFirstRenderProbe(win: Window & typeof globalThis, options: ProbeOptions): ProbeRecord {
  const record: ProbeRecord = {};
  const labels = [...options.pendingLabels, ...options.settledLabels];
  const leafTexts = (element: Element): string[] =>
    Array.from(element.querySelectorAll("*"))
      .filter((child) => child.childElementCount === 0)
      .map((child) => (child.textContent ?? "").trim());
  const statuses = (): (string | undefined)[] => {
    const items = Array.from(win.document.querySelectorAll("li")).map(leafTexts);
    return options.orgNames.map((name) => items.find((texts) => texts.includes(name))?.find((text) => labels.includes(text)));
  };
  const nextFrame = (work: () => void): void => {
    if (typeof win.requestAnimationFrame === "function") win.requestAnimationFrame(() => win.setTimeout(work, 0));
    else win.setTimeout(work, 0);
  };
  const observe = (when: "start" | "domContentLoaded"): void => {
    record.installed = when;
    (win as unknown as Record<string, ProbeRecord>)["__orgtrackFirstRender"] = record;
    const observer = new win.MutationObserver(() => {
      const now = win.performance.now();
      const seen = statuses();
      if (seen.some((status) => status === undefined)) return;
      const shown = seen as string[];
      if (record.firstRenderMs === undefined) {
        record.firstRenderMs = now;
        record.statusesAtFirstRender = shown;
        nextFrame(() => {
          record.paintedMs = win.performance.now();
        });
      }
      if (shown.every((status) => options.settledLabels.includes(status))) {
        record.settledMs = now;
        record.settledStatuses = shown;
        observer.disconnect();
      }
    });
    observer.observe(win.document, { childList: true, subtree: true, characterData: true });
  };
  if (win.location.pathname.endsWith(options.pathSuffix)) observe("start");
  else {
    const later = (): void => {
      if (!win.location.pathname.endsWith(options.pathSuffix)) return;
      win.removeEventListener("DOMContentLoaded", later, true);
      if (statuses().some((status) => status !== undefined)) record.installedTooLate = true;
      observe("domContentLoaded");
    };
    win.addEventListener("DOMContentLoaded", later, true);
  }
  return record;
}

/** Returns the init script that installs the probe with these options (for `context.addInitScript`). */
export function probeInitScript(options: ProbeOptions): string {
  // A TypeScript runner may wrap named functions in `__name(…)`; the page has no such helper.
  return `(() => { var __name = (target) => target; (${installFirstRenderProbe.toString()})(window, ${JSON.stringify(options)}); })();`;
}
