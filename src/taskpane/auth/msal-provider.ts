import { buildMsalConfiguration, type AuthConfig } from "../../auth/msal-config";
import { createPca } from "../../auth/create-pca";
import { createDialogFallback } from "../../auth/dialog-sign-in";
import { createMsalTokenProvider } from "../../auth/msal-token-provider";
import type { FlagStorage } from "../../auth/signed-out-resources";
import type { AppConfig } from "../../config/app-config";
import type { TokenProvider } from "../../core/ports";
import type { TaskpaneHost } from "../host/types";

/**
 * This module is the task pane's MSAL chunk: it is imported dynamically after the first render,
 * so MSAL is not part of the JS the first render needs.
 */

/**
 * Returns the MSAL-backed TokenProvider of the pane: nested app auth where Outlook offers it,
 * else the standard client with popups, falling back to the Office dialog sign-in page when a
 * popup cannot open; the token cache (and per-org sign-outs) in localStorage when "Save my
 * credentials on this device" is on, else in sessionStorage. Throws AppError (`auth.*`) when MSAL
 * cannot start or the configuration is not valid.
 */
export async function createPaneTokenProvider(input: {
  config: Pick<AppConfig, "clientId" | "authority" | "knownAuthorities" | "redirectUri" | "signInDialogUrl">;
  saveCredentials: boolean;
  host: Pick<TaskpaneHost, "nestedAppAuth" | "loginHint" | "openDialog">;
}): Promise<TokenProvider> {
  const { config, host } = input;
  const auth: AuthConfig = {
    clientId: config.clientId,
    authority: config.authority,
    redirectUri: config.redirectUri,
    saveCredentials: input.saveCredentials,
    ...(config.knownAuthorities === undefined ? {} : { knownAuthorities: config.knownAuthorities }),
  };
  const { pca } = await createPca(buildMsalConfiguration(auth), host.nestedAppAuth);
  const flagStorage = webStorage(input.saveCredentials ? "localStorage" : "sessionStorage");
  const openDialog = host.openDialog;
  return createMsalTokenProvider(auth, {
    pca,
    loginHint: () => host.loginHint(),
    ...(flagStorage === undefined ? {} : { flagStorage }),
    ...(openDialog === undefined ? {} : { interactiveFallback: createDialogFallback({ pageUrl: config.signInDialogUrl, openDialog, pca }) }),
  });
}

/** The browser storage of that name, or undefined where the browser blocks it. */
function webStorage(name: "localStorage" | "sessionStorage"): FlagStorage | undefined {
  try {
    return window[name];
  } catch {
    return undefined;
  }
}
