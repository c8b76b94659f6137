/**
 * How the add-in's pages get Office.js from the simulator. The simulator page puts a bridge on its
 * window; a page inside it (the task pane and the function file in iframes, a dialog in a window
 * opened by one of them) runs `office-sim.js` before its bundle, which finds the bridge through
 * `parent` and `opener` (same origin only) and asks it for that page's own Office object.
 */

/** The property of the simulator's window that holds the bridge. */
export const BRIDGE_PROPERTY = "__orgtrackSimulator";

/** Office.js's address on Microsoft's CDN: what the production pages load. */
export const OFFICE_JS_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

/** What the simulator offers the pages inside it. */
export interface SimulatorBridge {
  version: 1;
  /** Returns a new Office.js object for a page's window. */
  officeFor(frame: Window): unknown;
}

/** Puts the bridge on the simulator's window; returns nothing, never throws. */
export function exposeBridge(simulator: Window, bridge: SimulatorBridge): void {
  (simulator as unknown as Record<string, unknown>)[BRIDGE_PROPERTY] = bridge;
}

/** Returns the bridge of a simulator this window runs inside (through parents and openers, same origin only), or undefined; never throws. */
export function findBridge(start: Window): SimulatorBridge | undefined {
  const seen = new Set<Window>();
  const queue: Window[] = [];
  const visit = (candidate: Window | null | undefined): void => {
    if (candidate === null || candidate === undefined || seen.has(candidate) || seen.size > 20) return;
    seen.add(candidate);
    queue.push(candidate);
  };
  visit(parentOf(start) === start ? undefined : parentOf(start));
  visit(openerOf(start));
  while (queue.length > 0) {
    const candidate = queue.shift() as Window;
    const bridge = bridgeOf(candidate);
    if (bridge !== undefined) return bridge;
    const parent = parentOf(candidate);
    if (parent !== candidate) visit(parent);
    visit(openerOf(candidate));
  }
  return undefined;
}

function bridgeOf(candidate: Window): SimulatorBridge | undefined {
  try {
    const value = (candidate as unknown as Record<string, unknown>)[BRIDGE_PROPERTY] as Partial<SimulatorBridge> | undefined;
    return value !== undefined && value !== null && value.version === 1 && typeof value.officeFor === "function" ? (value as SimulatorBridge) : undefined;
  } catch {
    // Another origin: not ours.
    return undefined;
  }
}

function parentOf(candidate: Window): Window | undefined {
  try {
    return candidate.parent;
  } catch {
    return undefined;
  }
}

function openerOf(candidate: Window): Window | undefined {
  try {
    return (candidate.opener as Window | null) ?? undefined;
  } catch {
    return undefined;
  }
}
