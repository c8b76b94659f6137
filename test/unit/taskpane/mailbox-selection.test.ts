import { AppError } from "../../../src/core/errors";
import { readSelection } from "../../../src/taskpane/app/use-mailbox-selection";
import { createPane } from "./support/pane";

function host(options: { open?: string; composing?: boolean; selected?: { itemId: string; mode: "read" | "compose" }[]; multiSelect?: boolean; failure?: AppError }) {
  const pane = createPane();
  for (const id of ["m1", "m2"]) pane.mailbox.add(id);
  pane.mailbox.open = options.open;
  pane.mailbox.selected = (options.selected ?? []).map((message) => ({ ...message, subject: message.itemId }));
  pane.mailbox.selectionFailure = options.failure;
  pane.mailbox.composing = options.composing ?? false;
  pane.host.multiSelect = options.multiSelect ?? true;
  return pane.host;
}

describe("readSelection (ItemChanged / SelectedItemsChanged → state)", () => {
  test("several selected messages are a multiple selection", async () => {
    const selection = await readSelection(host({ open: "m1", selected: [{ itemId: "m1", mode: "read" }, { itemId: "m2", mode: "read" }] }));
    expect(selection.kind === "multiple" && selection.messages.map((m) => m.itemId)).toEqual(["m1", "m2"]);
  });

  test("the open message, or a single selected one that is not open, is a single selection; a lone draft is none", async () => {
    expect(await readSelection(host({ open: "m1" }))).toEqual({ kind: "single", itemId: "m1" });
    expect(await readSelection(host({ selected: [{ itemId: "m2", mode: "read" }] }))).toEqual({ kind: "single", itemId: "m2" });
    expect(await readSelection(host({ selected: [{ itemId: "d1", mode: "compose" }] }))).toEqual({ kind: "none" });
    expect(await readSelection(host({}))).toEqual({ kind: "none" });
  });

  test("a message being written in a compose form is a draft, with or without multi-select", async () => {
    expect(await readSelection(host({ composing: true }))).toEqual({ kind: "draft" });
    expect(await readSelection(host({ composing: true, multiSelect: false }))).toEqual({ kind: "draft" });
    expect(await readSelection(host({ composing: false, open: "m1" }))).toEqual({ kind: "single", itemId: "m1" });
  });

  test("without multi-select only the open message counts; a failing selection falls back to it, or is reported", async () => {
    expect(await readSelection(host({ open: "m1", multiSelect: false, selected: [{ itemId: "m1", mode: "read" }, { itemId: "m2", mode: "read" }] }))).toEqual({ kind: "single", itemId: "m1" });
    const failure = new AppError("office", "Outlook failed.", { messageKey: "office.failed" });
    expect(await readSelection(host({ open: "m1", failure }))).toEqual({ kind: "single", itemId: "m1" });
    expect(await readSelection(host({ failure }))).toEqual({ kind: "failed", error: failure });
  });
});
