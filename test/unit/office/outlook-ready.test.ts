import { AppError } from "../../../src/core/errors";
import { createMailboxEvents } from "../../../src/office/mailbox-events";
import { mailboxUserAddress } from "../../../src/office/office-host";
import { officeTheme } from "../../../src/office/office-theme";
import { whenOutlookReady } from "../../../src/office/outlook-ready";
import { installOfficeFake, type OfficeFake } from "../../../src/simulator/host/office-fake";

describe("Outlook readiness, theme and mailbox events (src/office)", () => {
  let fake: OfficeFake | undefined;
  afterEach(() => {
    fake?.uninstall();
    fake = undefined;
    jest.useRealTimers();
  });

  test("whenOutlookReady resolves once Office.onReady reports Outlook, and leaves no timer behind", async () => {
    fake = installOfficeFake();
    jest.useFakeTimers();
    await expect(whenOutlookReady(60_000)).resolves.toBeUndefined();
    expect(jest.getTimerCount()).toBe(0);
  });

  test("whenOutlookReady rejects with AppError office (office.notInOutlook) without Office.js, keeping the cause", async () => {
    const failure = await whenOutlookReady().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AppError);
    expect(failure).toMatchObject({ kind: "office", messageKey: "office.notInOutlook" });
    expect((failure as AppError).cause).toMatchObject({ messageKey: "office.notLoaded" });
  });

  test("whenOutlookReady waits for a slow Office.onReady up to the limit, then gives up", async () => {
    fake = installOfficeFake({ neverReady: true });
    jest.useFakeTimers();
    const ready = whenOutlookReady(5_000).catch((error: unknown) => error);
    await jest.advanceTimersByTimeAsync(4_999);
    let settled = false;
    void ready.then(() => {
      settled = true;
    });
    await Promise.resolve();
    expect(settled).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    expect(await ready).toMatchObject({ kind: "office", messageKey: "office.notInOutlook" });
  });

  test("officeTheme, mailboxUserAddress and the events are quiet outside Office", () => {
    expect(officeTheme()).toBeUndefined();
    expect(mailboxUserAddress()).toBeUndefined();
    const listener = jest.fn();
    expect(() => createMailboxEvents().onSelectedItemsChanged(listener)()).not.toThrow();
    expect(listener).not.toHaveBeenCalled();
  });

  test("officeTheme returns a copy of Office's theme", () => {
    fake = installOfficeFake({ theme: { isDarkTheme: true, bodyBackgroundColor: "#292929" } });
    const theme = officeTheme();
    expect(theme).toEqual({ isDarkTheme: true, bodyBackgroundColor: "#292929" });
    fake.setTheme({ isDarkTheme: false });
    expect(theme?.isDarkTheme).toBe(true);
    expect(officeTheme()).toEqual({ isDarkTheme: false });
  });

  test("one Office handler per event type serves every listener; a refused event calls none", async () => {
    fake = installOfficeFake({ messages: [{ itemId: "m1", internetMessageId: "<m1@x.example>", subject: "One", from: { emailAddress: "a@x.example" } }] });
    const events = createMailboxEvents();
    const first = jest.fn();
    const second = jest.fn();
    events.onSelectedItemsChanged(first);
    events.onSelectedItemsChanged(second);
    fake.failNext("addHandlerAsync", { code: 5000, name: "NotSupported" });
    const theme = jest.fn();
    events.onOfficeThemeChanged(theme);
    await new Promise((resolve) => setTimeout(resolve, 0));
    fake.select(["m1"]);
    fake.setTheme({ isDarkTheme: true });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(first).toHaveBeenCalledTimes(1);
    expect(second).toHaveBeenCalledTimes(1);
    expect(theme).not.toHaveBeenCalled();
    expect(fake.count("addHandlerAsync")).toBe(2);
  });
});
