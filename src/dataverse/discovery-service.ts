import { AppError } from "../core/errors";
import type { DiscoveredOrg, DiscoveryService } from "../core/ports";
import { readPages } from "./behaviors/parse";
import { createPipeline, type TransportDeps } from "./pipeline";

/** Global Discovery in the commercial cloud (its token resource too). */
export const GLOBAL_DISCOVERY_URL = "https://globaldisco.crm.dynamics.com";

/** What the discovery service needs. */
export interface DiscoveryDeps extends TransportDeps {
  /** The discovery base URL and token resource: `https://globaldisco.crm.dynamics.com`, or `https://localhost:<port>/discovery` for the emulator. */
  discoveryUrl: string;
}

interface Instance {
  Url?: unknown;
  ApiUrl?: unknown;
  FriendlyName?: unknown;
  UniqueName?: unknown;
  UrlName?: unknown;
  Version?: unknown;
  State?: unknown;
}

const text = (value: unknown): string => (typeof value === "string" ? value : "");
const noSlash = (url: string): string => url.replace(/\/+$/, "");

/** Returns the DiscoveredOrg of an Instance row, or undefined when it has no URL. */
export function toDiscoveredOrg(row: Instance): DiscoveredOrg | undefined {
  const url = noSlash(text(row.Url));
  if (!url) return undefined;
  return {
    url,
    apiUrl: noSlash(text(row.ApiUrl)) || url,
    friendlyName: text(row.FriendlyName) || text(row.UrlName) || url,
    uniqueName: text(row.UniqueName),
    urlName: text(row.UrlName),
    version: text(row.Version),
    state: row.State === 0 ? "enabled" : "disabled",
  };
}

/** Returns the Global Discovery service for the signed-in person (one GET of `Instances` with `$select`, token for the discovery resource); throws AppError `invalidInput` for a discovery URL that is not https. */
export function createDiscoveryService(deps: DiscoveryDeps): DiscoveryService {
  const base = noSlash(deps.discoveryUrl.trim());
  const send = createPipeline({
    send: deps.send,
    tokens: deps.tokens,
    resource: base,
    ...(deps.timeoutMs !== undefined ? { timeoutMs: deps.timeoutMs } : {}),
    ...(deps.now ? { now: deps.now } : {}),
    retry: { ...deps.retry, ...(deps.sleep ? { sleep: deps.sleep } : {}), ...(deps.now ? { now: deps.now } : {}) },
  });
  return {
    async instances(): Promise<DiscoveredOrg[]> {
      const url = `${base}/api/discovery/v2.0/Instances?$select=Url,ApiUrl,FriendlyName,UniqueName,UrlName,Version,State`;
      const { value } = await readPages<Instance>(send, { method: "GET", url, headers: {} }, { maxPages: 5 });
      const orgs = value.map(toDiscoveredOrg).filter((o): o is DiscoveredOrg => o !== undefined);
      if (orgs.length !== value.length) throw new AppError("unknown", "Global Discovery listed an organization without a URL.", { messageKey: "dataverse.unreadableAnswer" });
      return orgs;
    },
  };
}
