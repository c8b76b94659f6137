/** @jest-environment jsdom */
import "./support/dom";
import { act, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { AppError } from "../../../src/core/errors";
import { OrganizationsView } from "../../../src/taskpane/features/organizations/organizations-view";
import { dialogClosed } from "./support/dialogs";
import { CONTOSO, createPane, FABRIKAM, renderView } from "./support/pane";

const row = (name: string) => screen.getByRole("listitem", { name });


describe("Organizations view", () => {
  test("shows a labelled spinner until the settings are read, then the empty state with Add organization", async () => {
    const pane = createPane();
    renderView(<OrganizationsView />, pane);
    expect(screen.getByRole("progressbar", { name: "Loading your organizations…" })).toBeTruthy();
    await act(() => pane.session.start());
    expect(screen.queryByRole("progressbar")).toBeNull();
    expect(screen.getByRole("heading", { name: "No organization yet" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Add organization" })).toBeTruthy();
  });

  test("lists each org with its URL, status and the Synchronizing badge on the synchronizing one only", async () => {
    const pane = createPane({ orgs: [CONTOSO, FABRIKAM] });
    renderView(<OrganizationsView />, pane);
    await act(() => pane.session.start());
    const contoso = row("Contoso Sales");
    expect(within(contoso).getByText("https://contoso.crm4.dynamics.com")).toBeTruthy();
    expect(within(contoso).getByText("Synchronizing")).toBeTruthy();
    expect(within(contoso).getByText("Connected")).toBeTruthy();
    expect(within(contoso).queryByRole("button", { name: "Synchronize" })).toBeNull();
    const fabrikam = row("Fabrikam Support");
    expect(within(fabrikam).queryByText("Synchronizing")).toBeNull();
    expect(within(fabrikam).getByRole("button", { name: "Synchronize" })).toBeTruthy();
    expect(within(fabrikam).queryByRole("button", { name: "Connect" })).toBeNull();
  });

  test("with Connect automatically off, orgs are not connected and Connect connects one and replays its waiting request", async () => {
    const pane = createPane({
      orgs: [CONTOSO],
      connectAutomatically: false,
      queue: [{ id: "w1", kind: "track", itemId: "m1", orgKey: CONTOSO.key, queuedAt: "2025-03-04T10:00:00Z" }],
    });
    pane.mailbox.add("m1");
    renderView(<OrganizationsView />, pane);
    await act(() => pane.session.start());
    expect(within(row("Contoso Sales")).getByText("Not connected")).toBeTruthy();
    expect(pane.org(CONTOSO.key).calls).toHaveLength(0);

    await userEvent.click(within(row("Contoso Sales")).getByRole("button", { name: "Connect" }));
    expect(await screen.findByText("Connected to Contoso Sales. 1 waiting requests were processed.")).toBeTruthy();
    expect(within(row("Contoso Sales")).getByText("Connected")).toBeTruthy();
    expect(pane.org(CONTOSO.key).copiesOf("<m1@mail.example>")).toHaveLength(1);
    expect(pane.session.snapshot().queue).toHaveLength(0);
  });

  test("a Connect that cannot sign in says so and shows the status", async () => {
    const pane = createPane({ orgs: [CONTOSO], connectAutomatically: false });
    pane.tokens.refuse.set(CONTOSO.resource, new AppError("auth", "Sign-in needed.", { messageKey: "auth.needsSignIn" }));
    renderView(<OrganizationsView />, pane);
    await act(() => pane.session.start());
    await userEvent.click(within(row("Contoso Sales")).getByRole("button", { name: "Connect" }));
    expect(await screen.findByText("Contoso Sales is not connected: Sign-in needed.")).toBeTruthy();
    expect(within(row("Contoso Sales")).getByText("Sign-in needed")).toBeTruthy();
  });

  test("Synchronize asks first: Cancel keeps the synchronizing org, OK changes it", async () => {
    const pane = createPane({ orgs: [CONTOSO, FABRIKAM] });
    renderView(<OrganizationsView />, pane);
    await act(() => pane.session.start());

    await userEvent.click(within(row("Fabrikam Support")).getByRole("button", { name: "Synchronize" }));
    let dialog = await screen.findByRole("alertdialog", { name: "Change your synchronizing or primary organization?" });
    expect(within(dialog).getByText(/Fabrikam Support becomes your synchronizing organization instead of Contoso Sales/)).toBeTruthy();
    await userEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    await dialogClosed();
    expect(pane.session.snapshot().synchronizingKey).toBe(CONTOSO.key);
    expect(within(row("Contoso Sales")).getByText("Synchronizing")).toBeTruthy();

    await userEvent.click(within(row("Fabrikam Support")).getByRole("button", { name: "Synchronize" }));
    dialog = await screen.findByRole("alertdialog", { name: "Change your synchronizing or primary organization?" });
    await userEvent.click(within(dialog).getByRole("button", { name: "OK" }));
    expect(await screen.findByText("Fabrikam Support is now your synchronizing organization.")).toBeTruthy();
    await dialogClosed();
    expect(within(row("Fabrikam Support")).getByText("Synchronizing")).toBeTruthy();
    expect(within(row("Contoso Sales")).queryByText("Synchronizing")).toBeNull();
    expect(JSON.parse(pane.store.content ?? "{}").synchronizingKey).toBe(FABRIKAM.key);
  });

  test("Remove of the synchronizing org asks which org takes over", async () => {
    const pane = createPane({ orgs: [CONTOSO, FABRIKAM] });
    renderView(<OrganizationsView />, pane);
    await act(() => pane.session.start());
    await userEvent.click(within(row("Contoso Sales")).getByRole("button", { name: "Remove" }));
    const dialog = await screen.findByRole("alertdialog", { name: "Remove Contoso Sales?" });
    const successor = within(dialog).getByRole("radiogroup", { name: "Which organization synchronizes next?" });
    expect(within(successor).getByRole("radio", { name: "Fabrikam Support" })).toHaveProperty("checked", true);
    await userEvent.click(within(dialog).getByRole("button", { name: "Remove" }));
    expect(await screen.findByText("Contoso Sales was removed.")).toBeTruthy();
    await dialogClosed();
    expect(screen.queryByRole("listitem", { name: "Contoso Sales" })).toBeNull();
    expect(within(row("Fabrikam Support")).getByText("Synchronizing")).toBeTruthy();
  });

  test("Remove of another org asks without a successor; Cancel keeps it", async () => {
    const pane = createPane({ orgs: [CONTOSO, FABRIKAM] });
    renderView(<OrganizationsView />, pane);
    await act(() => pane.session.start());
    await userEvent.click(within(row("Fabrikam Support")).getByRole("button", { name: "Remove" }));
    const dialog = await screen.findByRole("alertdialog", { name: "Remove Fabrikam Support?" });
    expect(within(dialog).queryByRole("radiogroup")).toBeNull();
    await userEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    await dialogClosed();
    expect(row("Fabrikam Support")).toBeTruthy();
    expect(pane.session.snapshot().orgs).toHaveLength(2);
  });

  test("Sign out forgets that org's tokens only and shows it needs sign-in", async () => {
    const pane = createPane({ orgs: [CONTOSO, FABRIKAM] });
    renderView(<OrganizationsView />, pane);
    await act(() => pane.session.start());
    await userEvent.click(within(row("Fabrikam Support")).getByRole("button", { name: "Sign out" }));
    expect(await screen.findByText("You signed out of Fabrikam Support.")).toBeTruthy();
    expect(pane.tokens.signedOut).toEqual([FABRIKAM.resource]);
    expect(within(row("Fabrikam Support")).getByText("Sign-in needed")).toBeTruthy();
    expect(within(row("Fabrikam Support")).getByRole("button", { name: "Connect" })).toBeTruthy();
    expect(within(row("Contoso Sales")).getByText("Connected")).toBeTruthy();
  });

  test("an org that refuses the person shows No access, and an unreachable one Unreachable", async () => {
    const pane = createPane({ orgs: [CONTOSO, FABRIKAM] });
    pane.org(CONTOSO.key).failNext("whoAmI", new AppError("forbidden", "Not a member.", { messageKey: "dataverse.notMember" }));
    pane.org(FABRIKAM.key).failNext("whoAmI", new AppError("offline", "Unreachable.", { messageKey: "dataverse.offline" }));
    renderView(<OrganizationsView />, pane);
    await act(() => pane.session.start());
    expect(within(row("Contoso Sales")).getByText("No access")).toBeTruthy();
    expect(within(row("Fabrikam Support")).getByText("Unreachable")).toBeTruthy();
  });

  test("settings that could not be read are reported, in words, above the list", async () => {
    const pane = createPane({ settingsText: "{not json" });
    renderView(<OrganizationsView />, pane);
    await act(() => pane.session.start());
    expect(screen.getByText(/Your OrgTrack settings could not be read/)).toBeTruthy();
    expect(screen.getByRole("heading", { name: "No organization yet" })).toBeTruthy();
  });
});
