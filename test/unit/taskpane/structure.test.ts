import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

/**
 * The task pane's structure, checked on its sources: feature folders never import each other nor
 * the app that composes them (bulletproof-react's rule), and the JS the first render needs does
 * not statically reach MSAL, the Dataverse client, the dialogs, the rare views, the dark theme or
 * the German strings (they are chunks loaded later, architecture.md's first-render budget).
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
      "src/taskpane/features/message/regarding-panel.tsx",
      "src/taskpane/features/selection/selection-view.tsx",
      "src/taskpane/features/settings/settings-view.tsx",
      "src/i18n/de.ts",
    ];
    for (const file of lazy) expect(existsSync(join(ROOT, file))).toBe(true);
    expect(reached.filter((file) => lazy.includes(file) || file.startsWith("src/auth/") || file.startsWith("src/dataverse/"))).toEqual([]);
    expect([...packages].filter((name) => name.startsWith("@azure/"))).toEqual([]);
  });
});
