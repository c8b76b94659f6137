import type { AppConfig } from "../../../src/config/app-config";
import type { HttpRequest, HttpResponse, TokenProvider } from "../../../src/core/ports";
import { composeTaskpane } from "../../../src/taskpane/compose";
import { CONTOSO, createPane } from "./support/pane";

const CONFIG: AppConfig = {
  clientId: "8f3b6d2a-71c4-4f0e-9b5a-2c6e1d4f7a90",
  authority: "https://login.microsoftonline.com/organizations",
  orgUrls: ["https://contoso.crm4.dynamics.com"],
  redirectUri: "https://localhost:3000/auth-redirect.html",
  signInDialogUrl: "https://localhost:3000/sign-in-dialog.html",
};

/** An org that answers WhoAmI and nothing else, recording the bearer tokens it was sent. */
function whoAmIOrg() {
  const bearers: string[] = [];
  const send = async (request: HttpRequest): Promise<HttpResponse> => {
    bearers.push(request.headers["Authorization"] ?? request.headers["authorization"] ?? "");
    if (request.url.includes("WhoAmI")) {
      const body = JSON.stringify({ UserId: "11111111-1111-1111-1111-111111111111", BusinessUnitId: "b", OrganizationId: "o" });
      return { status: 200, headers: { "content-type": "application/json" }, body };
    }
    return { status: 404, headers: { "content-type": "application/json" }, body: JSON.stringify({ error: { code: "0x80040217", message: "Not found" } }) };
  };
  return { send, bearers };
}

function tokensNamed(name: string): TokenProvider {
  return { getToken: async () => name, signOut: async () => undefined };
}

describe("composing the task pane", () => {
  test("MSAL is loaded only after the org list was painted, with the stored 'Save my credentials' choice", async () => {
    const { host } = createPane({ orgs: [CONTOSO], saveCredentials: true });
    const org = whoAmIOrg();
    const loadTokens = jest.fn(async (saveCredentials: boolean) => tokensNamed(saveCredentials ? "saved" : "session"));
    let painted = () => undefined as void;
    const tokensAfter = new Promise<void>((resolve) => (painted = resolve));
    const parts = composeTaskpane({ host, config: { ...CONFIG, discoveryUrl: "https://globaldisco.crm.dynamics.com" }, loadTokens, send: org.send, tokensAfter });

    const started = parts.session.start();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(parts.session.snapshot().loaded).toBe(true);
    expect(parts.session.snapshot().orgs[0]?.status).toBe("connecting");
    expect(loadTokens).not.toHaveBeenCalled();
    expect(org.bearers).toHaveLength(0);

    painted();
    await started;
    expect(loadTokens).toHaveBeenCalledWith(true);
    expect(parts.session.snapshot().orgs[0]?.status).toBe("connected");
    expect(org.bearers).toEqual(["Bearer saved"]);
    expect(parts.options).toEqual({ discoveryAvailable: true, offeredOrgUrls: ["https://contoso.crm4.dynamics.com"] });
  });

  test("changing 'Save my credentials on this device' starts a new token provider over the other cache", async () => {
    const { host } = createPane({ orgs: [CONTOSO], saveCredentials: false });
    const org = whoAmIOrg();
    const loadTokens = jest.fn(async (saveCredentials: boolean) => tokensNamed(saveCredentials ? "saved" : "session"));
    const parts = composeTaskpane({ host, config: CONFIG, loadTokens, send: org.send });
    await parts.session.start();
    expect(loadTokens.mock.calls).toEqual([[false]]);

    await parts.session.setPreferences({ saveCredentials: true });
    await parts.session.connect(CONTOSO.key);
    expect(loadTokens.mock.calls).toEqual([[false], [true]]);
    expect(org.bearers.at(-1)).toBe("Bearer saved");
  });

  test("without Global Discovery configured, the online list is off and asking for it says so", async () => {
    const { host } = createPane();
    const parts = composeTaskpane({ host, config: CONFIG, loadTokens: async () => tokensNamed("t"), send: whoAmIOrg().send });
    expect(parts.options.discoveryAvailable).toBe(false);
    await expect(parts.session.listDiscoverable()).rejects.toMatchObject({ kind: "invalidInput", messageKey: "config.noDiscovery" });
  });
});
