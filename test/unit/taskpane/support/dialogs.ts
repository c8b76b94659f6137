import { screen, waitFor } from "@testing-library/react";

/**
 * Waits until a closed dialog is gone and has given the page back to assistive technology: Fluent
 * hides the rest of the page (aria-hidden) while a modal dialog is open and restores it a moment
 * after the dialog closes. A dialog removed while open would leave the page hidden: this then times out.
 */
export async function dialogClosed(): Promise<void> {
  await waitFor(() => expect(screen.queryByRole("dialog") ?? screen.queryByRole("alertdialog")).toBeNull());
  await waitFor(() => expect(document.querySelector("body > div[aria-hidden='true']")).toBeNull());
}
