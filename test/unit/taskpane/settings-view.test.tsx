/** @jest-environment jsdom */
import "./support/dom";
import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { AppError } from "../../../src/core/errors";
import { SettingsView } from "../../../src/taskpane/features/settings/settings-view";
import { CONTOSO, createPane, renderView, type PaneSetup } from "./support/pane";

async function showSettings(setup: PaneSetup = { orgs: [CONTOSO] }) {
  const pane = createPane(setup);
  renderView(<SettingsView />, pane);
  await act(() => pane.session.start());
  return pane;
}

const stored = (content: string | undefined) => JSON.parse(content ?? "{}") as { saveCredentials: boolean; connectAutomatically: boolean };

describe("Settings view", () => {
  test("the two switches show and save the preferences", async () => {
    const pane = await showSettings();
    const save = screen.getByRole("switch", { name: "Save my credentials on this device" });
    const connect = screen.getByRole("switch", { name: "Connect automatically" });
    expect(save).toHaveProperty("checked", false);
    expect(connect).toHaveProperty("checked", true);

    await userEvent.click(save);
    await waitFor(() => expect(stored(pane.store.content).saveCredentials).toBe(true));
    expect(screen.getByRole("switch", { name: "Save my credentials on this device" })).toHaveProperty("checked", true);

    await userEvent.click(connect);
    await waitFor(() => expect(stored(pane.store.content).connectAutomatically).toBe(false));
    expect(screen.getByRole("switch", { name: "Connect automatically" })).toHaveProperty("checked", false);
  });

  test("a preference Outlook cannot save stays as it was, with the reason", async () => {
    const pane = await showSettings();
    pane.store.failNextSave = new AppError("office", "Outlook failed.", { messageKey: "office.failed", values: { officeError: "InternalError" } });
    await userEvent.click(screen.getByRole("switch", { name: "Save my credentials on this device" }));
    expect(await screen.findByText("Outlook could not complete the request (InternalError).")).toBeTruthy();
    expect(screen.getByRole("switch", { name: "Save my credentials on this device" })).toHaveProperty("checked", false);
  });

  test("an empty queue says no request is waiting", async () => {
    await showSettings();
    expect(screen.getByText("No requests are waiting.")).toBeTruthy();
  });

  test("the waiting requests are listed; Connect and send now replays them once; Discard drops one", async () => {
    const pane = await showSettings({
      orgs: [CONTOSO],
      connectAutomatically: false,
      queue: [
        { id: "w1", kind: "track", itemId: "m1", orgKey: CONTOSO.key, queuedAt: "2025-03-04T10:00:00Z" },
        { id: "w2", kind: "track", itemId: "m2", orgKey: CONTOSO.key, queuedAt: "2025-03-04T10:05:00Z" },
      ],
    });
    pane.mailbox.add("m1");
    const list = screen.getByRole("list", { name: "Waiting requests" });
    expect(within(list).getAllByRole("listitem", { name: "Track to Contoso Sales" })).toHaveLength(2);

    await userEvent.click(within(list).getAllByRole("button", { name: "Discard" })[1] as HTMLElement);
    await waitFor(() => expect(within(screen.getByRole("list", { name: "Waiting requests" })).getAllByRole("listitem")).toHaveLength(1));

    await userEvent.click(screen.getByRole("button", { name: "Connect and send now" }));
    expect(await screen.findByText("1 requests sent; 0 could not be sent and stay in the queue.")).toBeTruthy();
    expect(screen.getByText("No requests are waiting.")).toBeTruthy();
    expect(pane.org(CONTOSO.key).callsOf("deliver")).toHaveLength(1);
  });

  test("a request that fails on replay stays in the queue with its error in words", async () => {
    const pane = await showSettings({
      orgs: [CONTOSO],
      connectAutomatically: false,
      queue: [{ id: "w1", kind: "track", itemId: "gone", orgKey: CONTOSO.key, queuedAt: "2025-03-04T10:00:00Z" }],
    });
    await userEvent.click(screen.getByRole("button", { name: "Connect and send now" }));
    expect(await screen.findByText("0 requests sent; 1 could not be sent and stay in the queue.")).toBeTruthy();
    const item = within(screen.getByRole("list", { name: "Waiting requests" })).getByRole("listitem", { name: "Track to Contoso Sales" });
    expect(within(item).getByText("Outlook could not do this.")).toBeTruthy();
    expect(pane.session.snapshot().queue).toHaveLength(1);
  });

  test("the privacy note says what is sent, who sees tracked copies and what untrack deletes", async () => {
    await showSettings();
    expect(screen.getByRole("heading", { name: "Privacy" })).toBeTruthy();
    expect(screen.getByText(/sends the organization only the sender's email address, the recipients' email addresses, the subject line and the message ID/)).toBeTruthy();
    expect(screen.getByText(/visible to other users in your organization who have the appropriate permissions/)).toBeTruthy();
    expect(screen.getByText(/deleted from the organization only if you own it/)).toBeTruthy();
    expect(screen.getByText(/Your OrgTrack settings use 1 KB of the 32 KB/)).toBeTruthy();
  });

  test("shows a labelled spinner until the settings are read", async () => {
    const pane = createPane();
    renderView(<SettingsView />, pane);
    expect(screen.getByRole("progressbar", { name: "Loading your settings…" })).toBeTruthy();
    await act(() => pane.session.start());
    expect(screen.getByRole("heading", { name: "Settings" })).toBeTruthy();
  });
});
