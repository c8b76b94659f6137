import { AppError } from "../core/errors";

/**
 * The add-in's configuration: which sign-in authority and app registration it uses and where
 * Global Discovery is. It is not built into the bundles: every page fetches `config.json` from
 * the folder it is served from, so one build runs against the local emulator (`npm start`), a
 * real organization (`npm start -- --org …`) or a tenant's hosting (`npm run build` writes it from
 * ADDIN_CLIENT_ID / ADDIN_TENANT / ADDIN_AUTHORITY / ADDIN_DISCOVERY_URL, or an admin writes it).
 *
 * config.json (version 1):
 * ```json
 * {
 *   "version": 1,
 *   "clientId": "8f3b6d2a-71c4-4f0e-9b5a-2c6e1d4f7a90",
 *   "authority": "https://login.microsoftonline.com/organizations",
 *   "knownAuthorities": ["localhost:5555"],
 *   "discoveryUrl": "https://globaldisco.crm.dynamics.com",
 *   "orgUrls": ["https://contoso.crm4.dynamics.com"]
 * }
 * ```
 * `knownAuthorities` (optional) is for an authority that is not Microsoft Entra ID (the emulator);
 * `discoveryUrl` (optional; absent or null: no "Dynamics 365 (online)" list) is Global
 * Discovery's base URL, which is also its token resource; `orgUrls` (optional) are organizations
 * the pane offers in "Add organization", as they would be pasted (`npm start -- --org <url>` puts
 * its org there).
 */
export interface AppConfigFile {
  version: 1;
  clientId: string;
  authority: string;
  knownAuthorities?: string[];
  discoveryUrl?: string | null;
  orgUrls?: string[];
}

/** The configuration as the pages use it: config.json checked, plus the add-in's own page URLs. */
export interface AppConfig {
  clientId: string;
  /** `https://login.microsoftonline.com/<tenant>`, or `https://localhost:5555/<tenant>` for the emulator. */
  authority: string;
  /** Only for an authority that is not Microsoft Entra ID (see src/auth msal-config.ts). */
  knownAuthorities?: string[];
  /** Global Discovery's base URL (its token resource too); undefined: no "Dynamics 365 (online)" list. */
  discoveryUrl?: string;
  /** Organizations to offer in "Add organization" (may be empty). */
  orgUrls: string[];
  /** MSAL's redirect bridge page, same origin as the add-in: `<add-in>/auth-redirect.html`. */
  redirectUri: string;
  /** The Office dialog sign-in page: `<add-in>/sign-in-dialog.html`. */
  signInDialogUrl: string;
}

/** The name of the file, next to the pages. */
export const APP_CONFIG_FILE = "config.json";

/**
 * Returns config.json checked, with the page URLs resolved against `configUrl` (the add-in's pages
 * are its siblings). Throws AppError `invalidInput` (`config.invalid`, value `field`) naming the
 * first field that is missing or wrong.
 */
export function parseAppConfig(json: unknown, configUrl: string): AppConfig {
  if (typeof json !== "object" || json === null || Array.isArray(json)) throw invalid("(file)", "is not a JSON object");
  const file = json as Record<string, unknown>;
  if (file.version !== 1) throw invalid("version", "must be 1");
  const clientId = typeof file.clientId === "string" ? file.clientId.trim() : "";
  if (clientId === "") throw invalid("clientId", "is missing");
  const authority = httpsUrl(file.authority, "authority");
  const config: AppConfig = {
    clientId,
    authority,
    orgUrls: [],
    redirectUri: new URL("auth-redirect.html", configUrl).href,
    signInDialogUrl: new URL("sign-in-dialog.html", configUrl).href,
  };
  if (file.knownAuthorities !== undefined) {
    if (!Array.isArray(file.knownAuthorities) || !file.knownAuthorities.every((host) => typeof host === "string" && /^[a-z0-9.-]+(:\d+)?$/i.test(host))) {
      throw invalid("knownAuthorities", "must be a list of host or host:port names");
    }
    config.knownAuthorities = file.knownAuthorities as string[];
  }
  if (file.discoveryUrl !== undefined && file.discoveryUrl !== null) config.discoveryUrl = httpsUrl(file.discoveryUrl, "discoveryUrl");
  if (file.orgUrls !== undefined) {
    if (!Array.isArray(file.orgUrls)) throw invalid("orgUrls", "must be a list of URLs");
    // As copied from the browser (the pane's org URL parser takes whole addresses): HTTPS is all that is checked here.
    config.orgUrls = file.orgUrls.map((url) => {
      if (typeof url !== "string" || !/^https:\/\/[^/?#]+/i.test(url)) throw invalid("orgUrls", "must be a list of https:// addresses");
      return url;
    });
  }
  return config;
}

/** How loadAppConfig fetches; the browser's `fetch` by default. */
export type FetchConfig = (url: string, init: { cache: "no-store"; credentials: "same-origin" }) => Promise<{ ok: boolean; status: number; json(): Promise<unknown> }>;

/**
 * Returns the add-in's configuration, fetched from `config.json` next to the current page (or
 * `url`). Throws AppError `offline` (`config.unreachable`) when it cannot be fetched,
 * `notFound` (`config.missing`) when the server has none, `invalidInput` (`config.invalid`)
 * when it is not valid JSON or a field is wrong.
 */
export async function loadAppConfig(options: { url?: string; fetch?: FetchConfig } = {}): Promise<AppConfig> {
  const url = options.url ?? new URL(APP_CONFIG_FILE, document.baseURI).href;
  const get: FetchConfig = options.fetch ?? ((target, init) => fetch(target, init));
  let response: Awaited<ReturnType<FetchConfig>>;
  try {
    response = await get(url, { cache: "no-store", credentials: "same-origin" });
  } catch (cause) {
    throw new AppError("offline", "The add-in's configuration (config.json) could not be loaded.", { messageKey: "config.unreachable", cause });
  }
  if (response.status === 404) {
    throw new AppError("notFound", "The add-in has no configuration (config.json) where it is hosted.", { messageKey: "config.missing", status: 404 });
  }
  if (!response.ok) {
    throw new AppError("offline", `The add-in's configuration (config.json) could not be loaded (HTTP ${response.status}).`, { messageKey: "config.unreachable", status: response.status });
  }
  let json: unknown;
  try {
    json = await response.json();
  } catch (cause) {
    throw invalid("(file)", "is not valid JSON", cause);
  }
  return parseAppConfig(json, url);
}

function httpsUrl(value: unknown, field: string): string {
  if (typeof value !== "string") throw invalid(field, "is missing");
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalid(field, "is not an absolute URL");
  }
  if (url.protocol !== "https:") throw invalid(field, "must use HTTPS");
  if (url.username !== "" || url.password !== "" || url.search !== "" || url.hash !== "") throw invalid(field, "must not carry user info, a query or a fragment");
  return value.replace(/\/+$/, "");
}

function invalid(field: string, problem: string, cause?: unknown): AppError {
  return new AppError("invalidInput", `The add-in's configuration (config.json): ${field} ${problem}.`, {
    messageKey: "config.invalid",
    values: { field },
    ...(cause === undefined ? {} : { cause }),
  });
}
