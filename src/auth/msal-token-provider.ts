import type { AccountInfo, PopupRequest, SilentRequest } from "@azure/msal-browser";
import { AppError } from "../core/errors";
import type { TokenProvider, TokenRequestOptions } from "../core/ports";
import type { AuthConfig } from "./msal-config";
import { isInteractionRequired, isPopupBlocked, mapMsalError, needsSignIn } from "./map-msal-error";
import { normalizeResource, scopeFor, scopesBelongTo } from "./resource-scope";
import { createSignedOutResources, memoryFlagStorage, type FlagStorage } from "./signed-out-resources";

/** What the provider reads of an MSAL token response. */
export interface TokenResultLike {
  accessToken: string;
  account: AccountInfo | null;
  scopes: string[];
}

/** The part of MSAL's `IPublicClientApplication` the provider uses (so tests can fake it; the real client fits). */
export interface PcaLike {
  getActiveAccount(): AccountInfo | null;
  getAllAccounts(): AccountInfo[];
  setActiveAccount(account: AccountInfo | null): void;
  acquireTokenSilent(request: SilentRequest): Promise<TokenResultLike>;
  acquireTokenPopup(request: PopupRequest): Promise<TokenResultLike>;
}

/** What the provider needs besides the configuration. */
export interface MsalTokenProviderDeps {
  pca: PcaLike;
  /**
   * Where sign-outs of single orgs are remembered: the storage of MSAL's cache (localStorage when
   * "Save my credentials on this device" is on, else sessionStorage). Default: memory.
   */
  flagStorage?: FlagStorage;
  /** The mailbox user's address, offered to the sign-in page when no account is known yet (never logged). */
  loginHint?: () => string | undefined;
  /**
   * The interactive sign-in to use when the popup cannot open (blocked in some Outlook webviews):
   * the Office dialog flow, wired by the composition root. Its result must already be in MSAL's cache.
   */
  interactiveFallback?: (request: PopupRequest) => Promise<TokenResultLike>;
}

/** A TokenProvider backed by MSAL, which can also say whether a person signed out of one resource. */
export interface MsalTokenProvider extends TokenProvider {
  /** Returns true when the person signed out of this resource and has not signed in to it again. */
  isSignedOut(resource: string): boolean;
}

/**
 * Returns the TokenProvider over MSAL: one token per resource (scope `<resource>/.default`), silent
 * first with the active account; a prompt only when the caller allows it (`interactive`) and MSAL
 * says interaction is required, one prompt at a time; `forceRefresh` skips the cached access
 * token. `signOut(resource)` stops tokens for that resource only (see signed-out-resources.ts).
 * `getToken` throws AppError: `auth` (`auth.needsSignIn`) when a sign-in is needed and not
 * allowed, `cancelled` when the person closes the sign-in window, `offline`, `timeout`,
 * `invalidInput` (`auth.badResource`), `auth` (`auth.wrongAudience`) for a token of another resource.
 */
export function createMsalTokenProvider(config: AuthConfig, deps: MsalTokenProviderDeps): MsalTokenProvider {
  const { pca } = deps;
  const signedOut = createSignedOutResources(deps.flagStorage ?? memoryFlagStorage(), config.clientId);
  const inFlight = new Map<string, Promise<string>>();
  let promptTurn: Promise<unknown> = Promise.resolve();

  const account = (): AccountInfo | undefined => pca.getActiveAccount() ?? pca.getAllAccounts()[0] ?? undefined;

  const accept = (result: TokenResultLike, resource: string): string => {
    if (!scopesBelongTo(result.scopes, resource)) {
      throw new AppError("auth", "The sign-in service returned a token for another resource.", { messageKey: "auth.wrongAudience", values: { resource } });
    }
    if (result.account !== null && pca.getActiveAccount() === null) pca.setActiveAccount(result.account);
    return result.accessToken;
  };

  const silent = async (resource: string, forceRefresh: boolean, used: AccountInfo | undefined): Promise<string> => {
    const request: SilentRequest = { scopes: [scopeFor(resource)], forceRefresh, ...(used === undefined ? {} : { account: used }) };
    const result = await pca.acquireTokenSilent(request);
    // A sign-out while the request was under way wins over its answer.
    if (signedOut.has(resource)) throw needsSignIn(resource);
    return accept(result, resource);
  };

  const prompt = (resource: string, forceRefresh: boolean, triedWith: AccountInfo | undefined): Promise<string> => {
    const run = async (): Promise<string> => {
      const current = account();
      // Another prompt may have signed the person in meanwhile: its refresh token serves every resource.
      if (!signedOut.has(resource) && current !== undefined && current.homeAccountId !== triedWith?.homeAccountId) {
        try {
          return await silent(resource, forceRefresh, current);
        } catch (error) {
          if (!isInteractionRequired(error)) throw mapMsalError(error, resource);
        }
      }
      const hint = current?.username ?? deps.loginHint?.();
      const request: PopupRequest = {
        scopes: [scopeFor(resource)],
        ...(hint === undefined || hint === "" ? {} : { loginHint: hint }),
        ...(signedOut.has(resource) ? { prompt: "login" } : {}),
      };
      let result: TokenResultLike;
      try {
        result = await pca.acquireTokenPopup(request);
      } catch (error) {
        if (!(isPopupBlocked(error) && deps.interactiveFallback !== undefined)) throw mapMsalError(error, resource);
        try {
          result = await deps.interactiveFallback(request);
        } catch (fallbackError) {
          throw mapMsalError(fallbackError, resource);
        }
      }
      const token = accept(result, resource);
      if (result.account !== null) pca.setActiveAccount(result.account);
      signedOut.delete(resource);
      return token;
    };
    const next = promptTurn.then(run, run);
    promptTurn = next.catch(() => undefined);
    return next;
  };

  const acquire = async (resource: string, options: TokenRequestOptions): Promise<string> => {
    const interactive = options.interactive === true;
    const forceRefresh = options.forceRefresh === true;
    if (signedOut.has(resource)) {
      if (!interactive) throw needsSignIn(resource);
      return prompt(resource, forceRefresh, undefined);
    }
    const used = account();
    try {
      return await silent(resource, forceRefresh, used);
    } catch (error) {
      if (!interactive || !isInteractionRequired(error)) throw mapMsalError(error, resource);
    }
    return prompt(resource, forceRefresh, used);
  };

  return {
    getToken(resource, options = {}) {
      let normalized: string;
      try {
        normalized = normalizeResource(resource);
      } catch (error) {
        return Promise.reject(error);
      }
      const key = `${normalized.toLowerCase()}|${options.interactive === true}|${options.forceRefresh === true}`;
      const pending = inFlight.get(key);
      if (pending !== undefined) return pending;
      const started = acquire(normalized, options).finally(() => inFlight.delete(key));
      inFlight.set(key, started);
      return started;
    },

    async signOut(resource) {
      signedOut.add(normalizeResource(resource));
    },

    isSignedOut(resource) {
      return signedOut.has(normalizeResource(resource));
    },
  };
}
