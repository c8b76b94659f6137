import { AppError, toAppError } from "../../core/errors";
import { openDialogForMessage } from "../../office/dialog";
import { createOfficeMailboxPort } from "../../office/mailbox-port";
import { officeAsync } from "../../office/office-async";
import { hasOfficeHost, officeHost, outlookMailbox } from "../../office/office-host";
import { hostCapabilities } from "../../office/requirements";
import { createRoamingSettingsStore } from "../../office/roaming-settings-store";
import type { HostTheme, TaskpaneHost } from "./types";

/**
 * The task pane's one bridge to Outlook, built only from src/office (the pane never reads the
 * Office global itself). Waiting for Office, the theme and the selection events go through
 * `officeHost()` here until src/office offers helpers for them (asked for in issue #4's report:
 * `whenOfficeReady`, `officeTheme` / `onOfficeThemeChanged`, `onSelectedItemsChanged`).
 */

/** How long to wait for Office.js to initialise before saying the pane is not running in Outlook. */
const READY_TIMEOUT_MS = 10_000;
const READY_POLL_MS = 50;

/** The Office event names the pane follows (Office.EventType values). */
type PaneEvent = "ItemChanged" | "SelectedItemsChanged" | "OfficeThemeChanged";

/** Office's theme as Outlook reports it (`isDarkTheme` is newer than the typings of some hosts). */
type OfficeThemeLike = Partial<Office.OfficeTheme> & { isDarkTheme?: boolean };

/**
 * Returns the Outlook host once Office.js is ready: roamingSettings, the mailbox port, the theme,
 * ItemChanged/SelectedItemsChanged and the dialog API. Throws AppError `office`
 * (`office.notLoaded`) when Office.js does not become ready in time (not running in Outlook),
 * `office` (`office.noMailbox`) when the host is not Outlook.
 */
export async function connectOfficeHost(options: { timeoutMs?: number; pollMs?: number; sleep?: (ms: number) => Promise<void> } = {}): Promise<TaskpaneHost> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const timeoutMs = options.timeoutMs ?? READY_TIMEOUT_MS;
  const pollMs = options.pollMs ?? READY_POLL_MS;
  // Office.js creates Office.context while it initialises; officeHost() needs it.
  for (let waited = 0; !hasOfficeHost(); waited += pollMs) {
    if (waited >= timeoutMs) throw notLoaded();
    await sleep(pollMs);
  }
  try {
    await officeHost().onReady();
  } catch (error) {
    throw toAppError(error);
  }
  outlookMailbox();
  return createOfficeTaskpaneHost();
}

function notLoaded(): AppError {
  return new AppError("office", "Office.js is not available: the add-in is not running in Outlook.", { messageKey: "office.notLoaded" });
}

/** Returns the TaskpaneHost over a ready Office.js (see connectOfficeHost); never throws itself. */
export function createOfficeTaskpaneHost(): TaskpaneHost {
  const office = officeHost();
  const capabilities = hostCapabilities();
  const mailbox = createOfficeMailboxPort();
  const events = createEventFanOut();

  return {
    kind: "outlook",
    displayLanguage: office.context.displayLanguage || (typeof navigator === "undefined" ? "en" : navigator.language),
    multiSelect: capabilities.multiSelect,
    nestedAppAuth: capabilities.nestedAppAuth,
    settingsStore: createRoamingSettingsStore(),
    mailbox,
    theme: () => themeOf(readTheme()),
    onThemeChanged(listener) {
      const stopSystem = onSystemThemeChanged(listener);
      const stopOffice = events.on("OfficeThemeChanged", listener);
      return () => {
        stopSystem();
        stopOffice();
      };
    },
    onSelectionChanged(listener) {
      const stopItem = events.on("ItemChanged", listener);
      const stopSelection = capabilities.multiSelect ? events.on("SelectedItemsChanged", listener) : () => undefined;
      return () => {
        stopItem();
        stopSelection();
      };
    },
    loginHint() {
      try {
        const address = outlookMailbox().userProfile?.emailAddress;
        return typeof address === "string" && address !== "" ? address : undefined;
      } catch {
        return undefined;
      }
    },
    openDialog: (url) => openDialogForMessage({ url, expectedOrigin: new URL(url, document.baseURI).origin }),
  };
}

function readTheme(): OfficeThemeLike | undefined {
  try {
    return (officeHost().context as { officeTheme?: OfficeThemeLike }).officeTheme ?? undefined;
  } catch {
    return undefined;
  }
}

/** Returns the pane's theme for Office's theme: its `isDarkTheme`, else the lightness of its body background, else the system's preference. Never throws. */
export function themeOf(theme: OfficeThemeLike | undefined, systemPrefersDark: () => boolean = prefersDark): HostTheme {
  if (typeof theme?.isDarkTheme === "boolean") return theme.isDarkTheme ? "dark" : "light";
  const lightness = relativeLuminance(theme?.bodyBackgroundColor);
  if (lightness !== undefined) return lightness < 0.4 ? "dark" : "light";
  return systemPrefersDark() ? "dark" : "light";
}

/** The relative luminance (0–1) of a `#rrggbb` colour, or undefined for anything else. */
function relativeLuminance(color: string | undefined): number | undefined {
  const match = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color?.trim() ?? "");
  if (match === null) return undefined;
  const [r, g, b] = [match[1], match[2], match[3]].map((part) => {
    const value = parseInt(part ?? "0", 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function prefersDark(): boolean {
  return typeof window !== "undefined" && typeof window.matchMedia === "function" && window.matchMedia("(prefers-color-scheme: dark)").matches;
}

function onSystemThemeChanged(listener: () => void): () => void {
  if (typeof window === "undefined" || typeof window.matchMedia !== "function") return () => undefined;
  const query = window.matchMedia("(prefers-color-scheme: dark)");
  query.addEventListener?.("change", listener);
  return () => query.removeEventListener?.("change", listener);
}

/**
 * One Office handler per event type (Outlook removes handlers by type, not one by one), fanned
 * out to the pane's listeners and registered on first use; it stays for the life of the page. A
 * host that refuses an event (too old, or not offered) simply never calls its listeners.
 */
function createEventFanOut(): { on(event: PaneEvent, listener: () => void): () => void } {
  const listeners = new Map<PaneEvent, Set<() => void>>();

  const register = (event: PaneEvent): void => {
    const eventType = (officeHost().EventType as unknown as Record<string, string | undefined>)[event];
    if (eventType === undefined) return;
    const handler = () => {
      for (const listener of [...(listeners.get(event) ?? [])]) listener();
    };
    void officeAsync<void>("follow the selected message", (callback) => outlookMailbox().addHandlerAsync(eventType as unknown as Office.EventType, handler, callback)).catch(() => undefined);
  };

  return {
    on(event, listener) {
      let set = listeners.get(event);
      if (set === undefined) {
        set = new Set();
        listeners.set(event, set);
        register(event);
      }
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
  };
}
