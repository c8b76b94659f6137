import type { FakeAddress, FakeMessage, FakeNotification } from "../host/office-fake";
import { h, replaceChildren } from "./dom";

/** What the reading pane shows: one open message (with its notification bar), several selected, or none. */
export type ReadingState =
  | { kind: "none" }
  | { kind: "several"; subjects: readonly string[] }
  | { kind: "open"; message: FakeMessage; categories: readonly string[]; notifications: readonly FakeNotification[] };

/** The reading pane. */
export interface ReadingPaneView {
  readonly element: HTMLElement;
  render(state: ReadingState): void;
}

/** Returns the reading pane; the body of a message is shown in a sandboxed frame (no scripts) that is rebuilt only when another message opens. Never throws. */
export function createReadingPane(document: Document): ReadingPaneView {
  const info = h(document, "div", { class: "sim-reading" });
  const bodyHost = h(document, "div", {});
  const element = h(document, "section", { "aria-label": "Reading pane", class: "sim-reading" }, info, bodyHost);
  let bodyFor: string | undefined;

  const showBody = (message: FakeMessage | undefined): void => {
    if (message?.itemId === bodyFor) return;
    bodyFor = message?.itemId;
    if (message === undefined) {
      replaceChildren(bodyHost);
      return;
    }
    const frame = h(document, "iframe", { title: "Message body", sandbox: "", class: "sim-body" }) as HTMLIFrameElement;
    frame.srcdoc = message.bodyHtml ?? "";
    replaceChildren(bodyHost, frame);
  };

  return {
    element,
    render(state) {
      if (state.kind === "none") {
        showBody(undefined);
        replaceChildren(info, h(document, "p", {}, "Select a message to read it."));
        return;
      }
      if (state.kind === "several") {
        showBody(undefined);
        replaceChildren(
          info,
          h(document, "h2", {}, `${state.subjects.length} messages selected`),
          h(document, "ul", { "aria-label": "Selected messages" }, ...state.subjects.map((subject) => h(document, "li", {}, subject === "" ? "(no subject)" : subject))),
        );
        return;
      }
      const { message } = state;
      replaceChildren(
        info,
        h(
          document,
          "div",
          { role: "status", "aria-live": "polite", "aria-label": "Notifications" },
          state.notifications.length > 0 &&
            h(
              document,
              "ul",
              { class: "sim-notifications" },
              ...state.notifications.map((notification) => h(document, "li", { "data-type": notification.type, "data-key": notification.key }, notification.message)),
            ),
        ),
        h(document, "h2", {}, message.subject === "" ? "(no subject)" : message.subject),
        h(
          document,
          "dl",
          { class: "sim-headers" },
          ...header(document, "From", person(message.from)),
          ...header(document, "To", (message.to ?? []).map(person).join("; ")),
          ...((message.cc ?? []).length > 0 ? header(document, "Cc", (message.cc ?? []).map(person).join("; ")) : []),
          ...(message.dateTimeCreated === undefined ? [] : header(document, "Date", new Date(message.dateTimeCreated).toLocaleString())),
          ...header(document, "Categories", state.categories.length === 0 ? "None" : state.categories.join(", ")),
        ),
      );
      showBody(message);
    },
  };
}

function header(document: Document, name: string, value: string): HTMLElement[] {
  return [h(document, "dt", {}, name), h(document, "dd", { "aria-label": name }, value)];
}

function person(address: FakeAddress): string {
  return address.displayName !== undefined && address.displayName !== address.emailAddress ? `${address.displayName} <${address.emailAddress}>` : address.emailAddress;
}
