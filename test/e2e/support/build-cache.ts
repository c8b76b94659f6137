import { createHash } from "node:crypto";
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * The production build the end-to-end tests run: built once into a cache folder with the repo's
 * webpack.config.js (`webpack --mode production`, simulator included) and rebuilt only when an
 * input changed (src/, manifest.xml, webpack.config.js, tsconfig.json, package-lock.json), which
 * keeps repeated runs fast on a 2-core machine.
 */

/** The repository root. */
export const REPO_ROOT = path.resolve(__dirname, "..", "..", "..");

/** Where the tests' build lives (ORGTRACK_E2E_DIST overrides it with a build of your own). */
export const E2E_DIST = process.env.ORGTRACK_E2E_DIST ?? path.join(REPO_ROOT, "node_modules", ".cache", "orgtrack-e2e", "dist");

const STAMP = path.join(path.dirname(E2E_DIST), "inputs.sha256");
const INPUTS = ["src", "manifest.xml", "webpack.config.js", "tsconfig.json", "package-lock.json"];

/** Returns a hash of everything the build reads (file paths and contents); never throws for a missing input. */
export function inputsHash(root = REPO_ROOT): string {
  const hash = createHash("sha256");
  const visit = (file: string): void => {
    if (!existsSync(file)) return;
    if (statSync(file).isDirectory()) {
      for (const name of readdirSync(file).sort()) visit(path.join(file, name));
      return;
    }
    hash.update(path.relative(root, file));
    hash.update(readFileSync(file));
  };
  for (const input of INPUTS) visit(path.join(root, input));
  return hash.digest("hex");
}

/** Builds the add-in for the tests unless the cached build is current; resolves with the build's folder. Rejects with webpack's output when the build fails. */
export async function ensureE2eBuild(log: (line: string) => void = () => undefined): Promise<string> {
  if (process.env.ORGTRACK_E2E_DIST !== undefined) {
    if (!existsSync(path.join(E2E_DIST, "simulator.html"))) throw new Error(`ORGTRACK_E2E_DIST=${E2E_DIST} holds no simulator.html: build it with the simulator (webpack --mode production).`);
    return E2E_DIST;
  }
  const hash = inputsHash();
  const current = existsSync(STAMP) && readFileSync(STAMP, "utf8") === hash && existsSync(path.join(E2E_DIST, "simulator.html"));
  if (current) {
    log(`e2e: using the cached build in ${path.relative(REPO_ROOT, E2E_DIST)}`);
    return E2E_DIST;
  }
  log(`e2e: building the add-in into ${path.relative(REPO_ROOT, E2E_DIST)} (webpack --mode production)…`);
  const started = Date.now();
  await new Promise<void>((resolve, reject) => {
    const cli = require.resolve("webpack-cli/bin/cli.js", { paths: [REPO_ROOT] });
    const child = spawn(process.execPath, [cli, "--mode", "production", "--env", `outputPath=${E2E_DIST}`, "--env", "simulator=true"], { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`The e2e build failed (webpack exited ${code}):\n${output}`))));
  });
  mkdirSync(path.dirname(STAMP), { recursive: true });
  writeFileSync(STAMP, hash);
  log(`e2e: built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return E2E_DIST;
}
