import type { IPublicClientApplication } from "@azure/msal-browser";
import { createPca } from "../auth/create-pca";
import { readDialogSignInRequest, runDialogSignIn, type DialogSignInRequest } from "../auth/dialog-sign-in";
import { buildMsalConfiguration } from "../auth/msal-config";
import { loadAppConfig, type AppConfig } from "../config/app-config";
import { sendToParent } from "../office/dialog";
import { hasOfficeHost } from "../office/office-host";

/**
 * The sign-in dialog page's entry (`sign-in-dialog.html`): the task pane opens it in an Office
 * dialog when it can neither use nested app auth nor a popup (src/auth dialog-sign-in.ts,
 * `createDialogFallback`). It runs MSAL's redirect flow in the dialog window, with the redirect
 * bridge (`auth-redirect.html`) as redirect URI, which brings the response back to this page; the
 * outcome goes to the pane as one message.
 */

/** What the page needs; injectable for tests. */
export interface SignInDialogDeps {
  loadConfig(): Promise<AppConfig>;
  createClient(config: AppConfig): Promise<Pick<IPublicClientApplication, "handleRedirectPromise" | "acquireTokenRedirect">>;
  /** Resolves when Office.js is ready to send a message to the pane. */
  officeReady(): Promise<void>;
  send(message: string): void;
  /** The page's URL fragment (the request, see dialogSignInUrl). */
  fragment: string;
  showStatus(text: string): void;
}

/**
 * Returns "sent" once the outcome went to the task pane, "redirecting" while the sign-in page is
 * being opened, "failed" when the page could not even start (no configuration, no Office host),
 * after showing why. Never throws.
 */
export async function startSignInDialog(deps: SignInDialogDeps): Promise<"sent" | "redirecting" | "failed"> {
  try {
    const [config] = await Promise.all([deps.loadConfig(), deps.officeReady()]);
    const client = await deps.createClient(config);
    let request: DialogSignInRequest | undefined;
    try {
      request = readDialogSignInRequest(deps.fragment);
    } catch {
      request = undefined; // back from the redirect: the response, not the request, is what counts now
    }
    const outcome = await runDialogSignIn(client, request, deps.send);
    if (outcome === "sent") deps.showStatus("Signed in. This window closes by itself.");
    return outcome;
  } catch {
    deps.showStatus("Sign-in could not start. Close this window and try again.");
    return "failed";
  }
}

/** Resolves when the Office host is up (polled: Office.js sets `Office.context` once initialized); rejects after `timeoutMs`. */
export function waitForOfficeHost(timeoutMs = 10_000, isReady: () => boolean = hasOfficeHost): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const check = (): void => {
      if (isReady()) resolve();
      else if (Date.now() - started >= timeoutMs) reject(new Error("Office.js did not start."));
      else setTimeout(check, 50);
    };
    check();
  });
}

if (typeof window !== "undefined" && typeof document !== "undefined") {
  void startSignInDialog({
    loadConfig: () => loadAppConfig(),
    createClient: async (config) => {
      const configuration = buildMsalConfiguration({
        clientId: config.clientId,
        authority: config.authority,
        ...(config.knownAuthorities === undefined ? {} : { knownAuthorities: config.knownAuthorities }),
        redirectUri: config.redirectUri,
        saveCredentials: false,
      });
      return (await createPca(configuration, false)).pca;
    },
    officeReady: () => waitForOfficeHost(),
    send: sendToParent,
    fragment: window.location.hash,
    showStatus: (text) => {
      const status = document.getElementById("status");
      if (status !== null) status.textContent = text;
    },
  });
}
