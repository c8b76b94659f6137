/**
 * `npm run bench:bundle`: builds the task pane and the commands for production (into a temporary
 * folder; dist/ is left alone) and prints their gzip sizes next to the budgets of
 * architecture.md. A benchmark that prints: a missed budget is reported, not fatal (the exit code
 * is non-zero only when the build fails).
 *
 *   taskpane first render   the JS of the taskpane entry's initial chunks   ≤ 130 KB
 *   taskpane all            plus every chunk it may load later               ≤ 260 KB
 *   commands                the commands entry with everything it may load   ≤ 110 KB
 *                           (its German strings too; the first load alone is printed as well)
 *
 * The budgets are for JS. Production builds move Fluent's CSS out of the JS into a stylesheet
 * (webpack.config.js, Griffel extraction), so the CSS the first render needs is printed too, and
 * all CSS: no byte is hidden by the move.
 *
 * Sizes are gzip at zlib's default level (what a web server typically sends), 1 KB = 1000 bytes.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import type { Chunk, Compilation, Stats } from "webpack";
import { runWebpack } from "./build";
import { webpackConfiguration } from "./site";

/** The budgets in bytes (gzip). */
export const BUNDLE_BUDGETS = { taskpaneFirstRender: 130_000, taskpaneAll: 260_000, commands: 110_000 } as const;

/** One measured group of files. */
export interface BundleFigure {
  files: string[];
  bytes: number;
  gzipBytes: number;
}

/** What bench:bundle measures. */
export interface BundleFigures {
  taskpaneFirstRender: BundleFigure;
  taskpaneAll: BundleFigure;
  commands: BundleFigure;
  /** The commands entry's initial chunks only (information; the budget applies to `commands`). */
  commandsFirstLoad: BundleFigure;
  /** The stylesheets the task pane's page links (needed for its first render; information, no budget). */
  taskpaneFirstRenderCss: BundleFigure;
  /** Every stylesheet the task pane may load. */
  taskpaneAllCss: BundleFigure;
}

/** What files of a chunk to measure. */
export type AssetKind = "js" | "css";
const ASSET_PATTERNS: Record<AssetKind, RegExp> = { js: /\.m?js$/, css: /\.css$/ };

/** Returns the JS (or CSS) files of an entry: its initial chunks, or (`withAsync`) those and every chunk they may load. Throws an Error for an entry the build does not have. */
export function entryFiles(compilation: Compilation, name: string, withAsync: boolean, kind: AssetKind = "js"): string[] {
  const entrypoint = compilation.entrypoints.get(name);
  if (entrypoint === undefined) throw new Error(`The build has no entry "${name}".`);
  const chunks = new Set<Chunk>(entrypoint.chunks);
  if (withAsync) for (const chunk of entrypoint.chunks) for (const child of chunk.getAllAsyncChunks()) chunks.add(child);
  const files = new Set<string>();
  for (const chunk of chunks) for (const file of chunk.files) if (ASSET_PATTERNS[kind].test(file)) files.add(file);
  return [...files].sort();
}

/** Returns the raw and gzip sizes of files a compilation wrote (read back from its output folder: a cached build has no sources in memory). Throws an Error for a file it did not write. */
export function measure(compilation: Compilation, files: readonly string[]): BundleFigure {
  let bytes = 0;
  let gzipBytes = 0;
  for (const file of files) {
    let content: Buffer;
    try {
      content = readFileSync(path.join(compilation.outputOptions.path ?? "", file));
    } catch {
      throw new Error(`The build wrote no ${file}.`);
    }
    bytes += content.length;
    gzipBytes += gzipSync(content).length;
  }
  return { files: [...files], bytes, gzipBytes };
}

/** Returns the figures of a production build that has the taskpane and commands entries. Throws when one is missing. */
export function bundleFigures(stats: Stats): BundleFigures {
  const compilation = stats.compilation;
  return {
    taskpaneFirstRender: measure(compilation, entryFiles(compilation, "taskpane", false)),
    taskpaneAll: measure(compilation, entryFiles(compilation, "taskpane", true)),
    commands: measure(compilation, entryFiles(compilation, "commands", true)),
    commandsFirstLoad: measure(compilation, entryFiles(compilation, "commands", false)),
    taskpaneFirstRenderCss: measure(compilation, entryFiles(compilation, "taskpane", false, "css")),
    taskpaneAllCss: measure(compilation, entryFiles(compilation, "taskpane", true, "css")),
  };
}

/** Builds the task pane and commands for production into a temporary folder; resolves with the figures. Rejects when the build fails (a missing entry, a compile error). */
export async function buildAndMeasure(): Promise<BundleFigures> {
  const out = mkdtempSync(path.join(os.tmpdir(), "orgtrack-bundle-"));
  try {
    const stats = await runWebpack(webpackConfiguration({ pages: "taskpane,commands", simulator: "false", outputPath: out }, "production"));
    return bundleFigures(stats);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** Returns the printed table of figures against the budgets. */
export function formatFigures(figures: BundleFigures): string[] {
  const kb = (bytes: number): string => `${(bytes / 1000).toFixed(1)} KB`;
  const rows: [string, BundleFigure, number | undefined][] = [
    ["taskpane first render JS", figures.taskpaneFirstRender, BUNDLE_BUDGETS.taskpaneFirstRender],
    ["taskpane all JS", figures.taskpaneAll, BUNDLE_BUDGETS.taskpaneAll],
    ["commands all JS", figures.commands, BUNDLE_BUDGETS.commands],
    ["commands first load JS", figures.commandsFirstLoad, undefined],
    ["taskpane first render CSS", figures.taskpaneFirstRenderCss, undefined],
    ["taskpane all CSS", figures.taskpaneAllCss, undefined],
  ];
  return [
    `${"bundle".padEnd(26)}${"gzip".padStart(10)}${"budget".padStart(10)}${"raw".padStart(11)}${"files".padStart(7)}`,
    ...rows.map(
      ([name, figure, budget]) =>
        `${name.padEnd(26)}${kb(figure.gzipBytes).padStart(10)}${(budget === undefined ? "-" : kb(budget)).padStart(10)}${kb(figure.bytes).padStart(11)}${String(figure.files.length).padStart(7)}  ${budget === undefined ? "" : figure.gzipBytes <= budget ? "within budget" : "OVER BUDGET"}`.trimEnd(),
    ),
  ];
}

async function main(): Promise<void> {
  const started = Date.now();
  const figures = await buildAndMeasure();
  console.log(`Bundle sizes (production build, ${((Date.now() - started) / 1000).toFixed(0)} s)`);
  for (const line of formatFigures(figures)) console.log(line);
  console.log("The budgets are for the JS (architecture.md); the CSS Fluent's styles were moved into is printed beside it, without a budget.");
  console.log(
    JSON.stringify({
      bench: "bundle",
      taskpaneFirstRenderGzip: figures.taskpaneFirstRender.gzipBytes,
      taskpaneAllGzip: figures.taskpaneAll.gzipBytes,
      commandsGzip: figures.commands.gzipBytes,
      commandsFirstLoadGzip: figures.commandsFirstLoad.gzipBytes,
      taskpaneFirstRenderCssGzip: figures.taskpaneFirstRenderCss.gzipBytes,
      taskpaneAllCssGzip: figures.taskpaneAllCss.gzipBytes,
      budgets: BUNDLE_BUDGETS,
    }),
  );
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error((error as Error).message);
    process.exitCode = 1;
  });
}
