import { STATUS_CODES } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import type { FaultInjector } from "../context";
import { ErrorCodes, ODataError, badRequest } from "../http/odata-error";
import { json } from "../http/responses";
import type { EmulatorRequest, HandlerResult } from "../http/types";

/**
 * What `POST /_emulator/faults` accepts. `path` is matched against the whole URL path (no query):
 * a glob where `*` stands for any characters (`/` included), compared case-insensitively, e.g.
 * `/contoso/api/data/v9.2/emails*`; or, when it starts with `^`, a JavaScript regular expression
 * source (anchor the end yourself). A fault needs at least one of `status`, `drop`, `delayMs`.
 */
export interface FaultSpec {
  path: string;
  /** Only this HTTP method (any when absent). */
  method?: string;
  /** Answer with this status (an OData error body when ≥ 400). */
  status?: number;
  /** Seconds, sent as `Retry-After`. */
  retryAfter?: number;
  /** The OData error of the answer; a default per status when absent. */
  body?: { code: string; message: string };
  /** Wait this long first; alone, the request then goes on normally. */
  delayMs?: number;
  /** Close the connection without an answer. */
  drop?: boolean;
  /** Apply to the next N matching requests, then expire (forever when absent). */
  count?: number;
  /** Apply to this share of the matching requests (0..1; 1 when absent). */
  ratio?: number;
  /** Seed of the PRNG that decides `ratio` (a random one when absent; `GET` shows it). */
  seed?: number;
}

/** An active fault as the admin API shows it. */
export interface FaultView extends FaultSpec {
  id: string;
  /** Applications left before it expires (absent: no limit). */
  remaining?: number;
  /** How many requests it has been applied to. */
  hits: number;
}

interface ActiveFault {
  view: FaultView;
  matches: (path: string) => boolean;
  random: () => number;
}

const SPEC_KEYS = new Set(["path", "method", "status", "retryAfter", "body", "delayMs", "drop", "count", "ratio", "seed"]);

/** Default Dataverse error codes of injected statuses. */
const DEFAULT_CODES: Readonly<Record<number, string>> = {
  400: ErrorCodes.InvalidArgument,
  401: ErrorCodes.UnauthorizedAccess,
  403: ErrorCodes.PrivilegeDenied,
  404: ErrorCodes.ObjectDoesNotExist,
  412: ErrorCodes.ConcurrencyVersionMismatch,
  413: ErrorCodes.RequestLengthTooLarge,
  429: ErrorCodes.ThrottleRequests,
};

/**
 * Faults injected through the loopback admin API. Requests are matched against the faults in the
 * order they were added; the first one that matches (and, with a `ratio`, wins its draw) applies.
 */
export class FaultRegistry implements FaultInjector {
  private faults: ActiveFault[] = [];
  private nextId = 1;

  /** Applies the first matching fault: waits its delay, then returns its status, a dropped connection, or undefined (delay only or no match). */
  async apply(req: EmulatorRequest): Promise<HandlerResult | undefined> {
    if (this.faults.length === 0) return undefined;
    const fault = this.take(req);
    if (!fault) return undefined;
    const { view } = fault;
    if (view.delayMs) await sleep(view.delayMs);
    if (view.drop) return { status: "drop" };
    if (view.status === undefined) return undefined;
    return faultResponse(view);
  }

  /** Validates and adds one spec; returns the new fault; throws a 400 ODataError for a bad spec. */
  add(spec: unknown): FaultView {
    const [view] = this.addAll([spec]);
    return view as FaultView;
  }

  /** Validates every spec, then adds them all (or none); returns the new faults; throws a 400 ODataError. */
  addAll(specs: readonly unknown[]): FaultView[] {
    const validated = specs.map((spec, index) => validateSpec(spec, specs.length > 1 ? `Fault ${index + 1}: ` : ""));
    const added = validated.map((spec) => this.activate(spec));
    return added.map((fault) => ({ ...fault.view }));
  }

  /** Returns the active faults, oldest first. */
  list(): FaultView[] {
    return this.faults.map((fault) => ({ ...fault.view }));
  }

  /** Removes one fault; returns false when no fault has that id. */
  remove(id: string): boolean {
    const before = this.faults.length;
    this.faults = this.faults.filter((fault) => fault.view.id !== id);
    return this.faults.length < before;
  }

  /** Removes every fault. */
  clear(): void {
    this.faults = [];
  }

  /** Finds the fault for a request and counts it as applied (synchronously, so concurrent requests respect `count`). */
  private take(req: EmulatorRequest): ActiveFault | undefined {
    const path = req.url.pathname;
    const fault = this.faults.find(
      (f) => (f.view.method === undefined || f.view.method === req.method.toUpperCase()) && f.matches(path) && (f.view.ratio === undefined || f.random() < f.view.ratio),
    );
    if (!fault) return undefined;
    fault.view.hits += 1;
    if (fault.view.remaining !== undefined) {
      fault.view.remaining -= 1;
      if (fault.view.remaining <= 0) this.faults = this.faults.filter((f) => f !== fault);
    }
    return fault;
  }

  private activate(spec: FaultSpec): ActiveFault {
    const id = `fault-${this.nextId++}`;
    const seed = spec.ratio === undefined ? spec.seed : (spec.seed ?? Math.floor(Math.random() * 0xffffffff));
    const view: FaultView = {
      id,
      ...spec,
      ...(spec.method !== undefined ? { method: spec.method.toUpperCase() } : {}),
      ...(seed !== undefined ? { seed } : {}),
      ...(spec.count !== undefined ? { remaining: spec.count } : {}),
      hits: 0,
    };
    const fault: ActiveFault = { view, matches: pathMatcher(spec.path), random: mulberry32(seed ?? 0) };
    this.faults.push(fault);
    return fault;
  }
}

function faultResponse(view: FaultView): HandlerResult {
  const status = view.status ?? 500;
  const headers: Record<string, string> = view.retryAfter !== undefined ? { "Retry-After": String(view.retryAfter) } : {};
  if (status < 400) return { status, headers: { "OData-Version": "4.0", ...headers } };
  const error = view.body ?? {
    code: DEFAULT_CODES[status] ?? ErrorCodes.UnExpected,
    message: `Injected fault: ${status} ${STATUS_CODES[status] ?? "Error"}.`,
  };
  return json(status, { error }, headers);
}

/** Returns a matcher for a fault's `path` (a `^…` regular expression or a `*` glob); throws a 400 ODataError for a bad expression. */
function pathMatcher(path: string): (pathname: string) => boolean {
  if (path.startsWith("^")) {
    let regex: RegExp;
    try {
      regex = new RegExp(path);
    } catch (error) {
      throw badRequest(`The fault path '${path}' is not a valid regular expression: ${(error as Error).message}`);
    }
    return (pathname) => regex.test(pathname);
  }
  const source = path
    .split("*")
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  const glob = new RegExp(`^${source}$`, "i");
  return (pathname) => glob.test(pathname);
}

function validateSpec(input: unknown, prefix: string): FaultSpec {
  const fail = (message: string): ODataError => badRequest(`${prefix}${message}`);
  if (typeof input !== "object" || input === null || Array.isArray(input)) throw fail("A fault must be a JSON object.");
  const raw = input as Record<string, unknown>;
  const unknownKeys = Object.keys(raw).filter((key) => !SPEC_KEYS.has(key));
  if (unknownKeys.length > 0) throw fail(`Unknown fault properties: ${unknownKeys.join(", ")} (allowed: ${[...SPEC_KEYS].join(", ")}).`);
  if (typeof raw.path !== "string" || raw.path === "") throw fail("'path' is required: a glob such as '/contoso/api/data/v9.2/emails*' or a regular expression starting with '^'.");
  const spec: FaultSpec = { path: raw.path };
  try {
    pathMatcher(raw.path);
  } catch (error) {
    throw error instanceof ODataError ? fail(error.message) : error;
  }
  if (raw.method !== undefined) {
    if (typeof raw.method !== "string" || !/^[A-Za-z]+$/.test(raw.method)) throw fail("'method' must be an HTTP method name such as 'POST'.");
    spec.method = raw.method;
  }
  if (raw.status !== undefined) {
    if (!isInteger(raw.status) || raw.status < 100 || raw.status > 599) throw fail("'status' must be an integer HTTP status from 100 to 599.");
    spec.status = raw.status;
  }
  if (raw.retryAfter !== undefined) {
    if (!isInteger(raw.retryAfter) || raw.retryAfter < 0) throw fail("'retryAfter' must be a non-negative integer number of seconds.");
    spec.retryAfter = raw.retryAfter;
  }
  if (raw.body !== undefined) {
    const body = raw.body as Record<string, unknown> | null;
    if (typeof body !== "object" || body === null || typeof body.code !== "string" || typeof body.message !== "string") {
      throw fail("'body' must be an OData error: {\"code\": \"0x…\", \"message\": \"…\"}.");
    }
    spec.body = { code: body.code, message: body.message };
  }
  if (raw.delayMs !== undefined) {
    if (!isInteger(raw.delayMs) || raw.delayMs < 0) throw fail("'delayMs' must be a non-negative integer number of milliseconds.");
    spec.delayMs = raw.delayMs;
  }
  if (raw.drop !== undefined) {
    if (typeof raw.drop !== "boolean") throw fail("'drop' must be true or false.");
    spec.drop = raw.drop;
  }
  if (raw.count !== undefined) {
    if (!isInteger(raw.count) || raw.count < 1) throw fail("'count' must be a positive integer (the number of requests to apply the fault to).");
    spec.count = raw.count;
  }
  if (raw.ratio !== undefined) {
    if (typeof raw.ratio !== "number" || !(raw.ratio >= 0 && raw.ratio <= 1)) throw fail("'ratio' must be a number from 0 to 1.");
    spec.ratio = raw.ratio;
  }
  if (raw.seed !== undefined) {
    if (!isInteger(raw.seed)) throw fail("'seed' must be an integer.");
    spec.seed = raw.seed;
  }
  if (spec.drop && spec.status !== undefined) throw fail("A fault either drops the connection or answers with a status, not both.");
  if (spec.drop && (spec.retryAfter !== undefined || spec.body !== undefined)) throw fail("A dropped connection has no 'retryAfter' or 'body'.");
  if (spec.status === undefined && (spec.retryAfter !== undefined || spec.body !== undefined) && !spec.drop) throw fail("'retryAfter' and 'body' need a 'status'.");
  if (spec.status === undefined && !spec.drop && spec.delayMs === undefined) throw fail("A fault needs 'status', 'drop' or 'delayMs'.");
  return spec;
}

function isInteger(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value);
}

/** A small deterministic PRNG (mulberry32): the same seed draws the same sequence in [0, 1). */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
