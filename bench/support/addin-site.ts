import { readFileSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type BrowserContext } from "playwright-core";
import { ensureLocalhostCertificate } from "../../emulator/src/http/certificates";
import { addinClientId, emulatorConfig } from "../../scripts/app-config-file";
import { runWebpack } from "../../scripts/build";
import { startStaticServer, type StaticServer } from "../../scripts/serve-static";
import { webpackConfiguration } from "../../scripts/site";
import type { Seed } from "../../emulator/src/seed/types";
import { OFFICE_JS_CDN } from "../../src/simulator/bridge";
import { CHROMIUM, CHROMIUM_ARGS } from "../../test/e2e/support/e2e-harness";

/**
 * The add-in as a person's browser gets it, for browser benchmarks: a production build with the
 * Outlook simulator served over HTTPS by scripts/serve-static.ts (config.json pointing at the
 * emulator, and Office.js at its CDN address answered by the build's office-sim.js), and Debian's
 * Chromium, headless. Office.js's CDN host is mapped to the local server by Chromium's host
 * resolver rather than by Playwright's request routing: routing switches the browser's HTTP
 * cache off, and a returning user's load is measured with that cache. Every other host but
 * localhost resolves to nothing, so nothing leaves the machine.
 */

/** Builds the add-in for production with the simulator into `outputPath`; resolves when written. Rejects with webpack's errors. */
export async function buildWithSimulator(outputPath: string): Promise<void> {
  await runWebpack(webpackConfiguration({ simulator: "true", outputPath }, "production"));
}

/** What a browser context keeps between sessions (cookies, localStorage), to start another one from. */
export type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;

/** The served build and the browser. */
export interface AddinSite {
  server: StaticServer;
  browser: Browser;
  /** A new browser context (its own HTTP cache and storage; `storageState` restores a saved one), trusting the local certificate. */
  newContext(storageState?: StorageState): Promise<BrowserContext>;
  close(): Promise<void>;
}

/** Serves the build in `dist` (with the simulator) for the emulator at `emulatorUrl` and launches Chromium; rejects when the build lacks office-sim.js or Chromium cannot start. */
export async function startAddinSite(options: { dist: string; emulatorUrl: string; seed: Seed }): Promise<AddinSite> {
  const tls = await ensureLocalhostCertificate();
  const officeSim = readFileSync(path.join(options.dist, "office-sim.js"));
  const cdn = new URL(OFFICE_JS_CDN);
  const config = JSON.stringify(emulatorConfig(options.emulatorUrl, addinClientId(options.seed)));
  const server = await startStaticServer({ root: options.dist, port: 0, tls, files: { "/config.json": config, [cdn.pathname]: officeSim } });
  let browser: Browser;
  try {
    const rules = `MAP ${cdn.hostname}:443 localhost:${server.port}, MAP * ~NOTFOUND, EXCLUDE localhost`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, `--host-resolver-rules=${rules}`] });
  } catch (error) {
    await server.close();
    throw error;
  }
  return {
    server,
    browser,
    newContext: (storageState) => browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1400, height: 900 }, ...(storageState === undefined ? {} : { storageState }) }),
    async close() {
      await browser.close();
      await server.close();
    },
  };
}
