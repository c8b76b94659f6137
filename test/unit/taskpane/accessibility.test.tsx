/** @jest-environment jsdom */
import "./support/dom";
import { act, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import axe from "axe-core";
import { dialogClosed } from "./support/dialogs";
import { CONTOSO, createPane, discovered, FABRIKAM, renderApp, type Pane } from "./support/pane";

/**
 * axe-core over every view of the pane in jsdom: no serious or critical finding. (Colour contrast
 * needs a real layout engine; the end-to-end tests check it in Chromium.)
 */
async function seriousFindings(): Promise<string[]> {
  const results = await axe.run(document.body, { rules: { "color-contrast": { enabled: false } }, resultTypes: ["violations"] });
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(" ")).join(", ")})`);
}

async function pane(): Promise<Pane> {
  const result = createPane({ orgs: [CONTOSO, FABRIKAM], discovered: [discovered(CONTOSO), discovered(FABRIKAM)] });
  result.mailbox.add("m1", { subject: "Quarterly review" });
  result.mailbox.add("m2", { subject: "Order" });
  result.mailbox.open = "m1";
  renderApp(result);
  await act(() => result.session.start());
  return result;
}

describe("accessibility (axe-core)", () => {
  test("This message, tracked, with the untrack question and set regarding", async () => {
    const p = await pane();
    await userEvent.click(await screen.findByRole("button", { name: "Track" }));
    const tracked = await screen.findByRole("listitem", { name: "Contoso Sales" });
    expect(await seriousFindings()).toEqual([]);
    await userEvent.click(within(tracked).getByRole("button", { name: "Set regarding" }));
    await screen.findByText(/No contact, account, lead or opportunity/);
    expect(await seriousFindings()).toEqual([]);
    await userEvent.click(within(tracked).getByRole("button", { name: "Untrack" }));
    await screen.findByRole("alertdialog");
    expect(await seriousFindings()).toEqual([]);
    expect(p.session.snapshot().orgs).toHaveLength(2);
  });

  test("Organizations, with the Add organization dialog (online list and a refused address) and the synchronize question", async () => {
    await pane();
    await userEvent.click(screen.getByRole("tab", { name: "Organizations" }));
    await screen.findByRole("listitem", { name: "Fabrikam Support" });
    expect(await seriousFindings()).toEqual([]);
    await userEvent.click(screen.getByRole("button", { name: "Add organization" }));
    const dialog = await screen.findByRole("dialog", { name: "Add organization" });
    await userEvent.click(within(dialog).getByRole("button", { name: "Dynamics 365 (online)" }));
    await within(dialog).findByRole("radiogroup", { name: "Dynamics 365 (online)" });
    await userEvent.type(within(dialog).getByRole("textbox", { name: "Organization URL" }), "ftp://nope");
    await userEvent.click(within(dialog).getByRole("button", { name: "Connect" }));
    await within(dialog).findByText(/Only "https:\/\/" addresses/);
    expect(await seriousFindings()).toEqual([]);
    await userEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    await dialogClosed();
    await userEvent.click(within(await screen.findByRole("listitem", { name: "Fabrikam Support" })).getByRole("button", { name: "Synchronize" }));
    await screen.findByRole("alertdialog");
    expect(await seriousFindings()).toEqual([]);
  });

  test("several selected messages, after a bulk track", async () => {
    const p = await pane();
    act(() =>
      p.host.select([
        { itemId: "m1", subject: "Quarterly review", mode: "read" },
        { itemId: "m2", subject: "Order", mode: "read" },
      ]),
    );
    await userEvent.click(await screen.findByRole("button", { name: "Track 2 messages" }));
    await screen.findByRole("list", { name: "Results" });
    expect(await seriousFindings()).toEqual([]);
  });

  test("Settings, with waiting requests and the privacy note", async () => {
    const p = createPane({ orgs: [CONTOSO], connectAutomatically: false, queue: [{ id: "w1", kind: "track", itemId: "m1", orgKey: CONTOSO.key, queuedAt: "2025-03-04T10:00:00Z" }] });
    renderApp(p);
    await act(() => p.session.start());
    await userEvent.click(screen.getByRole("tab", { name: "Settings" }));
    await screen.findByRole("list", { name: "Waiting requests" });
    expect(await seriousFindings()).toEqual([]);
  });

  test("empty states: no organization, no message", async () => {
    const p = createPane();
    renderApp(p);
    await act(() => p.session.start());
    await screen.findByRole("heading", { name: "No organization yet" });
    expect(await seriousFindings()).toEqual([]);
    await userEvent.click(screen.getByRole("tab", { name: "This message" }));
    await screen.findByRole("heading", { name: "No message selected" });
    expect(await seriousFindings()).toEqual([]);
  });
});
