import type { AuthenticationResult } from "@azure/msal-browser";
import { parseDialogAuthMessage } from "../../../src/auth/dialog-sign-in";
import type { AppConfig } from "../../../src/config/app-config";
import { AppError } from "../../../src/core/errors";
import { startSignInDialog, waitForOfficeHost, type SignInDialogDeps } from "../../../src/pages/sign-in-dialog";

const CONFIG: AppConfig = {
  clientId: "8f3b6d2a-71c4-4f0e-9b5a-2c6e1d4f7a90",
  authority: "https://localhost:5555/organizations",
  knownAuthorities: ["localhost:5555"],
  discoveryUrl: "https://localhost:5555/discovery",
  orgUrls: [],
  redirectUri: "https://localhost:3000/auth-redirect.html",
  signInDialogUrl: "https://localhost:3000/sign-in-dialog.html",
};

const RESULT = {
  authority: "https://localhost:5555/organizations/",
  uniqueId: "oid-1",
  tenantId: "tid-1",
  scopes: ["https://localhost:5555/contoso/.default"],
  account: { homeAccountId: "oid-1.tid-1", environment: "localhost:5555", tenantId: "tid-1", username: "alex.wu@contoso.example", localAccountId: "oid-1" },
  idToken: "id-token",
  idTokenClaims: {},
  accessToken: "access-token",
  fromCache: false,
  expiresOn: new Date("2030-01-01T00:00:00Z"),
  tokenType: "Bearer",
  correlationId: "c-1",
} as unknown as AuthenticationResult;

function harness(overrides: Partial<SignInDialogDeps> & { result?: AuthenticationResult | null } = {}) {
  const sent: string[] = [];
  const statuses: string[] = [];
  const redirects: unknown[] = [];
  const order: string[] = [];
  const deps: SignInDialogDeps = {
    loadConfig: async () => CONFIG,
    createClient: async (config) => {
      order.push(`client:${config.redirectUri}`);
      return {
        handleRedirectPromise: async () => overrides.result ?? null,
        acquireTokenRedirect: async (request) => {
          redirects.push(request);
        },
      };
    },
    officeReady: async () => {
      order.push("office");
    },
    send: (message) => sent.push(message),
    fragment: "#scope=https%3A%2F%2Flocalhost%3A5555%2Fcontoso%2F.default&login_hint=alex.wu%40contoso.example",
    showStatus: (text) => statuses.push(text),
    ...overrides,
  };
  return { deps, sent, statuses, redirects, order };
}

describe("sign-in dialog page", () => {
  test("opened with a request, it waits for Office, then starts the redirect sign-in through the bridge", async () => {
    const h = harness();
    await expect(startSignInDialog(h.deps)).resolves.toBe("redirecting");
    expect(h.order).toEqual(["office", "client:https://localhost:3000/auth-redirect.html"]);
    expect(h.redirects).toEqual([{ scopes: ["https://localhost:5555/contoso/.default"], loginHint: "alex.wu@contoso.example" }]);
    expect(h.sent).toEqual([]);
  });

  test("back from the sign-in page, it sends the result to the pane once, in the pane's message format", async () => {
    const h = harness({ result: RESULT, fragment: "" });
    await expect(startSignInDialog(h.deps)).resolves.toBe("sent");
    expect(h.sent).toHaveLength(1);
    const message = parseDialogAuthMessage(h.sent[0] ?? "");
    expect(message).toMatchObject({ outcome: "signedIn", result: { accessToken: "access-token", expiresOn: "2030-01-01T00:00:00.000Z" } });
    expect(h.statuses).toEqual(["Signed in. This window closes by itself."]);
  });

  test("opened without a request and with nothing to finish, it tells the pane it failed", async () => {
    const h = harness({ fragment: "" });
    await expect(startSignInDialog(h.deps)).resolves.toBe("sent");
    expect(parseDialogAuthMessage(h.sent[0] ?? "")).toEqual({ type: "orgtrack.auth", version: 1, outcome: "failed", errorCode: "dialog_request_missing" });
  });

  test("without a configuration it cannot start: it says so on the page and sends nothing", async () => {
    const h = harness({
      loadConfig: async () => {
        throw new AppError("notFound", "no config", { messageKey: "config.missing" });
      },
    });
    await expect(startSignInDialog(h.deps)).resolves.toBe("failed");
    expect(h.sent).toEqual([]);
    expect(h.statuses).toEqual(["Sign-in could not start. Close this window and try again."]);
  });

  test("waitForOfficeHost resolves once the host is up and gives up after its timeout", async () => {
    let checks = 0;
    await expect(waitForOfficeHost(1000, () => ++checks >= 3)).resolves.toBeUndefined();
    expect(checks).toBe(3);
    await expect(waitForOfficeHost(120, () => false)).rejects.toThrow("Office.js did not start.");
  });
});
