/**
 * `npm run validate`: checks the add-in's manifests offline (Microsoft's XML validation service
 * needs the network, so it is not called):
 *  1. structure: office-addin-manifest's reader (readManifestFile) accepts the XML; it is a MailApp
 *     for Mailbox with an id, version, names, icons and SupportUrl; every `resid` is defined;
 *  2. every URL is HTTPS; every add-in URL is under the add-in's host (the folder of the task
 *     pane's SourceLocation) and present in the build: for manifest.xml, a page or asset of
 *     webpack.config.js; for a built manifest, a file in its folder;
 *  3. every icon file exists and its PNG header has the declared size (controls' `size`, 64 px
 *     IconUrl, 128 px HighResolutionIconUrl);
 *  4. every ExecuteFunction FunctionName is associated in src/commands (`associate("name", …)`, or
 *     a table of names in a file that calls `associate`);
 *  5. the unified manifest generated from it (office-addin-manifest-converter) passes
 *     office-addin-manifest's schema validation, with nothing truncated; a built manifest.json
 *     next to a built manifest.xml is validated too.
 *
 *   npm run validate                      manifest.xml, and dist/ when it holds a build
 *   npm run validate -- --manifest <xml> [--manifest <xml> …] [--dist <dir>] [--commands <dir>] [--no-unified]
 *
 * Exits 1 and prints each problem when something is wrong.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type * as OfficeAddinManifestModule from "office-addin-manifest";
import { readPngSize } from "./png";
import { loadSite, REPO_ROOT } from "./site";
import { convertToUnified } from "./unified-manifest";

/** Where a manifest's URLs must point: the development site (webpack.config.js pages and assets) or a built folder. */
export type BuildLayout = { kind: "dev" } | { kind: "dist"; dir: string };

/** What validateAddinManifest checks. */
export interface ValidateOptions {
  manifestPath: string;
  build: BuildLayout;
  /** The folder whose sources must associate every FunctionName (src/commands). */
  commandsDir: string;
  /** Also convert to the unified manifest and validate it (default true). */
  unified?: boolean;
}

/** The outcome: problems (each one sentence) and what was checked. */
export interface ValidationReport {
  manifestPath: string;
  problems: string[];
  checked: string[];
}

const NAMESPACE_ATTRIBUTE = /^xmlns(:|$)/;

/** office-addin-manifest, loaded when first needed (its dependencies are ES modules, which Jest cannot load: tests run this file as a program). */
function officeAddinManifest(): Promise<typeof OfficeAddinManifestModule> {
  return import("office-addin-manifest");
}

/** Returns the problems of one XML manifest (never throws for a bad manifest; it is a problem in the report). */
export async function validateAddinManifest(options: ValidateOptions): Promise<ValidationReport> {
  const report: ValidationReport = { manifestPath: options.manifestPath, problems: [], checked: [] };
  const problem = (text: string): void => void report.problems.push(text);
  let xml: string;
  try {
    xml = readFileSync(options.manifestPath, "utf8");
  } catch {
    problem(`${options.manifestPath} cannot be read.`);
    return report;
  }

  // 1. Structure.
  try {
    const { OfficeAddinManifest } = await officeAddinManifest();
    const info = await OfficeAddinManifest.readManifestFile(options.manifestPath);
    if (info.officeAppType !== "MailApp") problem(`The manifest must be a MailApp (an Outlook add-in), not ${info.officeAppType ?? "unknown"}.`);
    if (!(info.hosts ?? []).includes("Mailbox")) problem("The manifest must name the Mailbox host.");
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(info.id ?? "")) problem("The manifest's Id must be a GUID.");
    if (!/^\d+(\.\d+){0,3}$/.test(info.version ?? "")) problem("The manifest's Version must be like 1.0.0.0.");
    for (const [field, value] of [
      ["DisplayName", info.displayName],
      ["ProviderName", info.providerName],
      ["IconUrl", info.iconUrl],
      ["HighResolutionIconUrl", info.highResolutionIconUrl],
      ["SupportUrl", info.supportUrl],
    ] as const) {
      if (value === undefined || value.trim() === "") problem(`The manifest has no ${field}.`);
    }
    report.checked.push(`structure: ${info.displayName ?? "?"} ${info.version ?? "?"}, ${info.officeAppType ?? "?"} for ${(info.hosts ?? []).join(", ")}, permissions ${info.permissions ?? "?"}`);
  } catch (error) {
    problem(`office-addin-manifest cannot read the manifest: ${(error as Error).message}`);
    return report;
  }
  const resources = resourceIds(xml);
  for (const resid of new Set([...xml.matchAll(/\bresid="([^"]*)"/g)].map((match) => match[1] ?? ""))) {
    if (!resources.has(resid)) problem(`resid "${resid}" is used but not defined in Resources.`);
  }

  // 2. URLs.
  const urls = urlsOf(xml);
  const taskpane = /<SourceLocation\s+DefaultValue="([^"]+)"/.exec(xml)?.[1];
  const base = taskpane === undefined ? undefined : new URL("./", taskpane).href;
  if (base === undefined) problem("The manifest has no SourceLocation for the task pane.");
  const present = presentFiles(options.build);
  let checkedUrls = 0;
  for (const { name, url } of urls) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      problem(`${name} "${url}" is not a URL.`);
      continue;
    }
    if (parsed.protocol !== "https:") {
      problem(`${name} "${url}" must use HTTPS.`);
      continue;
    }
    checkedUrls++;
    if (name === "AppDomain" || base === undefined) continue;
    if (!url.startsWith(base)) {
      problem(`${name} "${url}" is outside the add-in's host ${base}.`);
      continue;
    }
    const file = decodeURIComponent(url.slice(base.length).split(/[?#]/)[0] ?? "");
    if (!present.has(file)) {
      problem(`${name} "${url}" is not in the build (${options.build.kind === "dev" ? "no such page or asset in webpack.config.js" : `no ${file} in ${options.build.dir}`}).`);
    }
  }
  report.checked.push(`urls: ${checkedUrls} HTTPS URL(s) under ${base ?? "?"}`);

  // 3. Icons.
  let checkedIcons = 0;
  for (const { url, size, what } of declaredIcons(xml)) {
    if (base === undefined || !url.startsWith(base)) continue;
    const relative = decodeURIComponent(url.slice(base.length).split(/[?#]/)[0] ?? "");
    const file = localFile(options.build, relative);
    if (file === undefined || !existsSync(file)) {
      problem(`The icon ${what} (${url}) has no file${file === undefined ? "" : ` at ${path.relative(REPO_ROOT, file)}`}.`);
      continue;
    }
    const png = readPngSize(readFileSync(file));
    if (png === undefined) problem(`The icon ${what} (${relative}) is not a PNG file.`);
    else if (png.width !== size || png.height !== size) problem(`The icon ${what} (${relative}) is ${png.width}×${png.height} px; the manifest declares ${size}×${size}.`);
    else checkedIcons++;
  }
  report.checked.push(`icons: ${checkedIcons} PNG(s) of the declared size`);

  // 4. FunctionName ↔ associate.
  const functionNames = [...new Set([...xml.matchAll(/<FunctionName>\s*([^<\s]+)\s*<\/FunctionName>/g)].map((match) => match[1] ?? ""))];
  const associated = associatedNames(options.commandsDir);
  if (associated === undefined) {
    if (functionNames.length > 0) problem(`${path.relative(REPO_ROOT, options.commandsDir) || options.commandsDir} does not exist: nothing associates ${functionNames.join(", ")} (Office.actions.associate).`);
  } else {
    for (const name of functionNames) {
      if (!associated.has(name)) problem(`FunctionName "${name}" is not associated in ${path.relative(REPO_ROOT, options.commandsDir) || options.commandsDir} (expected Office.actions.associate("${name}", …)).`);
    }
  }
  report.checked.push(`functions: ${functionNames.join(", ") || "none"}`);

  // 5. Unified manifest.
  if (options.unified !== false) {
    const work = mkdtempSync(path.join(os.tmpdir(), "orgtrack-validate-"));
    try {
      const files = await convertToUnified(options.manifestPath, work);
      const problems = await unifiedProblems(files.manifest);
      report.problems.push(...problems.map((text) => `Unified manifest generated from it: ${text}`));
      report.checked.push("unified manifest: converted and schema-validated");
    } catch (error) {
      problem(`The unified manifest cannot be generated from it: ${(error as Error).message}`);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }
  return report;
}

/** Returns the problems of a unified manifest (JSON): office-addin-manifest's schema validation, and fields the converter truncated. */
export async function unifiedProblems(manifestJsonPath: string): Promise<string[]> {
  const problems: string[] = [];
  const text = readFileSync(manifestJsonPath, "utf8");
  for (const match of text.matchAll(/"([^"]+)":\s*"<TRUNCATED>/g)) problems.push(`"${match[1] ?? "?"}" was truncated by the converter (shorten it in manifest.xml).`);
  try {
    const { validateManifest } = await officeAddinManifest();
    const result = await validateManifest(manifestJsonPath);
    if (!result.isValid) {
      const errors = result.report?.errors ?? [];
      if (errors.length === 0) problems.push("office-addin-manifest says it is not valid.");
      for (const error of errors) problems.push(error.content ?? error.title ?? "invalid");
    }
  } catch (error) {
    problems.push(`office-addin-manifest cannot validate it: ${(error as Error).message}`);
  }
  return problems;
}

/** Returns the names associated in a commands folder (undefined when the folder does not exist). */
export function associatedNames(dir: string): Set<string> | undefined {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return undefined;
  const names = new Set<string>();
  for (const file of sourceFiles(dir)) {
    const source = stripComments(readFileSync(file, "utf8"));
    const calls = [...source.matchAll(/\bassociate\s*\(\s*([^,)]*)/g)].map((match) => (match[1] ?? "").trim());
    if (calls.length === 0) continue;
    let tableCall = false;
    for (const argument of calls) {
      const literal = /^(["'`])([A-Za-z_$][\w$]*)\1$/.exec(argument);
      if (literal) names.add(literal[2] ?? "");
      else tableCall = true;
    }
    if (tableCall) {
      // associate(name, handler) over a table: the table's names are its keys or string literals in this file.
      for (const match of source.matchAll(/(["'`])([A-Za-z_$][\w$]*)\1/g)) names.add(match[2] ?? "");
      for (const match of source.matchAll(/^\s*([A-Za-z_$][\w$]*)\s*:/gm)) names.add(match[1] ?? "");
    }
  }
  return names;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx|js)$/.test(entry.name) && !/\.(test|spec)\./.test(entry.name) ? [full] : [];
  });
}

function stripComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`])\/\/.*$/gm, "$1");
}

function resourceIds(xml: string): Set<string> {
  const resources = /<Resources>([\s\S]*?)<\/Resources>/g;
  const ids = new Set<string>();
  for (const block of xml.matchAll(resources)) {
    for (const match of (block[1] ?? "").matchAll(/<bt:(?:Image|Url|String)\s+id="([^"]+)"/g)) ids.add(match[1] ?? "");
  }
  return ids;
}

/** Every URL in the manifest with the element or attribute it is in (namespace declarations excluded). */
function urlsOf(xml: string): { name: string; url: string }[] {
  const out: { name: string; url: string }[] = [];
  const withoutComments = xml.replace(/<!--[\s\S]*?-->/g, "");
  for (const match of withoutComments.matchAll(/<([\w:]+)\b([^>]*)>/g)) {
    const element = match[1] ?? "";
    for (const attribute of (match[2] ?? "").matchAll(/([\w:.-]+)="([^"]*)"/g)) {
      const [name, value] = [attribute[1] ?? "", attribute[2] ?? ""];
      if (NAMESPACE_ATTRIBUTE.test(name) || !/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) continue;
      const id = /\bid="([^"]+)"/.exec(match[2] ?? "")?.[1];
      out.push({ name: id === undefined ? element : `${element} ${id}`, url: value });
    }
  }
  for (const match of withoutComments.matchAll(/<AppDomain>\s*([^<\s]+)\s*<\/AppDomain>/g)) out.push({ name: "AppDomain", url: match[1] ?? "" });
  return out;
}

/** The icons whose size the manifest states: IconUrl 64, HighResolutionIconUrl 128, and each control image's `size`. */
function declaredIcons(xml: string): { url: string; size: number; what: string }[] {
  const icons: { url: string; size: number; what: string }[] = [];
  const iconUrl = /<IconUrl\s+DefaultValue="([^"]+)"/.exec(xml)?.[1];
  if (iconUrl !== undefined) icons.push({ url: iconUrl, size: 64, what: "IconUrl" });
  const highRes = /<HighResolutionIconUrl\s+DefaultValue="([^"]+)"/.exec(xml)?.[1];
  if (highRes !== undefined) icons.push({ url: highRes, size: 128, what: "HighResolutionIconUrl" });
  const images = new Map<string, string>();
  for (const match of xml.matchAll(/<bt:Image\s+id="([^"]+)"\s+DefaultValue="([^"]+)"/g)) images.set(match[1] ?? "", match[2] ?? "");
  const seen = new Set<string>();
  for (const match of xml.matchAll(/<bt:Image\s+size="(\d+)"\s+resid="([^"]+)"/g)) {
    const [size, resid] = [Number(match[1]), match[2] ?? ""];
    const url = images.get(resid);
    if (url === undefined || seen.has(`${resid}@${size}`)) continue;
    seen.add(`${resid}@${size}`);
    icons.push({ url, size, what: `${resid} (${size} px)` });
  }
  return icons;
}

/** The files a manifest may point at: the pages and assets of webpack.config.js, or the files of a built folder. */
function presentFiles(build: BuildLayout): Set<string> {
  if (build.kind === "dist") return new Set(existsSync(build.dir) ? listFiles(build.dir, build.dir) : []);
  const site = loadSite();
  const files = new Set(site.PAGES.map((page) => page.file));
  for (const file of listFiles(site.ASSETS_DIR, site.ASSETS_DIR)) files.add(`assets/${file}`);
  files.add("manifest.xml");
  return files;
}

function localFile(build: BuildLayout, relative: string): string | undefined {
  if (build.kind === "dist") return path.join(build.dir, relative);
  if (!relative.startsWith("assets/")) return undefined;
  return path.join(loadSite().ASSETS_DIR, relative.slice("assets/".length));
}

function listFiles(dir: string, root: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? listFiles(full, root) : [path.relative(root, full).split(path.sep).join("/")];
  });
}

/** Prints a report; returns true when it has no problem. */
export function printReport(report: ValidationReport): boolean {
  const name = path.relative(process.cwd(), report.manifestPath) || report.manifestPath;
  if (report.problems.length === 0) {
    console.log(`✓ ${name}`);
    for (const line of report.checked) console.log(`    ${line}`);
    return true;
  }
  console.log(`✗ ${name}: ${report.problems.length} problem(s)`);
  for (const text of report.problems) console.log(`    - ${text}`);
  return false;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      manifest: { type: "string", multiple: true },
      dist: { type: "string" },
      commands: { type: "string", default: path.join(REPO_ROOT, "src", "commands") },
      "no-unified": { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log("Usage: npm run validate [-- --manifest <manifest.xml> [--manifest …] [--dist <built folder>] [--commands <dir>] [--no-unified]]");
    return;
  }
  const unified = !values["no-unified"];
  const runs: ValidateOptions[] = [];
  if (values.manifest !== undefined) {
    for (const manifest of values.manifest) {
      runs.push({ manifestPath: path.resolve(manifest), build: values.dist === undefined ? { kind: "dev" } : { kind: "dist", dir: path.resolve(values.dist) }, commandsDir: values.commands, unified });
    }
  } else {
    runs.push({ manifestPath: path.join(REPO_ROOT, "manifest.xml"), build: { kind: "dev" }, commandsDir: values.commands, unified });
    const dist = values.dist === undefined ? path.join(REPO_ROOT, "dist") : path.resolve(values.dist);
    if (existsSync(path.join(dist, "manifest.xml"))) runs.push({ manifestPath: path.join(dist, "manifest.xml"), build: { kind: "dist", dir: dist }, commandsDir: values.commands, unified });
    else if (values.dist !== undefined) console.log(`✗ ${dist} holds no manifest.xml (run npm run build first).`);
  }
  let ok = true;
  for (const run of runs) {
    ok = printReport(await validateAddinManifest(run)) && ok;
    const builtJson = path.join(path.dirname(run.manifestPath), "manifest.json");
    if (run.build.kind === "dist" && existsSync(builtJson)) {
      const problems = await unifiedProblems(builtJson);
      ok = printReport({ manifestPath: builtJson, problems, checked: ["schema-validated by office-addin-manifest"] }) && ok;
    }
  }
  if (!ok) process.exitCode = 1;
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error((error as Error).message);
    process.exitCode = 1;
  });
}
