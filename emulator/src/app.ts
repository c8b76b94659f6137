import { originOf, type EmulatorContext } from "./context";
import { handleAdmin } from "./admin/admin-api";
import { corsHeaders, preflight, registeredOrigins } from "./http/cors";
import { errorResponse, notFoundSegment } from "./http/odata-error";
import { isDropped, type EmulatorRequest, type HandlerResult } from "./http/types";
import { handleDiscovery } from "./discovery/discovery";
import { createIdentity, IDENTITY_SUBPATHS, type Identity } from "./identity/identity";
import { FaultRegistry } from "./admin/faults";
import { createServiceProtection } from "./web-api/service-protection";
import { Directory } from "./seed/directory";
import { loadSeed } from "./seed/load";
import { seedFingerprint } from "./seed/validate";
import type { Seed, SeedLimits } from "./seed/types";
import { Store } from "./store/store";
import { handleWebApi } from "./web-api";
import { API_PATH } from "./web-api/call";

export interface EmulatorOptions {
  seed: Seed;
  /** The SQLite file; `:memory:` for a throw-away database. */
  dataFile: string;
  /** Limits that override the seed's (and the documented defaults). */
  limits?: SeedLimits;
  /** The clock, for tests that expire tokens. */
  now?: () => number;
}

/** The emulator as a request handler, with no socket of its own (see server.ts for `listen`). */
export interface Emulator {
  handle(req: EmulatorRequest): Promise<HandlerResult>;
  /** Puts the database back to the seed and forgets faults and throttling counters. */
  reset(): void;
  readonly context: EmulatorContext;
  readonly identity: Identity;
  readonly faults: FaultRegistry;
  close(): void;
}

/**
 * Builds the emulator: opens (and migrates) the database, loads the seed when the data file is new
 * or was made from another seed, and wires identity, discovery, the Web API and the admin API.
 */
export function createEmulator(options: EmulatorOptions): Emulator {
  const directory = new Directory(options.seed);
  const store = new Store(options.dataFile);
  const fingerprint = seedFingerprint(options.seed);
  if (store.getMeta("seed") !== fingerprint) {
    loadSeed(store, directory);
    store.setMeta("seed", fingerprint);
  }
  const limits = { ...directory.limits, ...(options.limits ?? {}) };
  const now = options.now ?? Date.now;
  const faults = new FaultRegistry();
  const protection = createServiceProtection(limits, now);
  const identity = createIdentity(store, directory, now);
  const context: EmulatorContext = {
    store,
    directory,
    now,
    limits,
    verifyAccessToken: identity.verifyAccessToken,
    faults,
    protection,
  };
  const origins = registeredOrigins(directory);

  const emulator: Emulator = {
    context,
    identity,
    faults,
    async handle(req) {
      const cors = corsHeaders(req, origins);
      let result: HandlerResult;
      try {
        result = req.method === "OPTIONS" ? preflight(req, origins) : await route(req, context, emulator);
      } catch (error) {
        result = errorResponse(error);
      }
      if (!isDropped(result) && req.method !== "OPTIONS") result.headers = { ...result.headers, ...cors };
      return result;
    },
    reset() {
      loadSeed(store, directory);
      faults.clear();
      protection.reset();
    },
    close() {
      store.close();
    },
  };
  return emulator;
}

async function route(req: EmulatorRequest, ctx: EmulatorContext, emulator: Emulator): Promise<HandlerResult> {
  const segments = req.url.pathname.split("/").filter((s) => s !== "");
  const [first, second, third] = segments;
  if (first === "_emulator") return handleAdmin(req, emulator, segments.slice(1));
  if (first === undefined) return emulatorHome(req, ctx);
  // Web API and identity paths are answered after injected faults for them are applied (the Web API applies its own after admission).
  if (second === "api" && third === "data") {
    const rest = req.url.pathname.split("/").slice(2).join("/");
    if (!rest.startsWith(`${API_PATH}`)) return errorResponse(notFoundSegment(rest));
    return handleWebApi(req, ctx, first, rest.slice(API_PATH.length).replace(/^\//, ""));
  }
  const fault = await ctx.faults.apply(req);
  if (fault) return fault;
  if (first === "discovery" && second === "api") return handleDiscovery(req, ctx, segments.slice(2));
  if (second !== undefined && IDENTITY_SUBPATHS.has(second)) return emulator.identity.handle(req, first, segments.slice(1));
  return errorResponse(notFoundSegment(req.url.pathname));
}

function emulatorHome(req: EmulatorRequest, ctx: EmulatorContext): HandlerResult {
  const origin = originOf(req.url);
  const orgs = [...ctx.directory.orgs.values()].map((o) => ({ name: o.friendlyName, url: `${origin}/${o.urlName}`, webApi: `${origin}/${o.urlName}/${API_PATH}/` }));
  return {
    status: 200,
    headers: { "Content-Type": "application/json; charset=utf-8" },
    body: JSON.stringify({ service: "OrgTrack local Dataverse organization server", orgs, discovery: `${origin}/discovery/api/discovery/v2.0/Instances` }, null, 2),
  };
}
