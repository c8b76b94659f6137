import {
  installOfficeFake,
  type FakeCategory,
  type FakeMessage,
  type FakeNotification,
  type FakeUser,
  type OfficeFake,
} from "./office-fake";

/**
 * The simulated Outlook host: one mailbox (the typed Office fake that the unit tests use), shared
 * by every frame of the simulator, and one Office.js object per frame (the task pane, the
 * commands' function file, a dialog), as Outlook gives each add-in runtime its own Office.js over
 * the same mailbox. On top of the fake it adds what only a host with several runtimes has:
 * ItemChanged and SelectedItemsChanged delivered to every frame that subscribed, the ribbon's
 * ExecuteFunction calls (`Office.actions.associate`), real dialogs (`displayDialogAsync` opens a
 * window whose page answers with `messageParent`), the display language and the Office theme.
 */

/** Office's event names (`Office.EventType.*` values). */
export const EVENT = {
  ItemChanged: "olkItemSelectedChanged",
  SelectedItemsChanged: "olkSelectedItemsChanged",
  DialogMessageReceived: "dialogMessageReceived",
  DialogEventReceived: "dialogEventReceived",
  OfficeThemeChanged: "officeThemeChanged",
} as const;

/** Dialog errors Office documents (`displayDialogAsync` and `DialogEventReceived`). */
export const DIALOG_ERROR = { domainNotTrusted: 12004, alreadyOpen: 12007, closedByUser: 12006, popupBlocked: 12011 } as const;

/** What the host starts with. */
export interface SimulatedOfficeOptions {
  user: FakeUser;
  messages: FakeMessage[];
  masterCategories?: FakeCategory[];
  roamingSettings?: Record<string, unknown>;
  /** Requirement sets, name → highest version (default Mailbox 1.15: categories, multi-select, loading a selected item). */
  requirementSets?: Record<string, string>;
  /** Office's display language, e.g. `en-US`, `de-DE`. */
  displayLanguage?: string;
  theme?: "light" | "dark";
  /** Opens a dialog window for a frame (default: the frame's `window.open`); returns null when the browser refuses. */
  openWindow?: (frame: Window, url: string, features: string) => Window | null;
  /** Milliseconds between checks whether a dialog window was closed by the person. */
  dialogPollMs?: number;
}

/** The event object an ExecuteFunction receives. */
export interface SimulatedCommandEvent {
  source: { id: string };
  completed(options?: { allowEvent?: boolean }): void;
}

/** One ribbon function call: when it completed and how many times `completed()` was called. */
export interface CommandRun {
  functionName: string;
  controlId: string;
  /** Resolves at the first `completed()`; rejects after the timeout when it never comes. */
  done: Promise<void>;
  /** How many times the function called `event.completed()` (exactly once is right). */
  completions(): number;
}

/** An item as the simulator's test hook reports it. */
export interface ItemState {
  itemId: string;
  subject: string;
  categories: string[];
  customProperties: Record<string, string>;
  notifications: FakeNotification[];
}

/** The simulated host. */
export interface SimulatedOffice {
  /** The fake underneath (mailbox state, call log). */
  readonly fake: OfficeFake;
  /** Returns a new Office.js object for a frame (its earlier one's handlers are dropped: the frame navigated). */
  officeFor(frame: Window): unknown;
  /** Adds (or replaces, by item id) messages; returns their ids in order. */
  loadMessages(messages: readonly FakeMessage[]): string[];
  /** Selects messages as a click in the message list would: one opens it in the reading pane; several open none. Raises the events of what changed. */
  select(itemIds: readonly string[]): void;
  /** The ids selected, in order. */
  selection(): readonly string[];
  /** The message open in the reading pane, if any. */
  openItemId(): string | undefined;
  item(itemId: string): ItemState;
  user(): FakeUser;
  setUser(user: FakeUser): void;
  displayLanguage(): string;
  setTheme(theme: "light" | "dark"): void;
  /** The FunctionNames associated so far (by the commands' function file). */
  functionNames(): string[];
  /** Resolves when a FunctionName is associated (rejects after `timeoutMs`). */
  whenAssociated(functionName: string, timeoutMs?: number): Promise<void>;
  /** Calls an associated ribbon function as Outlook does for an ExecuteFunction button. Throws when none is associated under that name. */
  invoke(functionName: string, controlId: string, timeoutMs?: number): CommandRun;
  /** Calls the listener after any change the page may show (a host call, a selection, a user); returns the unsubscribe function. */
  onChange(listener: () => void): () => void;
  /** The roaming settings as saved. */
  savedRoamingSettings(): Record<string, unknown>;
  masterCategories(): FakeCategory[];
}

type Handler = (arg: unknown) => void;
type Callback = (result: { status: string; value: unknown; error: { code: number; name: string; message: string } | null }) => void;

interface FrameState {
  generation: number;
  handlers: Map<string, Handler[]>;
}

interface OpenDialog {
  window: Window;
  opener: Window;
  handlers: Map<string, Handler[]>;
  closed: boolean;
  timer: ReturnType<typeof setInterval> | undefined;
}

const THEMES: Record<"light" | "dark", Office.OfficeTheme> = {
  light: { bodyBackgroundColor: "#FFFFFF", bodyForegroundColor: "#242424", controlBackgroundColor: "#FFFFFF", controlForegroundColor: "#242424", isDarkTheme: false, themeId: 0 as unknown as Office.ThemeId },
  dark: { bodyBackgroundColor: "#292929", bodyForegroundColor: "#FFFFFF", controlBackgroundColor: "#3D3D3D", controlForegroundColor: "#FFFFFF", isDarkTheme: true, themeId: 1 as unknown as Office.ThemeId },
};

/** Returns a simulated host over a fresh Office fake (installed as this window's Office, which nothing of the add-in reads: each frame gets its own). Never throws. */
export function createSimulatedOffice(options: SimulatedOfficeOptions): SimulatedOffice {
  const fake = installOfficeFake({
    user: options.user,
    messages: options.messages,
    ...(options.masterCategories === undefined ? {} : { masterCategories: options.masterCategories }),
    ...(options.roamingSettings === undefined ? {} : { roamingSettings: options.roamingSettings }),
    requirementSets: options.requirementSets ?? { Mailbox: "1.15" },
  });
  const base = fake.office as unknown as {
    AsyncResultStatus: Record<string, string>;
    CoercionType: Record<string, string>;
    EventType: Record<string, string>;
    MailboxEnums: Record<string, unknown>;
    context: { mailbox: Record<string, unknown>; roamingSettings: unknown; requirements: unknown };
  };
  const frames = new Map<Window, FrameState>();
  const functions = new Map<string, (event: SimulatedCommandEvent) => void>();
  const associationWaiters = new Map<string, Array<() => void>>();
  const listeners = new Set<() => void>();
  let dialog: OpenDialog | undefined;
  let generation = 0;
  let currentUser: FakeUser = { ...options.user };
  let theme: "light" | "dark" = options.theme ?? "light";
  let selected: string[] = [];
  let openId: string | undefined;
  const language = options.displayLanguage ?? "en-US";
  const openWindow = options.openWindow ?? ((frame: Window, url: string, features: string) => frame.open(url, "_blank", features));

  const changed = (): void => {
    for (const listener of [...listeners]) {
      try {
        listener();
      } catch {
        // A page listener that fails must not stop the host.
      }
    }
  };

  // Every async call of the fake is logged before it takes effect; the page re-renders after it did.
  const log = fake.calls;
  const push = log.push.bind(log);
  log.push = (...calls) => {
    const length = push(...calls);
    setTimeout(changed, 0);
    return length;
  };

  const raise = (eventType: string, arg: unknown): void => {
    for (const state of frames.values()) {
      for (const handler of state.handlers.get(eventType) ?? []) {
        setTimeout(() => {
          try {
            handler(arg);
          } catch {
            // A handler of a frame that has gone away (or that throws) must not stop the others.
          }
        }, 0);
      }
    }
  };

  const succeed = (callback: Callback | undefined, value: unknown = undefined): void => {
    if (callback) queueMicrotask(() => callback({ status: "succeeded", value, error: null }));
  };
  const fail = (callback: Callback | undefined, code: number, name: string, message: string): void => {
    if (callback) queueMicrotask(() => callback({ status: "failed", value: undefined, error: { code, name, message } }));
  };

  /** `(type, handler, callback)` or `(type, handler, options, callback)`, as Office.js accepts. */
  const lastCallback = (args: unknown[]): Callback | undefined => {
    const found = [...args].reverse().find((arg) => typeof arg === "function");
    return found as Callback | undefined;
  };

  function mailboxFor(state: FrameState): Record<string, unknown> {
    const mailbox = Object.create(base.context.mailbox) as Record<string, unknown>;
    mailbox.addHandlerAsync = (eventType: string, handler: Handler, ...rest: unknown[]) => {
      const callback = lastCallback(rest);
      if (eventType !== EVENT.ItemChanged && eventType !== EVENT.SelectedItemsChanged && eventType !== EVENT.OfficeThemeChanged) {
        fail(callback, 9999, "FakeUnknownEvent", `The simulator does not raise ${eventType}.`);
        return;
      }
      state.handlers.set(eventType, [...(state.handlers.get(eventType) ?? []), handler]);
      succeed(callback);
    };
    mailbox.removeHandlerAsync = (eventType: string, ...rest: unknown[]) => {
      state.handlers.delete(eventType);
      succeed(lastCallback(rest));
    };
    return mailbox;
  }

  function uiFor(frame: Window): Record<string, unknown> {
    return {
      displayDialogAsync: (url: string, ...rest: unknown[]) => {
        const callback = lastCallback(rest);
        const settings = (typeof rest[0] === "object" && rest[0] !== null ? rest[0] : {}) as { height?: number; width?: number };
        let target: URL;
        try {
          target = new URL(url, frame.location.href);
        } catch {
          fail(callback, DIALOG_ERROR.domainNotTrusted, "InvalidUrl", "The dialog URL is not a URL.");
          return;
        }
        if (target.origin !== frame.location.origin) {
          fail(callback, DIALOG_ERROR.domainNotTrusted, "DomainNotTrusted", "The dialog page must be on the add-in's domain.");
          return;
        }
        if (dialog !== undefined && !dialog.closed) {
          fail(callback, DIALOG_ERROR.alreadyOpen, "DialogAlreadyOpen", "A dialog is already open.");
          return;
        }
        const width = Math.round((screenSize(frame).width * (settings.width ?? 40)) / 100);
        const height = Math.round((screenSize(frame).height * (settings.height ?? 60)) / 100);
        const opened = openWindow(frame, target.href, `popup,width=${width},height=${height}`);
        if (opened === null) {
          fail(callback, DIALOG_ERROR.popupBlocked, "PopupBlocked", "The browser blocked the dialog window.");
          return;
        }
        const current: OpenDialog = { window: opened, opener: frame, handlers: new Map(), closed: false, timer: undefined };
        dialog = current;
        current.timer = setInterval(() => {
          if (!current.window.closed || current.closed) return;
          endDialog(current);
          emitToDialog(current, EVENT.DialogEventReceived, { type: EVENT.DialogEventReceived, error: DIALOG_ERROR.closedByUser });
        }, options.dialogPollMs ?? 250);
        succeed(callback, {
          addEventHandler: (eventType: string, handler: Handler, handlerCallback?: Callback) => {
            current.handlers.set(eventType, [...(current.handlers.get(eventType) ?? []), handler]);
            succeed(handlerCallback);
          },
          close: (closeCallback?: () => void) => {
            endDialog(current);
            try {
              current.window.close();
            } catch {
              // Already gone.
            }
            if (closeCallback) setTimeout(closeCallback, 0);
          },
          messageChild: () => undefined,
          sendMessage: () => undefined,
        });
      },
      messageParent: (message: string) => {
        const target = dialog;
        if (target === undefined || target.closed || target.window !== frame) throw Object.assign(new Error("This page is not an open dialog."), { code: 12003, name: "NotADialog" });
        emitToDialog(target, EVENT.DialogMessageReceived, { type: EVENT.DialogMessageReceived, message: String(message), origin: frame.location.origin });
      },
      closeContainer: () => undefined,
    };
  }

  function endDialog(target: OpenDialog): void {
    target.closed = true;
    if (target.timer !== undefined) clearInterval(target.timer);
    if (dialog === target) dialog = undefined;
  }

  function emitToDialog(target: OpenDialog, eventType: string, arg: unknown): void {
    for (const handler of target.handlers.get(eventType) ?? []) {
      setTimeout(() => {
        try {
          handler(arg);
        } catch {
          // The opener's handler failing must not break the host.
        }
      }, 0);
    }
  }

  function officeFor(frame: Window): unknown {
    const state: FrameState = { generation: ++generation, handlers: new Map() };
    frames.set(frame, state);
    frame.addEventListener?.("pagehide", () => {
      if (frames.get(frame) === state) frames.delete(frame);
    });
    const info = { host: "Outlook", platform: "OfficeOnline" };
    return {
      AsyncResultStatus: base.AsyncResultStatus,
      CoercionType: base.CoercionType,
      EventType: { ...base.EventType, ...EVENT },
      MailboxEnums: base.MailboxEnums,
      HostType: { Outlook: "Outlook" },
      PlatformType: { OfficeOnline: "OfficeOnline" },
      onReady: (callback?: (ready: typeof info) => void) => {
        if (callback) setTimeout(() => callback(info), 0);
        return Promise.resolve(info);
      },
      actions: {
        associate: (name: string, action: (event: SimulatedCommandEvent) => void) => {
          functions.set(name, action);
          for (const resolve of associationWaiters.get(name) ?? []) resolve();
          associationWaiters.delete(name);
          changed();
        },
      },
      context: {
        mailbox: mailboxFor(state),
        roamingSettings: base.context.roamingSettings,
        requirements: base.context.requirements,
        ui: uiFor(frame),
        displayLanguage: language,
        contentLanguage: language,
        get officeTheme() {
          return { ...THEMES[theme] };
        },
        host: "Outlook",
        platform: "OfficeOnline",
        diagnostics: { host: "Outlook", platform: "OfficeOnline", version: "16.0.0.0" },
      },
    };
  }

  return {
    fake,
    officeFor,

    loadMessages(messages) {
      for (const message of messages) fake.addMessage(message);
      setTimeout(changed, 0);
      return messages.map((message) => message.itemId);
    },

    select(itemIds) {
      const next = [...new Set(itemIds)];
      for (const itemId of next) fake.message(itemId);
      const nextOpen = next.length === 1 ? next[0] : undefined;
      const openChanged = nextOpen !== openId;
      const selectionChanged = next.join("\n") !== selected.join("\n");
      fake.open(nextOpen);
      if (next.length > 1) fake.select(next);
      selected = next;
      openId = nextOpen;
      if (openChanged) raise(EVENT.ItemChanged, { type: EVENT.ItemChanged });
      if (selectionChanged) raise(EVENT.SelectedItemsChanged, { type: EVENT.SelectedItemsChanged });
      changed();
    },

    selection: () => [...selected],
    openItemId: () => openId,

    item(itemId) {
      const message = fake.message(itemId);
      return {
        itemId,
        subject: message.subject,
        categories: [...message.categories],
        customProperties: { ...message.customProperties },
        notifications: fake.notifications(itemId),
      };
    },

    user: () => ({ ...currentUser }),
    setUser(user) {
      currentUser = { ...user };
      fake.setUser(currentUser);
      changed();
    },

    displayLanguage: () => language,

    setTheme(next) {
      if (next === theme) return;
      theme = next;
      raise(EVENT.OfficeThemeChanged, { type: EVENT.OfficeThemeChanged, officeTheme: { ...THEMES[theme] } });
      changed();
    },

    functionNames: () => [...functions.keys()],

    whenAssociated(functionName, timeoutMs = 30_000) {
      if (functions.has(functionName)) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`No function is associated with "${functionName}" after ${timeoutMs} ms: did the commands page load?`)), timeoutMs);
        associationWaiters.set(functionName, [
          ...(associationWaiters.get(functionName) ?? []),
          () => {
            clearTimeout(timer);
            resolve();
          },
        ]);
      });
    },

    invoke(functionName, controlId, timeoutMs = 60_000) {
      const action = functions.get(functionName);
      if (action === undefined) throw new Error(`No function is associated with "${functionName}".`);
      let count = 0;
      let finish: () => void = () => undefined;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const done = new Promise<void>((resolve, reject) => {
        finish = resolve;
        timer = setTimeout(() => reject(new Error(`${functionName} did not call event.completed() within ${timeoutMs} ms.`)), timeoutMs);
      });
      const event: SimulatedCommandEvent = {
        source: { id: controlId },
        completed: () => {
          count += 1;
          if (count === 1) {
            if (timer !== undefined) clearTimeout(timer);
            finish();
            setTimeout(changed, 0);
          }
        },
      };
      setTimeout(() => action(event), 0);
      return { functionName, controlId, done, completions: () => count };
    },

    onChange(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },

    savedRoamingSettings: () => fake.savedRoamingSettings(),
    masterCategories: () => fake.masterCategories(),
  };
}

function screenSize(frame: Window): { width: number; height: number } {
  try {
    return { width: frame.screen.availWidth || 1280, height: frame.screen.availHeight || 800 };
  } catch {
    return { width: 1280, height: 800 };
  }
}
