import { buildMsalConfiguration, type AuthConfig } from "../auth/msal-config";
import { createPca } from "../auth/create-pca";
import { createMsalTokenProvider } from "../auth/msal-token-provider";
import type { FlagStorage } from "../auth/signed-out-resources";
import type { AppConfig } from "../config/app-config";
import { AppError } from "../core/errors";
import type { HttpSend, TokenProvider } from "../core/ports";
import { createOrgTrackSession } from "../core/session";
import { createDiscoveryService, createFetchHttpSend, createOrgService } from "../dataverse";
import { createOfficeMailboxPort } from "../office/mailbox-port";
import { isSupported } from "../office/requirements";
import { createRoamingSettingsStore } from "../office/roaming-settings-store";
import type { CommandText } from "./messages";
import type { UntrackDeps } from "./untrack-command";

/** What tests put in place of the network: the HTTP transport and MSAL (by "Save my credentials on this device"). */
export interface CommandRuntimeSeams {
  send?: HttpSend;
  tokens?: (saveCredentials: boolean) => TokenProvider;
}

/** The commands' composition: what each command works with. */
export interface CommandRuntime {
  /**
   * Returns the dependencies of one command: a new session over the settings as saved now (the
   * task pane may have added an org or signed in since the last command), the mailbox, and the
   * shared MSAL client. Never throws.
   */
  forCommand(): UntrackDeps;
}

/**
 * Returns the ribbon commands' composition root over Office.js: sessions on roamingSettings and the
 * Outlook mailbox, Web API services over fetch, and MSAL created on the first token request, with
 * the cache the saved "Save my credentials on this device" picks (localStorage or sessionStorage,
 * the same cache the task pane uses). Tokens are only ever asked for silently here: a ribbon button
 * cannot show a sign-in, so a needed sign-in becomes guidance to connect in the task pane. Never
 * throws (MSAL's start-up errors surface on the first token request).
 */
export function createCommandRuntime(config: AppConfig, text: CommandText, seams: CommandRuntimeSeams = {}): CommandRuntime {
  const send = seams.send ?? createFetchHttpSend();
  const mailbox = createOfficeMailboxPort();
  const providers = new Map<boolean, TokenProvider>();
  const msal = (saveCredentials: boolean): TokenProvider => {
    let provider = providers.get(saveCredentials);
    if (provider === undefined) {
      provider = seams.tokens?.(saveCredentials) ?? lazyTokens(async () => {
        const auth: AuthConfig = {
          clientId: config.clientId,
          authority: config.authority,
          redirectUri: config.redirectUri,
          saveCredentials,
          ...(config.knownAuthorities === undefined ? {} : { knownAuthorities: config.knownAuthorities }),
        };
        const { pca } = await createPca(buildMsalConfiguration(auth), isSupported("nestedAppAuth"));
        return createMsalTokenProvider(auth, { pca, flagStorage: browserStorage(saveCredentials) });
      });
      providers.set(saveCredentials, provider);
    }
    return provider;
  };

  return {
    forCommand() {
      // The session's saved preference, read when a token is needed (the settings are loaded by then).
      const saveCredentials = (): boolean => session.snapshot().preferences.saveCredentials;
      const tokens: TokenProvider = {
        getToken: (resource, options) => msal(saveCredentials()).getToken(resource, { ...options, interactive: false }),
        signOut: (resource) => msal(saveCredentials()).signOut(resource),
      };
      const session = createOrgTrackSession({
        settingsStore: createRoamingSettingsStore(),
        mailbox,
        tokens,
        serviceFor: (org) => createOrgService(org, { send, tokens }),
        discovery: () => {
          if (config.discoveryUrl === undefined) throw new AppError("invalidInput", "This add-in is configured without Global Discovery.", { messageKey: "config.noDiscovery" });
          return createDiscoveryService({ discoveryUrl: config.discoveryUrl, send, tokens });
        },
        ...(config.discoveryUrl === undefined ? {} : { discoveryResource: config.discoveryUrl }),
      });
      return { session, mailbox, text };
    },
  };
}

/** Returns a TokenProvider that builds the real one on first use (again after a failed build); throws what the build or the real one throws. */
export function lazyTokens(build: () => Promise<TokenProvider>): TokenProvider {
  let provider: Promise<TokenProvider> | undefined;
  const get = (): Promise<TokenProvider> => {
    provider ??= build().catch((error: unknown) => {
      provider = undefined;
      throw error;
    });
    return provider;
  };
  return {
    getToken: async (resource, options) => (await get()).getToken(resource, options),
    signOut: async (resource) => (await get()).signOut(resource),
  };
}

/** The storage of MSAL's cache, where sign-outs of single orgs are kept too (a blocked storage: memory). */
function browserStorage(saveCredentials: boolean): FlagStorage | undefined {
  try {
    return saveCredentials ? globalThis.localStorage : globalThis.sessionStorage;
  } catch {
    return undefined;
  }
}
