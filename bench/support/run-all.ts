/**
 * `npm run bench`: runs every benchmark one after the other (each in its own Node process, its
 * output shown as it comes), then prints a summary of their figures next to the budgets of
 * architecture.md (see summary.ts). A missed budget is reported, not fatal; the exit code is
 * non-zero only when a benchmark could not run.
 *
 *   npm run bench [-- emulator bundle first-render round-trips]     (a subset, by name)
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { figuresLine, formatSummary, type BenchReport } from "./summary";

const ROOT = path.resolve(__dirname, "..", "..");

/** Every benchmark, in the order they run. */
export const BENCHES: readonly { name: string; script: string }[] = [
  { name: "emulator", script: "bench/emulator.bench.ts" },
  { name: "bundle", script: "scripts/bench-bundle.ts" },
  { name: "first-render", script: "bench/first-render.bench.ts" },
  { name: "round-trips", script: "bench/round-trips.bench.ts" },
];

/** Runs one benchmark script with tsx; resolves with its exit code and its figures once it exits. Never rejects (a failure to start is exit code 1). */
function runBench(name: string, script: string): Promise<BenchReport> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, script)], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
      process.stdout.write(chunk);
    });
    child.once("error", (error) => {
      console.error(`${name}: ${error.message}`);
      resolve({ name, exitCode: 1, figures: undefined });
    });
    child.once("close", (code) => resolve({ name, exitCode: code ?? 1, figures: figuresLine(output) }));
  });
}

async function main(): Promise<void> {
  const asked = process.argv.slice(2);
  const unknown = asked.filter((name) => !BENCHES.some((bench) => bench.name === name));
  if (unknown.length > 0) throw new Error(`No benchmark named ${unknown.join(", ")} (there are: ${BENCHES.map((bench) => bench.name).join(", ")}).`);
  const chosen = asked.length === 0 ? BENCHES : BENCHES.filter((bench) => asked.includes(bench.name));
  const reports: BenchReport[] = [];
  for (const bench of chosen) {
    console.log(`\n=== ${bench.name} (${bench.script}) ===\n`);
    reports.push(await runBench(bench.name, bench.script));
  }
  console.log("\n=== Summary ===\n");
  for (const line of formatSummary(reports)) console.log(line);
  if (reports.some((report) => report.exitCode !== 0)) process.exitCode = 1;
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  });
}
