/** @jest-environment jsdom */
import "./support/dom";
import { webDarkTheme } from "@fluentui/react-components";
import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { AppError } from "../../../src/core/errors";
import { loadStrings } from "../../../src/i18n";
import { de } from "../../../src/i18n/de";
import { en } from "../../../src/i18n/en";
import { ErrorBoundary } from "../../../src/taskpane/app/error-boundary";
import { StartupView } from "../../../src/taskpane/app/startup-view";
import { FIRST_RENDER_STRINGS, paneStringCatalog, StringsProvider } from "../../../src/taskpane/shared/strings";
import { dialogClosed } from "./support/dialogs";
import { CONTOSO, createPane, FABRIKAM, renderApp, type PaneSetup } from "./support/pane";

async function showApp(setup: PaneSetup = { orgs: [CONTOSO, FABRIKAM] }, open: string | undefined = "m1") {
  const pane = createPane(setup);
  pane.mailbox.add("m1", { subject: "First message" });
  pane.mailbox.add("m2", { subject: "Second message" });
  pane.mailbox.add("m3", { subject: "Third message" });
  pane.mailbox.open = open;
  renderApp(pane);
  await act(() => pane.session.start());
  return pane;
}

const selectedTab = () => screen.getAllByRole("tab").find((tab) => tab.getAttribute("aria-selected") === "true")?.textContent;

describe("Task pane shell", () => {
  test("opens on This message when a message is open and an org exists", async () => {
    await showApp();
    await waitFor(() => expect(selectedTab()).toBe("This message"));
    expect(await screen.findByRole("button", { name: "Track" })).toBeTruthy();
    expect(screen.getByRole("tabpanel", { name: "This message" })).toBeTruthy();
  });

  test("opens on Organizations when there is no org", async () => {
    await showApp({});
    await waitFor(() => expect(selectedTab()).toBe("Organizations"));
    expect(screen.getByRole("heading", { name: "No organization yet" })).toBeTruthy();
  });

  test("follows ItemChanged: another open message starts afresh", async () => {
    const pane = await showApp();
    expect((await screen.findAllByText("First message")).length).toBeGreaterThan(0);
    act(() => pane.host.openItem("m2"));
    expect((await screen.findAllByText("Second message")).length).toBeGreaterThan(0);
    expect(screen.queryByText("First message")).toBeNull();
    act(() => pane.host.openItem(undefined));
    expect(await screen.findByRole("heading", { name: "No message selected" })).toBeTruthy();
  });

  test("in a compose form the message view says a draft is tracked once sent; Organizations still works", async () => {
    const pane = await showApp();
    expect((await screen.findAllByText("First message")).length).toBeGreaterThan(0);
    pane.mailbox.composing = true;
    act(() => pane.host.openItem(undefined));
    expect(await screen.findByRole("heading", { name: "This message is still being written" })).toBeTruthy();
    expect(screen.getByText(/open it in Sent Items and choose Track/)).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Track" })).toBeNull();
    await userEvent.click(screen.getByRole("tab", { name: "Organizations" }));
    expect(await screen.findByRole("heading", { name: "Organizations" })).toBeTruthy();
  });

  test("follows SelectedItemsChanged: several selected messages show Track N messages", async () => {
    const pane = await showApp();
    act(() =>
      pane.host.select([
        { itemId: "m1", subject: "First message", mode: "read" },
        { itemId: "m2", subject: "Second message", mode: "read" },
        { itemId: "m3", subject: "Third message", mode: "read" },
      ]),
    );
    expect(await screen.findByRole("tab", { name: "Selected messages (3)" })).toBeTruthy();
    expect(await screen.findByRole("button", { name: "Track 3 messages" })).toBeTruthy();
  });

  test("the tabs switch between views; Settings loads on demand", async () => {
    await showApp();
    await userEvent.click(screen.getByRole("tab", { name: "Settings" }));
    expect(await screen.findByRole("switch", { name: "Connect automatically" })).toBeTruthy();
    await userEvent.click(screen.getByRole("tab", { name: "Organizations" }));
    expect(await screen.findByRole("listitem", { name: "Contoso Sales" })).toBeTruthy();
  });

  test("says when the browser is offline, in every view", async () => {
    await showApp();
    const onLine = jest.spyOn(window.navigator, "onLine", "get").mockReturnValue(false);
    try {
      act(() => void window.dispatchEvent(new Event("offline")));
      expect(await screen.findByText(/You are offline\. Tracking requests wait in the queue/)).toBeTruthy();
      onLine.mockReturnValue(true);
      act(() => void window.dispatchEvent(new Event("online")));
      await waitFor(() => expect(screen.queryByText(/You are offline/)).toBeNull());
    } finally {
      onLine.mockRestore();
    }
  });

  test("follows the host's theme", async () => {
    const pane = await showApp();
    const darkBackground = `--colorNeutralBackground1: ${webDarkTheme.colorNeutralBackground1}`;
    // FluentProvider writes the theme's CSS variables into a style sheet of its own.
    const css = () => [...document.styleSheets].flatMap((sheet) => [...sheet.cssRules].map((rule) => rule.cssText)).join("\n") + [...document.querySelectorAll("style")].map((style) => style.textContent).join("\n");
    const hasDarkTheme = () => css().includes(darkBackground);
    expect(hasDarkTheme()).toBe(false);
    act(() => pane.host.setTheme("dark"));
    await waitFor(() => expect(hasDarkTheme()).toBe(true));
  });

  test("a queued untrack replayed on connect asks first whether the copy will be deleted, then carries it out once", async () => {
    const pane = createPane({ orgs: [CONTOSO], connectAutomatically: false, queue: [{ id: "w1", kind: "untrack", itemId: "m1", orgKey: CONTOSO.key, queuedAt: "2025-03-04T10:00:00Z" }] });
    pane.mailbox.add("m1", { subject: "First message" });
    const service = pane.org(CONTOSO.key);
    const activityId = service.seedEmail("<m1@mail.example>", service.userId);
    pane.mailbox.item("m1").mark = { activities: { [CONTOSO.key]: activityId } };
    renderApp(pane);
    await act(() => pane.session.start());
    await userEvent.click(screen.getByRole("tab", { name: "Organizations" }));
    await userEvent.click(within(await screen.findByRole("listitem", { name: "Contoso Sales" })).getByRole("button", { name: "Connect" }));
    const dialog = await screen.findByRole("alertdialog", { name: "Untrack this message from Contoso Sales?" });
    expect(within(dialog).getByText(/You own the copy in Contoso Sales, so it will be deleted from Contoso Sales\./)).toBeTruthy();
    await userEvent.click(within(dialog).getByRole("button", { name: "OK" }));
    expect(await screen.findByText("Connected to Contoso Sales. 1 waiting requests were processed.")).toBeTruthy();
    await dialogClosed();
    expect(service.emails.has(activityId)).toBe(false);
    expect(service.callsOf("deleteEmail")).toHaveLength(1);
    expect(pane.session.snapshot().queue).toHaveLength(0);
  });

  test("speaks German when Outlook does: the first render's strings at once, a later view's when it opens", async () => {
    const pane = createPane({ orgs: [CONTOSO] });
    renderApp(pane, { strings: paneStringCatalog("de", await loadStrings("de", FIRST_RENDER_STRINGS)) });
    await act(() => pane.session.start());
    expect(await screen.findByRole("tab", { name: "Organisationen" })).toBeTruthy();
    expect(within(await screen.findByRole("listitem", { name: "Contoso Sales" })).getByText("Synchronisiert")).toBeTruthy();
    await userEvent.click(screen.getByRole("tab", { name: de["app.tab.settings"] }));
    expect(await screen.findByRole("switch", { name: de["settings.saveCredentials"] })).toBeTruthy();
    expect(screen.getByText(de["privacy.title"])).toBeTruthy();
  });
});

describe("Startup view and error boundary", () => {
  test("shows a labelled spinner while starting, and the reason with Try again when starting failed", async () => {
    const onRetry = jest.fn();
    const { rerender } = render(<StartupView state={{ kind: "starting" }} strings={en} theme="light" onRetry={onRetry} />);
    expect(screen.getByRole("progressbar", { name: "Starting OrgTrack…" })).toBeTruthy();
    rerender(<StartupView state={{ kind: "failed", error: new AppError("office", "No Office.", { messageKey: "office.notLoaded" }) }} strings={en} theme="dark" onRetry={onRetry} />);
    expect(screen.getByText("OrgTrack runs in Outlook: Office is not available here.")).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "Try again" }));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  test("a view that fails to render shows the error with Try again instead of a blank pane", async () => {
    const onReload = jest.fn();
    const Broken = () => {
      throw new AppError("unknown", "Broken view.", { messageKey: "dataverse.unexpected" });
    };
    const quiet = jest.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      render(
        <StringsProvider strings={en}>
          <ErrorBoundary onReload={onReload}>
            <Broken />
          </ErrorBoundary>
        </StringsProvider>,
      );
      expect(screen.getByText("The organization answered with an unexpected error.")).toBeTruthy();
      await userEvent.click(screen.getByRole("button", { name: "Try again" }));
      expect(onReload).toHaveBeenCalledTimes(1);
    } finally {
      quiet.mockRestore();
    }
  });
});
