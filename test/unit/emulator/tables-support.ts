import type { EmulatorContext } from "../../../emulator/src/context";
import { loadSeed } from "../../../emulator/src/seed/load";
import { Directory, type Member, type Org } from "../../../emulator/src/seed/directory";
import { DEMO_SEED_FILE, readSeedFile } from "../../../emulator/src/seed/validate";
import type { Seed } from "../../../emulator/src/seed/types";
import { Security } from "../../../emulator/src/security/access";
import { Store } from "../../../emulator/src/store/store";
import type { WebApiCall } from "../../../emulator/src/web-api/call";

/** An org loaded from a seed into an in-memory store, and a way to build Web API calls for its members (unit tests only). */
export interface TablesFixture {
  store: Store;
  org: Org;
  security: Security;
  member(email: string): Member;
  /** A call by the member with this email; `query` is the URL query string without `?`. */
  call(email: string, init?: { method?: string; path?: string; query?: string; headers?: Record<string, string>; body?: unknown }): WebApiCall;
  close(): void;
}

/** Loads the seed (the demo seed unless given) into a `:memory:` store; the clock is fixed at `now`. */
export function tablesFixture(seed: Seed = readSeedFile(DEMO_SEED_FILE), orgName = "contoso", now = Date.parse("2025-03-04T05:06:07.890Z")): TablesFixture {
  const directory = new Directory(seed);
  const store = new Store(":memory:");
  loadSeed(store, directory);
  const org = directory.orgs.get(orgName);
  if (!org) throw new Error(`no org ${orgName}`);
  const security = new Security(org);
  const ctx: EmulatorContext = {
    store,
    directory,
    now: () => now,
    limits: directory.limits,
    verifyAccessToken: () => {
      throw new Error("not used in unit tests");
    },
    faults: { apply: async () => undefined },
    protection: { admit: () => ({ headers: {}, release: () => undefined }), count: () => undefined },
  };
  const member = (email: string): Member => {
    const found = [...org.members.values()].find((m) => m.email === email);
    if (!found) throw new Error(`no member ${email}`);
    return found;
  };
  const apiRoot = `https://localhost:5555/${org.urlName}/api/data/v9.2/`;
  return {
    store,
    org,
    security,
    member,
    call: (email, init = {}) => ({
      ctx,
      org,
      member: member(email),
      security,
      method: init.method ?? "GET",
      path: init.path ?? "",
      query: new URLSearchParams(init.query ?? ""),
      headers: Object.fromEntries(Object.entries(init.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
      body: Buffer.from(init.body === undefined ? "" : typeof init.body === "string" ? init.body : JSON.stringify(init.body)),
      orgUrl: `https://localhost:5555/${org.urlName}`,
      apiRoot,
      inBatch: false,
    }),
    close: () => store.close(),
  };
}
