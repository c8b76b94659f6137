/**
 * `npm run bench:round-trips`: the HTTP round trips to the org of each tracking operation, counted
 * on the wire of the real session (src/core/session over src/dataverse) against an in-process
 * emulator over HTTPS, as one person with 5 orgs; token requests are not counted (they go to the
 * identity provider, and the token is cached before each count). Budgets (architecture.md):
 *
 *   track one message        2  (validate, store)
 *   untrack one (owner)      2  (ownership read, delete)
 *   bulk track of 100        2  $batch requests
 *   start, "Connect automatically" off   0  (and no token asked for)
 *   start, "Connect automatically" on    one status check per org, all in flight together
 *
 * Prints a table and one JSON line; a missed budget is reported, not fatal (the exit code is
 * non-zero only when the bench cannot run or an operation fails).
 *
 *   npm run bench:round-trips
 */
import { randomUUID } from "node:crypto";
import { startEmulator } from "../test/support/emulator-harness";
import { createSessionDevice, type SessionDevice } from "../test/support/session-device";
import { BENCH_USER, seedWithOrgs } from "./support/org-seed";

const ORG_COUNT = 5;
const BULK_SIZE = 100;

/** One counted operation. */
export interface RoundTrips {
  operation: string;
  /** Requests to the org (and Global Discovery) on the wire. */
  requests: number;
  budget: number;
  /** What the requests were (method and the Web API path's last part), for the table. */
  what: string[];
  /** When set, every request must be this one (`POST $batch`) to be within budget. */
  only?: string;
  /** More to say (requests in flight together, tokens asked for). */
  note?: string;
}

/** Returns the printed table of counts against their budgets. */
export function formatRoundTrips(rows: readonly RoundTrips[]): string[] {
  return [
    `${"operation".padEnd(34)}${"requests".padStart(9)}${"budget".padStart(14)}`,
    ...rows.map((row) => {
      const verdict = withinBudget(row) ? "within budget" : "OVER BUDGET";
      const what = summarizeRequests(row.what);
      return `${row.operation.padEnd(34)}${String(row.requests).padStart(9)}${budgetOf(row).padStart(14)}  ${verdict}${what === "" ? "" : `  (${what})`}${row.note === undefined ? "" : ` ${row.note}`}`;
    }),
  ];
}

/** Returns true when a count is within its budget: no more requests than budgeted, each of the one kind allowed if a kind is set. */
export function withinBudget(row: RoundTrips): boolean {
  return row.requests <= row.budget && (row.only === undefined || row.what.every((request) => request === row.only));
}

/** Returns the budget in words: "2", or "2 POST $batch". */
export function budgetOf(row: RoundTrips): string {
  return row.only === undefined ? String(row.budget) : `${row.budget} ${row.only}`;
}

/** Returns "2× POST $batch, GET WhoAmI": each distinct request with its count, in order of first appearance. */
export function summarizeRequests(what: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const request of what) counts.set(request, (counts.get(request) ?? 0) + 1);
  return [...counts].map(([request, count]) => (count === 1 ? request : `${count}× ${request}`)).join(", ");
}

/** Returns "POST DeliverIncomingEmail" for a request: its method and the last part of its path, without keys or parameters. */
export function describeRequest(request: { method: string; url: string }): string {
  const last = new URL(request.url).pathname.split("/").filter((part) => part !== "").pop() ?? "";
  const name = last.replace(/\(.*$/, "").replace(/^Microsoft\.Dynamics\.CRM\./, "");
  return `${request.method} ${name}`;
}

function counted(device: SessionDevice, operation: string, budget: number, extra: { note?: string; only?: string } = {}): RoundTrips {
  return { operation, requests: device.wire.count(), budget, what: device.wire.requests.map(describeRequest), ...extra };
}

function newMessage(device: SessionDevice): string {
  return device.mailbox.add(`bench-${randomUUID()}`);
}

/** Runs every counted operation against a fresh emulator; resolves with the counts. Rejects when an operation fails (a refused track is a failure here). */
export async function measureRoundTrips(): Promise<RoundTrips[]> {
  const { seed, orgs } = seedWithOrgs(ORG_COUNT);
  const emulator = await startEmulator({ seed });
  try {
    const rows: RoundTrips[] = [];
    const setup = createSessionDevice(emulator, BENCH_USER);
    await setup.session.start();
    for (const org of orgs) await setup.session.addOrgFromUrl(emulator.orgUrl(org.urlName));

    // Outlook starts again with the saved orgs: every status checked at once (tokens fetched first, not counted).
    const device = createSessionDevice(emulator, BENCH_USER, setup.store);
    const started = await device.session.start();
    const connected = started.orgs.filter((org) => org.status === "connected").length;
    rows.push(counted(device, `start, ${ORG_COUNT} orgs, auto-connect on`, ORG_COUNT, { note: `— ${connected} connected, up to ${device.maxInFlight()} in flight together`, only: "GET WhoAmI" }));

    const single = newMessage(device);
    device.wire.reset();
    const tracked = await device.session.track([single]);
    if (tracked.kind !== "sent" || tracked.outcomes[0]?.ok !== true) throw new Error("Tracking one message did not store it.");
    rows.push(counted(device, "track one message (token cached)", 2));

    device.wire.reset();
    const untracked = await device.session.untrack(single, undefined, async () => true);
    if (untracked.kind !== "done") throw new Error("Untracking the message did not finish.");
    rows.push(counted(device, "untrack one message (owner)", 2));

    const bulk = Array.from({ length: BULK_SIZE }, () => newMessage(device));
    device.wire.reset();
    const bulkTracked = await device.session.track(bulk);
    const stored = bulkTracked.kind === "sent" ? bulkTracked.outcomes.filter((outcome) => outcome.ok).length : 0;
    if (stored !== BULK_SIZE) throw new Error(`Bulk tracking stored ${stored} of ${BULK_SIZE} messages.`);
    rows.push(counted(device, `bulk track of ${BULK_SIZE} messages`, 2, { note: `— ${stored} stored`, only: "POST $batch" }));

    await device.session.setPreferences({ connectAutomatically: false });
    const offline = createSessionDevice(emulator, BENCH_USER, device.store);
    await offline.session.start();
    rows.push(counted(offline, "start, auto-connect off", 0, { note: `— ${offline.tokens.asked.length} tokens asked for` }));
    return rows;
  } finally {
    await emulator.stop();
  }
}

async function main(): Promise<void> {
  const rows = await measureRoundTrips();
  console.log(`Round trips to the org (the session over the real Dataverse client, emulator over HTTPS in-process, ${ORG_COUNT} orgs; token requests not counted)\n`);
  for (const line of formatRoundTrips(rows)) console.log(line);
  const meets = rows.every(withinBudget);
  console.log(`\nbudgets: ${meets ? "all met" : "NOT all met"}`);
  console.log(JSON.stringify({ bench: "round-trips", orgs: ORG_COUNT, rows: rows.map((row) => ({ operation: row.operation, requests: row.requests, budget: row.budget, ...(row.only === undefined ? {} : { only: row.only }), met: withinBudget(row) })), meets }));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  });
}
