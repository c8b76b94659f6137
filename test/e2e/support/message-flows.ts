import { readFileSync } from "node:fs";
import path from "node:path";
import type { FrameLocator, Locator, Page, Request } from "playwright-core";
import type { TestEmulator } from "../../support/emulator-harness";
import type { E2eTest } from "./e2e-harness";
import { ALEX, addOrganizationByUrl, openTaskPane, signIn } from "./flows";

/**
 * Flows of the task pane's "This message", "Selected messages", "Organizations" and "Settings"
 * views, and what the org holds, for the end-to-end tests of tracking from the pane.
 */

/** The Web API path of an org (`/contoso/api/data/v9.2/`). */
const apiPath = (org: string): string => `/${org}/api/data/v9.2/`;

/** Opens the task pane and adds Contoso by pasting a whole address copied from the browser (signing in as Alex); resolves when it is connected. */
export async function openPaneWithContoso(t: E2eTest): Promise<void> {
  await openTaskPane(t);
  await addOrganizationByUrl(t, `${t.emulator.orgUrl("contoso")}/main.aspx?appid=4c1a&pagetype=dashboard`, "Contoso Sales");
}

/** Opens one of the pane's tabs by its accessible name ("This message", "Selected messages (20)", "Organizations", "Settings"). */
export async function showTab(t: E2eTest, name: string): Promise<void> {
  const tab = t.pane.getByRole("tab", { name, exact: true });
  await tab.click();
  await t.pane.locator('[role="tab"][aria-selected="true"]', { hasText: name }).waitFor();
}

/** The "Tracked in" list of the open message (its items are named after the orgs). */
export function trackedInList(pane: FrameLocator): Locator {
  return pane.getByRole("list", { name: "Tracked in" });
}

/** The "Track to" picker's options (their text) and the one shown as chosen. */
export async function trackToPicker(pane: FrameLocator): Promise<{ options: string[]; chosen: string }> {
  return pane.getByRole("combobox", { name: "Track to" }).evaluate((element) => {
    const select = element as HTMLSelectElement;
    return { options: [...select.options].map((option) => option.textContent ?? ""), chosen: select.selectedOptions[0]?.textContent ?? "" };
  });
}

/** Returns the rows of "What <org> receives for validation" as [term, value] pairs, in order. */
export async function validationPayloadRows(pane: FrameLocator, orgName: string): Promise<[string, string][]> {
  const list = pane.getByLabel(`What ${orgName} receives for validation`);
  const terms = await list.locator("dt").allTextContents();
  const values = await list.locator("dd").allTextContents();
  return terms.map((term, index) => [term, values[index] ?? ""]);
}

/** Returns the pane's notices (Fluent MessageBars: role group, named by their title) that contain this text. */
export function notice(pane: FrameLocator, text: string): Locator {
  return pane.getByRole("group").filter({ hasText: text });
}

/** Runs `action` and signs in on the emulator's page in any sign-in window it opens; resolves with whether one opened. */
async function signingInIfAsked(t: E2eTest, email: string, action: () => Promise<void>): Promise<{ signInWindow: boolean }> {
  const signIns: Promise<void>[] = [];
  const signInIfAsked = (popup: Page): void => {
    const signingIn = signIn(popup, email);
    signingIn.catch(() => undefined); // awaited below; a failure also shows as the action timing out
    signIns.push(signingIn);
  };
  t.context.on("page", signInIfAsked);
  try {
    await action();
  } finally {
    t.context.off("page", signInIfAsked);
  }
  await Promise.all(signIns);
  return { signInWindow: signIns.length > 0 };
}

/** Adds another org in the Organizations view by its address ("Add organization" → "Organization URL" → "Connect"), signing in if a window asks; resolves when it is listed as connected. Returns whether a sign-in window opened. */
export async function addAnotherOrganization(t: E2eTest, address: string, orgName: string, email = ALEX): Promise<{ signInWindow: boolean }> {
  await showTab(t, "Organizations");
  return signingInIfAsked(t, email, async () => {
    await t.pane.getByRole("button", { name: "Add organization", exact: true }).click();
    await t.pane.getByRole("textbox", { name: "Organization URL" }).fill(address);
    await t.pane.getByRole("button", { name: "Connect", exact: true }).click();
    await t.pane.getByRole("listitem", { name: orgName }).getByText("Connected", { exact: true }).waitFor();
  });
}

/** Clicks "Connect" on an org of the Organizations view and signs in on the emulator's page if a sign-in window opens; resolves when the org shows "Connected". Returns whether a sign-in window opened. */
export async function connectFromOrganizations(t: E2eTest, orgName: string, email = ALEX): Promise<{ signInWindow: boolean }> {
  await showTab(t, "Organizations");
  const item = t.pane.getByRole("listitem", { name: orgName });
  return signingInIfAsked(t, email, async () => {
    await item.getByRole("button", { name: "Connect", exact: true }).click();
    await item.getByText("Connected", { exact: true }).waitFor();
  });
}

/** Reloads the simulator page (the mailbox, its categories and roaming settings are kept), selects a message and opens the task pane again. */
export async function reloadSimulator(t: E2eTest, itemId: string): Promise<void> {
  await t.page.reload();
  await t.page.waitForFunction(() => window.outlookSimulator !== undefined);
  await t.page.evaluate(() => window.outlookSimulator?.ready);
  await t.select(itemId);
  await t.page.evaluate(() => window.outlookSimulator?.openTaskPane());
  await t.pane.getByRole("tablist", { name: "OrgTrack views" }).waitFor();
}

/** Resolves when the add-in's roaming settings (its one settings document, saved by the simulated Outlook) hold this preference's value. */
export async function waitForSavedPreference(t: E2eTest, name: "connectAutomatically" | "saveCredentials", value: boolean): Promise<void> {
  await t.page.waitForFunction(
    ([key, expected]) =>
      Object.values(window.outlookSimulator?.roamingSettings() ?? {}).some((saved) => {
        if (typeof saved !== "string") return false;
        try {
          return (JSON.parse(saved) as Record<string, unknown>)[key] === expected;
        } catch {
          return false;
        }
      }),
    [name, value] as const,
  );
}

/** One request the pages sent to the emulator. */
export interface SentRequest {
  method: string;
  /** The whole address (the function calls' parameters are in its query). */
  url: URL;
  /** True for the identity endpoints (sign-in page, token, OpenID configuration, keys). */
  identity: boolean;
}

/** The requests the browser sends to the emulator from now on, until `stop()`. */
export interface RequestRecorder {
  /** Everything sent to the emulator's origin, in order (from the `from`-th request on: see `count`). */
  all(from?: number): SentRequest[];
  /** What reached the organizations and discovery: every request but the identity endpoints' (from the `from`-th request on). */
  toOrgs(from?: number): SentRequest[];
  /** How many requests were recorded so far (a mark to pass as `from` later). */
  count(): number;
  stop(): void;
}

const IDENTITY_PATH = /\/oauth2\/|\/\.well-known\/|\/discovery\/v2\.0\/keys/;

/** Returns "METHOD path" of each request, the path relative to the org's Web API root (`GET WhoAmI`) and without its query. */
export function webApiCalls(requests: readonly SentRequest[]): string[] {
  return requests.map((request) => `${request.method} ${request.url.pathname.replace(/^\/[^/]+\/api\/data\/v9\.2\//, "")}`);
}

/** Returns the parameter aliases of a Web API function call (`CheckIncomingEmail(From=@f…)?@f='…'`) with their values unquoted. */
export function functionCallValues(request: SentRequest): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of request.url.searchParams) {
    if (name.startsWith("@")) values[name] = value.startsWith("'") && value.endsWith("'") ? value.slice(1, -1).replace(/''/g, "'") : value;
  }
  return values;
}

/** Starts recording the requests of every page of the test's browser context to the emulator's origin (playwright's `request` events). */
export function recordEmulatorRequests(t: E2eTest): RequestRecorder {
  const origin = new URL(t.emulator.url).origin;
  const seen: SentRequest[] = [];
  const onRequest = (request: Request): void => {
    const url = new URL(request.url());
    if (url.origin !== origin) return;
    seen.push({ method: request.method(), url, identity: IDENTITY_PATH.test(url.pathname) });
  };
  t.context.on("request", onRequest);
  return {
    all: (from = 0) => seen.slice(from),
    toOrgs: (from = 0) => seen.slice(from).filter((request) => !request.identity),
    count: () => seen.length,
    stop: () => void t.context.off("request", onRequest),
  };
}

/** A message of a mailbox fixture (the simulator's format). */
export interface FixtureMessage {
  itemId: string;
  internetMessageId: string;
  subject: string;
  from: { emailAddress: string; displayName?: string };
  to: { emailAddress: string; displayName?: string }[];
}

/** Returns the messages of a mailbox document in test/e2e/fixtures; throws when the file is missing or has no messages. */
export function fixtureMessages(file: string): FixtureMessage[] {
  const document = JSON.parse(readFileSync(path.join(__dirname, "..", "fixtures", file), "utf8")) as { messages?: FixtureMessage[] };
  if (!Array.isArray(document.messages) || document.messages.length === 0) throw new Error(`${file} holds no messages.`);
  return document.messages;
}

/** Replaces the simulator's message list with these messages (the hook's `loadMailbox`). */
export async function loadMailbox(t: E2eTest, messages: readonly FixtureMessage[]): Promise<void> {
  await t.page.evaluate((list) => window.outlookSimulator?.loadMailbox(list), messages as unknown[]);
}

/** Returns every email row of an org, read through the Web API as a user with org-wide read (Morgan, the Sales Manager): message id, subject and regarding record. */
export async function emailsInOrg(emulator: TestEmulator, org: string, asUser = "morgan.lee@contoso.example"): Promise<{ activityid: string; messageid: string; subject: string; _regardingobjectid_value: string | null }[]> {
  const token = await emulator.tokenFor(asUser, emulator.orgUrl(org));
  const answer = await emulator.request(`${apiPath(org)}emails?$select=activityid,messageid,subject,_regardingobjectid_value`, { token });
  if (answer.status !== 200) throw new Error(`The Web API answered ${answer.status}: ${answer.text}`);
  return answer.json<{ value: { activityid: string; messageid: string; subject: string; _regardingobjectid_value: string | null }[] }>().value;
}

/** Returns the id of the one record of a table (`contacts`, `accounts`…) whose `emailaddress1` is this address, read through the Web API; throws unless exactly one matches. */
export async function recordIdByEmail(emulator: TestEmulator, org: string, table: "contacts" | "accounts" | "leads", address: string, asUser = "morgan.lee@contoso.example"): Promise<string> {
  const token = await emulator.tokenFor(asUser, emulator.orgUrl(org));
  const key = { contacts: "contactid", accounts: "accountid", leads: "leadid" }[table];
  const filter = encodeURIComponent(`emailaddress1 eq '${address.replace(/'/g, "''")}'`);
  const answer = await emulator.request(`${apiPath(org)}${table}?$select=${key}&$filter=${filter}`, { token });
  if (answer.status !== 200) throw new Error(`The Web API answered ${answer.status}: ${answer.text}`);
  const rows = answer.json<{ value: Record<string, string>[] }>().value;
  const id = rows.length === 1 ? rows[0]?.[key] : undefined;
  if (id === undefined) throw new Error(`${table} has ${rows.length} records with that address, not one.`);
  return id;
}

/** Makes the emulator wait `delayMs` before answering the next `count` POST requests to paths matching `pathGlob` (a fault of its admin API, loopback only); resolves when the fault is in place, throws when the emulator refused it. */
export async function delayRequests(emulator: TestEmulator, pathGlob: string, delayMs: number, count: number): Promise<void> {
  const answer = await emulator.request("/_emulator/faults", { method: "POST", body: { path: pathGlob, method: "POST", delayMs, count } });
  if (answer.status !== 201) throw new Error(`The fault was not added (${answer.status}): ${answer.text}`);
}
