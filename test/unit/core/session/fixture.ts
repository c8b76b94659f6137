import type { AppError } from "../../../../src/core/errors";
import { parseOrgUrl } from "../../../../src/core/orgs/org-url";
import { OrgRegistry } from "../../../../src/core/orgs/registry";
import type { Org, OrgAddress } from "../../../../src/core/orgs/types";
import type { DiscoveredOrg, DiscoveryService, OrgIdentity, TokenProvider, TokenRequestOptions } from "../../../../src/core/ports";
import { createOrgTrackSession, type OrgTrackSession, type OrgTrackSessionDeps, type SessionSnapshot } from "../../../../src/core/session";
import { SettingsRepository } from "../../../../src/core/settings/repository";
import { FakeMailbox } from "../../../support/fake-mailbox";
import { MemorySettingsStore } from "../../../support/memory-settings-store";
import { FakeOrgService } from "../tracking/fake-org-service";

/** The orgs of the unit tests, by the address a person would paste. */
export const CONTOSO_URL = "https://contoso.crm4.dynamics.com";
export const FABRIKAM_URL = "https://fabrikam.crm.dynamics.com";
export const CONTOSO = parseOrgUrl(CONTOSO_URL);
export const FABRIKAM = parseOrgUrl(FABRIKAM_URL);
export const NAMES: Record<string, string> = { [CONTOSO.key]: "Contoso Sales", [FABRIKAM.key]: "Fabrikam Support" };

/** A FakeOrgService whose WhoAmI can be held until released (to see that checks run in parallel). */
export class GatedOrgService extends FakeOrgService {
  gate: Promise<void> | undefined;
  whoAmIStarted = 0;
  override async whoAmI(): Promise<OrgIdentity> {
    this.whoAmIStarted += 1;
    if (this.gate) await this.gate;
    return super.whoAmI();
  }
}

/** A TokenProvider that records what it was asked and can refuse one resource. */
export class FakeTokens implements TokenProvider {
  readonly asked: { resource: string; options: TokenRequestOptions }[] = [];
  readonly signedOut: string[] = [];
  readonly refuse = new Map<string, AppError>();
  async getToken(resource: string, options: TokenRequestOptions = {}): Promise<string> {
    this.asked.push({ resource, options });
    const refusal = this.refuse.get(resource);
    if (refusal) throw refusal;
    return `token-for-${resource}`;
  }
  async signOut(resource: string): Promise<void> {
    this.signedOut.push(resource);
  }
}

/** Global Discovery answering a list (or failing with `failure`), counting calls. */
export class FakeDiscovery implements DiscoveryService {
  calls = 0;
  failure: AppError | undefined;
  constructor(public list: DiscoveredOrg[] = []) {}
  async instances(): Promise<DiscoveredOrg[]> {
    this.calls += 1;
    if (this.failure) throw this.failure;
    return this.list;
  }
}

/** An instance as Global Discovery lists it. */
export function instance(url: string, friendlyName: string): DiscoveredOrg {
  return { url, apiUrl: url, friendlyName, uniqueName: friendlyName.replace(/\s/g, ""), urlName: friendlyName.split(" ")[0] ?? "", version: "9.2", state: "enabled" };
}

/** A session over fakes, with the fakes to look at. */
export interface Fixture {
  session: OrgTrackSession;
  store: MemorySettingsStore;
  mailbox: FakeMailbox;
  tokens: FakeTokens;
  discovery: FakeDiscovery;
  services: Map<string, GatedOrgService>;
  /** The fake org of an address (created on first use, as the session's `serviceFor` does). */
  service(address: OrgAddress): GatedOrgService;
  /** Every call made to any fake org. */
  orgCalls(): number;
  snapshots: SessionSnapshot[];
}

/** Builds a session over a settings store (a fresh one unless given), recording every snapshot. */
export function fixture(options: { store?: MemorySettingsStore; mailbox?: FakeMailbox; services?: Map<string, GatedOrgService>; deps?: Partial<OrgTrackSessionDeps> } = {}): Fixture {
  const store = options.store ?? new MemorySettingsStore();
  const mailbox = options.mailbox ?? new FakeMailbox();
  const tokens = new FakeTokens();
  const discovery = new FakeDiscovery();
  const services = options.services ?? new Map<string, GatedOrgService>();
  const service = (address: OrgAddress): GatedOrgService => {
    let found = services.get(address.key);
    if (!found) {
      const org: Org = { ...address, friendlyName: NAMES[address.key] ?? "Some Org" };
      found = new GatedOrgService(org);
      services.set(address.key, found);
    }
    return found;
  };
  let ids = 0;
  const session = createOrgTrackSession({
    settingsStore: store,
    mailbox,
    tokens,
    serviceFor: service,
    discovery: () => discovery,
    clock: () => Date.UTC(2025, 2, 4, 10, 0, 0),
    newId: () => `q${++ids}-${Math.random().toString(36).slice(2, 6)}`,
    ...options.deps,
  });
  const snapshots: SessionSnapshot[] = [];
  session.subscribe((snapshot) => snapshots.push(snapshot));
  return {
    session,
    store,
    mailbox,
    tokens,
    discovery,
    services,
    service,
    orgCalls: () => [...services.values()].reduce((sum, s) => sum + s.calls.length + s.whoAmIStarted - s.callsOf("whoAmI").length, 0),
    snapshots,
  };
}

/** Saves orgs (the first synchronizing) and preferences into a store, as an earlier session would have. */
export async function savedSettings(orgs: { url: string; userId?: string }[], preferences: { connectAutomatically: boolean; saveCredentials?: boolean }): Promise<MemorySettingsStore> {
  const store = new MemorySettingsStore();
  const repository = new SettingsRepository(store);
  await repository.load();
  const registry = new OrgRegistry(repository);
  for (const { url, userId } of orgs) {
    const address = parseOrgUrl(url);
    await registry.add(address, { friendlyName: NAMES[address.key] ?? "Some Org", userId: userId ?? "11111111-1111-1111-1111-111111111111" });
  }
  await repository.setPreferences({ saveCredentials: false, ...preferences });
  return store;
}
