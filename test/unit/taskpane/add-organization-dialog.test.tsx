/** @jest-environment jsdom */
import "./support/dom";
import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { AppError } from "../../../src/core/errors";
import { OrganizationsView } from "../../../src/taskpane/features/organizations/organizations-view";
import { dialogClosed } from "./support/dialogs";
import { CONTOSO, createPane, discovered, FABRIKAM, NORTHWIND, renderView, type Pane } from "./support/pane";

async function openAddDialog(pane: Pane, options: Parameters<typeof renderView>[2] = {}): Promise<HTMLElement> {
  renderView(<OrganizationsView />, pane, options);
  await act(() => pane.session.start());
  await userEvent.click(screen.getByRole("button", { name: "Add organization" }));
  return screen.findByRole("dialog", { name: "Add organization" });
}

describe("Add organization dialog", () => {
  test("adds the org of a whole address pasted from the browser; the first org becomes the synchronizing one", async () => {
    const pane = createPane();
    const dialog = await openAddDialog(pane);
    const field = within(dialog).getByRole("textbox", { name: "Organization URL" });
    await userEvent.click(field);
    await userEvent.paste("https://contoso.crm4.dynamics.com/main.aspx?appid=0c2b8d2e-1f9a-4a5b-9c7d-3e2f1a0b9c8d&pagetype=entitylist&etn=contact");
    expect(within(dialog).getByText("OrgTrack connects to https://contoso.crm4.dynamics.com.")).toBeTruthy();
    await userEvent.click(within(dialog).getByRole("button", { name: "Connect" }));

    expect(await screen.findByText("Contoso Sales was added.")).toBeTruthy();
    await dialogClosed();
    const row = screen.getByRole("listitem", { name: "Contoso Sales" });
    expect(within(row).getByText("Synchronizing")).toBeTruthy();
    expect(within(row).getByText("Connected")).toBeTruthy();
    expect(pane.tokens.asked).toContainEqual({ resource: CONTOSO.resource, options: { interactive: true } });
  });

  test("a bad pasted address shows the parser's message and adds nothing", async () => {
    const pane = createPane();
    const dialog = await openAddDialog(pane);
    const field = within(dialog).getByRole("textbox", { name: "Organization URL" });
    await userEvent.type(field, "http://crm.contoso.example/Contoso");
    await userEvent.click(within(dialog).getByRole("button", { name: "Connect" }));
    expect(within(dialog).getByText(/The address starts with http:\/\/, which would send your sign-in unencrypted/)).toBeTruthy();
    expect(field.getAttribute("aria-invalid")).toBe("true");
    expect(pane.session.snapshot().orgs).toHaveLength(0);
    expect(pane.tokens.asked).toHaveLength(0);
  });

  test("the parser's message shows when the field loses focus, and goes as the address is corrected", async () => {
    const pane = createPane();
    const dialog = await openAddDialog(pane);
    const field = within(dialog).getByRole("textbox", { name: "Organization URL" });
    await userEvent.type(field, "https://globaldisco.crm.dynamics.com");
    await userEvent.click(within(dialog).getByRole("heading", { name: "Add organization" }));
    expect(document.activeElement).not.toBe(field);
    expect(within(dialog).getByText(/is Microsoft's discovery service, not an organization/)).toBeTruthy();
    await userEvent.clear(field);
    await userEvent.type(field, "fabrikam.crm.dynamics.com");
    expect(within(dialog).queryByText(/discovery service/)).toBeNull();
    expect(within(dialog).getByText("OrgTrack connects to https://fabrikam.crm.dynamics.com.")).toBeTruthy();
  });

  test("Connect with nothing chosen asks for the address in the parser's words", async () => {
    const pane = createPane();
    const dialog = await openAddDialog(pane);
    await userEvent.click(within(dialog).getByRole("button", { name: "Connect" }));
    expect(within(dialog).getByText("Enter the address of your organization, for example https://contoso.crm.dynamics.com.")).toBeTruthy();
  });

  test("Dynamics 365 (online) lists the person's orgs; an org already added cannot be chosen again; a chosen one is added", async () => {
    const pane = createPane({ orgs: [CONTOSO], discovered: [discovered(CONTOSO), discovered(FABRIKAM), discovered(NORTHWIND, "disabled")] });
    const dialog = await openAddDialog(pane);
    await userEvent.click(within(dialog).getByRole("button", { name: "Dynamics 365 (online)" }));
    const list = await within(dialog).findByRole("radiogroup", { name: "Dynamics 365 (online)" });
    expect(pane.tokens.asked).toContainEqual({ resource: "https://globaldisco.crm.dynamics.com", options: { interactive: true } });
    expect(within(list).getByRole("radio", { name: /Contoso Sales/ })).toHaveProperty("disabled", true);
    expect(within(list).getByText("Already in your list (https://contoso.crm4.dynamics.com)")).toBeTruthy();
    expect(within(list).getByRole("radio", { name: /Northwind Traders/ })).toHaveProperty("disabled", true);
    await userEvent.click(within(list).getByRole("radio", { name: /Fabrikam Support/ }));
    await userEvent.click(within(dialog).getByRole("button", { name: "Connect" }));
    expect(await screen.findByText("Fabrikam Support was added.")).toBeTruthy();
    await dialogClosed();
    expect(pane.session.snapshot().orgs.map((org) => org.friendlyName)).toEqual(["Contoso Sales", "Fabrikam Support"]);
    expect(within(screen.getByRole("listitem", { name: "Fabrikam Support" })).queryByText("Synchronizing")).toBeNull();
  });

  test("an empty Dynamics 365 (online) list says so; a failing one offers Try again", async () => {
    const pane = createPane();
    pane.discovery.failure = new AppError("offline", "Unreachable.", { messageKey: "dataverse.offline" });
    const dialog = await openAddDialog(pane);
    await userEvent.click(within(dialog).getByRole("button", { name: "Dynamics 365 (online)" }));
    expect(await within(dialog).findByText("The organization could not be reached. Check your connection.")).toBeTruthy();
    pane.discovery.failure = undefined;
    await userEvent.click(within(dialog).getByRole("button", { name: "Try again" }));
    expect(await within(dialog).findByText(/Your account is not a member of any Dynamics 365 \(online\) organization/)).toBeTruthy();
    expect(pane.discovery.calls).toBe(2);
  });

  test("an org that refuses the person keeps the dialog open with the reason; nothing is added", async () => {
    const pane = createPane();
    pane.org(FABRIKAM.key).failNext("whoAmI", new AppError("forbidden", "Not a member.", { messageKey: "dataverse.notMember" }));
    const dialog = await openAddDialog(pane);
    await userEvent.type(within(dialog).getByRole("textbox", { name: "Organization URL" }), "https://fabrikam.crm.dynamics.com");
    await userEvent.click(within(dialog).getByRole("button", { name: "Connect" }));
    expect(await within(dialog).findByText("You are not a member of this organization.")).toBeTruthy();
    expect(screen.getByRole("dialog", { name: "Add organization" })).toBeTruthy();
    expect(pane.session.snapshot().orgs).toHaveLength(0);
  });

  test("a cancelled sign-in leaves the dialog as it was, without an error", async () => {
    const pane = createPane();
    pane.tokens.refuse.set(FABRIKAM.resource, new AppError("cancelled", "Sign-in was cancelled.", { messageKey: "auth.cancelled" }));
    const dialog = await openAddDialog(pane);
    await userEvent.type(within(dialog).getByRole("textbox", { name: "Organization URL" }), "https://fabrikam.crm.dynamics.com");
    await userEvent.click(within(dialog).getByRole("button", { name: "Connect" }));
    await waitFor(() => expect(within(dialog).getByRole("button", { name: "Connect" })).toHaveProperty("disabled", false));
    expect(within(dialog).queryByText("Sign-in was cancelled.")).toBeNull();
    expect(pane.session.snapshot().orgs).toHaveLength(0);
  });

  test("Cancel closes the dialog and adds nothing", async () => {
    const pane = createPane();
    const dialog = await openAddDialog(pane);
    await userEvent.type(within(dialog).getByRole("textbox", { name: "Organization URL" }), "https://fabrikam.crm.dynamics.com");
    await userEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    await dialogClosed();
    expect(pane.session.snapshot().orgs).toHaveLength(0);
    expect(screen.getByRole("heading", { name: "No organization yet" })).toBeTruthy();
  });

  test("without Global Discovery there is no online list; addresses offered by the deployment fill the field", async () => {
    const pane = createPane();
    const dialog = await openAddDialog(pane, { paneOptions: { discoveryAvailable: false, offeredOrgUrls: ["https://northwind.crm.dynamics.com"] } });
    expect(within(dialog).queryByRole("button", { name: "Dynamics 365 (online)" })).toBeNull();
    await userEvent.click(within(dialog).getByRole("button", { name: "https://northwind.crm.dynamics.com" }));
    expect((within(dialog).getByRole("textbox", { name: "Organization URL" }) as HTMLInputElement).value).toBe("https://northwind.crm.dynamics.com");
    await userEvent.click(within(dialog).getByRole("button", { name: "Connect" }));
    expect(await screen.findByText("Northwind Traders was added.")).toBeTruthy();
  });
});
