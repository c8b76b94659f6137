import { createCommandText } from "../../../src/commands/messages";
import { runCommand } from "../../../src/commands/run-command";
import { createCommandRuntime, lazyTokens } from "../../../src/commands/runtime";
import { trackSelection } from "../../../src/commands/track-command";
import type { AppConfig } from "../../../src/config/app-config";
import { AppError } from "../../../src/core/errors";
import { parseOrgUrl } from "../../../src/core/orgs/org-url";
import { OrgRegistry } from "../../../src/core/orgs/registry";
import type { HttpRequest } from "../../../src/core/ports";
import { SettingsRepository } from "../../../src/core/settings/repository";
import { showItemNotification } from "../../../src/office/notifications";
import { createRoamingSettingsStore } from "../../../src/office/roaming-settings-store";
import { installOfficeFake, type OfficeFake } from "../../../src/simulator/host/office-fake";
import { FakeTokens } from "../core/session/fixture";
import { countingEvent, received } from "./commands-fixture";

const CONFIG: AppConfig = {
  clientId: "8f3b6d2a-71c4-4f0e-9b5a-2c6e1d4f7a90",
  authority: "https://login.microsoftonline.com/organizations",
  orgUrls: [],
  redirectUri: "https://localhost:3000/auth-redirect.html",
  signInDialogUrl: "https://localhost:3000/sign-in-dialog.html",
};

describe("the commands' composition root", () => {
  let fake: OfficeFake;
  beforeEach(() => {
    fake = installOfficeFake({ messages: [received("m1")], openItemId: "m1" });
  });
  afterEach(() => fake.uninstall());

  test("each command reads the settings as saved now: an org the task pane added meanwhile is used; tokens are asked for silently", async () => {
    const tokens = new FakeTokens();
    const byPreference: boolean[] = [];
    const sent: HttpRequest[] = [];
    const text = createCommandText();
    const runtime = createCommandRuntime(CONFIG, text, {
      tokens: (saveCredentials) => {
        byPreference.push(saveCredentials);
        return tokens;
      },
      send: async (request) => {
        sent.push(request);
        return { status: 401, headers: { "content-type": "application/json" }, body: '{"error":{"code":"0x80044302","message":"No token."}}' };
      },
    });
    const run = { notify: showItemNotification, describeError: (error: unknown) => text.describeError(error) };
    const press = () => runCommand(countingEvent(), (progress) => trackSelection(runtime.forCommand(), progress), run);

    expect((await press()).text).toBe("Add an organization first: open OrgTrack and choose Add organization.");

    // The task pane adds an org (same roamingSettings, another session).
    const settings = new SettingsRepository(createRoamingSettingsStore());
    await settings.load();
    await new OrgRegistry(settings).add(parseOrgUrl("https://contoso.crm4.dynamics.com"), { friendlyName: "Contoso Sales", userId: "11111111-1111-1111-1111-111111111111" });
    await settings.setPreferences({ saveCredentials: true });

    expect((await press()).text).toBe("Sign in to Contoso Sales first: open OrgTrack and choose Connect.");
    expect(sent[0]?.url).toMatch(/^https:\/\/contoso\.crm4\.dynamics\.com\/api\/data\/v9\.2\/CheckIncomingEmail/);
    expect(tokens.asked.length).toBeGreaterThan(0);
    expect(tokens.asked.every(({ options }) => options.interactive === false)).toBe(true);
    expect(byPreference).toEqual([true]);
  });
});

describe("lazyTokens", () => {
  test("builds the provider once, on first use, and again after a failed build", async () => {
    let builds = 0;
    const tokens = lazyTokens(async () => {
      builds += 1;
      if (builds === 1) throw new AppError("offline", "MSAL could not start.");
      return new FakeTokens();
    });
    expect(builds).toBe(0);
    await expect(tokens.getToken("https://contoso.crm.dynamics.com")).rejects.toMatchObject({ kind: "offline" });
    expect(await tokens.getToken("https://contoso.crm.dynamics.com")).toBe("token-for-https://contoso.crm.dynamics.com");
    await tokens.signOut("https://contoso.crm.dynamics.com");
    expect(builds).toBe(2);
  });
});
