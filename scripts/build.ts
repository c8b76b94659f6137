/**
 * `npm run build`: the production build in dist/, for the host in ADDIN_URL.
 *
 *   ADDIN_URL=https://orgtrack.contoso.com ADDIN_CLIENT_ID=<app id> [ADDIN_TENANT=<tenant id>] npm run build
 *   npm run build                         for https://localhost:3000 against the emulator (with the simulator)
 *   npm run build -- --out <dir> --pages taskpane,commands      another folder, some pages only
 *
 * Writes the pages and bundles (webpack.config.js), dist/manifest.xml with every URL under
 * ADDIN_URL, dist/manifest.json and its locale files (the unified manifest, generated with
 * office-addin-manifest-converter), and dist/config.json: from ADDIN_CLIENT_ID, ADDIN_TENANT,
 * ADDIN_AUTHORITY, ADDIN_DISCOVERY_URL, ADDIN_ORG_URLS (see scripts/app-config-file.ts); for a
 * localhost build without them, the emulator's (https://localhost:5555). A hosted build without
 * ADDIN_CLIENT_ID gets no config.json: write one before publishing (format in README).
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import webpack, { type Configuration, type Stats } from "webpack";
import { readSeedFile, DEMO_SEED_FILE } from "../emulator/src/seed/validate";
import type { AppConfigFile } from "../src/config/app-config";
import { addinClientId, configFromEnvironment, emulatorConfig } from "./app-config-file";
import { loadSite, REPO_ROOT, webpackConfiguration } from "./site";
import { convertToUnified } from "./unified-manifest";

/** The emulator `npm start` and `npm run emulator` run. */
export const LOCAL_EMULATOR_URL = "https://localhost:5555";

/** Runs webpack once; resolves with its stats. Rejects with an Error holding webpack's error messages when the build fails. */
export function runWebpack(configuration: Configuration): Promise<Stats> {
  return new Promise((resolve, reject) => {
    const compiler = webpack(configuration);
    compiler.run((error, stats) => {
      compiler.close(() => {
        if (error) reject(error);
        else if (stats === undefined) reject(new Error("webpack returned no stats."));
        else if (stats.hasErrors()) reject(new Error(stats.toString({ preset: "errors-only", colors: false })));
        else resolve(stats);
      });
    });
  });
}

/** What a production build wrote. */
export interface BuildResult {
  outputPath: string;
  addinUrl: string;
  stats: Stats;
  config: AppConfigFile | undefined;
  unified: string[];
}

/**
 * Builds for production into `env.outputPath` (default dist/) with webpack.config.js's options
 * (`env`, else the environment); writes config.json (see above) and the unified manifest. Throws
 * an Error when webpack or the converter fails.
 */
export async function buildProduction(env: Record<string, unknown> = {}, processEnv: NodeJS.ProcessEnv = process.env): Promise<BuildResult> {
  const site = loadSite();
  const options = site.buildOptions(env);
  const stats = await runWebpack(webpackConfiguration(env, "production"));
  const config = configFromEnvironment(processEnv) ?? (site.isLoopback(options.addinUrl) ? emulatorConfig(LOCAL_EMULATOR_URL, addinClientId(readSeedFile(DEMO_SEED_FILE))) : undefined);
  if (config !== undefined) writeFileSync(path.join(options.outputPath, "config.json"), `${JSON.stringify(config, null, 2)}\n`);
  const files = await convertToUnified(path.join(options.outputPath, "manifest.xml"), options.outputPath);
  return { outputPath: options.outputPath, addinUrl: options.addinUrl, stats, config, unified: [files.manifest, ...files.locales] };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: "string" }, pages: { type: "string" } } });
  const started = Date.now();
  const result = await buildProduction({
    ...(values.out === undefined ? {} : { outputPath: path.resolve(values.out) }),
    ...(values.pages === undefined ? {} : { pages: values.pages }),
  });
  const out = (file: string): string => path.relative(REPO_ROOT, file) || file;
  const pages = Object.keys(result.stats.compilation.assets).filter((name) => name.endsWith(".html")).sort();
  console.log(`Built ${out(result.outputPath)}/ for ${result.addinUrl} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`  pages      ${pages.join(", ")}`);
  console.log(`  manifest   ${out(path.join(result.outputPath, "manifest.xml"))}  (sideload it, or upload it in the Microsoft 365 admin center: Integrated apps)`);
  console.log(`  unified    ${result.unified.map(out).join(", ")}`);
  if (result.config === undefined) {
    console.log(`  config     not written: set ADDIN_CLIENT_ID (and ADDIN_TENANT) and build again, or write ${out(path.join(result.outputPath, "config.json"))} yourself (README: "Hosting the build")`);
  } else {
    console.log(`  config     ${out(path.join(result.outputPath, "config.json"))}  (client ${result.config.clientId}, authority ${result.config.authority})`);
  }
  console.log("Check it offline with: npm run validate");
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error((error as Error).message);
    process.exitCode = 1;
  });
}
