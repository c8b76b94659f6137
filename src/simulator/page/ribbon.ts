import type { ManifestButton } from "../manifest";
import { h, replaceChildren } from "./dom";

/** Why a ribbon button cannot be used now, or undefined when it can. */
export function disabledReason(button: ManifestButton, selectionCount: number): string | undefined {
  if (selectionCount === 0) return "Select a message first.";
  if (selectionCount > 1 && !button.action.supportsMultiSelect) return "This button works on one message at a time (its manifest action has no SupportsMultiSelect).";
  return undefined;
}

/** The ribbon: the manifest group's buttons, each enabled as Outlook would for the current selection. */
export interface RibbonView {
  readonly element: HTMLElement;
  render(state: { selectionCount: number; busy: ReadonlySet<string>; problem?: string }): void;
}

/** Returns the ribbon of a manifest group; `press` receives the button the person pressed. Never throws. */
export function createRibbon(document: Document, group: { label: string; buttons: readonly ManifestButton[] }, iconUrl: (url: string) => string, press: (button: ManifestButton) => void): RibbonView {
  const element = h(document, "div", { role: "toolbar", "aria-label": "Ribbon", class: "sim-ribbon" });
  const buttons = group.buttons.map((button) => {
    const icon = button.icons["32"] ?? button.icons["16"] ?? button.icons["80"];
    const control = h(
      document,
      "button",
      { type: "button", "data-control-id": button.id, onclick: () => press(button) },
      icon !== undefined && h(document, "img", { src: iconUrl(icon), alt: "" }),
      h(document, "span", {}, button.label),
    ) as HTMLButtonElement;
    return { button, control };
  });
  const groupElement = h(
    document,
    "div",
    { role: "group", "aria-label": group.label, class: "sim-group" },
    h(document, "div", { class: "sim-buttons" }, ...buttons.map(({ control }) => control)),
    h(document, "div", { class: "sim-group-label", "aria-hidden": "true" }, group.label),
  );
  return {
    element,
    render(state) {
      if (state.problem !== undefined) {
        replaceChildren(element, h(document, "p", { role: "alert", class: "sim-problem" }, state.problem));
        return;
      }
      if (groupElement.parentElement !== element) replaceChildren(element, groupElement);
      for (const { button, control } of buttons) {
        const reason = disabledReason(button, state.selectionCount);
        control.disabled = reason !== undefined;
        control.title = reason ?? button.tooltip;
        if (state.busy.has(button.id)) control.setAttribute("aria-busy", "true");
        else control.removeAttribute("aria-busy");
      }
    },
  };
}
