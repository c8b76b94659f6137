import { createCommandText } from "../../../src/commands/messages";
import type { RunCommandDeps } from "../../../src/commands/run-command";
import type { UntrackDeps } from "../../../src/commands/untrack-command";
import type { Org, OrgAddress } from "../../../src/core/orgs/types";
import { createOrgTrackSession, type OrgTrackSession } from "../../../src/core/session";
import { createOfficeMailboxPort } from "../../../src/office/mailbox-port";
import { showItemNotification } from "../../../src/office/notifications";
import type { MemorySettingsStore } from "../../support/memory-settings-store";
import { installOfficeFake, type FakeMessage, type OfficeFake, type OfficeFakeOptions } from "../../../src/simulator/host/office-fake";
import { FakeTokens, NAMES, savedSettings } from "../core/session/fixture";
import { FakeOrgService } from "../core/tracking/fake-org-service";

export { CONTOSO, CONTOSO_URL, FABRIKAM, FABRIKAM_URL } from "../core/session/fixture";

/** Alex's id in the fake orgs (the owner of what Alex tracks). */
export const ALEX_ID = "11111111-1111-1111-1111-111111111111";

/** A received message in Alex's mailbox. */
export function received(itemId: string, overrides: Partial<FakeMessage> = {}): FakeMessage {
  return {
    itemId,
    internetMessageId: `<${itemId}@adventure-works.example>`,
    subject: `About ${itemId}`,
    from: { emailAddress: "nancy@adventure-works.example", displayName: "Nancy Anderson" },
    to: [{ emailAddress: "alex.wu@contoso.example", displayName: "Alex Wu" }],
    dateTimeCreated: "2025-03-03T09:12:00Z",
    bodyHtml: `<p>Body of ${itemId}</p>`,
    ...overrides,
  };
}

/** The ribbon commands over a real session on the Office fake's mailbox, with fake orgs. */
export interface CommandsFixture {
  fake: OfficeFake;
  session: OrgTrackSession;
  store: MemorySettingsStore;
  tokens: FakeTokens;
  /** The fake org of an address (created on first use, as the session's `serviceFor` does). */
  service(address: OrgAddress): FakeOrgService;
  deps: UntrackDeps;
  run: RunCommandDeps;
}

/** Builds the commands over saved settings (orgs by URL, the first synchronizing) and an Office fake; uninstall the fake afterwards. */
export async function commandsFixture(options: { orgs?: string[]; connectAutomatically?: boolean; office?: OfficeFakeOptions } = {}): Promise<CommandsFixture> {
  const store = await savedSettings(
    (options.orgs ?? []).map((url) => ({ url, userId: ALEX_ID })),
    { connectAutomatically: options.connectAutomatically ?? true },
  );
  const fake = installOfficeFake({ masterCategories: [], ...options.office });
  const services = new Map<string, FakeOrgService>();
  const service = (address: OrgAddress): FakeOrgService => {
    let found = services.get(address.key);
    if (!found) {
      const org: Org = { ...address, friendlyName: NAMES[address.key] ?? "Some Org" };
      found = new FakeOrgService(org, ALEX_ID);
      services.set(address.key, found);
    }
    return found;
  };
  const tokens = new FakeTokens();
  const mailbox = createOfficeMailboxPort();
  const session = createOrgTrackSession({ settingsStore: store, mailbox, tokens, serviceFor: service, discovery: () => ({ instances: async () => [] }) });
  const text = createCommandText();
  return {
    fake,
    session,
    store,
    tokens,
    service,
    deps: { session, mailbox, text },
    run: { notify: showItemNotification, describeError: (error) => text.describeError(error) },
  };
}

/** A command event that counts its completions. */
export function countingEvent(): { completed: () => void; count: () => number } {
  let count = 0;
  return { completed: () => void (count += 1), count: () => count };
}
