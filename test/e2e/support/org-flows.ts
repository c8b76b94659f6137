import type { FrameLocator, Locator, Page, Request } from "playwright-core";
import type { TestEmulator } from "../../support/emulator-harness";
import type { E2eTest } from "./e2e-harness";
import { ALEX, signIn } from "./flows";

/**
 * Flows of the task pane's "Organizations" view (add from the "Dynamics 365 (online)" list or by
 * a pasted address, switch the synchronizing org, remove, sign out) and what the add-in saved in
 * the simulated Outlook's roaming settings, for the end-to-end tests of the view.
 */

/** The key under which the add-in keeps its one settings document in roaming settings. */
const SETTINGS_KEY = "orgtrack.settings";

/** One org of the Organizations view as the person sees it. */
export interface ListedOrganization {
  name: string;
  url: string;
  /** The badges beside the name, in order: "Synchronizing" (if it is), then the status ("Connected", "Sign-in needed"…). */
  badges: string[];
}

/** The orgs and the synchronizing org's key as the add-in saved them in the simulated Outlook's roaming settings. */
export interface SavedOrganizations {
  orgs: { key: string; friendlyName: string; url: string }[];
  synchronizingKey: string | undefined;
}

/** The list of the Organizations view (named by the view's heading). */
export function organizationList(pane: FrameLocator): Locator {
  return pane.getByRole("list", { name: "Organizations" });
}

/** One org of the Organizations view (a list item named after the org). */
export function organizationItem(pane: FrameLocator, name: string): Locator {
  return organizationList(pane).getByRole("listitem", { name, exact: true });
}

/** The "Add organization" dialog. */
export function addDialog(pane: FrameLocator): Locator {
  return pane.getByRole("dialog", { name: "Add organization" });
}

/** Returns the orgs of the Organizations view in order: name, URL and badges. Waits for the list to be in the accessibility tree (a closing dialog gives it back a moment later). */
export async function listedOrganizations(pane: FrameLocator): Promise<ListedOrganization[]> {
  await organizationList(pane).waitFor();
  return organizationList(pane)
    .getByRole("listitem")
    .evaluateAll((items) =>
      items.map((item) => {
        const nameId = item.getAttribute("aria-labelledby") ?? "";
        const name = (nameId === "" ? null : item.ownerDocument.getElementById(nameId))?.textContent ?? "";
        const badges = [...item.querySelectorAll(".fui-Badge")].map((badge) => badge.textContent ?? "");
        const url = [...item.querySelectorAll(".fui-Text")].map((text) => text.textContent ?? "").find((text) => text.startsWith("https://")) ?? "";
        return { name, url, badges };
      }),
    );
}

/** Returns the add-in's orgs and synchronizing org as saved in the simulated Outlook's roaming settings (empty when nothing is saved yet). */
export async function savedOrganizations(page: Page): Promise<SavedOrganizations> {
  const saved = await page.evaluate((key) => window.outlookSimulator?.roamingSettings()[key], SETTINGS_KEY);
  if (saved === undefined) return { orgs: [], synchronizingKey: undefined };
  const document = (typeof saved === "string" ? JSON.parse(saved) : saved) as { orgs?: { key: string; friendlyName: string; url: string }[]; synchronizingKey?: string };
  return {
    orgs: (document.orgs ?? []).map(({ key, friendlyName, url }) => ({ key, friendlyName, url })),
    synchronizingKey: document.synchronizingKey,
  };
}

/** Runs `action` and signs in (as `email`) on the emulator's page in every window that opens meanwhile; resolves with how many windows opened. */
export async function signingInWhenAsked(t: E2eTest, action: () => Promise<void>, email = ALEX): Promise<{ windows: number }> {
  const signIns: Promise<void>[] = [];
  const onPage = (opened: Page): void => {
    const signingIn = signIn(opened, email);
    signingIn.catch(() => undefined); // awaited below; a failed sign-in also shows as the action timing out
    signIns.push(signingIn);
  };
  t.context.on("page", onPage);
  try {
    await action();
  } finally {
    t.context.off("page", onPage);
  }
  await Promise.all(signIns);
  return { windows: signIns.length };
}

/** Counts the windows (popups, tabs) the browser context opens from now on, until `stop()`. */
export function countOpenedWindows(t: E2eTest): { count(): number; stop(): void } {
  let opened = 0;
  const onPage = (): void => void (opened += 1);
  t.context.on("page", onPage);
  return { count: () => opened, stop: () => void t.context.off("page", onPage) };
}

/** Records the address of every request the browser context sends from now on (any origin), until `stop()`. */
export function recordAllRequests(t: E2eTest): { urls(): URL[]; stop(): void } {
  const seen: URL[] = [];
  const onRequest = (request: Request): void => void seen.push(new URL(request.url()));
  t.context.on("request", onRequest);
  return { urls: () => [...seen], stop: () => void t.context.off("request", onRequest) };
}

/** In the Organizations view: opens "Add organization", chooses "Dynamics 365 (online)" and signs in if a window asks; resolves when the list of the account's orgs shows, with how many sign-in windows opened. */
export async function openOnlineList(t: E2eTest, email = ALEX): Promise<{ windows: number }> {
  await openAddDialog(t);
  const dialog = addDialog(t.pane);
  return signingInWhenAsked(
    t,
    async () => {
      await dialog.getByRole("button", { name: "Dynamics 365 (online)", exact: true }).click();
      await dialog.getByRole("radiogroup", { name: "Dynamics 365 (online)" }).waitFor();
    },
    email,
  );
}

/** Returns the options of the open "Dynamics 365 (online)" list: each org's text (name and URL or why it cannot be chosen) and whether it can be chosen. */
export async function onlineListOptions(pane: FrameLocator): Promise<{ text: string; enabled: boolean }[]> {
  return addDialog(pane)
    .getByRole("radio")
    .evaluateAll((radios) =>
      radios.map((radio) => {
        const input = radio as HTMLInputElement;
        const label = input.labels?.[0];
        return { text: (label?.innerText ?? "").replace(/\s+/g, " ").trim(), enabled: !input.disabled };
      }),
    );
}

/** In the open "Add organization" dialog: chooses an org of the online list and "Connect", signing in if a window asks; resolves when the dialog has closed and the org is listed as connected. */
export async function connectOnlineChoice(t: E2eTest, name: string, email = ALEX): Promise<{ windows: number }> {
  await addDialog(t.pane).getByRole("radio", { name: new RegExp(`^${name}\\b`) }).check();
  return connectFromAddDialog(t, name, email);
}

/** Presses "Add organization" in the Organizations view; resolves when its dialog shows (its code is loaded on first use). */
export async function openAddDialog(t: E2eTest): Promise<void> {
  await t.pane.getByRole("button", { name: "Add organization", exact: true }).click();
  await addDialog(t.pane).waitFor();
}

/** In the open "Add organization" dialog: types an address into "Organization URL" without connecting; returns the field. */
export async function typeOrganizationUrl(t: E2eTest, address: string): Promise<Locator> {
  const field = addDialog(t.pane).getByRole("textbox", { name: "Organization URL" });
  await field.fill(address);
  return field;
}

/** Returns what a text field tells assistive technology about its value: invalid or not, and its description (Fluent's validation message and hint). */
export async function fieldState(field: Locator): Promise<{ invalid: boolean; description: string }> {
  return field.evaluate((input) => {
    const ids = (input.getAttribute("aria-describedby") ?? "").split(/\s+/).filter((id) => id !== "");
    const description = ids.map((id) => input.ownerDocument.getElementById(id)?.textContent ?? "").join(" ");
    return { invalid: input.getAttribute("aria-invalid") === "true", description };
  });
}

/** In the open "Add organization" dialog: pastes an org's whole address into "Organization URL" and "Connect", signing in if a window asks; resolves when the org is listed as connected. */
export async function connectPastedUrl(t: E2eTest, address: string, name: string, email = ALEX): Promise<{ windows: number }> {
  await typeOrganizationUrl(t, address);
  return connectFromAddDialog(t, name, email);
}

/** In the open "Add organization" dialog with a choice made: "Connect", signing in if a window asks; resolves when the dialog has closed and the org is listed as connected. */
async function connectFromAddDialog(t: E2eTest, name: string, email: string): Promise<{ windows: number }> {
  const dialog = addDialog(t.pane);
  return signingInWhenAsked(
    t,
    async () => {
      await dialog.getByRole("button", { name: "Connect", exact: true }).click();
      await dialog.waitFor({ state: "detached" });
      await organizationItem(t.pane, name).getByText("Connected", { exact: true }).waitFor();
    },
    email,
  );
}

/** Presses one of an org's buttons in the Organizations view ("Synchronize", "Connect", "Sign out", "Remove"). */
export async function pressOrgButton(t: E2eTest, name: string, button: "Synchronize" | "Connect" | "Sign out" | "Remove"): Promise<void> {
  await organizationItem(t.pane, name).getByRole("button", { name: button, exact: true }).click();
}

/** Saves a screenshot once the task pane's animations (a dialog opening, the tab indicator) have finished, so the picture shows the settled view; returns its path. */
export async function settledScreenshot(t: E2eTest, suffix?: string): Promise<string> {
  await t.pane.locator("body").evaluate(async (body) => {
    const finite = body.ownerDocument.getAnimations().filter((animation) => animation.effect?.getComputedTiming().iterations !== Infinity);
    await Promise.all(finite.map((animation) => animation.finished.catch(() => undefined)));
  });
  return t.screenshot(suffix);
}

/** Makes the emulator hold the next status check (GET WhoAmI) of each of these orgs for `delayMs` before answering; throws when the emulator refused a fault. */
export async function delayStatusChecks(emulator: TestEmulator, orgs: readonly string[], delayMs: number): Promise<void> {
  for (const org of orgs) {
    const answer = await emulator.request("/_emulator/faults", { method: "POST", body: { path: `/${org}/api/data/v9.2/WhoAmI`, method: "GET", delayMs, count: 1 } });
    if (answer.status !== 201) throw new Error(`The fault was not added (${answer.status}): ${answer.text}`);
  }
}

/** Returns how many injected faults are still waiting for a request (a fault with a count goes once used up). */
export async function pendingFaults(emulator: TestEmulator): Promise<number> {
  const answer = await emulator.request("/_emulator/faults");
  if (answer.status !== 200) throw new Error(`The faults could not be listed (${answer.status}): ${answer.text}`);
  return answer.json<{ value: unknown[] }>().value.length;
}
