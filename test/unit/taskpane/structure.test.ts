import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { EN_PARTS } from "../../../src/i18n/en";

/**
 * The task pane's structure, checked on its sources: feature folders never import each other nor
 * the app that composes them (bulletproof-react's rule), and the JS the first render needs does
 * not statically reach MSAL, the Dataverse client, the dialogs, the later views, the dark theme, the
 * German strings or the English strings of the later views (they are chunks loaded later,
 * architecture.md's first-render budget), while every string the first render shows is in it.
 */

const ROOT = resolve(__dirname, "..", "..", "..");
const TASKPANE = join(ROOT, "src", "taskpane");

interface Import {
  specifier: string;
  dynamic: boolean;
}

function importsOf(file: string): Import[] {
  const text = readFileSync(file, "utf8");
  const found: Import[] = [];
  for (const match of text.matchAll(/^\s*(import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?["']([^"']+)["']/gm)) {
    if (match[2] === undefined) found.push({ specifier: match[3] as string, dynamic: false });
  }
  for (const match of text.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)) found.push({ specifier: match[1] as string, dynamic: true });
  return found;
}

function resolveFile(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith(".")) return undefined;
  const base = resolve(dirname(from), specifier);
  for (const candidate of [`${base}.ts`, `${base}.tsx`, join(base, "index.ts"), join(base, "index.tsx")]) if (existsSync(candidate)) return candidate;
  throw new Error(`${relative(ROOT, from)} imports ${specifier}, which does not resolve`);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Every module the entry reaches through static imports, and the packages they name. */
function staticClosure(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const { specifier, dynamic } of importsOf(file)) {
      if (dynamic) continue;
      const target = resolveFile(file, specifier);
      if (target === undefined) packages.add(specifier);
      else visit(target);
    }
  };
  visit(entry);
  return { files, packages };
}

describe("task pane structure", () => {
  test("feature folders import neither each other nor the app; shared parts import no feature", () => {
    const problems: string[] = [];
    const features = readdirSync(join(TASKPANE, "features"));
    expect(features.sort()).toEqual(["message", "organizations", "selection", "settings"]);
    for (const file of filesUnder(TASKPANE)) {
      const area = relative(TASKPANE, file).split("/");
      for (const { specifier } of importsOf(file)) {
        const target = resolveFile(file, specifier);
        if (target === undefined || !target.startsWith(TASKPANE)) continue;
        const to = relative(TASKPANE, target).split("/");
        const fromFeature = area[0] === "features" ? area[1] : undefined;
        const toFeature = to[0] === "features" ? to[1] : undefined;
        if (fromFeature !== undefined && toFeature !== undefined && fromFeature !== toFeature) problems.push(`${relative(ROOT, file)} → ${specifier}`);
        if (fromFeature !== undefined && to[0] === "app") problems.push(`${relative(ROOT, file)} → ${specifier}`);
        if ((area[0] === "shared" || area[0] === "components") && (to[0] === "features" || to[0] === "app")) problems.push(`${relative(ROOT, file)} → ${specifier}`);
      }
    }
    expect(problems).toEqual([]);
  });

  test("the first render's JS reaches no MSAL, Dataverse client, dialogs, rare views, dark theme or German strings", () => {
    const { files, packages } = staticClosure(join(TASKPANE, "index.tsx"));
    const reached = [...files].map((file) => relative(ROOT, file));
    expect(reached).toContain("src/taskpane/features/organizations/organizations-view.tsx");
    expect(reached).toContain("src/core/session/session.ts");
    const lazy = [
      "src/taskpane/auth/msal-provider.ts",
      "src/taskpane/dataverse-services.ts",
      "src/taskpane/app/dark-theme.ts",
      "src/taskpane/components/confirm-dialog.tsx",
      "src/taskpane/features/organizations/add-organization-dialog.tsx",
      "src/taskpane/features/organizations/remove-organization-dialog.tsx",
      "src/taskpane/features/message/message-view.tsx",
      "src/taskpane/features/message/regarding-panel.tsx",
      "src/taskpane/features/selection/selection-view.tsx",
      "src/taskpane/features/settings/settings-view.tsx",
      "src/i18n/de.ts",
      "src/i18n/en.ts",
      "src/i18n/en/errors.ts",
      "src/i18n/en/commands.ts",
      "src/i18n/en/views.ts",
    ];
    for (const file of lazy) expect(existsSync(join(ROOT, file))).toBe(true);
    expect(reached.filter((file) => lazy.includes(file) || file.startsWith("src/auth/") || file.startsWith("src/dataverse/") || file.startsWith("src/i18n/de/"))).toEqual([]);
    expect([...packages].filter((name) => name.startsWith("@azure/"))).toEqual([]);
  });

  test("every string the first render's JS names is in the parts it has at once (base, pane)", () => {
    const { files } = staticClosure(join(TASKPANE, "index.tsx"));
    const firstRender = new Set([...Object.keys(EN_PARTS.base), ...Object.keys(EN_PARTS.pane)]);
    const later = new Set([...Object.keys(EN_PARTS.errors), ...Object.keys(EN_PARTS.views), ...Object.keys(EN_PARTS.commands)]);
    const misplaced: string[] = [];
    let named = 0;
    for (const file of [...files].filter((path) => path.startsWith(TASKPANE))) {
      // An AppError's messageKey may be in a later part: until it loads, the error reads as its kind.
      const text = readFileSync(file, "utf8")
        .replace(/\/\*[\s\S]*?\*\//g, "")
        .replace(/messageKey:\s*["'`][^"'`]*["'`]/g, "");
      for (const match of text.matchAll(/["'`]([a-z]+(?:\.[A-Za-z]+)+)["'`]/g)) {
        const key = match[1] as string;
        if (firstRender.has(key)) named += 1;
        else if (later.has(key)) misplaced.push(`${relative(ROOT, file)}: ${key}`);
      }
      // A key built from a template (`orgs.failed.${action}`) must come from a first-render prefix.
      for (const match of text.matchAll(/`([a-z]+(?:\.[A-Za-z]+)*\.)\$\{/g)) {
        const prefix = match[1] as string;
        if ([...later].some((key) => key.startsWith(prefix))) misplaced.push(`${relative(ROOT, file)}: ${prefix}…`);
      }
    }
    expect(named).toBeGreaterThan(30);
    expect(misplaced).toEqual([]);
  });
});
