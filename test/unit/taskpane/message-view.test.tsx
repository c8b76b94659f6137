/** @jest-environment jsdom */
import "./support/dom";
import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { AppError } from "../../../src/core/errors";
import { MessageView } from "../../../src/taskpane/features/message/message-view";
import { dialogClosed } from "./support/dialogs";
import { CONTOSO, createPane, FABRIKAM, renderView, type Pane, type PaneSetup } from "./support/pane";

const OTHER_OWNER = "22222222-2222-2222-2222-222222222222";

async function showMessage(setup: PaneSetup = { orgs: [CONTOSO, FABRIKAM] }, prepare: (pane: Pane) => void = () => undefined) {
  const pane = createPane(setup);
  pane.mailbox.add("m1", {
    subject: "Quarterly review",
    from: { emailAddress: "pat@customer.example", displayName: "Pat" },
    to: [{ emailAddress: "alex.wu@contoso.example" }, { emailAddress: "kim@contoso.example" }],
  });
  prepare(pane);
  const onShowOrganizations = jest.fn();
  renderView(<MessageView itemId="m1" mailbox={pane.mailbox} onShowOrganizations={onShowOrganizations} />, pane);
  await act(() => pane.session.start());
  return { pane, onShowOrganizations };
}

/** Marks m1 as tracked in an org with a copy owned by `owner`. */
function trackedIn(pane: Pane, orgKey: string, friendlyName: string, owner: string): string {
  const activityId = pane.org(orgKey).seedEmail("<m1@mail.example>", owner);
  const item = pane.mailbox.item("m1");
  item.mark = { activities: { ...item.mark.activities, [orgKey]: activityId } };
  item.categories.push(`Tracked to ${friendlyName}`);
  return activityId;
}

describe("This message view", () => {
  test("shows exactly what validation sends, Track to the synchronizing org by default, and that it is not tracked yet", async () => {
    await showMessage();
    expect(await screen.findByRole("heading", { name: "This message" })).toBeTruthy();
    expect(screen.getAllByText("Quarterly review")).toHaveLength(2);
    expect(screen.getByText("This message is not tracked in any of your organizations.")).toBeTruthy();
    const trackTo = screen.getByRole("combobox", { name: "Track to" }) as HTMLSelectElement;
    expect(trackTo.value).toBe(CONTOSO.key);
    expect(within(trackTo).getByRole("option", { name: "Contoso Sales (synchronizing)" })).toBeTruthy();
    const payload = screen.getByLabelText("What Contoso Sales receives for validation");
    expect(payload.textContent).toBe("Frompat@customer.exampleToalex.wu@contoso.example, kim@contoso.exampleSubjectQuarterly reviewMessage ID<m1@mail.example>");
    expect(screen.getByText(/The message body is sent only if Contoso Sales accepts it/)).toBeTruthy();
  });

  test("Track stores the message in the synchronizing org, says the org's verdict and lists the org under Tracked in", async () => {
    const { pane } = await showMessage();
    await userEvent.click(await screen.findByRole("button", { name: "Track" }));
    expect(await screen.findByText("Contoso Sales accepted this message: your tracking settings there accept all email messages.")).toBeTruthy();
    expect(await screen.findByRole("listitem", { name: "Contoso Sales" })).toBeTruthy();
    expect(pane.org(CONTOSO.key).copiesOf("<m1@mail.example>")).toHaveLength(1);
    expect(pane.mailbox.item("m1").categories).toContain("Tracked to Contoso Sales");
  });

  test("Track to another org tracks there, and the payload line names that org", async () => {
    const { pane } = await showMessage();
    await userEvent.selectOptions(await screen.findByRole("combobox", { name: "Track to" }), FABRIKAM.key);
    expect(screen.getByLabelText("What Fabrikam Support receives for validation")).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "Track" }));
    expect(await screen.findByRole("listitem", { name: "Fabrikam Support" })).toBeTruthy();
    expect(pane.org(FABRIKAM.key).copiesOf("<m1@mail.example>")).toHaveLength(1);
    expect(pane.org(CONTOSO.key).callsOf("validate")).toHaveLength(0);
  });

  test("a message the org refuses shows the reason in words and stores nothing", async () => {
    const { pane } = await showMessage(undefined, (p) => {
      p.org(CONTOSO.key).rule = () => ({ accepted: false, reasonCode: 3 });
    });
    await userEvent.click(await screen.findByRole("button", { name: "Track" }));
    expect(await screen.findByText("Contoso Sales did not keep this message")).toBeTruthy();
    expect(screen.getByText("None of the recipients is a user of Contoso Sales.")).toBeTruthy();
    expect(pane.org(CONTOSO.key).callsOf("deliver")).toHaveLength(0);
    expect(pane.mailbox.callsOf("getBody")).toHaveLength(0);
  });

  test("while disconnected, Track queues the request and says so", async () => {
    const { pane } = await showMessage({ orgs: [CONTOSO], connectAutomatically: false });
    await userEvent.click(await screen.findByRole("button", { name: "Track" }));
    expect(await screen.findByText(/Waiting to be tracked to Contoso Sales: the request is in the queue/)).toBeTruthy();
    expect(screen.getByText("Waiting to be tracked to Contoso Sales. Connect to send it.")).toBeTruthy();
    expect(pane.org(CONTOSO.key).calls).toHaveLength(0);
    expect(pane.session.snapshot().queue).toHaveLength(1);
  });

  test("Untrack as the owner says beforehand that the copy will be deleted, then deletes it", async () => {
    let activityId = "";
    const { pane } = await showMessage(undefined, (p) => {
      activityId = trackedIn(p, CONTOSO.key, "Contoso Sales", p.org(CONTOSO.key).userId);
    });
    const tracked = await screen.findByRole("listitem", { name: "Contoso Sales" });
    await userEvent.click(within(tracked).getByRole("button", { name: "Untrack" }));
    const dialog = await screen.findByRole("alertdialog", { name: "Untrack this message from Contoso Sales?" });
    expect(within(dialog).getByText("You own the copy in Contoso Sales, so it will be deleted from Contoso Sales.")).toBeTruthy();
    expect(pane.org(CONTOSO.key).emails.has(activityId)).toBe(true);
    await userEvent.click(within(dialog).getByRole("button", { name: "OK" }));
    expect(await screen.findByText("Untracked: the copy was deleted from Contoso Sales.")).toBeTruthy();
    await dialogClosed();
    expect(pane.org(CONTOSO.key).emails.has(activityId)).toBe(false);
    expect(screen.getByText("This message is not tracked in any of your organizations.")).toBeTruthy();
  });

  test("Untrack of someone else's copy says it stays; Cancel changes nothing, OK only unlinks", async () => {
    let activityId = "";
    const { pane } = await showMessage(undefined, (p) => {
      activityId = trackedIn(p, CONTOSO.key, "Contoso Sales", OTHER_OWNER);
    });
    const untrack = async () => {
      await userEvent.click(within(await screen.findByRole("listitem", { name: "Contoso Sales" })).getByRole("button", { name: "Untrack" }));
      return screen.findByRole("alertdialog", { name: "Untrack this message from Contoso Sales?" });
    };
    let dialog = await untrack();
    expect(within(dialog).getByText("Someone else owns the copy in Contoso Sales, so it stays in Contoso Sales; only the link in Outlook is removed.")).toBeTruthy();
    await userEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    await dialogClosed();
    expect(pane.mailbox.item("m1").mark.activities[CONTOSO.key]).toBe(activityId);
    expect(screen.getByRole("listitem", { name: "Contoso Sales" })).toBeTruthy();

    dialog = await untrack();
    await userEvent.click(within(dialog).getByRole("button", { name: "OK" }));
    expect(await screen.findByText("Untracked: the copy stays in Contoso Sales; it is only unlinked here.")).toBeTruthy();
    expect(pane.org(CONTOSO.key).emails.has(activityId)).toBe(true);
    expect(pane.org(CONTOSO.key).callsOf("deleteEmail")).toHaveLength(0);
  });

  test("Set regarding suggests the sender's and recipients' records and links the copy to the chosen one", async () => {
    let activityId = "";
    const { pane } = await showMessage(undefined, (p) => {
      activityId = trackedIn(p, CONTOSO.key, "Contoso Sales", p.org(CONTOSO.key).userId);
      p.org(CONTOSO.key).records = [
        { table: "account", id: "a0000000-0000-0000-0000-000000000001", name: "Kim's Company", emailAddress: "kim@contoso.example" },
        { table: "contact", id: "c0000000-0000-0000-0000-000000000001", name: "Pat Jones", emailAddress: "pat@customer.example" },
      ];
    });
    await userEvent.click(within(await screen.findByRole("listitem", { name: "Contoso Sales" })).getByRole("button", { name: "Set regarding" }));
    const suggestions = await screen.findByRole("radiogroup", { name: "Suggestions from the sender and recipients" });
    const radios = within(suggestions).getAllByRole("radio");
    expect(radios.map((radio) => radio.getAttribute("value"))).toEqual(["contact:c0000000-0000-0000-0000-000000000001", "account:a0000000-0000-0000-0000-000000000001"]);
    await userEvent.click(within(suggestions).getByRole("radio", { name: "Pat Jones · Contact · pat@customer.example" }));
    await userEvent.click(screen.getByRole("button", { name: "Link to record" }));
    expect(await screen.findByText("The copy in Contoso Sales is now regarding Pat Jones.")).toBeTruthy();
    expect(pane.org(CONTOSO.key).emails.get(activityId)?.regarding?.name).toBe("Pat Jones");
  });

  test("Set regarding searches by name when no record matches the addresses", async () => {
    await showMessage(undefined, (p) => {
      trackedIn(p, CONTOSO.key, "Contoso Sales", p.org(CONTOSO.key).userId);
      p.org(CONTOSO.key).records = [{ table: "opportunity", id: "d0000000-0000-0000-0000-000000000001", name: "Big Deal" }];
    });
    await userEvent.click(within(await screen.findByRole("listitem", { name: "Contoso Sales" })).getByRole("button", { name: "Set regarding" }));
    expect(await screen.findByText(/No contact, account, lead or opportunity has the address/)).toBeTruthy();
    await userEvent.type(screen.getByRole("textbox", { name: "Search records" }), "big");
    await userEvent.click(screen.getByRole("button", { name: "Search" }));
    const results = await screen.findByRole("radiogroup", { name: "Matching records" });
    expect(within(results).getByRole("radio", { name: "Big Deal · Opportunity" })).toBeTruthy();
  });

  test("Set regarding while disconnected says to connect first", async () => {
    await showMessage({ orgs: [CONTOSO], connectAutomatically: false }, (p) => {
      trackedIn(p, CONTOSO.key, "Contoso Sales", p.org(CONTOSO.key).userId);
    });
    await userEvent.click(within(await screen.findByRole("listitem", { name: "Contoso Sales" })).getByRole("button", { name: "Set regarding" }));
    expect(await screen.findByText('Connect to Contoso Sales first: "Connect automatically" is off.')).toBeTruthy();
  });

  test("a message Outlook cannot read shows why, with Try again", async () => {
    const { pane } = await showMessage(undefined, (p) => {
      p.mailbox.failNext("getMark", { error: new AppError("invalidInput", "Draft.", { messageKey: "office.notSentYet" }) });
    });
    expect(await screen.findByText("This message is still being written; track it once it has been sent.")).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "Try again" }));
    expect(await screen.findByRole("button", { name: "Track" })).toBeTruthy();
    expect(pane.mailbox.callsOf("getMark", "m1").length).toBeGreaterThanOrEqual(2);
  });

  test("without any org it offers the Organizations view instead", async () => {
    const { onShowOrganizations } = await showMessage({});
    expect(screen.getByRole("heading", { name: "No organization to track into" })).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "Show organizations" }));
    expect(onShowOrganizations).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole("button", { name: "Track" })).toBeNull();
  });

  test("shows a labelled spinner while the message is read", async () => {
    const pane = createPane({ orgs: [CONTOSO] });
    pane.mailbox.add("m1");
    renderView(<MessageView itemId="m1" mailbox={pane.mailbox} onShowOrganizations={() => undefined} />, pane);
    expect(screen.getByRole("progressbar", { name: "Reading this message…" })).toBeTruthy();
    await act(() => pane.session.start());
    await waitFor(() => expect(screen.queryByRole("progressbar")).toBeNull());
  });
});
