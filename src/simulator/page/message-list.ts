import type { FakeMessage } from "../host/office-fake";
import { h, replaceChildren } from "./dom";

/** A row of the message list. */
export interface MessageRow {
  message: FakeMessage;
  categories: readonly string[];
  /** True when the mailbox owner sent it (the row then names the recipients). */
  sent: boolean;
}

/** The message list: a multi-select listbox, driven by mouse (click, Ctrl/⌘-click, Shift-click) and keyboard. */
export interface MessageListView {
  readonly element: HTMLElement;
  /** Shows the rows with the host's selection. */
  render(rows: readonly MessageRow[], selected: readonly string[]): void;
}

/** Returns the message list; `select` receives the ids the person selected, in list order. Never throws. */
export function createMessageList(document: Document, select: (itemIds: string[]) => void): MessageListView {
  let order: string[] = [];
  let selection = new Set<string>();
  let active: string | undefined;
  let anchor: string | undefined;

  const element = h(document, "ul", { role: "listbox", "aria-label": "Messages", "aria-multiselectable": "true", tabindex: "0", class: "sim-list" });

  const inOrder = (ids: Iterable<string>): string[] => {
    const wanted = new Set(ids);
    return order.filter((id) => wanted.has(id));
  };
  const range = (from: string, to: string): string[] => {
    const a = order.indexOf(from);
    const b = order.indexOf(to);
    if (a === -1 || b === -1) return [to];
    return order.slice(Math.min(a, b), Math.max(a, b) + 1);
  };
  const choose = (itemId: string, how: { toggle?: boolean; extend?: boolean }): void => {
    active = itemId;
    if (how.extend && anchor !== undefined) {
      select(range(anchor, itemId));
      return;
    }
    anchor = itemId;
    if (how.toggle) {
      const next = new Set(selection);
      if (next.has(itemId)) next.delete(itemId);
      else next.add(itemId);
      select(inOrder(next));
      return;
    }
    select([itemId]);
  };

  element.addEventListener("click", (event) => {
    const row = (event.target as Element | null)?.closest?.("[data-item-id]");
    const itemId = row?.getAttribute("data-item-id");
    if (itemId === null || itemId === undefined) return;
    const mouse = event as MouseEvent;
    choose(itemId, { toggle: mouse.ctrlKey || mouse.metaKey, extend: mouse.shiftKey });
  });

  element.addEventListener("keydown", (event) => {
    const key = event as KeyboardEvent;
    if (order.length === 0) return;
    const at = active === undefined ? -1 : order.indexOf(active);
    const move = (index: number): void => {
      const target = order[Math.max(0, Math.min(order.length - 1, index))] as string;
      key.preventDefault();
      if (key.ctrlKey || key.metaKey) {
        active = target;
        render(lastRows, [...selection]);
        return;
      }
      choose(target, { extend: key.shiftKey });
    };
    switch (key.key) {
      case "ArrowDown":
        move(at + 1);
        break;
      case "ArrowUp":
        move(at === -1 ? 0 : at - 1);
        break;
      case "Home":
        move(0);
        break;
      case "End":
        move(order.length - 1);
        break;
      case " ":
      case "Enter":
        key.preventDefault();
        if (active !== undefined) choose(active, { toggle: key.ctrlKey || key.metaKey });
        break;
      case "a":
        if (key.ctrlKey || key.metaKey) {
          key.preventDefault();
          select([...order]);
        }
        break;
      default:
    }
  });

  let lastRows: readonly MessageRow[] = [];
  const render = (rows: readonly MessageRow[], selected: readonly string[]): void => {
    lastRows = rows;
    order = rows.map((row) => row.message.itemId);
    selection = new Set(selected);
    if (active !== undefined && !order.includes(active)) active = undefined;
    if (active === undefined && selected.length > 0) active = selected[selected.length - 1];
    replaceChildren(element, ...rows.map((row) => option(document, row, selection.has(row.message.itemId), row.message.itemId === active)));
    if (active === undefined) element.removeAttribute("aria-activedescendant");
    else element.setAttribute("aria-activedescendant", optionId(active));
  };

  return { element, render };
}

function option(document: Document, row: MessageRow, selected: boolean, active: boolean): HTMLElement {
  const { message } = row;
  const who = row.sent
    ? `To: ${(message.to ?? []).map((to) => to.displayName ?? to.emailAddress).join(", ")}`
    : (message.from.displayName ?? message.from.emailAddress);
  const date = message.dateTimeCreated === undefined ? "" : new Date(message.dateTimeCreated).toLocaleDateString(undefined, { month: "short", day: "numeric" });
  return h(
    document,
    "li",
    { role: "option", id: optionId(message.itemId), "data-item-id": message.itemId, "aria-selected": selected ? "true" : "false", class: active ? "sim-active" : undefined },
    h(document, "span", { class: "sim-date" }, date),
    h(document, "div", { class: "sim-from" }, who),
    h(document, "div", {}, message.subject === "" ? "(no subject)" : message.subject),
    row.categories.length > 0 && h(document, "div", { class: "sim-categories", "aria-label": "Categories" }, ...row.categories.map((category) => h(document, "span", { class: "sim-category" }, category))),
  );
}

function optionId(itemId: string): string {
  return `message-${itemId.replace(/[^A-Za-z0-9_-]/g, "_")}`;
}
