/** @jest-environment jsdom */
import "./support/dom";
import { render, screen } from "@testing-library/react";
import { isAppError, type AppError } from "../../../src/core/errors";
import { en } from "../../../src/i18n/en";
import { installOfficeFake, type OfficeFake, type OfficeFakeOptions } from "../../../src/simulator/host/office-fake";
import { StartupView } from "../../../src/taskpane/app/startup-view";
import { connectOfficeHost, themeOf } from "../../../src/taskpane/host/office-host";
import { setSystemDark } from "./support/dom";

const MESSAGES = [
  { itemId: "m1", internetMessageId: "<m1@mail.example>", subject: "First", from: { emailAddress: "pat@customer.example" } },
  { itemId: "m2", internetMessageId: "<m2@mail.example>", subject: "Second", from: { emailAddress: "kim@customer.example" } },
  { itemId: "m3", internetMessageId: "<m3@mail.example>", subject: "Third", from: { emailAddress: "lee@customer.example" } },
];

/** Lets the fake's queued callbacks and events run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("the task pane's Outlook host (through src/office)", () => {
  let fake: OfficeFake | undefined;
  const install = (options: OfficeFakeOptions) => {
    fake = installOfficeFake({ messages: MESSAGES, ...options });
    return fake;
  };
  afterEach(() => {
    fake?.uninstall();
    fake = undefined;
    setSystemDark(false);
  });

  async function notInOutlook(options: { timeoutMs?: number } = {}): Promise<AppError> {
    const failure = await connectOfficeHost(options).then(
      () => undefined,
      (error: unknown) => error,
    );
    if (!isAppError(failure, "office")) throw new Error(`expected an AppError office, got ${String(failure)}`);
    return failure;
  }

  test("once Office is ready in Outlook: roaming settings, the open message, multi-select, the display language, the sign-in hint", async () => {
    const office = install({ openItemId: "m1", requirementSets: { Mailbox: "1.15" }, displayLanguage: "de-DE" });
    const host = await connectOfficeHost();
    expect(host.kind).toBe("outlook");
    expect(host.displayLanguage).toBe("de-DE");
    expect(host.multiSelect).toBe(true);
    expect(host.nestedAppAuth).toBe(false);
    expect(host.mailbox.currentItemId()).toBe("m1");
    expect(host.loginHint()).toBe("alex.wu@contoso.example");
    expect(host.settingsStore.limitBytes).toBe(32 * 1024);
    await host.settingsStore.save('{"version":2}');
    expect(office.savedRoamingSettings()).toEqual({ "orgtrack.settings": '{"version":2}' });
  });

  test("a page opened outside Office (no Office.js) gets the typed error, and the startup view says to open it from Outlook", async () => {
    const failure = await notInOutlook();
    expect(failure.messageKey).toBe("office.notInOutlook");
    render(<StartupView state={{ kind: "failed", error: failure }} strings={en} theme="light" onRetry={() => undefined} />);
    expect(screen.getByText("Open OrgTrack from Outlook: this page works only as an Outlook add-in.")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Try again" })).toBeNull();
  });

  test("Office.js that reports no host (a browser tab) or another one is not Outlook", async () => {
    install({ host: null });
    expect((await notInOutlook()).messageKey).toBe("office.notInOutlook");
    fake?.uninstall();
    install({ host: "Excel" });
    const failure = await notInOutlook();
    expect(failure.messageKey).toBe("office.notInOutlook");
    expect(failure.message).toContain("Excel");
  });

  test("Office.js that never gets ready is given up after the bounded wait", async () => {
    install({ neverReady: true });
    const failure = await notInOutlook({ timeoutMs: 20 });
    expect(failure.messageKey).toBe("office.notInOutlook");
    expect(failure.message).toContain("20 ms");
  });

  test("the theme follows Office's and changes with OfficeThemeChanged", async () => {
    const office = install({ openItemId: "m1", theme: { isDarkTheme: false, bodyBackgroundColor: "#FFFFFF" } });
    const host = await connectOfficeHost();
    expect(host.theme()).toBe("light");
    const seen: string[] = [];
    const stop = host.onThemeChanged(() => seen.push(host.theme()));
    await settle();
    office.setTheme({ isDarkTheme: true, bodyBackgroundColor: "#292929" });
    await settle();
    expect(seen).toEqual(["dark"]);
    expect(host.theme()).toBe("dark");

    stop();
    office.setTheme({ isDarkTheme: false, bodyBackgroundColor: "#FFFFFF" });
    await settle();
    expect(seen).toEqual(["dark"]);
    expect(office.count("addHandlerAsync")).toBe(1);
  });

  test("a host without an Office theme follows the system's colour scheme and its changes", async () => {
    install({ openItemId: "m1" });
    const host = await connectOfficeHost();
    expect(host.theme()).toBe("light");
    const seen: string[] = [];
    host.onThemeChanged(() => seen.push(host.theme()));
    setSystemDark(true);
    expect(seen).toEqual(["dark"]);
  });

  test("tells the pane when the selection changes (SelectedItemsChanged) or the open message does (ItemChanged), until it unsubscribes", async () => {
    const office = install({ openItemId: "m1", requirementSets: { Mailbox: "1.15" } });
    const host = await connectOfficeHost();
    const seen: string[][] = [];
    const stop = host.onSelectionChanged(() => {
      void host.mailbox.selectedMessages().then((messages) => seen.push(messages.map((message) => message.itemId)));
    });
    await settle();
    office.select(["m2", "m3"]);
    await settle();
    await settle();
    expect(seen).toEqual([["m2", "m3"]]);
    expect(office.count("addHandlerAsync")).toBe(2);

    stop();
    office.select(["m1", "m2"]);
    office.open("m3");
    await settle();
    await settle();
    expect(seen).toEqual([["m2", "m3"]]);
  });

  test("without multi-select (Mailbox 1.8) it follows only ItemChanged", async () => {
    const office = install({ openItemId: "m1", requirementSets: { Mailbox: "1.8" } });
    const host = await connectOfficeHost();
    expect(host.multiSelect).toBe(false);
    const seen: (string | undefined)[] = [];
    const stop = host.onSelectionChanged(() => seen.push(host.mailbox.currentItemId()));
    await settle();
    office.open("m2");
    await settle();
    stop();
    office.open("m1");
    await settle();
    expect(seen).toEqual(["m2"]);
    expect(office.count("addHandlerAsync")).toBe(1);
  });

  test("themeOf: isDarkTheme, else the body background's lightness, else the system", () => {
    expect(themeOf({ isDarkTheme: true, bodyBackgroundColor: "#FFFFFF" })).toBe("dark");
    expect(themeOf({ bodyBackgroundColor: "#292929" })).toBe("dark");
    expect(themeOf({ bodyBackgroundColor: "#FFFFFF" })).toBe("light");
    expect(themeOf({ bodyBackgroundColor: "not a colour" }, () => true)).toBe("dark");
    expect(themeOf(undefined, () => false)).toBe("light");
  });
});
