import { AuthError, BrowserAuthError, type AuthenticationResult, type PopupRequest, type RedirectRequest } from "@azure/msal-browser";
import { createDialogFallback, dialogSignInUrl, parseDialogAuthMessage, readDialogSignInRequest, runDialogSignIn } from "../../../src/auth/dialog-sign-in";
import { createMsalTokenProvider } from "../../../src/auth/msal-token-provider";
import { openDialogForMessage } from "../../../src/office/dialog";
import { installOfficeFake, type OfficeFake } from "../../../src/simulator/host/office-fake";
import { FAKE_ACCOUNT, FakePca } from "./fake-pca";

const PAGE = "https://localhost:3000/auth-dialog.html";
const SCOPE = "https://localhost:5555/contoso/.default";

const RESULT: AuthenticationResult = {
  authority: "https://localhost:5555/organizations",
  uniqueId: "oid-1",
  tenantId: "tid-1",
  scopes: ["https://localhost:5555/contoso/user_impersonation", SCOPE],
  account: { ...FAKE_ACCOUNT, tenantProfiles: new Map() },
  idToken: "id.token.value",
  idTokenClaims: { oid: "oid-1" },
  accessToken: "access-token-from-dialog",
  fromCache: false,
  expiresOn: new Date("2030-01-01T00:00:00.000Z"),
  tokenType: "Bearer",
  correlationId: "corr",
};

/** The dialog page's side, with MSAL's redirect flow faked: first load redirects, the load after the round trip has the result. */
async function dialogPageMessage(outcome: AuthenticationResult | Error): Promise<string> {
  const sent: string[] = [];
  const pca = {
    handleRedirectPromise: async () => {
      if (outcome instanceof Error) throw outcome;
      return outcome;
    },
    acquireTokenRedirect: async (_request: RedirectRequest) => undefined,
  };
  expect(await runDialogSignIn(pca, undefined, (message) => sent.push(message))).toBe("sent");
  expect(sent).toHaveLength(1);
  return sent[0] ?? "";
}

describe("sign-in through an Office dialog", () => {
  test("the request travels in the URL fragment (no server sees the login hint) and reads back", () => {
    const url = dialogSignInUrl(PAGE, { scopes: [SCOPE], loginHint: "alex.wu@contoso.example", prompt: "login" });
    expect(new URL(url).search).toBe("");
    expect(readDialogSignInRequest(new URL(url).hash)).toEqual({ scopes: [SCOPE], loginHint: "alex.wu@contoso.example", prompt: "login" });
    expect(() => readDialogSignInRequest("#")).toThrow(expect.objectContaining({ messageKey: "auth.dialogRequest" }));
  });

  test("the dialog page starts MSAL's redirect flow when it has no result yet", async () => {
    const started: RedirectRequest[] = [];
    const pca = { handleRedirectPromise: async () => null, acquireTokenRedirect: async (request: RedirectRequest) => void started.push(request) };
    const sent: string[] = [];
    expect(await runDialogSignIn(pca, { scopes: [SCOPE], prompt: "login" }, (message) => sent.push(message))).toBe("redirecting");
    expect(started).toEqual([{ scopes: [SCOPE], prompt: "login" }]);
    expect(sent).toEqual([]);
  });

  test("the page's result round-trips through JSON and lands in the pane's MSAL cache", async () => {
    const message = await dialogPageMessage(RESULT);
    const hydrated: Array<[AuthenticationResult, unknown]> = [];
    const opened: string[] = [];
    const fallback = createDialogFallback({
      pageUrl: PAGE,
      openDialog: async (url) => {
        opened.push(url);
        return message;
      },
      pca: { hydrateCache: async (result, request) => void hydrated.push([result, request]) },
    });
    const request: PopupRequest = { scopes: [SCOPE], loginHint: "alex.wu@contoso.example" };
    const result = await fallback(request);
    expect(result.accessToken).toBe("access-token-from-dialog");
    expect(opened).toEqual([dialogSignInUrl(PAGE, { scopes: [SCOPE], loginHint: "alex.wu@contoso.example" })]);
    expect(hydrated).toHaveLength(1);
    expect(hydrated[0]?.[0].expiresOn).toEqual(new Date("2030-01-01T00:00:00.000Z"));
    expect(hydrated[0]?.[1]).toBe(request);
  });

  test("a failure on the page comes back as MSAL's error code", async () => {
    const message = await dialogPageMessage(new BrowserAuthError("user_cancelled", "c"));
    const fallback = createDialogFallback({ pageUrl: PAGE, openDialog: async () => message, pca: { hydrateCache: async () => undefined } });
    const failure = fallback({ scopes: [SCOPE] });
    await expect(failure).rejects.toBeInstanceOf(AuthError);
    await expect(failure).rejects.toMatchObject({ errorCode: "user_cancelled" });
  });

  test.each([
    ["not JSON", "hello"],
    ["another type", '{"type":"other","version":1,"outcome":"failed","errorCode":"x"}'],
    ["no token", JSON.stringify({ type: "orgtrack.auth", version: 1, outcome: "signedIn", result: { idToken: "x", scopes: [], expiresOn: null, account: { homeAccountId: "h", username: "u" } } })],
    ["a bad date", JSON.stringify({ type: "orgtrack.auth", version: 1, outcome: "signedIn", result: { accessToken: "t", idToken: "x", scopes: [], expiresOn: "soon", account: { homeAccountId: "h", username: "u" } } })],
  ])("a message of the wrong shape (%s) is refused", (_case, text) => {
    expect(() => parseDialogAuthMessage(text)).toThrow(expect.objectContaining({ kind: "auth", messageKey: "auth.dialogMessage" }));
  });

  describe("wired into the provider with the Office dialog", () => {
    let fake: OfficeFake;
    beforeEach(() => {
      fake = installOfficeFake();
    });
    afterEach(() => fake.uninstall());

    /** Waits until the fake has opened a dialog. */
    async function opened(): Promise<OfficeFake["dialogs"][number]> {
      for (let attempt = 0; attempt < 50 && fake.dialogs.length === 0; attempt += 1) await new Promise((resolve) => setTimeout(resolve, 0));
      const dialog = fake.dialogs[0];
      if (dialog === undefined) throw new Error("no dialog was opened");
      return dialog;
    }

    const setup = () => {
      const pca = new FakePca(false);
      pca.popupOutcomes.push("blocked");
      const fallback = createDialogFallback({
        pageUrl: PAGE,
        openDialog: (url) => openDialogForMessage({ url, expectedOrigin: "https://localhost:3000" }),
        pca: { hydrateCache: async () => undefined },
      });
      return createMsalTokenProvider(
        { clientId: "c", authority: "https://localhost:5555/organizations", redirectUri: "https://localhost:3000/auth-redirect.html", saveCredentials: false },
        { pca, interactiveFallback: fallback },
      );
    };

    test("popup blocked → Office dialog → token; a forged message from another origin is ignored", async () => {
      const provider = setup();
      const token = provider.getToken("https://localhost:5555/contoso", { interactive: true });
      const dialog = await opened();
      const genuine = await dialogPageMessage(RESULT);
      dialog.sendMessage(genuine.replace("access-token-from-dialog", "forged"), "https://evil.example");
      dialog.sendMessage(genuine, "https://localhost:3000");
      await expect(token).resolves.toBe("access-token-from-dialog");
    });

    test("closing the dialog is AppError cancelled", async () => {
      const provider = setup();
      const token = provider.getToken("https://localhost:5555/contoso", { interactive: true });
      (await opened()).closeByUser();
      await expect(token).rejects.toMatchObject({ kind: "cancelled" });
    });
  });
});
