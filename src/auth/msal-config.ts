import { BrowserCacheLocation, LogLevel, ProtocolMode, type Configuration } from "@azure/msal-browser";
import { AppError } from "../core/errors";

/** What the add-in knows about its sign-in, from configuration and the person's settings. */
export interface AuthConfig {
  /** The app registration's client id (Entra, or the emulator's registered client). */
  clientId: string;
  /** `https://login.microsoftonline.com/<tenant>` in production, `https://localhost:5555/<tenant>` against the emulator. */
  authority: string;
  /** Hosts (`host:port`) trusted as authorities; for a non-Microsoft authority, defaults to the authority's host. */
  knownAuthorities?: string[];
  /** The same-origin redirect bridge page (see redirect-bridge.ts). */
  redirectUri: string;
  /** "Save my credentials on this device": the token cache survives a restart (localStorage) instead of the session. */
  saveCredentials: boolean;
  /** The authority's OpenID configuration as a string, which saves MSAL a request at start. */
  authorityMetadata?: string;
}

/** Where MSAL's log lines go; lines with personal data never arrive here. */
export type AuthLogSink = (level: "error" | "warning" | "info" | "verbose", message: string) => void;

/** Entra's sign-in hosts (every cloud): these use MSAL's AAD protocol mode; any other authority is a plain OIDC provider. */
const MICROSOFT_AUTHORITY_HOSTS = new Set([
  "login.microsoftonline.com",
  "login.microsoft.com",
  "login.windows.net",
  "login.sts.windows.net",
  "login.microsoftonline.us",
  "login.usgovcloudapi.net",
  "login-us.microsoftonline.com",
  "login.partner.microsoftonline.cn",
  "login.chinacloudapi.cn",
]);

/** Returns true when the authority is Microsoft Entra (AAD protocol mode), false for another OIDC provider such as the emulator. Throws AppError `invalidInput` for an authority that is not a plain HTTPS URL. */
export function isMicrosoftAuthority(authority: string): boolean {
  return MICROSOFT_AUTHORITY_HOSTS.has(parseHttpsUrl(authority, "authority").hostname.toLowerCase());
}

/**
 * Returns the MSAL configuration: OIDC protocol mode with `knownAuthorities` for a non-Microsoft
 * authority (the emulator), AAD mode for Entra; the token cache in localStorage when "Save my
 * credentials on this device" is on, else in sessionStorage; logging without personal data.
 * Throws AppError `invalidInput` (`auth.badConfiguration`) for an authority or redirect URI that
 * is not HTTPS (a loopback redirect URI may be http) or carries user info, a query or a fragment.
 */
export function buildMsalConfiguration(config: AuthConfig, log?: AuthLogSink): Configuration {
  const authority = parseHttpsUrl(config.authority, "authority");
  parseHttpsUrl(config.redirectUri, "redirectUri", { allowLoopbackHttp: true, allowQuery: true });
  if (config.clientId.trim() === "") throw badConfiguration("clientId", "is empty");
  const microsoft = MICROSOFT_AUTHORITY_HOSTS.has(authority.hostname.toLowerCase());
  const knownAuthorities = config.knownAuthorities ?? (microsoft ? undefined : [authority.host]);

  return {
    auth: {
      clientId: config.clientId,
      authority: config.authority.replace(/\/+$/, ""),
      redirectUri: config.redirectUri,
      ...(knownAuthorities === undefined ? {} : { knownAuthorities }),
      ...(config.authorityMetadata === undefined ? {} : { authorityMetadata: config.authorityMetadata }),
    },
    cache: {
      cacheLocation: config.saveCredentials ? BrowserCacheLocation.LocalStorage : BrowserCacheLocation.SessionStorage,
    },
    system: {
      protocolMode: microsoft ? ProtocolMode.AAD : ProtocolMode.OIDC,
      loggerOptions: {
        piiLoggingEnabled: false,
        logLevel: log === undefined ? LogLevel.Error : LogLevel.Warning,
        loggerCallback: (level, message, containsPii) => {
          if (containsPii || log === undefined) return;
          log(LEVELS[level] ?? "verbose", message);
        },
      },
    },
  };
}

const LEVELS: Partial<Record<LogLevel, "error" | "warning" | "info" | "verbose">> = {
  [LogLevel.Error]: "error",
  [LogLevel.Warning]: "warning",
  [LogLevel.Info]: "info",
  [LogLevel.Verbose]: "verbose",
  [LogLevel.Trace]: "verbose",
};

function parseHttpsUrl(value: string, field: string, options: { allowLoopbackHttp?: boolean; allowQuery?: boolean } = {}): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw badConfiguration(field, "is not an absolute URL");
  }
  const loopback = ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname.toLowerCase());
  if (url.protocol !== "https:" && !(options.allowLoopbackHttp === true && url.protocol === "http:" && loopback)) throw badConfiguration(field, "must use HTTPS");
  if (url.username !== "" || url.password !== "") throw badConfiguration(field, "must not carry user info");
  if (url.hash !== "" || (url.search !== "" && options.allowQuery !== true)) throw badConfiguration(field, "must not carry a query or fragment");
  return url;
}

function badConfiguration(field: string, problem: string): AppError {
  return new AppError("invalidInput", `The sign-in configuration's ${field} ${problem}.`, { messageKey: "auth.badConfiguration", values: { field } });
}
