import { AppError } from "../errors";
import type { OrgAddress } from "./types";

/**
 * Turns what a person pasted into the "Organization URL" box into an org address: the whole
 * address copied from a browser (query, fragment, `main.aspx`, `/api/data/…` and all), online or
 * on-premises. Everything that is not plainly an org address is refused with a specific message:
 * a token for the org will be sent to the address this returns, so doubt means no.
 *
 * Decisions (see the README):
 * - online hosts are `<org>.<region>.<cloud>` or `<org>.api.<region>.<cloud>` with region `crm`,
 *   `crm2`…`crm21` under `dynamics.com`, and `crm` under the sovereign clouds
 *   (`microsoftdynamics.us`, `appsplatform.us`, `dynamics.cn`, `microsoftdynamics.de`); any other
 *   host under those domains is refused (`*.operations.dynamics.com` is not a Dataverse org);
 * - on-premises: the first path segment is the org name unless it is one of the web application's
 *   own folders (`main.aspx`, `api`, `tools`, `_root`, …): then the org is the host (IFD style);
 * - `http:` only for loopback hosts (`localhost`, `127.0.0.1`, `[::1]`); other IP literals are
 *   refused: an org that signs people in with OAuth (IFD/AD FS or Entra) has a DNS name that
 *   matches its certificate, and shorthand forms (`0x7f.1`, `2130706433`) are a classic way to
 *   disguise a host;
 * - host names must be plain ASCII letters, digits, hyphens and dots: Unicode and punycode
 *   (`xn--`) hosts are refused, as look-alikes when they resemble a Dynamics address;
 * - one-label hosts other than `localhost` are refused: an org used from Outlook on the web and
 *   mobile needs a fully qualified name.
 */

/** The longest input accepted (characters). */
export const MAX_ORG_URL_LENGTH = 2048;

/** The Web API version the add-in speaks. */
export const WEB_API_PATH = "/api/data/v9.2/";

/** Why an address was refused: the `messageKey` of the AppError is `orgUrl.<reason>`. */
export type OrgUrlProblem =
  | "empty"
  | "tooLong"
  | "controlCharacters"
  | "whitespace"
  | "scheme"
  | "insecure"
  | "malformed"
  | "userInfo"
  | "port"
  | "nonAsciiHost"
  | "lookAlike"
  | "notAnOrg"
  | "discoveryAddress"
  | "ipAddress"
  | "invalidHost"
  | "bareWord"
  | "singleLabelHost"
  | "orgName";

const EXAMPLE = "https://contoso.crm.dynamics.com";

const MESSAGES: Record<OrgUrlProblem, string> = {
  empty: `Enter the address of your organization, for example ${EXAMPLE}.`,
  tooLong: `The address is longer than ${MAX_ORG_URL_LENGTH} characters. Copy only the address from your browser's address bar.`,
  controlCharacters: "The address contains invisible or control characters. Copy it again from your browser's address bar.",
  whitespace: "The address contains spaces. Copy it again from your browser's address bar.",
  scheme: 'Only "https://" addresses can be an organization; "{scheme}:" addresses cannot.',
  insecure: "The address starts with http://, which would send your sign-in unencrypted. Use the https:// address of your organization.",
  malformed: `This is not a valid web address. Copy the whole address from your browser's address bar, for example ${EXAMPLE}.`,
  userInfo: "The address contains a user name or password before an '@'. Paste the address without them: you sign in separately.",
  port: "The port in the address is not valid for this organization ({port}).",
  nonAsciiHost: "The server name contains international or look-alike characters. Use the address exactly as your administrator gave it, in plain letters.",
  lookAlike: "{host} only looks like a Dynamics 365 address. It is not one, so OrgTrack will not send your sign-in to it.",
  notAnOrg: `{host} is not the address of a Dynamics 365 organization. Organization addresses look like ${EXAMPLE} or https://contoso.crm4.dynamics.com.`,
  discoveryAddress: `{host} is Microsoft's discovery service, not an organization. Choose "Dynamics 365 (online)" to pick from your organizations.`,
  ipAddress: "Use the server's name rather than an IP address ({host}): sign-in needs the name the organization's certificate is issued for.",
  invalidHost: "{host} is not a valid server name.",
  bareWord: `Paste the whole address of your organization from your browser's address bar, for example ${EXAMPLE}.`,
  singleLabelHost: "{host} is not a complete server name. Use the full name, for example crm.contoso.com.",
  orgName: "The address does not name an organization: the part after the server name is not a valid organization name.",
};

function fail(problem: OrgUrlProblem, values: Record<string, string> = {}): never {
  const message = MESSAGES[problem].replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? "");
  return invalid(problem, message, values);
}

function invalid(problem: OrgUrlProblem, message: string, values: Record<string, string>): never {
  throw new AppError("invalidInput", message, { messageKey: `orgUrl.${problem}`, values });
}

/** The Dynamics 365 clouds: registrable domain and the region labels an org host may use under it. */
const ONLINE_CLOUDS: readonly { domain: string; region: RegExp }[] = [
  { domain: "dynamics.com", region: /^crm([2-9]|1[0-9]|2[01])?$/ },
  { domain: "microsoftdynamics.us", region: /^crm$/ },
  { domain: "appsplatform.us", region: /^crm$/ },
  { domain: "dynamics.cn", region: /^crm$/ },
  { domain: "microsoftdynamics.de", region: /^crm$/ },
];

/** Hosts under a Dynamics region that are services, not orgs. */
const SERVICE_LABELS = new Set(["globaldisco", "disco", "dev", "www", "api"]);

/** The labels a Dynamics host is made of, to spot imitations. */
const BRAND_LABELS = ["dynamics", "microsoftdynamics", "appsplatform"];
const CLOUD_TLDS = new Set(["com", "cn", "us", "de"]);

/** First path segments that are folders of the Dynamics web application, not org names. */
const APPLICATION_FOLDERS = new Set([
  "api", "tools", "apps", "uclient", "webresources", "xrmservices", "workplace", "sfa", "cs", "ma", "biz",
  "dashboards", "activities", "handlers", "appwebservices", "userdefined", "services", "m",
]);

/** Schemes people paste by mistake or attackers use, named in the refusal rather than read as `user:password@`. */
const KNOWN_SCHEMES = new Set(["javascript", "vbscript", "data", "file", "ftp", "mailto", "about", "blob", "ws", "wss", "tel"]);
const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);
const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const ORG_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;
/** Characters that must never be in an address: C0/C1 controls and invisible formatting (bidi overrides, zero-width). */
const INVISIBLE = /[\p{Cc}\p{Cf}\u2028\u2029]/u;

/** The org address (base URL, Web API URL, token resource) of a pasted address. Throws AppError `invalidInput` (`orgUrl.*`) when it is not one. */
export function parseOrgUrl(input: string): OrgAddress {
  if (typeof input !== "string") return fail("empty");
  if (input.length > MAX_ORG_URL_LENGTH) return fail("tooLong");
  const text = input.trim();
  if (text === "") return fail("empty");
  if (INVISIBLE.test(text)) return fail("controlCharacters");
  if (/\s/u.test(text)) return fail("whitespace");

  const { scheme, rest, schemeGiven } = splitScheme(text);
  const authorityEnd = rest.search(/[/?#\\]/);
  const authority = authorityEnd < 0 ? rest : rest.slice(0, authorityEnd);
  const tail = authorityEnd < 0 ? "" : rest.slice(authorityEnd);
  if (authority.includes("@")) return fail("userInfo");
  const path = tail.split(/[?#]/)[0] ?? "";
  if (path.includes("\\")) return fail("malformed");
  if (authority === "") return fail("malformed");

  const { rawHost, port } = splitPort(authority);
  const host = checkHost(rawHost);
  if (host.split(".").length === 1 && !LOOPBACK_HOSTS.has(host)) {
    if (!schemeGiven && port === undefined && tail === "" && !host.startsWith("[")) return fail("bareWord");
    return fail("singleLabelHost", { host });
  }
  if (scheme === "http" && !LOOPBACK_HOSTS.has(host)) return fail("insecure");

  const online = onlineAddress(host, port);
  if (online) return online;
  if (looksLikeDynamics(host.split("."))) return fail("lookAlike", { host });
  return onPremisesAddress(scheme, host, port, path);
}

/** Splits off the scheme; an address without one is https. */
function splitScheme(text: string): { scheme: string; rest: string; schemeGiven: boolean } {
  const match = /^([a-z][a-z0-9+.-]*):/i.exec(text);
  if (match?.[1] !== undefined) {
    const scheme = match[1].toLowerCase();
    const after = text.slice(match[0].length);
    if (after.startsWith("//")) {
      if (scheme !== "https" && scheme !== "http") return fail("scheme", { scheme });
      return { scheme, rest: after.slice(2), schemeGiven: true };
    }
    // `host:port/…` without a scheme: the "scheme" is a host name followed by a port (a dot means a host name).
    if (!/^\d/.test(after) && !scheme.includes(".")) {
      if (scheme === "https" || scheme === "http") return fail("malformed");
      if (!KNOWN_SCHEMES.has(scheme) && /^[^/?#]*@/.test(after)) return fail("userInfo");
      return fail("scheme", { scheme });
    }
  }
  if (text.startsWith("//")) return { scheme: "https", rest: text.slice(2), schemeGiven: false };
  if (text.startsWith("/") || text.startsWith("\\")) return fail("malformed");
  return { scheme: "https", rest: text, schemeGiven: false };
}

function splitPort(authority: string): { rawHost: string; port: number | undefined } {
  let rawHost = authority;
  let portText: string | undefined;
  if (authority.startsWith("[")) {
    const close = authority.indexOf("]");
    if (close < 0) return fail("malformed");
    rawHost = authority.slice(0, close + 1);
    const after = authority.slice(close + 1);
    if (after !== "") {
      if (!after.startsWith(":")) return fail("malformed");
      portText = after.slice(1);
    }
  } else {
    const colon = authority.lastIndexOf(":");
    if (colon >= 0) {
      rawHost = authority.slice(0, colon);
      portText = authority.slice(colon + 1);
    }
  }
  if (portText === undefined) return { rawHost, port: undefined };
  const port = /^\d{1,5}$/.test(portText) ? Number(portText) : NaN;
  if (!(port >= 1 && port <= 65535)) return fail("port", { port: portText.slice(0, 12) });
  return { rawHost, port };
}

/** The host in lower case without trailing dots, or the reason it is refused. */
function checkHost(rawHost: string): string {
  if (rawHost.startsWith("[")) {
    const literal = rawHost.toLowerCase();
    if (literal === "[::1]") return literal;
    if (/^\[[0-9a-f:.]+\]$/.test(literal)) return fail("ipAddress", { host: literal });
    return fail("malformed");
  }
  // eslint-disable-next-line no-control-regex
  if (/[^\x00-\x7f]/.test(rawHost)) {
    const folded = foldToAscii(rawHost);
    const lookAlike = isOnlineDomain(folded) || looksLikeDynamics(folded.split("."));
    return fail(lookAlike ? "lookAlike" : "nonAsciiHost", { host: folded });
  }
  const host = rawHost.toLowerCase().replace(/\.+$/, "");
  if (host === "") return fail("malformed");
  const labels = host.split(".");
  const last = labels[labels.length - 1] ?? "";
  if (/^(\d+|0x[0-9a-f]*)$/.test(last)) {
    if (host === "127.0.0.1") return host;
    return fail("ipAddress", { host });
  }
  if (labels.some((label) => label.startsWith("xn--"))) {
    return fail(looksLikeDynamics(labels) ? "lookAlike" : "nonAsciiHost", { host });
  }
  if (host.length > 253 || !labels.every((label) => DNS_LABEL.test(label))) return fail("invalidHost", { host: host.slice(0, 100) });
  return host;
}

/** A Unicode host folded to what it imitates: full-width forms and ideographic dots to ASCII, accents dropped. */
function foldToAscii(host: string): string {
  return host
    .normalize("NFKC")
    .replace(/[\u3002\uff0e\uff61]/g, ".")
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/\.+$/, "");
}

function isOnlineDomain(host: string): boolean {
  return ONLINE_CLOUDS.some(({ domain }) => host === domain || host.endsWith(`.${domain}`));
}

/** True when labels imitate a Dynamics host: a brand label (or a near miss of one) after `crm…` or before a cloud's TLD. */
function looksLikeDynamics(labels: readonly string[]): boolean {
  return labels.some((label, index) => {
    const previous = labels[index - 1] ?? "";
    const next = labels[index + 1] ?? "";
    const brandLike = BRAND_LABELS.some((brand) => label.includes(brand) || editDistance(label, brand) <= 2);
    const punycodeAfterCrm = label.startsWith("xn--") && /^crm\d*$/.test(previous);
    const inPosition = /^crm\d*$/.test(previous) || CLOUD_TLDS.has(next) || [...CLOUD_TLDS].some((tld) => next.startsWith(`${tld}-`));
    return (brandLike && inPosition) || punycodeAfterCrm || (label.endsWith("-crm") && BRAND_LABELS.includes(next));
  });
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** The address of an online org, undefined when the host is not under a Dynamics cloud. */
function onlineAddress(host: string, port: number | undefined): OrgAddress | undefined {
  const cloud = ONLINE_CLOUDS.find(({ domain }) => host === domain || host.endsWith(`.${domain}`));
  if (!cloud) return undefined;
  const prefix = host === cloud.domain ? [] : host.slice(0, -cloud.domain.length - 1).split(".");
  const [org, second, third] = prefix;
  const region = prefix.length === 3 && second === "api" ? third : prefix.length === 2 ? second : undefined;
  if (org === undefined || region === undefined || !cloud.region.test(region)) return fail("notAnOrg", { host });
  if (SERVICE_LABELS.has(org)) return org.includes("disco") ? fail("discoveryAddress", { host }) : fail("notAnOrg", { host });
  if (port !== undefined && port !== 443) return fail("port", { port: String(port) });
  return addressOf(`https://${org}.${region}.${cloud.domain}`, "online");
}

function onPremisesAddress(scheme: string, host: string, port: number | undefined, path: string): OrgAddress {
  const defaultPort = scheme === "https" ? 443 : 80;
  const origin = `${scheme}://${host}${port === undefined || port === defaultPort ? "" : `:${port}`}`;
  const first = path.split("/").find((segment) => segment !== "");
  if (first === undefined || isApplicationFolder(first)) return addressOf(origin, "onPremises");
  if (first === "." || first === ".." || !ORG_NAME.test(first)) return fail("orgName");
  return addressOf(`${origin}/${first}`, "onPremises");
}

function isApplicationFolder(segment: string): boolean {
  if (segment === "." || segment === "..") return false;
  return segment.startsWith("_") || segment.includes(".") || APPLICATION_FOLDERS.has(segment.toLowerCase());
}

/** The org address of a base URL (already checked). */
function addressOf(url: string, deployment: OrgAddress["deployment"]): OrgAddress {
  return { key: url.toLowerCase(), url, webApiUrl: `${url}${WEB_API_PATH}`, resource: url, deployment };
}
