import { officeDisplayLanguage } from "../../office/actions";
import { openDialogForMessage } from "../../office/dialog";
import { createMailboxEvents } from "../../office/mailbox-events";
import { createOfficeMailboxPort } from "../../office/mailbox-port";
import { mailboxUserAddress } from "../../office/office-host";
import { officeTheme, type OfficeThemeColors } from "../../office/office-theme";
import { whenOutlookReady } from "../../office/outlook-ready";
import { hostCapabilities } from "../../office/requirements";
import { createRoamingSettingsStore } from "../../office/roaming-settings-store";
import type { HostTheme, TaskpaneHost } from "./types";

/**
 * The task pane's one bridge to Outlook, built only from src/office (the pane never reads the
 * Office global itself): it waits for `Office.onReady`, then offers roamingSettings, the mailbox
 * port, the theme, ItemChanged/SelectedItemsChanged and the dialog API.
 */

/**
 * Returns the Outlook host once `Office.onReady` reports Outlook. Throws AppError `office`
 * (`office.notInOutlook`: "Open OrgTrack from Outlook") when Office.js is missing, reports no
 * host or another one (the page opened in a browser), or is not ready within `timeoutMs`
 * (default 10 s).
 */
export async function connectOfficeHost(options: { timeoutMs?: number } = {}): Promise<TaskpaneHost> {
  await whenOutlookReady(options.timeoutMs);
  return createOfficeTaskpaneHost();
}

/** Returns the TaskpaneHost over a ready Office.js (see connectOfficeHost); never throws itself. */
export function createOfficeTaskpaneHost(): TaskpaneHost {
  const capabilities = hostCapabilities();
  const events = createMailboxEvents();

  return {
    kind: "outlook",
    displayLanguage: officeDisplayLanguage() || (typeof navigator === "undefined" ? "en" : navigator.language),
    multiSelect: capabilities.multiSelect,
    nestedAppAuth: capabilities.nestedAppAuth,
    settingsStore: createRoamingSettingsStore(),
    mailbox: createOfficeMailboxPort(),
    theme: () => themeOf(officeTheme()),
    onThemeChanged(listener) {
      const stopSystem = onSystemThemeChanged(listener);
      const stopOffice = events.onOfficeThemeChanged(listener);
      return () => {
        stopSystem();
        stopOffice();
      };
    },
    onSelectionChanged(listener) {
      const stopItem = events.onItemChanged(listener);
      const stopSelection = capabilities.multiSelect ? events.onSelectedItemsChanged(listener) : () => undefined;
      return () => {
        stopItem();
        stopSelection();
      };
    },
    loginHint: () => mailboxUserAddress(),
    openDialog: (url) => openDialogForMessage({ url, expectedOrigin: new URL(url, document.baseURI).origin }),
  };
}

/** Returns the pane's theme for Office's theme: its `isDarkTheme`, else the lightness of its body background, else the system's preference. Never throws. */
export function themeOf(theme: OfficeThemeColors | undefined, systemPrefersDark: () => boolean = prefersDark): HostTheme {
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
