import { isAppError } from "../../../src/core/errors";
import { connectOfficeHost, themeOf } from "../../../src/taskpane/host/office-host";
import { installOfficeFake, type OfficeFake } from "../../support/office-fake";

const MESSAGES = [
  { itemId: "m1", internetMessageId: "<m1@mail.example>", subject: "First", from: { emailAddress: "pat@customer.example" } },
  { itemId: "m2", internetMessageId: "<m2@mail.example>", subject: "Second", from: { emailAddress: "kim@customer.example" } },
];

describe("the task pane's Outlook host (through src/office)", () => {
  let fake: OfficeFake | undefined;
  afterEach(() => {
    fake?.uninstall();
    fake = undefined;
  });

  test("connects once Office is ready: roaming settings, the open message, multi-select, the sign-in hint", async () => {
    fake = installOfficeFake({ messages: MESSAGES, openItemId: "m1", requirementSets: { Mailbox: "1.15" } });
    const host = await connectOfficeHost();
    expect(host.kind).toBe("outlook");
    expect(host.multiSelect).toBe(true);
    expect(host.nestedAppAuth).toBe(false);
    expect(host.mailbox.currentItemId()).toBe("m1");
    expect(host.loginHint()).toBe("alex.wu@contoso.example");
    expect(host.settingsStore.limitBytes).toBe(32 * 1024);
    await host.settingsStore.save('{"version":2}');
    expect(fake.savedRoamingSettings()).toEqual({ "orgtrack.settings": '{"version":2}' });
  });

  test("tells the pane when the open message changes (ItemChanged), until it unsubscribes", async () => {
    fake = installOfficeFake({ messages: MESSAGES, openItemId: "m1", requirementSets: { Mailbox: "1.8" } });
    const host = await connectOfficeHost();
    expect(host.multiSelect).toBe(false);
    const seen: (string | undefined)[] = [];
    const stop = host.onSelectionChanged(() => seen.push(host.mailbox.currentItemId()));
    await new Promise((resolve) => setTimeout(resolve, 0));
    fake.open("m2");
    await new Promise((resolve) => setTimeout(resolve, 0));
    stop();
    fake.open("m1");
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(seen).toEqual(["m2"]);
    expect(fake.count("addHandlerAsync")).toBe(1);
  });

  test("waits for Office.js to appear, and says the pane is not in Outlook when it never does", async () => {
    let waits = 0;
    const ready = connectOfficeHost({
      timeoutMs: 1000,
      pollMs: 100,
      sleep: async () => {
        waits += 1;
        if (waits === 3) fake = installOfficeFake({ messages: MESSAGES });
      },
    });
    await expect(ready).resolves.toMatchObject({ kind: "outlook" });
    expect(waits).toBe(3);

    fake?.uninstall();
    fake = undefined;
    const never = connectOfficeHost({ timeoutMs: 300, pollMs: 100, sleep: async () => undefined });
    const failure = await never.catch((error: unknown) => error);
    expect(isAppError(failure, "office") && failure.messageKey).toBe("office.notLoaded");
  });

  test("the theme follows Office's: isDarkTheme, else the body background's lightness, else the system", () => {
    expect(themeOf({ isDarkTheme: true, bodyBackgroundColor: "#FFFFFF" })).toBe("dark");
    expect(themeOf({ bodyBackgroundColor: "#292929" })).toBe("dark");
    expect(themeOf({ bodyBackgroundColor: "#FFFFFF" })).toBe("light");
    expect(themeOf({ bodyBackgroundColor: "not a colour" }, () => true)).toBe("dark");
    expect(themeOf(undefined, () => false)).toBe("light");
  });
});
