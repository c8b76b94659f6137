import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type FrameLocator, type Page } from "playwright-core";
import { ensureLocalhostCertificate } from "../../../emulator/src/http/certificates";
import { DEMO_SEED_FILE, readSeedFile } from "../../../emulator/src/seed/validate";
import { addinClientId, emulatorConfig } from "../../../scripts/app-config-file";
import { startStaticServer, type StaticServer } from "../../../scripts/serve-static";
import type { CommandLogEntry, CommandResult, OutlookSimulatorHook, SimulatorItem } from "../../../src/simulator/simulator";
import { startEmulator, type TestEmulator } from "../../support/emulator-harness";
import { E2E_DIST, REPO_ROOT } from "./build-cache";

/** Debian's Chromium (toolchain.md): never a browser downloaded by a test tool. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
/** Launch flags that work as root in CI (toolchain.md). */
export const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const OFFICE_JS_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
/** Where screenshots go (git-ignored). */
export const RESULTS_DIR = path.join(REPO_ROOT, "test-results", "e2e");

declare global {
  interface Window {
    outlookSimulator?: OutlookSimulatorHook;
  }
}

/** The site of one test file: the production build served over HTTPS on a free port, and Chromium. */
export interface E2eSite {
  browser: Browser;
  server: StaticServer;
  /** Starts a test: a fresh emulator, a fresh browser context (no saved sign-in), the simulator open (with `query`, e.g. `lang=de-DE`) and ready. */
  startTest(name: string, options?: { query?: string }): Promise<E2eTest>;
  close(): Promise<void>;
}

/** One test's world. */
export interface E2eTest {
  emulator: TestEmulator;
  context: BrowserContext;
  /** The simulator page. */
  page: Page;
  /** The task pane's frame (open it first: `openTaskPane`). */
  pane: FrameLocator;
  /** Opens the simulator again in a new tab of this browser context and closes the old tab, as Outlook starting again: localStorage (the mailbox, roaming settings, a saved token cache) is kept, sessionStorage is not. Resolves when the new tab's simulator is ready; `page` and `pane` are the new tab's from then on. */
  reopen(): Promise<void>;
  /** Selects messages through the simulator's hook. */
  select(...itemIds: string[]): Promise<void>;
  /** Presses a ribbon button through the hook; resolves when the command completed. */
  runCommand(label: string): Promise<CommandResult>;
  item(itemId: string): Promise<SimulatorItem>;
  commandLog(): Promise<CommandLogEntry[]>;
  /** Saves a screenshot of the simulator page under test-results/e2e/ (named after the test). */
  screenshot(suffix?: string): Promise<string>;
  /** Errors the pages threw (uncaught), for failure messages. */
  pageErrors: string[];
  close(): Promise<void>;
}

/** Starts the static server over the e2e build and Chromium, for one test file. Throws when the build or Chromium is missing. */
export async function startSite(): Promise<E2eSite> {
  const tls = await ensureLocalhostCertificate();
  const officeSim = readFileSync(path.join(E2E_DIST, "office-sim.js"), "utf8");
  const clientId = addinClientId(readSeedFile(DEMO_SEED_FILE));
  // The emulator of the running test, whose address config.json gives the pages.
  let emulatorUrl = "https://localhost:1";
  const server = await startStaticServer({ root: E2E_DIST, port: 0, tls, files: {} });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });

  return {
    browser,
    server,
    async startTest(name, options = {}) {
      const emulator = await startEmulator();
      emulatorUrl = emulator.url;
      const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1400, height: 900 } });
      const pageErrors: string[] = [];
      let page: Page;
      const openSimulator = async (): Promise<Page> => {
        const opened = await context.newPage();
        await opened.goto(`${server.url}/simulator.html${options.query === undefined ? "" : `?${options.query}`}`);
        await opened.waitForFunction(() => window.outlookSimulator !== undefined);
        await opened.evaluate(() => window.outlookSimulator?.ready);
        return opened;
      };
      try {
        // Nothing leaves the machine (routes registered later take precedence over this one)…
        await context.route(/^https?:\/\/(?!localhost[:/])/, (route) => route.abort("blockedbyclient"));
        // …but Office.js from the CDN: it is the simulator's Office host in these pages.
        await context.route(`${OFFICE_JS_CDN}*`, (route) => route.fulfill({ status: 200, contentType: "text/javascript; charset=utf-8", body: officeSim }));
        await context.route(`${server.url}/config.json`, (route) =>
          route.fulfill({ status: 200, contentType: "application/json", headers: { "cache-control": "no-store" }, body: JSON.stringify(emulatorConfig(emulatorUrl, clientId)) }),
        );
        context.on("page", (opened) => opened.on("pageerror", (error) => pageErrors.push(`${opened.url()}: ${error.message}`)));
        page = await openSimulator();
      } catch (error) {
        await context.close().catch(() => undefined);
        await emulator.stop().catch(() => undefined);
        throw error;
      }
      const file = (suffix?: string): string => path.join(RESULTS_DIR, `${name.replace(/[^a-z0-9]+/gi, "-").toLowerCase()}${suffix === undefined ? "" : `-${suffix}`}.png`);
      return {
        emulator,
        context,
        get page() {
          return page;
        },
        get pane() {
          return page.frameLocator('iframe[title="OrgTrack"]');
        },
        async reopen() {
          const previous = page;
          page = await openSimulator();
          await previous.close();
        },
        pageErrors,
        select: async (...itemIds) => void (await page.evaluate((ids) => window.outlookSimulator?.selectItems(ids), itemIds)),
        runCommand: async (label) => defined(await page.evaluate((text) => window.outlookSimulator?.runCommand(text), label)),
        item: async (itemId) => defined(await page.evaluate((id) => window.outlookSimulator?.getItem(id), itemId)),
        commandLog: async () => defined(await page.evaluate(() => window.outlookSimulator?.commandLog())),
        async screenshot(suffix) {
          mkdirSync(RESULTS_DIR, { recursive: true });
          const target = file(suffix);
          await page.screenshot({ path: target });
          return target;
        },
        async close() {
          await context.close();
          await emulator.stop();
        },
      };
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/**
 * For a test file: starts the site before its tests and closes it after them, and closes each
 * test's world (browser context, emulator) after that test. Returns the function a test calls to
 * start its world (see `E2eSite.startTest`).
 */
export function worldPerTest(): (name: string, options?: { query?: string }) => Promise<E2eTest> {
  let site: E2eSite | undefined;
  let current: E2eTest | undefined;
  beforeAll(async () => {
    site = await startSite();
  });
  afterAll(async () => {
    await site?.close();
  });
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return async (name, options) => {
    if (site === undefined) throw new Error("The end-to-end site did not start (see the beforeAll error).");
    current = await site.startTest(name, options);
    return current;
  };
}

/** A value the simulator's hook returned; throws when the page had no hook (it did not start). */
function defined<T>(value: T | undefined): T {
  if (value === undefined) throw new Error("The simulator page has no window.outlookSimulator: it did not start.");
  return value;
}
