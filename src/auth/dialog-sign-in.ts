import { AuthError, type AuthenticationResult, type IPublicClientApplication, type PopupRequest, type RedirectRequest } from "@azure/msal-browser";
import { AppError } from "../core/errors";
import type { TokenResultLike } from "./msal-token-provider";

/**
 * Sign-in through an Office dialog, for Outlook clients whose task pane cannot open a popup (no
 * nested app auth, popup blocked). The pane opens the dialog page (same origin) with the request
 * in the URL fragment; the page runs MSAL's redirect flow and sends the result back with
 * `messageParent` as one typed message; the pane checks the message's origin (src/office
 * dialog.ts), checks its shape here, and puts the result in its own MSAL cache (`hydrateCache`),
 * so later silent calls work as after a popup.
 */

/** The one message the dialog page sends to the task pane. */
export type DialogAuthMessage =
  | { type: "orgtrack.auth"; version: 1; outcome: "signedIn"; result: WireAuthResult }
  | { type: "orgtrack.auth"; version: 1; outcome: "failed"; errorCode: string };

/** An AuthenticationResult as JSON carries it (dates as ISO strings, no Map). */
export interface WireAuthResult {
  authority: string;
  uniqueId: string;
  tenantId: string;
  scopes: string[];
  account: Omit<AuthenticationResult["account"], "tenantProfiles">;
  idToken: string;
  idTokenClaims: object;
  accessToken: string;
  fromCache: boolean;
  expiresOn: string | null;
  extExpiresOn?: string;
  tokenType: string;
  correlationId: string;
}

/** What the dialog page is asked to do, carried in its URL fragment (never sent to a server). */
export interface DialogSignInRequest {
  scopes: string[];
  loginHint?: string;
  prompt?: string;
}

/** Returns the dialog page's address for a request: the request goes in the fragment, so no server log sees the login hint. */
export function dialogSignInUrl(pageUrl: string, request: DialogSignInRequest): string {
  const fragment = new URLSearchParams({ scope: request.scopes.join(" ") });
  if (request.loginHint !== undefined) fragment.set("login_hint", request.loginHint);
  if (request.prompt !== undefined) fragment.set("prompt", request.prompt);
  return `${pageUrl.split("#")[0]}#${fragment.toString()}`;
}

/** Returns the request a dialog page's fragment carries; throws AppError `invalidInput` (`auth.dialogRequest`) when it names no scope. */
export function readDialogSignInRequest(fragment: string): DialogSignInRequest {
  const params = new URLSearchParams(fragment.replace(/^#/, ""));
  const scopes = (params.get("scope") ?? "").split(" ").filter((scope) => scope !== "");
  if (scopes.length === 0) throw new AppError("invalidInput", "The sign-in dialog was opened without a request.", { messageKey: "auth.dialogRequest" });
  const loginHint = params.get("login_hint");
  const prompt = params.get("prompt");
  return { scopes, ...(loginHint === null ? {} : { loginHint }), ...(prompt === null ? {} : { prompt }) };
}

/**
 * Runs on the dialog page: returns "sent" once the outcome of a completed redirect sign-in went to
 * the pane through `send`, or "redirecting" when it started the redirect sign-in (the page comes
 * back through the redirect bridge). Never throws: a failure is sent as a `failed` message.
 */
export async function runDialogSignIn(
  pca: Pick<IPublicClientApplication, "handleRedirectPromise" | "acquireTokenRedirect">,
  request: DialogSignInRequest | undefined,
  send: (message: string) => void,
): Promise<"sent" | "redirecting"> {
  try {
    const result = await pca.handleRedirectPromise();
    if (result !== null) {
      send(JSON.stringify({ type: "orgtrack.auth", version: 1, outcome: "signedIn", result: toWire(result) } satisfies DialogAuthMessage));
      return "sent";
    }
    if (request === undefined) throw new AuthError("dialog_request_missing", "");
    const redirect: RedirectRequest = { scopes: request.scopes, ...(request.loginHint === undefined ? {} : { loginHint: request.loginHint }), ...(request.prompt === undefined ? {} : { prompt: request.prompt }) };
    await pca.acquireTokenRedirect(redirect);
    return "redirecting";
  } catch (error) {
    const errorCode = error instanceof AuthError && error.errorCode !== "" ? error.errorCode : "dialog_failed";
    send(JSON.stringify({ type: "orgtrack.auth", version: 1, outcome: "failed", errorCode } satisfies DialogAuthMessage));
    return "sent";
  }
}

/**
 * Returns the `interactiveFallback` of the token provider: opens the dialog page (through
 * `openDialog`, which checks the origin), reads its message, puts the result in the pane's MSAL
 * cache and returns it. Throws AppError `auth` (`auth.dialogMessage`) for a message of the wrong
 * shape, MSAL's AuthError for a failure the page reports (the provider maps it), and whatever
 * `openDialog` throws (AppError `cancelled` when the person closes the dialog).
 */
export function createDialogFallback(deps: {
  pageUrl: string;
  openDialog: (url: string) => Promise<string>;
  pca: Pick<IPublicClientApplication, "hydrateCache">;
}): (request: PopupRequest) => Promise<TokenResultLike> {
  return async (request) => {
    const url = dialogSignInUrl(deps.pageUrl, {
      scopes: request.scopes,
      ...(request.loginHint === undefined ? {} : { loginHint: request.loginHint }),
      ...(request.prompt === undefined ? {} : { prompt: request.prompt }),
    });
    const message = parseDialogAuthMessage(await deps.openDialog(url));
    if (message.outcome === "failed") throw new AuthError(message.errorCode, "");
    const result = fromWire(message.result);
    await deps.pca.hydrateCache(result, request);
    return result;
  };
}

/** Returns the message a dialog sent; throws AppError `auth` (`auth.dialogMessage`) when it is not one of ours. */
export function parseDialogAuthMessage(text: string): DialogAuthMessage {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw badMessage();
  }
  if (!isObject(parsed) || parsed.type !== "orgtrack.auth" || parsed.version !== 1) throw badMessage();
  if (parsed.outcome === "failed" && typeof parsed.errorCode === "string" && parsed.errorCode !== "") return parsed as DialogAuthMessage;
  if (parsed.outcome !== "signedIn" || !isObject(parsed.result)) throw badMessage();
  const result = parsed.result;
  const account = result.account;
  const valid =
    typeof result.accessToken === "string" &&
    result.accessToken !== "" &&
    typeof result.idToken === "string" &&
    Array.isArray(result.scopes) &&
    result.scopes.every((scope) => typeof scope === "string") &&
    (result.expiresOn === null || (typeof result.expiresOn === "string" && !Number.isNaN(Date.parse(result.expiresOn)))) &&
    isObject(account) &&
    typeof account.homeAccountId === "string" &&
    typeof account.username === "string";
  if (!valid) throw badMessage();
  return parsed as DialogAuthMessage;
}

function toWire(result: AuthenticationResult): WireAuthResult {
  const { tenantProfiles: _tenantProfiles, ...account } = result.account;
  return {
    authority: result.authority,
    uniqueId: result.uniqueId,
    tenantId: result.tenantId,
    scopes: result.scopes,
    account,
    idToken: result.idToken,
    idTokenClaims: result.idTokenClaims,
    accessToken: result.accessToken,
    fromCache: result.fromCache,
    expiresOn: result.expiresOn === null ? null : result.expiresOn.toISOString(),
    ...(result.extExpiresOn === undefined ? {} : { extExpiresOn: result.extExpiresOn.toISOString() }),
    tokenType: result.tokenType,
    correlationId: result.correlationId,
  };
}

function fromWire(wire: WireAuthResult): AuthenticationResult {
  return {
    ...wire,
    expiresOn: wire.expiresOn === null ? null : new Date(wire.expiresOn),
    ...(wire.extExpiresOn === undefined ? {} : { extExpiresOn: new Date(wire.extExpiresOn) }),
  } as AuthenticationResult;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function badMessage(): AppError {
  return new AppError("auth", "The sign-in dialog sent a message OrgTrack does not understand.", { messageKey: "auth.dialogMessage" });
}
