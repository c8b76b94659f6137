/** @jest-environment jsdom */
import "./support/dom";
import { act, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ItemOutcome, ValidationMetadata, ValidationVerdict } from "../../../src/core/ports";
import { SelectionView } from "../../../src/taskpane/features/selection/selection-view";
import type { SelectedMessage } from "../../../src/taskpane/host/types";
import { CONTOSO, createPane, FABRIKAM, renderView, type PaneSetup } from "./support/pane";

const SELECTED: SelectedMessage[] = [
  { itemId: "m1", subject: "Order 1", mode: "read" },
  { itemId: "m2", subject: "Internal chatter", mode: "read" },
  { itemId: "m3", subject: "Order 3", mode: "read" },
  { itemId: "d1", subject: "Draft reply", mode: "compose" },
];

async function showSelection(setup: PaneSetup = { orgs: [CONTOSO, FABRIKAM] }) {
  const pane = createPane(setup);
  for (const message of SELECTED.filter((m) => m.mode === "read")) pane.mailbox.add(message.itemId, { subject: message.subject });
  pane.org(CONTOSO.key).rule = (message) => (message.subject === "Internal chatter" ? { accepted: false, reasonCode: 4 } : { accepted: true, reasonCode: 5 });
  renderView(<SelectionView messages={SELECTED} onShowOrganizations={() => undefined} />, pane);
  await act(() => pane.session.start());
  return pane;
}

describe("Selection view", () => {
  test("Track N messages shows a progress bar, then one result per message with the org's verdict or reason", async () => {
    const pane = await showSelection();
    const service = pane.org(CONTOSO.key);
    const validateMany = service.validateMany.bind(service);
    let release = () => undefined as void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    service.validateMany = async (messages: readonly ValidationMetadata[]): Promise<ItemOutcome<ValidationVerdict>[]> => {
      await gate;
      return validateMany(messages);
    };

    expect(screen.getByText("1 of them are still being written and cannot be tracked until they are sent.")).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "Track 3 messages" }));
    const progress = await screen.findByRole("progressbar", { name: "Tracking to Contoso Sales" });
    expect(progress.getAttribute("aria-valuenow")).toBeNull();
    expect(screen.getByText("Sending the messages' sender, recipients and subject for validation…")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Track 3 messages" })).toHaveProperty("disabled", true);
    await act(async () => release());

    expect(await screen.findByText("2 of 3 messages tracked to Contoso Sales.")).toBeTruthy();
    expect(screen.queryByRole("progressbar")).toBeNull();
    const results = screen.getByRole("list", { name: "Results" });
    const order1 = within(results).getByRole("listitem", { name: "Order 1" });
    expect(within(order1).getByText("Tracked")).toBeTruthy();
    expect(within(order1).getByText("Contoso Sales accepted this message because the sender is one of its records.")).toBeTruthy();
    const chatter = within(results).getByRole("listitem", { name: "Internal chatter" });
    expect(within(chatter).getByText("Not kept")).toBeTruthy();
    expect(within(chatter).getByText("Contoso Sales does not track mail sent by its own users.")).toBeTruthy();
    expect(within(results).queryByRole("listitem", { name: "Draft reply" })).toBeNull();
    expect(service.callsOf("validateMany")).toHaveLength(1);
    expect(service.callsOf("deliverMany")).toHaveLength(1);
  });

  test("a message tracked already is reported as such, without being sent again", async () => {
    const pane = await showSelection();
    const service = pane.org(CONTOSO.key);
    const activityId = service.seedEmail("<m1@mail.example>", service.userId);
    pane.mailbox.item("m1").mark = { activities: { [CONTOSO.key]: activityId } };
    await userEvent.click(screen.getByRole("button", { name: "Track 3 messages" }));
    const order1 = within(await screen.findByRole("list", { name: "Results" })).getByRole("listitem", { name: "Order 1" });
    expect(within(order1).getByText("Already tracked")).toBeTruthy();
    expect(within(order1).getByText("This message was already tracked to Contoso Sales; nothing was sent.")).toBeTruthy();
  });

  test("Track to another org sends the selection there", async () => {
    const pane = await showSelection();
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Track to" }), FABRIKAM.key);
    await userEvent.click(screen.getByRole("button", { name: "Track 3 messages" }));
    expect(await screen.findByText("3 of 3 messages tracked to Fabrikam Support.")).toBeTruthy();
    expect(pane.org(CONTOSO.key).calls).toHaveLength(1); // the start-up status check only
  });

  test("while disconnected the selection is queued", async () => {
    const pane = await showSelection({ orgs: [CONTOSO], connectAutomatically: false });
    await userEvent.click(screen.getByRole("button", { name: "Track 3 messages" }));
    expect(await screen.findByText("3 messages wait to be tracked to Contoso Sales. Connect to send them.")).toBeTruthy();
    expect(pane.session.snapshot().queue.map((request) => request.itemId)).toEqual(["m1", "m2", "m3"]);
  });

  test("only drafts selected: nothing to track", async () => {
    const pane = createPane({ orgs: [CONTOSO] });
    renderView(<SelectionView messages={[{ itemId: "d1", subject: "Draft", mode: "compose" }, { itemId: "d2", subject: "Draft 2", mode: "compose" }]} onShowOrganizations={() => undefined} />, pane);
    await act(() => pane.session.start());
    expect(screen.getByRole("heading", { name: "Nothing to track" })).toBeTruthy();
    expect(screen.queryByRole("button", { name: /^Track/ })).toBeNull();
  });

  test("without any org it offers the Organizations view", async () => {
    const onShowOrganizations = jest.fn();
    const pane = createPane();
    renderView(<SelectionView messages={SELECTED} onShowOrganizations={onShowOrganizations} />, pane);
    expect(screen.getByRole("progressbar", { name: "Reading the selected messages…" })).toBeTruthy();
    await act(() => pane.session.start());
    await userEvent.click(screen.getByRole("button", { name: "Show organizations" }));
    expect(onShowOrganizations).toHaveBeenCalledTimes(1);
  });
});
