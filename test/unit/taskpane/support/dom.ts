/**
 * What jest's jsdom lacks and the pane uses: ResizeObserver (Fluent's TabList, MessageBar),
 * matchMedia (the system theme), and Node's TextEncoder / structuredClone (the settings size
 * check, the fake mailbox), which the browser has. Installed once per test file, before anything
 * renders. No assertions here.
 */
import { configure } from "@testing-library/dom";
import { TextDecoder, TextEncoder } from "node:util";
import { deserialize, serialize } from "node:v8";
class NoResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}

let systemDark = false;
const queryListeners = new Set<() => void>();

/** Makes the system colour scheme dark or light and tells the `prefers-color-scheme` listeners. */
export function setSystemDark(dark: boolean): void {
  systemDark = dark;
  for (const listener of [...queryListeners]) listener();
}

/** Installs the shims on the jsdom window (idempotent). */
export function installDomShims(): void {
  const target = globalThis as unknown as { ResizeObserver?: unknown; matchMedia?: unknown };
  target.ResizeObserver ??= NoResizeObserver;
  const globals = globalThis as unknown as { TextEncoder?: unknown; TextDecoder?: unknown; structuredClone?: unknown };
  globals.TextEncoder ??= TextEncoder;
  globals.TextDecoder ??= TextDecoder;
  globals.structuredClone ??= (value: unknown) => deserialize(serialize(value));
  if (typeof window !== "undefined") {
    window.matchMedia = ((query: string) => ({
      get matches() {
        return query.includes("dark") ? systemDark : false;
      },
      media: query,
      onchange: null,
      addEventListener: (_: string, listener: () => void) => queryListeners.add(listener),
      removeEventListener: (_: string, listener: () => void) => queryListeners.delete(listener),
      addListener: (listener: () => void) => queryListeners.add(listener),
      removeListener: (listener: () => void) => queryListeners.delete(listener),
      dispatchEvent: () => false,
    })) as unknown as typeof window.matchMedia;
  }
}

installDomShims();
// Two test workers on a two-core machine: give asynchronous UI (lazy chunks, dialogs) more than the default second.
configure({ asyncUtilTimeout: 5000 });
