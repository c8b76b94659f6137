import { AuthError, BrowserAuthError, ClientAuthError, ClientConfigurationError, InteractionRequiredAuthError, ServerError } from "@azure/msal-browser";
import { AppError } from "../../../src/core/errors";
import { isInteractionRequired, mapMsalError } from "../../../src/auth/map-msal-error";

const RESOURCE = "https://contoso.crm.dynamics.com";

describe("MSAL errors → AppError", () => {
  test.each([
    ["InteractionRequiredAuthError", () => new InteractionRequiredAuthError("interaction_required", "c"), "auth", "auth.needsSignIn"],
    ["no_account_error", () => new BrowserAuthError("no_account_error", "c"), "auth", "auth.needsSignIn"],
    ["user_cancelled", () => new BrowserAuthError("user_cancelled", "c"), "cancelled", "auth.cancelled"],
    ["popup_window_error", () => new BrowserAuthError("popup_window_error", "c"), "auth", "auth.popupBlocked"],
    ["empty_window_error", () => new BrowserAuthError("empty_window_error", "c"), "auth", "auth.popupBlocked"],
    ["interaction_in_progress", () => new BrowserAuthError("interaction_in_progress", "c"), "auth", "auth.interactionInProgress"],
    ["no_network_connectivity", () => new BrowserAuthError("no_network_connectivity", "c"), "offline", "auth.offline"],
    ["endpoints_resolution_error", () => new ClientAuthError("endpoints_resolution_error", "c"), "offline", "auth.offline"],
    ["timed_out", () => new BrowserAuthError("timed_out", "c"), "timeout", "auth.timeout"],
    ["untrusted_authority", () => new ClientConfigurationError("untrusted_authority", "c"), "invalidInput", "auth.badConfiguration"],
    ["invalid_scope (server)", () => new ServerError("invalid_scope", "c", "AADSTS500011: resource not found"), "auth", "auth.refused"],
    ["something else", () => new AuthError("unexpected_error", "c"), "auth", "auth.failed"],
    ["not an MSAL error", () => new TypeError("x is undefined"), "auth", "auth.failed"],
  ])("%s → %s / %s", (_name, make, kind, messageKey) => {
    const error = mapMsalError(make(), RESOURCE);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ kind, messageKey });
  });

  test("keeps MSAL's code, keeps MSAL's text out of the message (it can name the account)", () => {
    const error = mapMsalError(new ServerError("invalid_grant", "c", "AADSTS50020: User account 'alex.wu@contoso.example' from identity provider…"), RESOURCE);
    expect(error.code).toBe("invalid_grant");
    expect(error.message).not.toContain("alex.wu");
    expect(error.cause).toBeInstanceOf(ServerError);
  });

  test("an AppError passes through unchanged", () => {
    const original = new AppError("offline", "x");
    expect(mapMsalError(original, RESOURCE)).toBe(original);
  });

  test("only MSAL's interaction-required errors count as interaction required", () => {
    expect(isInteractionRequired(new InteractionRequiredAuthError("login_required", "c"))).toBe(true);
    expect(isInteractionRequired(new BrowserAuthError("timed_out", "c"))).toBe(false);
    expect(isInteractionRequired(new Error("interaction_required"))).toBe(false);
  });
});
