import type { FakeCategory, FakeNotification, FakeUser } from "./host/office-fake";
import { exposeBridge } from "./bridge";
import { createSimulatedOffice, type SimulatedOffice } from "./host/simulated-office";
import { parseMessages, type SimulatorMailbox } from "./mailbox";
import { localUrl, type ManifestButton, type SimulatorManifest } from "./manifest";
import { h, replaceChildren } from "./page/dom";
import { createMessageList } from "./page/message-list";
import { createReadingPane, type ReadingState } from "./page/reading-pane";
import { createRibbon, disabledReason } from "./page/ribbon";
import { SIMULATOR_CSS } from "./page/styles";
import { forgetSavedMailbox, loadSavedMailbox, saveMailbox, type StateStorage } from "./persistence";

/** An item as `window.outlookSimulator.getItem` reports it. */
export interface SimulatorItem {
  itemId: string;
  subject: string;
  categories: string[];
  customProperties: Record<string, string>;
  /** The item's notification bar, in the order the messages were first shown. */
  notifications: FakeNotification[];
}

/** One press of a ribbon button, as the command log shows it. */
export interface CommandLogEntry {
  label: string;
  functionName?: string;
  status: "running" | "completed" | "failed";
  /** How many times the function called `event.completed()` so far (exactly once is right). */
  completions: number;
  error?: string;
}

/** What `runCommand` resolves with: the press, and the open item's notification bar once the command completed. */
export interface CommandResult extends CommandLogEntry {
  notifications: FakeNotification[];
}

/**
 * The test hook the simulator page puts on `window.outlookSimulator` (architecture.md): tests and
 * people at the console drive the mailbox through it instead of the mouse.
 */
export interface OutlookSimulatorHook {
  /** Resolves when the manifest is read and the commands page has associated every FunctionName; rejects with the reason otherwise. */
  ready: Promise<void>;
  /** Replaces the message list with these messages (the fixture format; their state is taken as given). Throws an Error naming a malformed message. */
  loadMailbox(messages: unknown[]): void;
  /** Selects messages as the person would (one opens it in the reading pane; several select them all). Throws for an unknown id. */
  selectItems(itemIds: string[]): void;
  /** The state of a message: categories, custom properties, notifications. Throws for an unknown id. */
  getItem(itemId: string): SimulatorItem;
  /** Changes the mailbox owner (Office.context.mailbox.userProfile). */
  setUser(user: { displayName: string; emailAddress: string }): void;
  /** Presses the ribbon button with this label (as displayed, or the manifest's default); resolves when the command completed. Rejects when there is no such button, it is disabled, or it never completes. */
  runCommand(label: string): Promise<CommandResult>;
  /** Opens the task pane (as its ribbon button does). */
  openTaskPane(): void;
  /** The presses of ribbon buttons so far, oldest first. */
  commandLog(): CommandLogEntry[];
  /** The add-in's roaming settings as saved. */
  roamingSettings(): Record<string, unknown>;
  masterCategories(): FakeCategory[];
  /** The ids of the selected messages. */
  selection(): string[];
  /** Forgets the saved mailbox and reloads the page from the fixture. */
  reset(): void;
}

/** How the simulator page starts. */
export interface SimulatorOptions {
  window: Window;
  root: HTMLElement;
  /** The fixture (or the `?mailbox=` document). */
  mailbox: SimulatorMailbox;
  /** The manifest read from `manifest.xml`, or why it could not be. */
  manifest: SimulatorManifest | Error;
  displayLanguage?: string;
  theme?: "light" | "dark";
  requirementSets?: Record<string, string>;
  /** Where the mailbox is kept between reloads (the page's localStorage); undefined keeps nothing. */
  storage?: StateStorage;
  /** Start from the saved mailbox when there is one (default true). */
  restore?: boolean;
  /** Milliseconds to wait for the commands page to associate its functions. */
  associateTimeoutMs?: number;
}

/** A running simulator page. */
export interface Simulator {
  hook: OutlookSimulatorHook;
  host: SimulatedOffice;
}

const DEFAULT_USER: FakeUser = { displayName: "Alex Wu", emailAddress: "alex.wu@contoso.example" };

/**
 * Builds the simulator page in `root`: a mailbox (message list, reading pane with the item's
 * notification bar), the ribbon buttons of the manifest, the add-in's function file in a hidden
 * frame and its task pane in a frame beside the reading pane, all on one simulated Office host
 * that the frames reach through the bridge (see bridge.ts). Returns the test hook and the host;
 * never throws (a manifest that cannot be read is shown in place of the ribbon, and `ready` rejects).
 */
export function startSimulator(options: SimulatorOptions): Simulator {
  const { window: win, root } = options;
  const document = root.ownerDocument;
  const pageUrl = win.location.href;
  const saved = options.restore === false ? undefined : loadSavedMailbox(options.storage);
  const manifest = options.manifest instanceof Error ? undefined : options.manifest;
  const manifestProblem = options.manifest instanceof Error ? options.manifest.message : undefined;
  const host = createSimulatedOffice({
    user: saved?.user ?? options.mailbox.user ?? DEFAULT_USER,
    messages: saved?.messages ?? options.mailbox.messages,
    ...(saved !== undefined ? { masterCategories: saved.masterCategories } : options.mailbox.masterCategories === undefined ? {} : { masterCategories: options.mailbox.masterCategories }),
    ...(saved === undefined ? {} : { roamingSettings: saved.roamingSettings }),
    ...(options.requirementSets === undefined ? {} : { requirementSets: options.requirementSets }),
    displayLanguage: options.displayLanguage ?? "en-US",
    theme: options.theme ?? "light",
  });
  exposeBridge(win, { version: 1, officeFor: (frame) => host.officeFor(frame) });

  let order = (saved?.messages ?? options.mailbox.messages).map((message) => message.itemId);
  const busy = new Set<string>();
  const log: CommandLogEntry[] = [];
  const local = (url: string): string => localUrl(url, manifest?.sourceLocation, pageUrl);

  // The page.
  const style = h(document, "style", {}, SIMULATOR_CSS);
  const userLabel = h(document, "span", { "aria-label": "Signed-in user" });
  const resetButton = h(document, "button", { type: "button", onclick: () => hook.reset() }, "Reset mailbox");
  const header = h(document, "header", { class: "sim-header" }, h(document, "h1", {}, "Outlook simulator"), userLabel, resetButton);
  const ribbon = createRibbon(document, { label: manifest?.groupLabel ?? "", buttons: manifest?.buttons ?? [] }, local, (button) => {
    void press(button).catch(() => undefined);
  });
  const list = createMessageList(document, (itemIds) => host.select(itemIds));
  const reading = createReadingPane(document);
  const paneTitle = h(document, "h2", {}, manifest?.buttons.find((button) => button.action.kind === "showTaskpane")?.label ?? "Task pane");
  const paneBody = h(document, "div", { class: "sim-pane-body" });
  const pane = h(
    document,
    "aside",
    { "aria-label": "Task pane", class: "sim-pane", hidden: "" },
    h(document, "div", { class: "sim-pane-header" }, paneTitle, h(document, "button", { type: "button", onclick: () => closePane() }, "Close task pane")),
    paneBody,
  );
  const logList = h(document, "ol", { role: "log", "aria-label": "Command log", class: "sim-log" });
  const main = h(document, "div", { class: "sim-main" }, list.element, reading.element, pane);
  replaceChildren(root, style, h(document, "div", { class: "sim" }, header, ribbon.element, main, logList));

  // The function file runs in a hidden frame for the whole session, as Outlook keeps it loaded.
  const functionFile = manifest?.functionFileUrl;
  if (functionFile !== undefined) {
    root.append(h(document, "iframe", { title: "Add-in commands", src: local(functionFile), hidden: "", "aria-hidden": "true", tabindex: "-1" }));
  }
  const functionNames = (manifest?.buttons ?? []).flatMap((button) => (button.action.kind === "executeFunction" ? [button.action.functionName] : []));
  const ready: Promise<void> = manifestProblem !== undefined ? Promise.reject(new Error(manifestProblem)) : Promise.all(functionNames.map((name) => host.whenAssociated(name, options.associateTimeoutMs ?? 30_000))).then(() => undefined);
  ready.catch(() => undefined);

  function openPane(button: ManifestButton): void {
    if (button.action.kind !== "showTaskpane") return;
    const url = local(button.action.url);
    paneTitle.textContent = button.label;
    const current = paneBody.querySelector("iframe");
    if (current === null || current.getAttribute("src") !== url) replaceChildren(paneBody, h(document, "iframe", { title: button.label, src: url }));
    pane.hidden = false;
  }

  function closePane(): void {
    replaceChildren(paneBody);
    pane.hidden = true;
  }

  async function press(button: ManifestButton): Promise<CommandResult> {
    const reason = disabledReason(button, host.selection().length);
    if (reason !== undefined) throw new Error(`${button.label} is disabled: ${reason}`);
    if (button.action.kind === "showTaskpane") {
      openPane(button);
      return { label: button.label, status: "completed", completions: 0, notifications: [] };
    }
    const entry: CommandLogEntry = { label: button.label, functionName: button.action.functionName, status: "running", completions: 0 };
    log.push(entry);
    busy.add(button.id);
    schedule();
    try {
      await host.whenAssociated(button.action.functionName, options.associateTimeoutMs ?? 30_000);
      const run = host.invoke(button.action.functionName, button.id);
      const count = (): void => {
        entry.completions = run.completions();
      };
      try {
        await run.done;
      } finally {
        count();
        // A second completion would show up in the log (and fail the tests that read it).
        win.setTimeout(() => {
          count();
          schedule();
        }, 1000);
      }
      entry.status = "completed";
      const open = host.openItemId();
      return { ...entry, notifications: open === undefined ? [] : host.item(open).notifications };
    } catch (error) {
      entry.status = "failed";
      entry.error = error instanceof Error ? error.message : String(error);
      throw error;
    } finally {
      busy.delete(button.id);
      schedule();
    }
  }

  // Rendering and saving, at most once per turn of the event loop.
  let renderPending = false;
  function schedule(): void {
    if (renderPending) return;
    renderPending = true;
    win.setTimeout(() => {
      renderPending = false;
      render();
      save();
    }, 0);
  }

  function readingState(): ReadingState {
    const selected = host.selection();
    const open = host.openItemId();
    if (open !== undefined) {
      const message = host.fake.message(open);
      return { kind: "open", message, categories: [...message.categories], notifications: host.fake.notifications(open) };
    }
    if (selected.length > 1) return { kind: "several", subjects: selected.map((itemId) => host.fake.message(itemId).subject) };
    return { kind: "none" };
  }

  function render(): void {
    const user = host.user();
    userLabel.textContent = `${user.displayName} <${user.emailAddress}>`;
    const owner = user.emailAddress.toLowerCase();
    list.render(
      order.map((itemId) => {
        const message = host.fake.message(itemId);
        return { message, categories: [...message.categories], sent: message.from.emailAddress.toLowerCase() === owner };
      }),
      host.selection(),
    );
    reading.render(readingState());
    ribbon.render({ selectionCount: host.selection().length, busy, ...(manifestProblem === undefined ? {} : { problem: `The ribbon could not be read from manifest.xml: ${manifestProblem}` }) });
    replaceChildren(logList, ...log.map((entry) => h(document, "li", {}, describe(entry))));
  }

  function save(): void {
    saveMailbox(options.storage, {
      user: host.user(),
      messages: order.map((itemId) => ({ ...host.fake.message(itemId) })),
      masterCategories: host.masterCategories(),
      roamingSettings: host.savedRoamingSettings(),
    });
  }

  host.onChange(schedule);
  render();

  const hook: OutlookSimulatorHook = {
    ready,
    loadMailbox(messages) {
      const parsed = parseMessages(messages);
      host.select([]);
      order = host.loadMessages(parsed);
      schedule();
    },
    selectItems(itemIds) {
      for (const itemId of itemIds) if (!order.includes(itemId)) throw new Error(`The mailbox shows no message "${itemId}".`);
      host.select(itemIds);
    },
    getItem(itemId) {
      const state = host.item(itemId);
      return JSON.parse(JSON.stringify(state)) as SimulatorItem;
    },
    setUser(user) {
      host.setUser({ displayName: user.displayName, emailAddress: user.emailAddress });
    },
    async runCommand(label) {
      const button = manifest?.buttons.find((candidate) => candidate.label === label || candidate.defaultLabel === label);
      if (button === undefined) {
        throw new Error(`The ribbon has no button "${label}" (it has: ${(manifest?.buttons ?? []).map((candidate) => candidate.label).join(", ") || "none"}).`);
      }
      return press(button);
    },
    openTaskPane() {
      const button = manifest?.buttons.find((candidate) => candidate.action.kind === "showTaskpane");
      if (button === undefined) throw new Error("The manifest has no task pane button.");
      openPane(button);
    },
    commandLog: () => log.map((entry) => ({ ...entry })),
    roamingSettings: () => host.savedRoamingSettings(),
    masterCategories: () => host.masterCategories(),
    selection: () => [...host.selection()],
    reset() {
      forgetSavedMailbox(options.storage);
      options.storage = undefined;
      win.location.reload();
    },
  };
  return { hook, host };
}

function describe(entry: CommandLogEntry): string {
  const times = entry.completions > 1 ? ` (completed ${entry.completions} times)` : "";
  if (entry.status === "failed") return `${entry.label}: failed: ${entry.error ?? "unknown error"}`;
  return `${entry.label}: ${entry.status}${times}`;
}
