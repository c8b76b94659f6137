import { execFile } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { loadSite } from "../../../scripts/site";
import { associatedNames } from "../../../scripts/validate-manifest";

/**
 * `npm run validate` runs as a program here (office-addin-manifest's dependencies are ES modules,
 * which Jest cannot load): the real manifest, and broken copies of it, each with the message it must give.
 */
const REPO = path.resolve(__dirname, "../../..");
const TSX = path.join(REPO, "node_modules", ".bin", "tsx");
const VALIDATE = path.join(REPO, "scripts", "validate-manifest.ts");
const run = promisify(execFile);
const site = loadSite();
const manifest = readFileSync(site.MANIFEST, "utf8");

/** Each validated manifest's block of output, by file name: whether it passed, and its lines. */
type Reports = Map<string, { ok: boolean; lines: string[] }>;

async function validate(args: string[]): Promise<{ code: number; reports: Reports; output: string }> {
  let output: string;
  let code = 0;
  try {
    output = (await run(TSX, [VALIDATE, ...args], { cwd: REPO, timeout: 90_000 })).stdout;
  } catch (error) {
    const failure = error as { code?: number; stdout?: string; stderr?: string };
    code = failure.code ?? -1;
    output = `${failure.stdout ?? ""}${failure.stderr ?? ""}`;
  }
  const reports: Reports = new Map();
  let current: { ok: boolean; lines: string[] } | undefined;
  for (const line of output.split("\n")) {
    const header = /^([✓✗]) (.+?)(: \d+ problem\(s\))?$/.exec(line);
    if (header) {
      current = { ok: header[1] === "✓", lines: [] };
      reports.set(path.basename(header[2] ?? ""), current);
    } else if (current !== undefined && line.trim() !== "") current.lines.push(line.trim());
  }
  return { code, reports, output };
}

const BROKEN: Record<string, [from: string, to: string, message: string]> = {
  "missing-icon.xml": ['"https://localhost:3000/assets/track-16.png"', '"https://localhost:3000/assets/track-17.png"', "- The icon Track.16 (16 px) (https://localhost:3000/assets/track-17.png) has no file at src/pages/assets/track-17.png."],
  "icon-size.xml": ['"https://localhost:3000/assets/untrack-80.png"', '"https://localhost:3000/assets/untrack-32.png"', "- The icon Untrack.80 (80 px) (assets/untrack-32.png) is 32×32 px; the manifest declares 80×80."],
  "http-url.xml": ['<SupportUrl DefaultValue="https://localhost:3000/support.html"/>', '<SupportUrl DefaultValue="http://localhost:3000/support.html"/>', '- SupportUrl "http://localhost:3000/support.html" must use HTTPS.'],
  "unknown-function.xml": ["<FunctionName>untrackMessage</FunctionName>", "<FunctionName>untrackMessages</FunctionName>", '- FunctionName "untrackMessages" is not associated in'],
  "unknown-page.xml": ['"https://localhost:3000/commands.html"', '"https://localhost:3000/command.html"', '- bt:Url Commands.Url "https://localhost:3000/command.html" is not in the build (no such page or asset in webpack.config.js).'],
  "outside-host.xml": ['<HighResolutionIconUrl DefaultValue="https://localhost:3000/assets/icon-128.png"/>', '<HighResolutionIconUrl DefaultValue="https://cdn.contoso.example/icon-128.png"/>', '- HighResolutionIconUrl "https://cdn.contoso.example/icon-128.png" is outside the add-in\'s host https://localhost:3000/.'],
  "undefined-resid.xml": ['<Description resid="Untrack.Tooltip"/>', '<Description resid="Untrack.Tip"/>', '- resid "Untrack.Tip" is used but not defined in Resources.'],
  "not-mail.xml": ['xsi:type="MailApp"', 'xsi:type="TaskPaneApp"', "- The manifest must be a MailApp (an Outlook add-in), not TaskPaneApp."],
  "truncated.xml": ['DefaultValue="Stop tracking this message.', `DefaultValue="${"Really, ".repeat(20)}stop tracking this message.`, 'was truncated by the converter (shorten it in manifest.xml).'],
};

describe("npm run validate", () => {
  let work: string;
  let commands: string;
  let table: string;
  let devRun: Awaited<ReturnType<typeof validate>>;
  let tableRun: Awaited<ReturnType<typeof validate>>;
  let noCommandsRun: Awaited<ReturnType<typeof validate>>;
  let distRun: Awaited<ReturnType<typeof validate>>;
  let brokenDistRun: Awaited<ReturnType<typeof validate>>;

  beforeAll(async () => {
    work = mkdtempSync(path.join(os.tmpdir(), "orgtrack-validate-test-"));
    commands = path.join(work, "commands");
    mkdirSync(commands);
    writeFileSync(path.join(commands, "index.ts"), 'Office.actions.associate("trackMessage", track);\nOffice.actions.associate(\'untrackMessage\', untrack);\n');
    table = path.join(work, "table-commands");
    mkdirSync(path.join(table, "nested"), { recursive: true });
    writeFileSync(path.join(table, "nested", "ribbon.ts"), "export const RIBBON = {\n  trackMessage: track,\n  untrackMessage: untrack,\n};\nfor (const [name, fn] of Object.entries(RIBBON)) host.associate(name, fn);\n");
    const brokenFiles: string[] = [];
    for (const [file, [from, to]] of Object.entries(BROKEN)) {
      if (!manifest.includes(from)) throw new Error(`manifest.xml no longer contains ${from}`);
      writeFileSync(path.join(work, file), manifest.replace(from, to));
      brokenFiles.push(path.join(work, file));
    }
    // A hosted build's folder: the rewritten manifest, its pages and its icons.
    const dist = path.join(work, "dist");
    mkdirSync(dist);
    writeFileSync(path.join(dist, "manifest.xml"), site.manifestFor(manifest, { addinUrl: "https://orgtrack.contoso.example/addin" }));
    for (const page of ["taskpane.html", "commands.html", "support.html"]) writeFileSync(path.join(dist, page), "<!doctype html>");
    cpSync(site.ASSETS_DIR, path.join(dist, "assets"), { recursive: true });
    const brokenDist = path.join(work, "broken-dist");
    cpSync(dist, brokenDist, { recursive: true });
    unlinkSync(path.join(brokenDist, "commands.html"));
    unlinkSync(path.join(brokenDist, "assets", "icon-64.png"));

    [devRun, tableRun, noCommandsRun, distRun, brokenDistRun] = await Promise.all([
      validate(["--manifest", site.MANIFEST, ...brokenFiles.flatMap((file) => ["--manifest", file]), "--commands", commands]),
      validate(["--manifest", site.MANIFEST, "--commands", table, "--no-unified"]),
      validate(["--manifest", site.MANIFEST, "--commands", path.join(work, "no-such-folder"), "--no-unified"]),
      validate(["--manifest", path.join(dist, "manifest.xml"), "--dist", dist, "--commands", commands]),
      validate(["--manifest", path.join(brokenDist, "manifest.xml"), "--dist", brokenDist, "--commands", commands, "--no-unified"]),
    ]);
  }, 180_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  test("the real manifest passes every check, its unified manifest too", () => {
    const report = devRun.reports.get("manifest.xml");
    expect(report).toEqual({
      ok: true,
      lines: [
        "structure: OrgTrack 1.0.0.0, MailApp for Mailbox, permissions ReadWriteMailbox",
        "urls: 18 HTTPS URL(s) under https://localhost:3000/",
        "icons: 11 PNG(s) of the declared size",
        "functions: trackMessage, untrackMessage",
        "unified manifest: converted and schema-validated",
      ],
    });
  });

  test.each(Object.entries(BROKEN))("%s fails with its message", (file, [, , message]) => {
    const report = devRun.reports.get(file);
    expect(report?.ok).toBe(false);
    expect(report?.lines.some((line) => line.includes(message))).toBe(true);
  });

  test("a broken manifest makes the program exit non-zero", () => {
    expect(devRun.code).toBe(1);
  });

  test("names registered from a table of commands count as associated", () => {
    expect(tableRun.code).toBe(0);
    expect(tableRun.reports.get("manifest.xml")?.ok).toBe(true);
  });

  test("without a commands folder, the FunctionNames cannot be associated", () => {
    expect(noCommandsRun.code).toBe(1);
    expect(noCommandsRun.reports.get("manifest.xml")?.lines).toEqual([expect.stringMatching(/no-such-folder does not exist: nothing associates trackMessage, untrackMessage \(Office.actions.associate\)\.$/)]);
  });

  test("a hosted build passes when its folder holds every page and icon the manifest names", () => {
    expect(distRun.code).toBe(0);
    expect(distRun.reports.get("manifest.xml")?.lines[1]).toBe("urls: 17 HTTPS URL(s) under https://orgtrack.contoso.example/addin/");
  });

  test("a hosted build missing a page or an icon fails naming the file", () => {
    const lines = brokenDistRun.reports.get("manifest.xml")?.lines ?? [];
    expect(brokenDistRun.code).toBe(1);
    expect(lines).toContain(`- bt:Url Commands.Url "https://orgtrack.contoso.example/addin/commands.html" is not in the build (no commands.html in ${path.join(work, "broken-dist")}).`);
    expect(lines.some((line) => line.startsWith("- The icon IconUrl (https://orgtrack.contoso.example/addin/assets/icon-64.png) has no file"))).toBe(true);
  });
});

describe("associatedNames", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "orgtrack-associate-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("reads literal associate() calls, ignores comments and test files", () => {
    writeFileSync(path.join(dir, "a.ts"), '// Office.actions.associate("commented", x);\n/* associate("blocked", y) */\nOffice.actions.associate(`trackMessage`, track);\n');
    writeFileSync(path.join(dir, "a.test.ts"), 'Office.actions.associate("fromATest", x);\n');
    expect(associatedNames(dir)).toEqual(new Set(["trackMessage"]));
  });

  test("a folder that does not exist has no names", () => {
    expect(associatedNames(path.join(dir, "missing"))).toBeUndefined();
  });
});
