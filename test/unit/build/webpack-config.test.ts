import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadSite, webpackConfiguration } from "../../../scripts/site";

const site = loadSite();
const manifest = readFileSync(site.MANIFEST, "utf8");

describe("build options", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  test("by default the build is for https://localhost:3000, with the simulator", () => {
    delete process.env.ADDIN_URL;
    delete process.env.ORGTRACK_SIMULATOR;
    const options = site.buildOptions({});
    expect(options.addinUrl).toBe("https://localhost:3000");
    expect(options.simulator).toBe(true);
    expect(options.outputPath).toBe(path.join(site.ROOT, "dist"));
  });

  test("ADDIN_URL names the host; a hosted build has no simulator unless asked for", () => {
    process.env.ADDIN_URL = "https://orgtrack.contoso.example/addin/";
    expect(site.buildOptions({})).toMatchObject({ addinUrl: "https://orgtrack.contoso.example/addin", simulator: false });
    expect(site.buildOptions({ simulator: "true" }).simulator).toBe(true);
    expect(site.buildOptions({ addinUrl: "https://localhost:4443" }).simulator).toBe(true);
  });

  test.each([
    ["http://orgtrack.contoso.example", /must use https:\/\//],
    ["orgtrack.contoso.example", /must be an absolute https:\/\/ URL/],
    ["https://orgtrack.contoso.example/?x=1", /must not carry a query/],
  ])("ADDIN_URL %s is refused with a clear message", (url, message) => {
    expect(() => site.buildOptions({ addinUrl: url })).toThrow(message);
  });
});

describe("pages and entries", () => {
  test("a hosted build leaves the simulator out; a local one has it", () => {
    expect(site.selectPages({ simulator: false }).map((page) => page.file)).toEqual(["taskpane.html", "commands.html", "sign-in-dialog.html", "auth-redirect.html", "support.html"]);
    expect(site.selectPages({ simulator: true }).map((page) => page.file)).toContain("simulator.html");
  });

  test("some pages can be built alone, by file or entry name; an unknown one is refused", () => {
    expect(site.selectPages({ simulator: true, only: ["commands", "auth-redirect.html"] }).map((page) => page.file)).toEqual(["commands.html", "auth-redirect.html"]);
    expect(() => site.selectPages({ simulator: true, only: ["taskpain"] })).toThrow(/no page or entry is called "taskpain"/);
  });

  describe("with a repository where some entries are not written yet", () => {
    let root: string;
    beforeAll(() => {
      root = mkdtempSync(path.join(os.tmpdir(), "orgtrack-entries-"));
      for (const file of ["src/auth/redirect-bridge.ts", "src/pages/sign-in-dialog.ts", "src/commands/index.ts"]) {
        mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
        writeFileSync(path.join(root, file), "export {};\n");
      }
    });
    afterAll(() => rmSync(root, { recursive: true, force: true }));

    test("the build fails naming each missing file, who writes it, and what can be built now", () => {
      const pages = site.selectPages({ simulator: true });
      let message = "";
      try {
        site.entriesFor(pages, true, root);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toContain("taskpane: src/taskpane/index.tsx does not exist yet (written as part of the task pane");
      expect(message).toContain("simulator: src/simulator/index.ts does not exist yet");
      expect(message).toContain("office-sim: src/simulator/office-sim.ts does not exist yet");
      expect(message).not.toContain("commands: ");
      expect(message).toContain("--env pages=commands,sign-in-dialog,auth-redirect,support --env simulator=false");
    });

    test("the entries that exist are used as they are", () => {
      const entries = site.entriesFor(site.selectPages({ simulator: false, only: ["commands", "auth-redirect", "support"] }), false, root);
      expect(entries).toEqual({ commands: path.join(root, "src/commands/index.ts"), "auth-redirect": path.join(root, "src/auth/redirect-bridge.ts") });
    });
  });
});

describe("manifest for a host", () => {
  test("every development URL points at the host and sign-in goes to Microsoft Entra ID", () => {
    const out = site.manifestFor(manifest, { addinUrl: "https://orgtrack.contoso.example/addin" });
    expect(out).not.toContain("localhost");
    expect(out).toContain('<SourceLocation DefaultValue="https://orgtrack.contoso.example/addin/taskpane.html"/>');
    expect(out).toContain('<bt:Url id="Commands.Url" DefaultValue="https://orgtrack.contoso.example/addin/commands.html"/>');
    expect(out).toContain('<IconUrl DefaultValue="https://orgtrack.contoso.example/addin/assets/icon-64.png"/>');
    expect([...out.matchAll(/<AppDomain>([^<]+)<\/AppDomain>/g)].map((match) => match[1])).toEqual(["https://login.microsoftonline.com"]);
  });

  test("another sign-in authority replaces the AppDomain", () => {
    const out = site.manifestFor(manifest, { addinUrl: "https://orgtrack.contoso.example", authority: "https://login.microsoftonline.us/contoso.example" });
    expect([...out.matchAll(/<AppDomain>([^<]+)<\/AppDomain>/g)].map((match) => match[1])).toEqual(["https://login.microsoftonline.us"]);
  });

  test("another local port keeps the emulator's AppDomain", () => {
    const out = site.manifestFor(manifest, { addinUrl: "https://localhost:4443" });
    expect(out).toContain('<SourceLocation DefaultValue="https://localhost:4443/taskpane.html"/>');
    expect(out).not.toContain("https://localhost:3000");
    expect(out).toContain("<AppDomain>https://localhost:5555</AppDomain>");
  });

  test("for https://localhost:3000 the manifest stays as it is", () => {
    expect(site.manifestFor(manifest, { addinUrl: "https://localhost:3000/" })).toBe(manifest);
  });
});

describe("webpack configuration", () => {
  test("production pages load Office.js from Microsoft's CDN; a development build with the simulator loads office-sim.js", () => {
    expect(site.officeScriptFor(true, true)).toBe('<script src="https://appsforoffice.microsoft.com/lib/1/hosted/office.js"></script>');
    expect(site.officeScriptFor(true, false)).toBe(site.officeScriptFor(true, true));
    expect(site.officeScriptFor(false, false)).toBe(site.officeScriptFor(true, true));
    expect(site.officeScriptFor(false, true)).toBe('<script src="office-sim.js"></script>');
  });

  test("a production configuration compiles TypeScript to ES modules (so import() splits chunks), names bundles by content, and makes a page per entry", () => {
    const config = webpackConfiguration({ pages: "sign-in-dialog,auth-redirect,support", simulator: "false", addinUrl: "https://orgtrack.contoso.example" }, "production");
    expect(config.mode).toBe("production");
    expect(Object.keys(config.entry as object).sort()).toEqual(["auth-redirect", "sign-in-dialog"]);
    const rule = (config.module?.rules ?? [])[0] as { loader: string; options: { transpileOnly: boolean; compilerOptions: { module: string } } };
    expect(rule.loader).toBe("ts-loader");
    expect(rule.options).toMatchObject({ transpileOnly: true, compilerOptions: { module: "esnext" } });
    const filename = config.output?.filename as (data: { chunk?: { name?: string } }) => string;
    expect(filename({ chunk: { name: "taskpane" } })).toBe("[name].[contenthash:8].js");
    expect(filename({ chunk: { name: "office-sim" } })).toBe("[name].js");
    const pages = (config.plugins ?? [])
      .map((plugin) => (plugin as { userOptions?: { filename?: string; chunks?: string[]; templateParameters?: { officeScript: string } } }).userOptions)
      .filter((options) => options?.filename !== undefined);
    expect(pages.map((options) => [options?.filename, options?.chunks])).toEqual([
      ["sign-in-dialog.html", ["sign-in-dialog"]],
      ["auth-redirect.html", ["auth-redirect"]],
      ["support.html", []],
    ]);
    expect(pages[0]?.templateParameters?.officeScript).toContain("appsforoffice.microsoft.com");
    expect(pages[1]?.templateParameters?.officeScript).toBe("");
  });
});
