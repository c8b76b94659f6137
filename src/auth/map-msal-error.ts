import { AuthError, ClientConfigurationError, InteractionRequiredAuthError, ServerError } from "@azure/msal-browser";
import { AppError } from "../core/errors";

/**
 * MSAL's errors mapped to AppError in one place. The AppError message is ours: MSAL's own text
 * can name the account (AADSTS messages quote the user's address), so it stays in `cause` only.
 */

const CANCELLED = new Set(["user_cancelled", "user_canceled"]);
const POPUP_BLOCKED = new Set(["popup_window_error", "empty_window_error", "block_nested_popups"]);
const OFFLINE = new Set(["no_network_connectivity", "network_error", "post_request_failed", "get_request_failed", "endpoints_resolution_error", "openid_config_error"]);
const TIMEOUT = new Set(["timed_out", "monitor_window_timeout", "native_handshake_timeout"]);
/** Errors that mean "a person has to sign in": MSAL's own interaction-required class, and a silent call with no account to use. */
const NEEDS_SIGN_IN = new Set(["no_account_error", "no_account_in_silent_request", "no_tokens_found", "login_required", "interaction_required", "consent_required", "refresh_token_expired", "bad_token"]);

/** Returns true when MSAL says a person must sign in (only then may an interactive prompt follow). */
export function isInteractionRequired(error: unknown): boolean {
  return error instanceof InteractionRequiredAuthError || (error instanceof AuthError && NEEDS_SIGN_IN.has(error.errorCode));
}

/** Returns true when the sign-in popup could not open (blocked by the browser or the Outlook webview). */
export function isPopupBlocked(error: unknown): boolean {
  return error instanceof AuthError && POPUP_BLOCKED.has(error.errorCode);
}

/** The AppError a sign-in is needed for a resource: kind `auth`, message key `auth.needsSignIn`. */
export function needsSignIn(resource: string, cause?: unknown): AppError {
  return new AppError("auth", "You need to sign in to this organization again.", { messageKey: "auth.needsSignIn", values: { resource }, cause });
}

/**
 * Returns the AppError for anything MSAL threw: `auth` (`auth.needsSignIn`) when interaction is
 * required, `cancelled` when the person closed the sign-in window, `auth` (`auth.popupBlocked`),
 * `offline` when the identity provider cannot be reached, `timeout`, `invalidInput`
 * (`auth.badConfiguration`) for a configuration MSAL refuses, `auth` (`auth.refused`) with the
 * server's error code, else `auth` (`auth.failed`). An AppError is returned as is.
 */
export function mapMsalError(error: unknown, resource: string): AppError {
  if (error instanceof AppError) return error;
  const code = error instanceof AuthError ? error.errorCode : undefined;
  const details = { cause: error, values: { resource }, ...(code === undefined || code === "" ? {} : { code }) };
  if (isInteractionRequired(error)) return needsSignIn(resource, error);
  if (code !== undefined && CANCELLED.has(code)) return new AppError("cancelled", "Sign-in was cancelled.", { ...details, messageKey: "auth.cancelled" });
  if (code !== undefined && POPUP_BLOCKED.has(code)) return new AppError("auth", "The sign-in window could not open; allow pop-ups for the add-in.", { ...details, messageKey: "auth.popupBlocked" });
  if (code === "interaction_in_progress") return new AppError("auth", "Another sign-in is already open; finish it first.", { ...details, messageKey: "auth.interactionInProgress" });
  if (code !== undefined && OFFLINE.has(code)) return new AppError("offline", "The sign-in service cannot be reached.", { ...details, messageKey: "auth.offline" });
  if (code !== undefined && TIMEOUT.has(code)) return new AppError("timeout", "Sign-in took too long.", { ...details, messageKey: "auth.timeout" });
  if (error instanceof ClientConfigurationError) return new AppError("invalidInput", "The sign-in configuration is not valid.", { ...details, messageKey: "auth.badConfiguration" });
  if (error instanceof ServerError) return new AppError("auth", "The sign-in service refused the request.", { ...details, messageKey: "auth.refused" });
  return new AppError("auth", "Sign-in failed.", { ...details, messageKey: "auth.failed" });
}
