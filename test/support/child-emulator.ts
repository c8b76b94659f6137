import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { ensureLocalhostCertificate } from "../../emulator/src/http/certificates";

/** The repository root (the child runs from there, as `npm run emulator` does). */
export const REPO_ROOT = path.resolve(__dirname, "..", "..");
const MAIN = path.join(REPO_ROOT, "emulator", "src", "main.ts");
const READY = /Dataverse emulator listening on (https:\/\/\S+)/;

export interface ChildEmulatorOptions {
  /** The SQLite file; reuse it across restarts to check durability. */
  dataFile: string;
  /** A seed file (the demo seed when absent). */
  seedFile?: string;
  /** More flags for main.ts, e.g. `["--max-requests", "100000000"]`. */
  args?: readonly string[];
  /** Flags for node itself, e.g. `["--cpu-prof"]` to profile the server. */
  nodeArgs?: readonly string[];
  /** How long to wait for the "listening on" line (default 60 s: tsx compiles on first start). */
  startTimeoutMs?: number;
}

/** An emulator running in its own Node process (its own event loop), on a free loopback port. */
export interface ChildEmulator {
  /** The base URL, e.g. `https://localhost:41234`. */
  url: string;
  /** The certificate to trust (`.certs/localhost.crt`). */
  ca: Buffer | string;
  process: ChildProcess;
  /** Everything the child wrote so far (stdout and stderr), for failure messages. */
  output(): string;
  /** Sends a signal (SIGKILL for a crash, SIGTERM for a clean stop) and resolves when the process has exited. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

/**
 * Starts `node --import tsx emulator/src/main.ts --port 0 --data <file> …` and resolves once it
 * prints its URL; rejects with the child's output when it exits first or does not start in time.
 */
export async function startChildEmulator(options: ChildEmulatorOptions): Promise<ChildEmulator> {
  const tls = await ensureLocalhostCertificate();
  const args = [...(options.nodeArgs ?? []), "--import", "tsx", MAIN, "--port", "0", "--host", "localhost", "--data", options.dataFile];
  if (options.seedFile) args.push("--seed", options.seedFile);
  args.push(...(options.args ?? []));
  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`The emulator did not start within ${options.startTimeoutMs ?? 60_000} ms:\n${output}`));
    }, options.startTimeoutMs ?? 60_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString("utf8");
      const match = READY.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`The emulator exited (${signal ?? code}) before it was ready:\n${output}`));
    });
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
  return {
    url,
    ca: tls.cert,
    process: child,
    output: () => output,
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
