import { mkdirSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { createEmulator } from "./app";
import { ensureLocalhostCertificate } from "./http/certificates";
import { listen } from "./http/server";
import { DEMO_SEED_FILE, readSeedFile } from "./seed/validate";
import type { SeedLimits } from "./seed/types";

const USAGE = `Usage: npm run emulator -- [--port 5555] [--host localhost] [--data <sqlite file>] [--seed <json>]
                            [--max-requests N] [--window-seconds N] [--max-concurrent N] [--retry-after N]

Starts the local Dataverse-compatible organization server over HTTPS.
  --data   the SQLite file (default .data/emulator.sqlite); it is made from the seed when new
  --seed   the seed file (default emulator/seed/demo.json)
Service protection defaults are Dataverse's: 6000 requests per 300 s, 52 concurrent.`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "5555" },
      host: { type: "string", default: "localhost" },
      data: { type: "string", default: path.resolve(".data", "emulator.sqlite") },
      seed: { type: "string", default: DEMO_SEED_FILE },
      "max-requests": { type: "string" },
      "window-seconds": { type: "string" },
      "max-concurrent": { type: "string" },
      "retry-after": { type: "string" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = positiveInt(values.port, "--port", true);
  const limits: SeedLimits = {};
  if (values["max-requests"]) limits.requestsPerWindow = positiveInt(values["max-requests"], "--max-requests");
  if (values["window-seconds"]) limits.windowSeconds = positiveInt(values["window-seconds"], "--window-seconds");
  if (values["max-concurrent"]) limits.concurrentRequests = positiveInt(values["max-concurrent"], "--max-concurrent");
  if (values["retry-after"]) limits.retryAfterSeconds = positiveInt(values["retry-after"], "--retry-after");
  const seed = readSeedFile(values.seed);
  if (values.data !== ":memory:") mkdirSync(path.dirname(values.data), { recursive: true });
  const emulator = createEmulator({ seed, dataFile: values.data, limits });
  const tls = await ensureLocalhostCertificate();
  const server = await listen((req) => emulator.handle(req), tls, port, values.host);
  console.log(`Dataverse emulator listening on ${server.url}`);
  for (const org of emulator.context.directory.orgs.values()) {
    console.log(`  ${org.friendlyName.padEnd(24)} ${server.url}/${org.urlName}  (Web API ${server.url}/${org.urlName}/api/data/v9.2/)`);
  }
  console.log(`  Global Discovery         ${server.url}/discovery/api/discovery/v2.0/Instances`);
  console.log(`  Sign-in authority        ${server.url}/organizations  (tenants: ${[...emulator.context.directory.tenants.values()].map((t) => t.name).join(", ")})`);
  const stop = (): void => {
    void server.close().then(() => {
      emulator.close();
      process.exit(0);
    });
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

function positiveInt(text: string, flag: string, allowZero = false): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < (allowZero ? 0 : 1)) {
    console.error(`${flag} must be a ${allowZero ? "non-negative" : "positive"} integer, not '${text}'.\n\n${USAGE}`);
    process.exit(2);
  }
  return value;
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
