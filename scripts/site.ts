import { createRequire } from "node:module";
import path from "node:path";
import type { Configuration } from "webpack";

/**
 * What the build scripts know about the add-in's site, read from webpack.config.js (its `site`
 * export) so that the page list, the development URL and the manifest rewriting live in one place.
 */

/** A page the build makes (see PAGES in webpack.config.js). */
export interface SitePage {
  file: string;
  template: string;
  entry: string | undefined;
  /** Loads Office.js (the CDN's, or office-sim.js in a development build with the simulator). */
  office: boolean;
  simulatorOnly: boolean;
}

/** The build options webpack.config.js derives from `--env` and the environment. */
export interface BuildOptions {
  addinUrl: string;
  authority: string | undefined;
  simulator: boolean;
  only: string[] | undefined;
  outputPath: string;
}

/** The `site` export of webpack.config.js. */
export interface Site {
  ROOT: string;
  DEV_URL: string;
  OFFICE_JS_CDN: string;
  MICROSOFT_AUTHORITY: string;
  PAGES_DIR: string;
  ASSETS_DIR: string;
  MANIFEST: string;
  ENTRIES: Readonly<Record<string, { file: string; owner: string }>>;
  PAGES: readonly SitePage[];
  buildOptions(env?: Record<string, unknown>): BuildOptions;
  selectPages(options: { simulator: boolean; only?: string[] | undefined }): SitePage[];
  entriesFor(pages: readonly SitePage[], simulator: boolean, root?: string): Record<string, string>;
  manifestFor(xml: string, options: { addinUrl: string; authority?: string | undefined }): string;
  officeScriptFor(production: boolean, simulator: boolean): string;
  isLoopback(url: string): boolean;
}

/** The repository's root folder. */
export const REPO_ROOT = path.resolve(__dirname, "..");

type ConfigModule = ((env: Record<string, unknown>, argv: { mode: "production" | "development" }) => Configuration) & { site: Site };

function configModule(): ConfigModule {
  return createRequire(__filename)(path.join(REPO_ROOT, "webpack.config.js")) as ConfigModule;
}

/** Returns the site description exported by webpack.config.js; throws what requiring it throws. */
export function loadSite(): Site {
  return configModule().site;
}

/** Returns webpack.config.js's configuration for `--env` values and a mode; throws its Error (a missing entry, a bad ADDIN_URL). */
export function webpackConfiguration(env: Record<string, unknown>, mode: "production" | "development"): Configuration {
  return configModule()(env, { mode });
}
