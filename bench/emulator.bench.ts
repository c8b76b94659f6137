/**
 * Emulator throughput: the server runs in a child process (its own event loop) on a free port with
 * a temp data file and raised service-protection limits; 16 clients, one signed-in user each, keep
 * their HTTPS connections alive and run closed loops of (1) DeliverIncomingEmail with unique
 * MessageIds and (2) WhoAmI. Warm-up is excluded. Prints a table and one JSON line; exits non-zero
 * only when requests fail (a missed target is reported, not fatal).
 *
 * Each delivered message has its own subject; `--same-subject` gives them all one subject, the
 * worst case for subject-based correlation (every earlier message is a candidate).
 *
 * `--profile <dir>` writes a CPU profile of the server there (node --cpu-prof).
 *
 *   npm run bench:emulator [-- --seconds 10 --warmup 2 --clients 16 --same-subject --profile <dir>]
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type https from "node:https";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { DEMO_SEED_FILE, readSeedFile } from "../emulator/src/seed/validate";
import type { Seed } from "../emulator/src/seed/types";
import { startChildEmulator } from "../test/support/child-emulator";
import { DELIVER_INCOMING, incomingEmail } from "../test/support/delivery";
import { httpsRequest, keepAliveAgent, passwordToken } from "../test/support/https-client";
import { runLoad, type LoadResult } from "./support/load";

const ORG = "contoso";
const TARGETS = { deliveredPerSecond: 1000, p99Ms: 50 };

interface BenchUser {
  email: string;
  token: string;
  agent: https.Agent;
}

/** The demo seed plus `count` members of contoso who can track mail (bench01…@contoso.example). */
function benchSeed(count: number): { seed: Seed; emails: string[] } {
  const seed = readSeedFile(DEMO_SEED_FILE);
  const contoso = seed.orgs.find((o) => o.urlName === ORG);
  const template = contoso?.members.find((m) => m.user === "alex.wu@contoso.example");
  if (!contoso || !template) throw new Error("The demo seed has no contoso org with Alex in it.");
  const password = seed.users.find((u) => u.email === template.user)?.password ?? "";
  const emails = Array.from({ length: count }, (_, i) => `bench${String(i + 1).padStart(2, "0")}@contoso.example`);
  for (const email of emails) {
    seed.users.push({ tenant: "contoso.example", email, displayName: `Bench ${email.slice(5, 7)}`, password });
    contoso.members.push({ ...template, user: email });
  }
  return { seed, emails };
}

function row(name: string, unit: string, result: LoadResult, target: string): string {
  const cells = [
    name.padEnd(22),
    `${result.perSecond.toFixed(0)} ${unit}`.padStart(16),
    `${result.p50Ms.toFixed(1)} ms`.padStart(10),
    `${result.p99Ms.toFixed(1)} ms`.padStart(10),
    `${result.maxMs.toFixed(1)} ms`.padStart(10),
    String(result.operations).padStart(8),
    String(result.errors).padStart(7),
  ];
  return `${cells.join(" ")}   ${target}`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seconds: { type: "string", default: "10" },
      warmup: { type: "string", default: "2" },
      clients: { type: "string", default: "16" },
      "same-subject": { type: "boolean", default: false },
      profile: { type: "string" },
    },
  });
  const measureMs = Number(values.seconds) * 1000;
  const warmUpMs = Number(values.warmup) * 1000;
  const clients = Number(values.clients);
  const dir = mkdtempSync(path.join(os.tmpdir(), "orgtrack-bench-"));
  const { seed, emails } = benchSeed(clients);
  const seedFile = path.join(dir, "seed.json");
  writeFileSync(seedFile, JSON.stringify(seed));
  const child = await startChildEmulator({
    dataFile: path.join(dir, "data.sqlite"),
    seedFile,
    args: ["--max-requests", "100000000", "--max-concurrent", "1000"],
    ...(values.profile ? { nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${path.resolve(values.profile)}`] } : {}),
  });
  let failed: boolean;
  try {
    const orgUrl = `${child.url}/${ORG}`;
    const apiRoot = `${orgUrl}/api/data/v9.2/`;
    const users: BenchUser[] = [];
    for (const email of emails) {
      const agent = keepAliveAgent(child.ca);
      users.push({ email, agent, token: await passwordToken(child.url, { agent }, email, `${orgUrl}/.default`) });
    }
    const call = async (user: BenchUser, method: string, relative: string, body?: unknown): Promise<true | string> => {
      const reply = await httpsRequest(apiRoot + relative, {
        method,
        agent: user.agent,
        headers: {
          Authorization: `Bearer ${user.token}`,
          Accept: "application/json",
          "OData-Version": "4.0",
          ...(body !== undefined ? { "Content-Type": "application/json" } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      return reply.status === 200 ? true : `${method} ${relative}: ${reply.status} ${reply.text.slice(0, 200)}`;
    };
    const userOf = (n: number): BenchUser => users[n % users.length] as BenchUser;
    let sent = 0;
    const delivery = (to: string): Record<string, unknown> => {
      sent += 1;
      return values["same-subject"] ? incomingEmail(to) : incomingEmail(to, undefined, `Benchmark message ${sent} ${randomUUID()}`);
    };

    console.log(`Emulator benchmark: ${clients} clients (one user each), ${values.warmup} s warm-up + ${values.seconds} s per phase, server ${child.url} in a child process, ${values["same-subject"] ? "one subject for every message" : "a subject per message"}\n`);
    const deliver = await runLoad({ clients, warmUpMs, measureMs, operation: (n) => call(userOf(n), "POST", DELIVER_INCOMING, delivery(userOf(n).email)) });
    const whoAmI = await runLoad({ clients, warmUpMs, measureMs, operation: (n) => call(userOf(n), "GET", "WhoAmI") });

    console.log(`${"phase".padEnd(22)} ${"throughput".padStart(16)} ${"p50".padStart(10)} ${"p99".padStart(10)} ${"max".padStart(10)} ${"ops".padStart(8)} ${"errors".padStart(7)}   target`);
    console.log(row("DeliverIncomingEmail", "emails/s", deliver, `≥ ${TARGETS.deliveredPerSecond} emails/s, p99 ≤ ${TARGETS.p99Ms} ms`));
    console.log(row("WhoAmI", "req/s", whoAmI, `p99 ≤ ${TARGETS.p99Ms} ms`));
    const meets = {
      deliveredPerSecond: deliver.perSecond >= TARGETS.deliveredPerSecond,
      deliverP99: deliver.p99Ms <= TARGETS.p99Ms,
      whoAmIP99: whoAmI.p99Ms <= TARGETS.p99Ms,
    };
    console.log(`\ntargets met: ${Object.entries(meets).map(([k, v]) => `${k} ${v ? "yes" : "NO"}`).join(", ")}`);
    for (const [name, result] of [["DeliverIncomingEmail", deliver], ["WhoAmI", whoAmI]] as const) {
      for (const sample of result.errorSamples) console.error(`error (${name}): ${sample}`);
    }
    const round = (r: LoadResult): Record<string, number> => ({
      perSecond: Math.round(r.perSecond),
      p50Ms: Number(r.p50Ms.toFixed(2)),
      p99Ms: Number(r.p99Ms.toFixed(2)),
      maxMs: Number(r.maxMs.toFixed(2)),
      operations: r.operations,
      errors: r.errors,
    });
    console.log(JSON.stringify({ bench: "emulator", clients, seconds: Number(values.seconds), sameSubject: values["same-subject"], deliverIncomingEmail: round(deliver), whoAmI: round(whoAmI), targets: TARGETS, meets }));
    failed = deliver.errors + whoAmI.errors > 0;
    for (const user of users) user.agent.destroy();
  } finally {
    await child.kill("SIGTERM");
    rmSync(dir, { recursive: true, force: true });
  }
  if (failed) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
