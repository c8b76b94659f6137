import path from "node:path";
import { webDarkTheme, webLightTheme } from "@fluentui/react-components";
import type { RuleSetRule } from "webpack";
import { webpackConfiguration } from "../../../scripts/site";

/**
 * What production builds do with styles (webpack.config.js): Fluent's light theme flattened to its
 * values at build time, and Griffel's CSS moved out of the JS, while development builds keep both
 * as they are.
 */

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the loader is a CommonJS file that webpack loads.
const { flatThemeModule } = require("../../../scripts/flat-theme-loader.js") as { flatThemeModule: (name: string) => string };

/** Returns the object the flattened theme module exports (its source is one `export const <name> = <JSON>;`). */
function exportedTheme(source: string, name: string): unknown {
  const match = new RegExp(`export const ${name} = (\\{.*\\});`).exec(source);
  if (match === null) throw new Error(`The loader emitted no ${name} export:\n${source.slice(0, 200)}`);
  return JSON.parse(match[1] as string);
}

function loadersOf(rules: RuleSetRule[]): string[] {
  return rules.flatMap((rule) => {
    const use = Array.isArray(rule.use) ? rule.use : rule.use === undefined ? [] : [rule.use];
    const loaders = use.map((entry) => (typeof entry === "string" ? entry : typeof entry === "object" && entry !== null && "loader" in entry ? String(entry.loader) : ""));
    return typeof rule.loader === "string" ? [...loaders, rule.loader] : loaders;
  });
}

describe("production styles", () => {
  test("the flattened themes are Fluent's webLightTheme and webDarkTheme, value for value", () => {
    const light = exportedTheme(flatThemeModule("webLightTheme"), "webLightTheme");
    expect(light).toEqual({ ...webLightTheme });
    expect(Object.keys(light as object).length).toBeGreaterThan(400);
    expect(exportedTheme(flatThemeModule("webDarkTheme"), "webDarkTheme")).toEqual({ ...webDarkTheme });
    expect(() => flatThemeModule("teamsHighContrastThemeX")).toThrow('no theme "teamsHighContrastThemeX"');
  });

  test("a production build flattens the theme and extracts Griffel's CSS; a development build does neither", () => {
    const env = { pages: "taskpane", simulator: "false", outputPath: path.join(__dirname, "unused-output") };
    const production = loadersOf((webpackConfiguration(env, "production").module?.rules ?? []) as RuleSetRule[]);
    const development = loadersOf((webpackConfiguration(env, "development").module?.rules ?? []) as RuleSetRule[]);
    expect(production.some((loader) => loader.endsWith("flat-theme-loader.js"))).toBe(true);
    expect(production.some((loader) => loader.includes("@griffel/webpack-extraction-plugin"))).toBe(true);
    expect(production).toContain("@griffel/webpack-loader");
    expect(development.filter((loader) => loader.includes("griffel") || loader.endsWith("flat-theme-loader.js"))).toEqual([]);
  });
});
