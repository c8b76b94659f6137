import { broadcastResponseToMainFrame } from "@azure/msal-browser/redirect-bridge";

/**
 * The redirect bridge page's entry (its own webpack entry, served same-origin with the task pane,
 * `Cache-Control: no-store`, no COOP header). MSAL 5 sends popup and silent-iframe sign-ins back
 * to this page, which hands the response to the main window and closes.
 */

/** Returns when the response was handed over; never throws (a page opened by hand just shows nothing). */
export async function runRedirectBridge(broadcast: () => Promise<void> = broadcastResponseToMainFrame): Promise<"broadcast" | "nothingToDo"> {
  try {
    await broadcast();
    return "broadcast";
  } catch {
    return "nothingToDo";
  }
}

if (typeof window !== "undefined" && typeof document !== "undefined") void runRedirectBridge();
