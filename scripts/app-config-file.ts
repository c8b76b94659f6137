import type { AppConfigFile } from "../src/config/app-config";
import type { Seed } from "../emulator/src/seed/types";

/**
 * The config.json files the scripts write or serve (format: src/config/app-config.ts): for the
 * local emulator (`npm start`), for a real organization (`npm start -- --org …`), and for a
 * hosted build (`npm run build`, from ADDIN_* environment variables).
 */

/** The emulator's registration of the add-in in the demo seed. */
export const DEMO_CLIENT_NAME = "OrgTrack for Outlook";
/** Global Discovery in the commercial cloud. */
export const GLOBAL_DISCOVERY_URL = "https://globaldisco.crm.dynamics.com";
/** Microsoft Entra ID's sign-in host. */
export const ENTRA_AUTHORITY_HOST = "https://login.microsoftonline.com";

/** Returns the add-in's client id in a seed (the client named "OrgTrack for Outlook"); throws an Error when the seed has none. */
export function addinClientId(seed: Seed): string {
  const client = seed.clients.find((candidate) => candidate.name === DEMO_CLIENT_NAME);
  if (client === undefined) throw new Error(`The seed registers no client named "${DEMO_CLIENT_NAME}".`);
  return client.clientId;
}

/** Returns config.json for the emulator at `emulatorUrl` (`https://localhost:5555`): its authority, discovery and host as known authority. */
export function emulatorConfig(emulatorUrl: string, clientId: string): AppConfigFile {
  const base = emulatorUrl.replace(/\/+$/, "");
  return {
    version: 1,
    clientId,
    authority: `${base}/organizations`,
    knownAuthorities: [new URL(base).host],
    discoveryUrl: `${base}/discovery`,
  };
}

/** Returns config.json for Microsoft Entra ID and a real organization (`npm start -- --org <url> --client-id <id> [--tenant <id>]`); throws an Error for an org URL that is not HTTPS. */
export function organizationConfig(options: { clientId: string; tenant?: string | undefined; orgUrl?: string | undefined }): AppConfigFile {
  const config: AppConfigFile = {
    version: 1,
    clientId: options.clientId,
    authority: `${ENTRA_AUTHORITY_HOST}/${options.tenant ?? "organizations"}`,
    discoveryUrl: GLOBAL_DISCOVERY_URL,
  };
  if (options.orgUrl !== undefined) config.orgUrls = [httpsUrl(options.orgUrl, "--org")];
  return config;
}

/**
 * Returns config.json from the environment of `npm run build` (ADDIN_CLIENT_ID, ADDIN_TENANT,
 * ADDIN_AUTHORITY, ADDIN_DISCOVERY_URL — `none` for no discovery — and ADDIN_ORG_URLS, comma-separated),
 * or undefined without ADDIN_CLIENT_ID. Throws an Error for a URL that is not HTTPS.
 */
export function configFromEnvironment(env: NodeJS.ProcessEnv): AppConfigFile | undefined {
  const clientId = env.ADDIN_CLIENT_ID?.trim();
  if (clientId === undefined || clientId === "") return undefined;
  const tenant = env.ADDIN_TENANT?.trim() || "organizations";
  const authority = env.ADDIN_AUTHORITY?.trim() || `${ENTRA_AUTHORITY_HOST}/${tenant}`;
  const discovery = env.ADDIN_DISCOVERY_URL?.trim() || GLOBAL_DISCOVERY_URL;
  const config: AppConfigFile = { version: 1, clientId, authority: httpsUrl(authority, "ADDIN_AUTHORITY"), discoveryUrl: discovery === "none" ? null : httpsUrl(discovery, "ADDIN_DISCOVERY_URL") };
  if (!authority.startsWith(`${ENTRA_AUTHORITY_HOST}/`)) config.knownAuthorities = [new URL(authority).host];
  const orgs = (env.ADDIN_ORG_URLS ?? "").split(",").map((url) => url.trim()).filter((url) => url !== "");
  if (orgs.length > 0) config.orgUrls = orgs.map((url) => httpsUrl(url, "ADDIN_ORG_URLS"));
  return config;
}

function httpsUrl(value: string, name: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${name} must be an absolute https:// URL, not "${value}".`);
  }
  if (url.protocol !== "https:") throw new Error(`${name} must use https://, not "${value}".`);
  return value.replace(/\/+$/, "");
}
