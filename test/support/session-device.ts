import type { HttpSend } from "../../src/core/ports";
import { createOrgTrackSession, type OrgTrackSession } from "../../src/core/session";
import { createDiscoveryService, createOrgService } from "../../src/dataverse";
import { FakeMailbox } from "./fake-mailbox";
import { MemorySettingsStore } from "./memory-settings-store";
import { countingSend, createNodeHttpSend, type CountingSend } from "./node-http-send";
import { createPasswordTokenProvider, type PasswordTokenProvider } from "./password-token-provider";

/** One person on one device: a session over a settings store and a mailbox, its wire to the orgs counted, its tokens recorded. */
export interface SessionDevice {
  session: OrgTrackSession;
  /** Every request to the orgs and to Global Discovery (the token endpoint is not on it). */
  wire: CountingSend;
  tokens: PasswordTokenProvider;
  store: MemorySettingsStore;
  mailbox: FakeMailbox;
  /** The most requests that were under way at once. */
  maxInFlight(): number;
}

/**
 * Returns a session as the task pane and the ribbon commands build it, over the real Dataverse
 * client against an emulator (`url`, trusting `ca`) over HTTPS, signed in as `email` through the
 * password grant. Pass another device's `store` (and `mailbox`) for the same person starting again.
 */
export function createSessionDevice(emulator: { url: string; ca: string | Buffer }, email: string, store = new MemorySettingsStore(), mailbox = new FakeMailbox()): SessionDevice {
  const base = createNodeHttpSend({ ca: emulator.ca });
  let inFlight = 0;
  let maxInFlight = 0;
  const tracked: HttpSend = async (request) => {
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      return await base(request);
    } finally {
      inFlight -= 1;
    }
  };
  const wire = countingSend(tracked);
  const tokens = createPasswordTokenProvider({ baseUrl: emulator.url, ca: emulator.ca, email });
  const session = createOrgTrackSession({
    settingsStore: store,
    mailbox,
    tokens,
    serviceFor: (org) => createOrgService(org, { send: wire.send, tokens, timeoutMs: 10_000 }),
    discovery: () => createDiscoveryService({ discoveryUrl: `${emulator.url}/discovery`, send: wire.send, tokens }),
    discoveryResource: `${emulator.url}/discovery`,
  });
  return { session, wire, tokens, store, mailbox, maxInFlight: () => maxInFlight };
}
