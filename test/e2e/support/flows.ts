import type { Page } from "playwright-core";
import type { TestEmulator } from "../../support/emulator-harness";
import type { E2eTest } from "./e2e-harness";

/** The demo seed's users share one password (docs/emulator.md). */
export const DEMO_PASSWORD = "OrgTrack-Demo-1";
export const ALEX = "alex.wu@contoso.example";

/** Opens the task pane with its ribbon button (a message must be selected, as in Outlook). */
export async function openTaskPane(t: E2eTest): Promise<void> {
  await t.page.getByRole("toolbar", { name: "Ribbon" }).getByRole("button", { name: "OrgTrack", exact: true }).click();
  await t.pane.locator("body").waitFor();
}

/** Signs in on the emulator's sign-in page in a popup (or dialog) window; resolves when it has closed. */
export async function signIn(popup: Page, email: string): Promise<void> {
  await popup.waitForURL(/\/oauth2\/v2\.0\/authorize/);
  await popup.getByLabel("Email").fill(email);
  await popup.getByLabel("Password").fill(DEMO_PASSWORD);
  await popup.getByRole("button", { name: "Sign in" }).click();
  await popup.waitForEvent("close");
}

/** In the open task pane: "Add organization", paste the whole address into "Organization URL", "Connect", sign in; resolves when the org is listed as connected. */
export async function addOrganizationByUrl(t: E2eTest, address: string, friendlyName: string, email = ALEX): Promise<void> {
  await t.pane.getByRole("button", { name: "Add organization", exact: true }).click();
  await t.pane.getByRole("textbox", { name: "Organization URL" }).fill(address);
  const popup = t.context.waitForEvent("page");
  await t.pane.getByRole("button", { name: "Connect", exact: true }).click();
  await signIn(await popup, email);
  await t.pane.getByText(friendlyName, { exact: true }).first().waitFor();
  await t.pane.getByText("Connected", { exact: true }).first().waitFor();
}

/** A tracked copy as the org's Web API shows it. */
export interface TrackedCopyRow {
  activityid: string;
  subject: string;
  _ownerid_value: string;
}

/** Returns the org's copies of a message (by its internet message id), read through the Web API as a user (org-wide read: Morgan, the Sales Manager). */
export async function copiesInOrg(emulator: TestEmulator, org: string, internetMessageId: string, asUser = "morgan.lee@contoso.example"): Promise<TrackedCopyRow[]> {
  const token = await emulator.tokenFor(asUser, emulator.orgUrl(org));
  const filter = encodeURIComponent(`messageid eq '${internetMessageId.replace(/'/g, "''")}'`);
  const answer = await emulator.request(`/${org}/api/data/v9.2/emails?$select=activityid,subject,_ownerid_value&$filter=${filter}`, { token });
  if (answer.status !== 200) throw new Error(`The Web API answered ${answer.status}: ${answer.text}`);
  return answer.json<{ value: TrackedCopyRow[] }>().value;
}

/** Waits until a command's completion count has had time to grow (a second `completed()` would show) and returns it. */
export async function settledCompletions(t: E2eTest, index: number): Promise<number> {
  await t.page.waitForTimeout(1200);
  const entry = (await t.commandLog())[index];
  if (entry === undefined) throw new Error(`The command log has no entry ${index}.`);
  return entry.completions;
}

/** Stores a copy of a received message in an org as another user would have tracked it (DeliverIncomingEmail with that user's token); returns its activity id. */
export async function copyTrackedBy(emulator: TestEmulator, org: string, user: string, message: { internetMessageId: string; subject: string; from: string; to: string }): Promise<string> {
  const token = await emulator.tokenFor(user, emulator.orgUrl(org));
  const answer = await emulator.request(`/${org}/api/data/v9.2/emails/Microsoft.Dynamics.CRM.DeliverIncomingEmail`, {
    method: "POST",
    token,
    body: {
      MessageId: message.internetMessageId,
      Subject: message.subject,
      From: message.from,
      To: message.to,
      Cc: "",
      Bcc: "",
      ReceivedOn: new Date().toISOString(),
      SubmittedBy: "",
      Importance: "normal",
      Body: "<p>Tracked by a colleague.</p>",
      Attachments: [],
    },
  });
  if (answer.status !== 200) throw new Error(`DeliverIncomingEmail answered ${answer.status}: ${answer.text}`);
  return answer.json<{ EmailId: string }>().EmailId;
}
