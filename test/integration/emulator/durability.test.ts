import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import type https from "node:https";
import os from "node:os";
import path from "node:path";
import { startChildEmulator, type ChildEmulator } from "../../support/child-emulator";
import { DELIVER_INCOMING, incomingEmail } from "../../support/delivery";
import { httpsRequest, keepAliveAgent, passwordToken, type HttpResult } from "../../support/https-client";

const ALEX = "alex.wu@contoso.example";
const LOOPS = 8;
const LOAD_MS = 1000;
const LIMIT_FLAGS = ["--max-requests", "100000000", "--max-concurrent", "1000"];

interface Acknowledged {
  messageId: string;
  emailId: string;
}

interface EmailRow {
  activityid: string;
  messageid: string | null;
}

jest.setTimeout(180_000);

let dir: string;
let child: ChildEmulator | undefined;
let agent: https.Agent | undefined;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "orgtrack-durability-"));
});
afterAll(async () => {
  agent?.destroy();
  await child?.kill("SIGTERM");
  rmSync(dir, { recursive: true, force: true });
});

/** A signed-in caller of contoso's Web API on a running child emulator. */
async function connect(emulator: ChildEmulator): Promise<(method: string, relative: string, body?: unknown) => Promise<HttpResult>> {
  agent?.destroy();
  const current = keepAliveAgent(emulator.ca, LOOPS);
  agent = current;
  const orgUrl = `${emulator.url}/contoso`;
  const token = await passwordToken(emulator.url, { agent: current }, ALEX, `${orgUrl}/.default`);
  return (method, relative, body) =>
    httpsRequest(relative.startsWith("https://") ? relative : `${orgUrl}/api/data/v9.2/${relative}`, {
      method,
      agent: current,
      headers: {
        Authorization: `Bearer ${token}`,
        Accept: "application/json",
        "OData-Version": "4.0",
        ...(body !== undefined ? { "Content-Type": "application/json" } : {}),
        Prefer: "odata.maxpagesize=5000",
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
}

test("every write answered 2xx survives kill -9 of the emulator, and no message is stored twice", async () => {
  const dataFile = path.join(dir, "data.sqlite");
  child = await startChildEmulator({ dataFile, args: LIMIT_FLAGS });
  let call = await connect(child);

  // Write load: 8 loops delivering unique messages until the process dies under them.
  const acknowledged: Acknowledged[] = [];
  const refused: string[] = [];
  let networkErrors = 0;
  let killed = false;
  const loop = async (n: number): Promise<void> => {
    for (let i = 0; ; i += 1) {
      const messageId = `<durability-${n}-${i}-${randomUUID()}@load.example>`;
      try {
        const reply = await call("POST", DELIVER_INCOMING, incomingEmail(ALEX, messageId, `Durability ${n}/${i}`));
        if (reply.status >= 200 && reply.status < 300) acknowledged.push({ messageId, emailId: (JSON.parse(reply.text) as { EmailId: string }).EmailId });
        else refused.push(`${reply.status} ${reply.text}`);
      } catch {
        networkErrors += 1;
        return;
      }
      if (killed) return;
    }
  };
  const loops = Array.from({ length: LOOPS }, (_, n) => loop(n));
  await new Promise((resolve) => setTimeout(resolve, LOAD_MS));
  killed = true;
  await child.kill("SIGKILL");
  await Promise.all(loops);
  expect(child.process.signalCode).toBe("SIGKILL");
  expect(refused).toEqual([]);
  expect(acknowledged.length).toBeGreaterThan(0);

  // Restart on the same file: every acknowledged write is there, each message once.
  child = await startChildEmulator({ dataFile, args: LIMIT_FLAGS });
  call = await connect(child);
  const rows: EmailRow[] = [];
  let next: string | undefined = "emails?$select=activityid,messageid";
  while (next) {
    const page = await call("GET", next);
    expect([page.status, page.status === 200 ? "" : page.text]).toEqual([200, ""]);
    const body = JSON.parse(page.text) as { value: EmailRow[]; "@odata.nextLink"?: string };
    rows.push(...body.value);
    next = body["@odata.nextLink"];
  }
  const byId = new Map(rows.map((row) => [row.activityid, row.messageid]));
  const missing = acknowledged.filter((a) => byId.get(a.emailId) !== a.messageId);
  expect(missing).toEqual([]);
  const seen = new Map<string, number>();
  for (const row of rows) if (row.messageid) seen.set(row.messageid, (seen.get(row.messageid) ?? 0) + 1);
  expect([...seen].filter(([, times]) => times > 1)).toEqual([]);

  // The last writes before the crash, read one by one; a retry after the crash finds the stored copy.
  for (const a of acknowledged.slice(-20)) {
    const reply = await call("GET", `emails(${a.emailId})?$select=messageid`);
    expect([reply.status, (JSON.parse(reply.text) as EmailRow).messageid]).toEqual([200, a.messageId]);
  }
  const last = acknowledged[acknowledged.length - 1] as Acknowledged;
  const retry = await call("POST", DELIVER_INCOMING, incomingEmail(ALEX, last.messageId));
  expect(retry.status).toBe(200);
  expect((JSON.parse(retry.text) as { EmailId: string }).EmailId).toBe(last.emailId);
  process.stdout.write(`durability: ${acknowledged.length} acknowledged writes survived kill -9 (${networkErrors} requests cut off)\n`);
});
