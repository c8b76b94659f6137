import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createEmulator, type Emulator } from "../../emulator/src/app";
import { ensureLocalhostCertificate } from "../../emulator/src/http/certificates";
import { listen, type RunningServer } from "../../emulator/src/http/server";
import { DEMO_SEED_FILE, readSeedFile } from "../../emulator/src/seed/validate";
import type { Seed, SeedLimits } from "../../emulator/src/seed/types";
import { httpsRequest, passwordToken, type HttpResult } from "./https-client";

export { DEMO_PASSWORD, TEST_CLIENT_ID } from "./https-client";

export interface StartOptions {
  seed?: Seed;
  limits?: SeedLimits;
  now?: () => number;
}

export interface RequestOptions {
  method?: string;
  token?: string;
  headers?: Record<string, string>;
  /** An object is sent as JSON; a string or Buffer as is. */
  body?: unknown;
}

/** An emulator started in-process for one test file: its own port, its own data file. */
export interface TestEmulator {
  url: string;
  emulator: Emulator;
  ca: Buffer | string;
  dataFile: string;
  /** The org URL (token audience), e.g. `https://localhost:41234/contoso`. */
  orgUrl(org: string): string;
  /** The Web API root with a trailing slash. */
  apiRoot(org: string): string;
  /** Sends a request to a path (`/contoso/api/data/v9.2/WhoAmI`) or an absolute URL. */
  request(pathOrUrl: string, options?: RequestOptions): Promise<HttpResult>;
  /** An access token for a user and a resource, from the password grant of the test client. */
  tokenFor(email: string, resource: string): Promise<string>;
  stop(): Promise<void>;
}

/** Starts an emulator on a free loopback port with a fresh data file (the demo seed unless given). */
export async function startEmulator(options: StartOptions = {}): Promise<TestEmulator> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "orgtrack-emulator-"));
  const dataFile = path.join(dir, "data.sqlite");
  const seed = options.seed ?? readSeedFile(DEMO_SEED_FILE);
  const emulator = createEmulator({
    seed,
    dataFile,
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  const tls = await ensureLocalhostCertificate();
  const server: RunningServer = await listen((req) => emulator.handle(req), tls, 0, "localhost");
  const tokens = new Map<string, string>();
  const harness: TestEmulator = {
    url: server.url,
    emulator,
    ca: tls.cert,
    dataFile,
    orgUrl: (org) => `${server.url}/${org}`,
    apiRoot: (org) => `${server.url}/${org}/api/data/v9.2/`,
    request(pathOrUrl, requestOptions = {}) {
      const url = pathOrUrl.startsWith("https://") ? pathOrUrl : server.url + pathOrUrl;
      const headers: Record<string, string> = { Accept: "application/json", ...requestOptions.headers };
      if (requestOptions.token) headers.Authorization = `Bearer ${requestOptions.token}`;
      let body: string | Buffer | undefined;
      if (requestOptions.body !== undefined) {
        if (typeof requestOptions.body === "string" || Buffer.isBuffer(requestOptions.body)) body = requestOptions.body;
        else {
          body = JSON.stringify(requestOptions.body);
          headers["Content-Type"] ??= "application/json";
        }
      }
      return httpsRequest(url, { method: requestOptions.method ?? "GET", headers, ca: tls.cert, ...(body !== undefined ? { body } : {}) });
    },
    async tokenFor(email, resource) {
      const key = `${email}|${resource}`;
      const cached = tokens.get(key);
      if (cached) return cached;
      const token = await passwordToken(server.url, { ca: tls.cert }, email, `${resource}/.default offline_access`);
      tokens.set(key, token);
      return token;
    },
    async stop() {
      await server.close();
      emulator.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return harness;
}
