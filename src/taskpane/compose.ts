import type { AppConfig } from "../config/app-config";
import { AppError } from "../core/errors";
import type { HttpSend, TokenProvider } from "../core/ports";
import { createOrgTrackSession, type OrgTrackSession } from "../core/session";
import { createQueuedUntrackConfirmations, type QueuedUntrackConfirmations } from "./app/queued-untrack-confirmations";
import { createDeferredTokenProvider, type DeferredTokenProvider } from "./auth/deferred-token-provider";
import type { TaskpaneHost } from "./host/types";
import { lazyDiscoveryService, lazyOrgService, once } from "./lazy-services";
import type { PaneOptions } from "./shared/pane-options";

/** The task pane's parts once composed: the session the views use, its token provider (MSAL, loaded after the first render), and the queued-untrack questions. */
export interface TaskpaneParts {
  session: OrgTrackSession;
  tokens: DeferredTokenProvider;
  confirmations: QueuedUntrackConfirmations;
  options: PaneOptions;
}

/** What composing the pane needs; `loadTokens` and `send` are replaced in tests. */
export interface ComposeInput {
  host: TaskpaneHost;
  config: AppConfig;
  /** Builds the real TokenProvider for the cache location chosen by "Save my credentials on this device". Default: MSAL, imported on demand. */
  loadTokens?: (saveCredentials: boolean) => Promise<TokenProvider>;
  send?: HttpSend;
  /** MSAL is loaded only once this settles (the composition root resolves it after the first paint of the org list). Default: at once. */
  tokensAfter?: Promise<void>;
}

/**
 * Composes the pane's service layer: the session over the host's settings store and mailbox,
 * Dataverse services over fetch and Global Discovery when configured (their code loaded on the
 * first request), and a token provider that loads MSAL only when first needed and starts afresh
 * when "Save my credentials on this device" changes (the token cache moves between
 * sessionStorage and localStorage). Never throws.
 */
export function composeTaskpane(input: ComposeInput): TaskpaneParts {
  const { host, config } = input;
  const confirmations = createQueuedUntrackConfirmations();
  const loadTokens =
    input.loadTokens ??
    (async (saveCredentials: boolean) => (await import("./auth/msal-provider")).createPaneTokenProvider({ config, saveCredentials, host }));
  const tokensAfter = input.tokensAfter ?? Promise.resolve();

  let saveCredentials = false;
  const tokens = createDeferredTokenProvider(async () => {
    await tokensAfter;
    return loadTokens(saveCredentials);
  });
  const discoveryUrl = config.discoveryUrl;
  const services = once(async () => (await import("./dataverse-services")).createPaneServices({ tokens, ...(input.send === undefined ? {} : { send: input.send }) }));
  const session = createOrgTrackSession({
    settingsStore: host.settingsStore,
    mailbox: host.mailbox,
    tokens,
    serviceFor: (org) => lazyOrgService(async () => (await services()).serviceFor(org)),
    discovery: () => {
      if (discoveryUrl === undefined) {
        throw new AppError("invalidInput", "This add-in is configured without Global Discovery.", { messageKey: "config.noDiscovery" });
      }
      return lazyDiscoveryService(async () => (await services()).discovery(discoveryUrl));
    },
    ...(discoveryUrl === undefined ? {} : { discoveryResource: discoveryUrl }),
    confirmQueuedUntrack: (plan) => confirmations.ask(plan),
  });

  session.subscribe((snapshot) => {
    if (!snapshot.loaded || snapshot.preferences.saveCredentials === saveCredentials) return;
    saveCredentials = snapshot.preferences.saveCredentials;
    tokens.reset();
  });

  return { session, tokens, confirmations, options: { discoveryAvailable: discoveryUrl !== undefined, offeredOrgUrls: config.orgUrls } };
}
