// @ts-check
/**
 * The add-in's build: one entry per page, html-webpack-plugin pages, icons and the manifest copied.
 *
 *   npx webpack --mode production                        dist/ for https://localhost:3000 (with the simulator)
 *   ADDIN_URL=https://host/path npx webpack --mode production   dist/ for a hosted add-in (no simulator)
 *   npx webpack --mode production --env pages=commands,auth-redirect   only some pages
 *
 * `npm run build` runs this and adds config.json and the unified manifest; `npm start` runs it in
 * watch mode. Options (`--env name=value`, or the environment variable in brackets):
 *   addinUrl  [ADDIN_URL]            where dist/ is hosted; manifest URLs point there (default https://localhost:3000)
 *   authority [ADDIN_AUTHORITY]      the sign-in authority, whose origin goes into the manifest's AppDomains
 *   simulator [ORGTRACK_SIMULATOR]   true/false: build simulator.html and office-sim.js (default: only for a localhost ADDIN_URL)
 *   pages                            comma-separated page or entry names to build (default: all)
 *   outputPath                       default dist/
 *
 * Office.js: production pages reference Microsoft's CDN (as Office requires). A development build
 * with the simulator (`npm start`) references `office-sim.js` instead (src/simulator/office-sim.ts):
 * inside the simulator it takes the page's Office from the simulator window, anywhere else (the
 * same page sideloaded in real Outlook) it loads the CDN's Office.js. Production builds with the
 * simulator ship `office-sim.js` too, for end-to-end tests, which serve it at the CDN's address.
 */
const fs = require("node:fs");
const path = require("node:path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const MiniCssExtractPlugin = require("mini-css-extract-plugin");
const { GriffelCSSExtractionPlugin } = require("@griffel/webpack-extraction-plugin");

const ROOT = __dirname;
/** Where `npm start` serves the add-in, and the URLs manifest.xml is written with. */
const DEV_URL = "https://localhost:3000";
const OFFICE_JS_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const MICROSOFT_AUTHORITY = "https://login.microsoftonline.com";
const PAGES_DIR = path.join(ROOT, "src", "pages");
const ASSETS_DIR = path.join(PAGES_DIR, "assets");
const MANIFEST = path.join(ROOT, "manifest.xml");

/** @typedef {{ file: string, owner: string }} Entry */
/** @type {Record<string, Entry>} */
const ENTRIES = {
  taskpane: { file: "src/taskpane/index.tsx", owner: "the task pane (issue #4, item 3)" },
  commands: { file: "src/commands/index.ts", owner: "the ribbon commands (issue #4, item 2)" },
  "auth-redirect": { file: "src/auth/redirect-bridge.ts", owner: "src/auth" },
  "sign-in-dialog": { file: "src/pages/sign-in-dialog.ts", owner: "the build (src/pages)" },
  simulator: { file: "src/simulator/index.ts", owner: "the Outlook simulator (issue #4, item 4)" },
  "office-sim": { file: "src/simulator/office-sim.ts", owner: "the Outlook simulator (issue #4, item 4)" },
};
/** Entries without a page of their own, built with the simulator: a stable name, for a plain script tag. */
const SIMULATOR_SCRIPTS = ["office-sim"];

/**
 * @typedef {object} Page
 * @property {string} file           the page in the output
 * @property {string} template       its template in src/pages
 * @property {string | undefined} entry  the webpack entry it loads (none: static page)
 * @property {boolean} office        loads Office.js (from the CDN, or office-sim.js in a development build with the simulator)
 * @property {boolean} simulatorOnly  built only with the simulator
 */
/** @type {Page[]} */
const PAGES = [
  { file: "taskpane.html", template: "taskpane.html", entry: "taskpane", office: true, simulatorOnly: false },
  { file: "commands.html", template: "commands.html", entry: "commands", office: true, simulatorOnly: false },
  { file: "sign-in-dialog.html", template: "sign-in-dialog.html", entry: "sign-in-dialog", office: true, simulatorOnly: false },
  { file: "auth-redirect.html", template: "auth-redirect.html", entry: "auth-redirect", office: false, simulatorOnly: false },
  { file: "support.html", template: "support.html", entry: undefined, office: false, simulatorOnly: false },
  { file: "simulator.html", template: "simulator.html", entry: "simulator", office: false, simulatorOnly: true },
];

/** The blocking script tag that gives a page Office.js, before its deferred bundle runs. */
const OFFICE_SCRIPTS = {
  cdn: `<script src="${OFFICE_JS_CDN}"></script>`,
  simulator: `<script src="office-sim.js"></script>`,
};

/**
 * Returns the script tag that gives the pages Office.js: the CDN's in production, office-sim.js in
 * a development build with the simulator (it falls back to the CDN outside the simulator).
 * @param {boolean} production
 * @param {boolean} simulator
 */
function officeScriptFor(production, simulator) {
  return !production && simulator ? OFFICE_SCRIPTS.simulator : OFFICE_SCRIPTS.cdn;
}

/**
 * Returns the build options from webpack's `--env` and the environment; throws an Error with a
 * clear message for an ADDIN_URL or authority that is not an absolute HTTPS URL.
 * @param {Record<string, unknown>} env
 */
function buildOptions(env = {}) {
  const text = (/** @type {unknown} */ value) => (typeof value === "string" && value.trim() !== "" ? value.trim() : undefined);
  const addinUrl = httpsUrl(text(env.addinUrl) ?? text(process.env.ADDIN_URL) ?? DEV_URL, "ADDIN_URL").replace(/\/+$/, "");
  const authorityText = text(env.authority) ?? text(process.env.ADDIN_AUTHORITY);
  const authority = authorityText === undefined ? undefined : httpsUrl(authorityText, "ADDIN_AUTHORITY");
  const simulatorText = text(env.simulator) ?? text(process.env.ORGTRACK_SIMULATOR);
  const simulator = simulatorText === undefined ? isLoopback(addinUrl) : !["false", "0", "no"].includes(simulatorText.toLowerCase());
  const pagesText = text(env.pages);
  const only = pagesText === undefined ? undefined : pagesText.split(",").map((name) => name.trim()).filter((name) => name !== "");
  const outputPath = path.resolve(ROOT, text(env.outputPath) ?? "dist");
  return { addinUrl, authority, simulator, only, outputPath };
}

/**
 * Returns the pages a build makes: all (minus the simulator's without it), or those named in
 * `only` by file, file without `.html`, or entry. Throws an Error naming an unknown page.
 * @param {{ simulator: boolean, only?: string[] | undefined }} options
 */
function selectPages(options) {
  const pages = PAGES.filter((page) => options.simulator || !page.simulatorOnly);
  if (options.only === undefined) return pages;
  for (const name of options.only) {
    if (!PAGES.some((page) => matches(page, name))) {
      throw new Error(`OrgTrack build: no page or entry is called "${name}" (pages: ${PAGES.map((page) => page.file).join(", ")}).`);
    }
  }
  return pages.filter((page) => options.only?.some((name) => matches(page, name)));
}

/** @param {Page} page @param {string} name */
function matches(page, name) {
  return page.file === name || page.file === `${name}.html` || page.entry === name;
}

/**
 * Returns the webpack entries of the pages (plus office-sim with the simulator); throws an Error
 * saying which file is missing and who writes it, when an entry does not exist yet.
 * @param {Page[]} pages
 * @param {boolean} simulator
 * @param {string} [root]  the repository (tests pass another)
 */
function entriesFor(pages, simulator, root = ROOT) {
  /** @type {Record<string, string>} */
  const entries = {};
  const missing = [];
  const names = [...pages.map((page) => page.entry), ...(simulator ? SIMULATOR_SCRIPTS : [])];
  for (const name of names) {
    if (name === undefined || name in entries) continue;
    const entry = ENTRIES[name];
    if (entry === undefined) throw new Error(`OrgTrack build: unknown entry "${name}".`);
    const file = path.join(root, entry.file);
    if (!fs.existsSync(file)) missing.push(`  ${name}: ${entry.file} does not exist yet (written as part of ${entry.owner})`);
    entries[name] = file;
  }
  if (missing.length > 0) {
    const exists = (/** @type {string | undefined} */ name) => name === undefined || fs.existsSync(path.join(root, ENTRIES[name]?.file ?? ""));
    const withoutSimulator = simulator && !SIMULATOR_SCRIPTS.every(exists);
    const present = pages.filter((page) => exists(page.entry) && !(withoutSimulator && page.simulatorOnly)).map((page) => page.file.replace(/\.html$/, ""));
    throw new Error(
      `OrgTrack build: missing entry file(s):\n${missing.join("\n")}\n` +
        `Build again once they exist, or build only the pages that can be built now: --env pages=${present.join(",")}` +
        (withoutSimulator ? " --env simulator=false" : ""),
    );
  }
  return entries;
}

/**
 * Returns manifest.xml for a host: every development URL (https://localhost:3000) rewritten to
 * `addinUrl`, and, for a host that is not loopback, the AppDomains replaced by the sign-in
 * authority's origin (Microsoft Entra ID unless `authority` says otherwise).
 * @param {string} xml
 * @param {{ addinUrl: string, authority?: string | undefined }} options
 */
function manifestFor(xml, options) {
  const addinUrl = options.addinUrl.replace(/\/+$/, "");
  let out = xml.split(DEV_URL).join(addinUrl);
  if (!isLoopback(addinUrl) || options.authority !== undefined) {
    const domains = [new URL(options.authority ?? MICROSOFT_AUTHORITY).origin];
    if (isLoopback(addinUrl)) domains.unshift(...appDomainsOf(xml).filter((domain) => isLoopback(domain) && !domains.includes(domain)));
    out = out.replace(/<AppDomains>[\s\S]*?<\/AppDomains>/, `<AppDomains>\n${domains.map((domain) => `    <AppDomain>${domain}</AppDomain>`).join("\n")}\n  </AppDomains>`);
  }
  return out;
}

/** @param {string} xml */
function appDomainsOf(xml) {
  return [...xml.matchAll(/<AppDomain>\s*([^<\s]+)\s*<\/AppDomain>/g)].map((match) => match[1] ?? "");
}

/** @param {string} value @param {string} name */
function httpsUrl(value, name) {
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`OrgTrack build: ${name} must be an absolute https:// URL, not "${value}".`);
  }
  if (url.protocol !== "https:") throw new Error(`OrgTrack build: ${name} must use https:// (Office loads add-ins over HTTPS only), not "${value}".`);
  if (url.search !== "" || url.hash !== "") throw new Error(`OrgTrack build: ${name} must not carry a query or fragment: "${value}".`);
  return url.href;
}

/** @param {string} url */
function isLoopback(url) {
  return ["localhost", "127.0.0.1", "[::1]"].includes(new URL(url).hostname);
}

/**
 * Returns the rule that compiles our TypeScript (ts-loader, transpile only: `tsc --noEmit` checks types).
 * @param {boolean} production
 * @returns {import("webpack").RuleSetRule}
 */
function typescriptRule(production) {
  return {
    test: /\.tsx?$/,
    exclude: /node_modules/,
    loader: "ts-loader",
    options: {
      transpileOnly: true,
      configFile: path.join(ROOT, "tsconfig.json"),
      // ES modules for webpack (tree shaking, and dynamic import() becomes a chunk, not a require).
      compilerOptions: { module: "esnext", moduleResolution: "node", jsx: "react-jsx", noEmit: false, sourceMap: !production },
    },
  };
}

/**
 * Returns the production rules that replace src/taskpane/app/light-theme.ts and dark-theme.ts by
 * Fluent's themes flattened to plain values at build time (scripts/flat-theme-loader.js): the JS
 * then carries each theme's ≈460 values, not the colour palettes and code they are derived from.
 * @returns {import("webpack").RuleSetRule[]}
 */
function flatThemeRules() {
  const loader = path.join(ROOT, "scripts", "flat-theme-loader.js");
  const app = path.join(ROOT, "src", "taskpane", "app");
  return [
    { test: path.join(app, "light-theme.ts"), enforce: "pre", use: [{ loader, options: { theme: "webLightTheme" } }] },
    { test: path.join(app, "dark-theme.ts"), enforce: "pre", use: [{ loader, options: { theme: "webDarkTheme" } }] },
  ];
}

/**
 * Returns the production rules that move Griffel's CSS out of the JS (Microsoft's recommended
 * production setup for Fluent UI v9): Fluent's packages ship their `makeStyles` already compiled
 * (`__styles(…)` holding CSS rules), our own `*.styles.ts` are compiled the same way at build time
 * (@griffel/webpack-loader, after ts-loader), and the extraction loader then replaces each
 * `__styles` by `__css` (class names only) and hands the rules to mini-css-extract-plugin, which
 * writes them into one CSS file that html-webpack-plugin links from the page. No CSS-in-JS
 * runtime is left to insert rules, and the first render needs no style work. Development builds
 * keep the runtime (faster rebuilds); the two give the same class names.
 * The Griffel loaders are `post` loaders, so they run after ts-loader: ts-loader →
 * @griffel/webpack-loader → extraction loader.
 * @returns {import("webpack").RuleSetRule[]}
 */
function griffelExtractionRules() {
  const extract = { loader: GriffelCSSExtractionPlugin.loader };
  return [
    { test: /\.m?js$/, include: /[\\/]node_modules[\\/]@fluentui[\\/]/, enforce: "post", use: [extract] },
    {
      test: /\.styles\.ts$/,
      exclude: /node_modules/,
      enforce: "post",
      use: [
        extract,
        {
          loader: "@griffel/webpack-loader",
          // Our styles import makeStyles from Fluent's package, which re-exports Griffel's build-time helpers.
          options: { modules: [{ moduleSource: "@fluentui/react-components", importName: "makeStyles", resetImportName: "makeResetStyles" }] },
        },
      ],
    },
    { test: /\.css$/, use: [MiniCssExtractPlugin.loader, "css-loader"] },
  ];
}

/** Returns the plugins of the production CSS extraction (see griffelExtractionRules). */
function griffelExtractionPlugins() {
  return [
    // Griffel sorts its rules itself, so mini-css-extract-plugin's module order does not matter.
    new MiniCssExtractPlugin({ filename: "[name].[contenthash:8].css", chunkFilename: "chunks/[name].[contenthash:8].css", ignoreOrder: true }),
    new GriffelCSSExtractionPlugin(),
  ];
}

/**
 * The webpack configuration (webpack-cli calls this with `--env` and `--mode`).
 * @param {Record<string, unknown>} env
 * @param {{ mode?: "production" | "development" | "none" }} argv
 * @returns {import("webpack").Configuration}
 */
function createConfig(env = {}, argv = {}) {
  const production = (argv.mode ?? "production") === "production";
  const options = buildOptions(env);
  const pages = selectPages(options);
  const entry = entriesFor(pages, options.simulator);
  const officeScript = officeScriptFor(production, options.simulator);
  return {
    mode: production ? "production" : "development",
    // The browsers of current Outlook clients (WebView2, Safari, Chromium/Firefox for Outlook on the web): no legacy syntax or polyfills.
    target: ["web", "es2022"],
    context: ROOT,
    entry,
    output: {
      path: options.outputPath,
      filename: (pathData) => (SIMULATOR_SCRIPTS.includes(pathData.chunk?.name ?? "") ? "[name].js" : "[name].[contenthash:8].js"),
      chunkFilename: "chunks/[name].[contenthash:8].js",
      publicPath: "auto",
      clean: true,
    },
    resolve: { extensions: [".ts", ".tsx", ".js", ".mjs", ".json"] },
    module: { rules: production ? [typescriptRule(production), ...flatThemeRules(), ...griffelExtractionRules()] : [typescriptRule(production)] },
    devtool: production ? false : "eval-cheap-module-source-map",
    optimization: {
      // Each page's first script stays one file; dynamic import() chunks (MSAL, dialogs, rare views) load later.
      // Modules that several of those chunks share (react-select, Fluent's Dialog…) go into a chunk of their own rather than into each.
      splitChunks: { chunks: "async", minSize: 5000 },
      moduleIds: "deterministic",
    },
    performance: { hints: false },
    cache: {
      type: "filesystem",
      cacheDirectory: path.join(ROOT, "node_modules", ".cache", "webpack"),
      // One cache per kind of build, so that a hosted build and a local one (in parallel test workers) do not share files.
      name: `${production ? "production" : "development"}-${options.simulator ? "simulator" : "hosted"}`,
      buildDependencies: { config: [__filename] },
    },
    watchOptions: { ignored: ["**/node_modules/**", "**/dist/**", "**/.data/**", "**/test/**"] },
    stats: "errors-warnings",
    plugins: [
      ...(production ? griffelExtractionPlugins() : []),
      ...pages.map(
        (page) =>
          new HtmlWebpackPlugin({
            filename: page.file,
            template: path.join(PAGES_DIR, page.template),
            chunks: page.entry === undefined ? [] : [page.entry],
            inject: page.entry === undefined ? false : "head",
            scriptLoading: "defer",
            templateParameters: { officeScript: page.office ? officeScript : "" },
          }),
      ),
      new CopyWebpackPlugin({
        patterns: [
          { from: ASSETS_DIR, to: "assets" },
          { from: MANIFEST, to: "manifest.xml", transform: { transformer: (/** @type {Buffer} */ content) => Buffer.from(manifestFor(content.toString("utf8"), options)), cache: false } },
        ],
      }),
    ],
  };
}

module.exports = createConfig;
/** What the build scripts (scripts/*.ts) share with this file. */
module.exports.site = { ROOT, DEV_URL, OFFICE_JS_CDN, MICROSOFT_AUTHORITY, PAGES_DIR, ASSETS_DIR, MANIFEST, ENTRIES, PAGES, buildOptions, selectPages, entriesFor, manifestFor, officeScriptFor, isLoopback };
