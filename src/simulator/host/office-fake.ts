/**
 * A small, typed fake of the Office.js subset OrgTrack uses in Outlook: the mailbox (open item in
 * read or compose mode, selection, `loadItemByIdAsync`, master categories, user profile),
 * `roamingSettings`, `requirements.isSetSupported`, dialogs, `Office.onReady`, the display
 * language, the theme, the ItemChanged / SelectedItemsChanged / OfficeThemeChanged events, and the
 * enums those need. `installOfficeFake()` puts it on `globalThis.Office`; every callback runs
 * asynchronously, as in Outlook; any async operation can be made to fail with an Office error;
 * every call is recorded.
 *
 * It lives in src/simulator because the Outlook simulator page drives it in a browser (as the
 * mailbox every simulated page shares); the unit tests install the same fake. So it holds no Jest
 * or Node API.
 * Where Outlook's behaviour is documented the fake follows it (one loaded item at a time; custom
 * properties read-only on a loaded item; an item category must exist in the master list; a
 * duplicate master category is refused). Error names it invents for undocumented cases say so
 * by starting with "Fake".
 */

/** A sender or recipient. */
export interface FakeAddress {
  emailAddress: string;
  displayName?: string;
}

/** A message in the fake mailbox. Its categories and custom properties change as the add-in works. */
export interface FakeMessage {
  itemId: string;
  internetMessageId: string;
  subject: string;
  from: FakeAddress;
  to?: FakeAddress[];
  cc?: FakeAddress[];
  bcc?: FakeAddress[];
  /** ISO 8601 or a Date. */
  dateTimeCreated?: string | Date;
  dateTimeModified?: string | Date;
  bodyHtml?: string;
  categories?: string[];
  /** This add-in's custom properties, name → value. */
  customProperties?: Record<string, string>;
  /** "compose" for a draft still being written. Default "read". */
  mode?: "read" | "compose";
  /** Default "message". */
  itemType?: "message" | "appointment";
}

/** Office's theme (`Office.context.officeTheme`); `isDarkTheme` is missing on older hosts. */
export interface FakeTheme {
  bodyBackgroundColor?: string;
  bodyForegroundColor?: string;
  controlBackgroundColor?: string;
  controlForegroundColor?: string;
  isDarkTheme?: boolean;
}

/** The mailbox owner. */
export interface FakeUser {
  displayName: string;
  emailAddress: string;
}

/** A category in the master list. */
export interface FakeCategory {
  displayName: string;
  color: string;
}

/** An Office error, as `asyncResult.error` carries it. */
export interface FakeOfficeError {
  code: number;
  name: string;
  message: string;
}

/** Every async operation of the fake, by the name a test uses to make it fail or count it. */
export type FakeOperation =
  | "body.getAsync"
  | "subject.getAsync"
  | "from.getAsync"
  | "to.getAsync"
  | "cc.getAsync"
  | "bcc.getAsync"
  | "categories.getAsync"
  | "categories.addAsync"
  | "categories.removeAsync"
  | "masterCategories.getAsync"
  | "masterCategories.addAsync"
  | "loadCustomPropertiesAsync"
  | "customProperties.saveAsync"
  | "roamingSettings.saveAsync"
  | "getSelectedItemsAsync"
  | "loadItemByIdAsync"
  | "unloadAsync"
  | "displayDialogAsync"
  | "notificationMessages.replaceAsync"
  | "notificationMessages.removeAsync"
  | "notificationMessages.getAllAsync"
  | "addHandlerAsync"
  | "removeHandlerAsync";

/** A notification shown on a message's notification bar. */
export interface FakeNotification {
  key: string;
  type: string;
  message: string;
  icon?: string;
  persistent?: boolean;
}

/** One recorded call: the operation and the item it was made on, if any. */
export interface FakeCall {
  operation: FakeOperation;
  itemId?: string;
}

/** How the fake starts. */
export interface OfficeFakeOptions {
  user?: FakeUser;
  messages?: FakeMessage[];
  /** The message open in the reading pane (read mode). Default: none. */
  openItemId?: string;
  /** The selected messages (multi-select). Default: the open message. */
  selectedItemIds?: string[];
  /** Supported requirement sets, name → highest version. Default `{ Mailbox: "1.15" }`. */
  requirementSets?: Record<string, string>;
  masterCategories?: FakeCategory[];
  /** Already saved roaming settings. */
  roamingSettings?: Record<string, unknown>;
  /** False when the add-in lacks ReadWriteMailbox: `mailbox.masterCategories` is then undefined. Default true. */
  masterCategoriesAvailable?: boolean;
  /** The host `Office.onReady` reports. Default "Outlook"; `null` as Office.js reports on a page opened outside Office. */
  host?: string | null;
  /** True for a host whose `Office.onReady` never settles. Default false. */
  neverReady?: boolean;
  /** `Office.context.displayLanguage`. Default "en-US". */
  displayLanguage?: string;
  /** `Office.context.officeTheme`. Default: none (a host without themes). */
  theme?: FakeTheme;
}

/** A dialog opened with `displayDialogAsync`, driven by the test (the page inside it is not run). */
export interface FakeDialog {
  readonly url: string;
  readonly options: Record<string, unknown>;
  readonly closed: boolean;
  /** The dialog page calls `messageParent(message)`; `origin` is the page's origin. */
  sendMessage(message: string, origin: string): void;
  /** The person closes the dialog (event 12006). */
  closeByUser(): void;
  /** Another dialog event (12002 page not found, 12003 mixed content, …). */
  sendEvent(error: number): void;
}

/** The installed fake: the state a test inspects and the levers it pulls. */
export interface OfficeFake {
  /** The object installed as `globalThis.Office`. */
  readonly office: typeof Office;
  /** Every async call, in order. */
  readonly calls: FakeCall[];
  /** Dialogs opened so far, in order. */
  readonly dialogs: FakeDialog[];
  /** The live state of a message; throws when there is none with that id. */
  message(itemId: string): Required<Pick<FakeMessage, "categories" | "customProperties">> & FakeMessage;
  /** The notifications on a message's bar, in the order they were first shown. */
  notifications(itemId: string): FakeNotification[];
  /** The master category list as Outlook holds it. */
  masterCategories(): FakeCategory[];
  /** The roaming settings as last saved (what another device would see). */
  savedRoamingSettings(): Record<string, unknown>;
  /** Adds a message to the mailbox. */
  addMessage(message: FakeMessage): void;
  /** Opens a message in the reading pane (undefined: none), selects it alone, and raises ItemChanged. */
  open(itemId: string | undefined): void;
  /** Opens a compose form for a draft (no item id until saved). */
  compose(draft: Omit<FakeMessage, "itemId" | "mode"> & { itemId?: string }): void;
  /** Selects messages (multi-select) and raises SelectedItemsChanged; the open item is unchanged. */
  select(itemIds: string[]): void;
  /** Changes Office's theme and raises OfficeThemeChanged. */
  setTheme(theme: FakeTheme): void;
  setUser(user: FakeUser): void;
  setRequirementSets(sets: Record<string, string>): void;
  /** Adds a category to the master list, as another device or the person would. */
  addMasterCategory(category: FakeCategory): void;
  /** Runs `action` just before the next call of an operation takes effect (another device acting at that moment). */
  beforeNext(operation: FakeOperation, action: () => void): void;
  /** Makes the next `times` calls of an operation fail with this error. */
  failNext(operation: FakeOperation, error?: Partial<FakeOfficeError>, times?: number): void;
  /** Counts the recorded calls of an operation. */
  count(operation: FakeOperation): number;
  /** Puts back whatever `globalThis.Office` was before. */
  uninstall(): void;
}

const STATUS = { Succeeded: "succeeded", Failed: "failed" } as const;

/** The mailbox events the fake raises, by their `Office.EventType` values. */
const EVENT: Record<"ItemChanged" | "SelectedItemsChanged" | "OfficeThemeChanged", string> = {
  ItemChanged: "olkItemSelectedChanged",
  SelectedItemsChanged: "olkSelectedItemsChanged",
  OfficeThemeChanged: "officeThemeChanged",
};

const CATEGORY_COLORS: Record<string, string> = { None: "None" };
for (let preset = 0; preset <= 24; preset += 1) CATEGORY_COLORS[`Preset${preset}`] = `Preset${preset}`;

/** The 32 KB Outlook keeps per add-in and mailbox; the fake refuses a bigger save as Outlook does. */
const ROAMING_LIMIT_BYTES = 32 * 1024;
const CUSTOM_PROPERTIES_LIMIT_CHARS = 2500;

type AsyncResult<T> = { status: string; value: T; error: FakeOfficeError | null; asyncContext?: unknown };
type Callback<T> = (result: AsyncResult<T>) => void;

/** Installs the fake as `globalThis.Office` and returns its handle. */
export function installOfficeFake(options: OfficeFakeOptions = {}): OfficeFake {
  const messages = new Map<string, FakeMessage & { categories: string[]; customProperties: Record<string, string> }>();
  const calls: FakeCall[] = [];
  const failures = new Map<FakeOperation, Array<FakeOfficeError>>();
  const interleaved = new Map<FakeOperation, Array<() => void>>();
  const dialogs: FakeDialog[] = [];
  let user: FakeUser = options.user ?? { displayName: "Alex Wu", emailAddress: "alex.wu@contoso.example" };
  let requirementSets: Record<string, string> = { ...(options.requirementSets ?? { Mailbox: "1.15" }) };
  const master: FakeCategory[] = (options.masterCategories ?? []).map((category) => ({ ...category }));
  let savedSettings: Record<string, unknown> = structuredCloneJson(options.roamingSettings ?? {});
  const liveSettings: Record<string, unknown> = structuredCloneJson(savedSettings);
  let openItemId: string | undefined = options.openItemId;
  let composing: FakeMessage | undefined;
  let selected: string[] = options.selectedItemIds ?? (options.openItemId === undefined ? [] : [options.openItemId]);
  let loadedItemId: string | undefined;
  const notifications = new Map<string, FakeNotification[]>();
  const handlers = new Map<string, Array<(arg: unknown) => void>>();
  let theme: FakeTheme | undefined = options.theme === undefined ? undefined : { ...options.theme };
  const raise = (eventType: string, arg: unknown): void => {
    for (const handler of [...(handlers.get(eventType) ?? [])]) queueMicrotask(() => handler(arg));
  };

  const addMessage = (message: FakeMessage): void => {
    messages.set(message.itemId, { ...message, categories: [...(message.categories ?? [])], customProperties: { ...(message.customProperties ?? {}) } });
  };
  for (const message of options.messages ?? []) addMessage(message);

  const stored = (itemId: string) => {
    const found = messages.get(itemId);
    if (found === undefined) throw new Error(`The fake mailbox has no message ${itemId}.`);
    return found;
  };

  /** Records the call, then answers asynchronously: the queued failure if any, else `run()`'s value or error. */
  const answer = <T>(operation: FakeOperation, itemId: string | undefined, callback: Callback<T> | undefined, run: () => T, asyncContext?: unknown): void => {
    calls.push(itemId === undefined ? { operation } : { operation, itemId });
    const queued = failures.get(operation);
    const failure = queued !== undefined && queued.length > 0 ? queued.shift() : undefined;
    const action = interleaved.get(operation)?.shift();
    queueMicrotask(() => {
      action?.();
      let result: AsyncResult<T>;
      if (failure !== undefined) {
        result = { status: STATUS.Failed, value: undefined as T, error: failure };
      } else {
        try {
          result = { status: STATUS.Succeeded, value: run(), error: null };
        } catch (thrown) {
          result = { status: STATUS.Failed, value: undefined as T, error: asOfficeError(thrown) };
        }
      }
      if (asyncContext !== undefined) result.asyncContext = asyncContext;
      callback?.(result);
    });
  };

  const isSupported = (name: string, minVersion?: string): boolean => {
    const version = Object.entries(requirementSets).find(([set]) => set.toLowerCase() === name.toLowerCase())?.[1];
    if (version === undefined) return false;
    return minVersion === undefined || compareVersions(version, minVersion) >= 0;
  };

  const categoriesOf = (itemId: string) => ({
    getAsync: (callback: Callback<FakeCategory[] | null>) =>
      answer("categories.getAsync", itemId, callback, () => {
        const names = stored(itemId).categories;
        return names.length === 0 ? null : names.map((name) => ({ displayName: name, color: master.find((c) => sameName(c.displayName, name))?.color ?? "None" }));
      }),
    addAsync: (names: string[], callback?: Callback<void>) =>
      answer("categories.addAsync", itemId, callback, () => {
        for (const name of names) {
          if (!master.some((category) => category.displayName === name)) throw officeError(9045, "InvalidCategory", `The category "${name}" is not in the master list.`);
        }
        const message = stored(itemId);
        for (const name of names) if (!message.categories.includes(name)) message.categories.push(name);
      }),
    removeAsync: (names: string[], callback?: Callback<void>) =>
      answer("categories.removeAsync", itemId, callback, () => {
        const message = stored(itemId);
        message.categories = message.categories.filter((name) => !names.includes(name));
      }),
  });

  const customPropertiesOf = (itemId: string, loaded: boolean) => {
    const snapshot = { ...stored(itemId).customProperties };
    const readOnly = (): void => {
      if (loaded) throw officeError(9999, "FakeNotSupportedOnLoadedItem", "Custom properties cannot be changed on an item loaded with loadItemByIdAsync.");
    };
    return {
      get: (name: string): string | undefined => snapshot[name],
      getAll: (): Record<string, string> => ({ ...snapshot }),
      set: (name: string, value: string): void => {
        readOnly();
        snapshot[name] = String(value);
      },
      remove: (name: string): void => {
        readOnly();
        delete snapshot[name];
      },
      saveAsync: (callback?: Callback<void>, asyncContext?: unknown) =>
        answer(
          "customProperties.saveAsync",
          itemId,
          callback,
          () => {
            if (JSON.stringify(snapshot).length > CUSTOM_PROPERTIES_LIMIT_CHARS) throw officeError(9999, "FakeCustomPropertiesTooLarge", "Custom properties exceed 2,500 characters.");
            stored(itemId).customProperties = { ...snapshot };
          },
          asyncContext,
        ),
    };
  };

  const notificationsOf = (itemId: string) => ({
    replaceAsync: (key: string, details: Omit<FakeNotification, "key">, callback?: Callback<void>) =>
      answer("notificationMessages.replaceAsync", itemId, callback, () => {
        const list = notifications.get(itemId) ?? [];
        const entry: FakeNotification = { key, type: String(details.type), message: details.message };
        if (details.icon !== undefined) entry.icon = details.icon;
        if (details.persistent !== undefined) entry.persistent = Boolean(details.persistent);
        const index = list.findIndex((existing) => existing.key === key);
        if (index === -1) list.push(entry);
        else list[index] = entry;
        notifications.set(itemId, list);
      }),
    removeAsync: (key: string, callback?: Callback<void>) =>
      answer("notificationMessages.removeAsync", itemId, callback, () => {
        notifications.set(itemId, (notifications.get(itemId) ?? []).filter((existing) => existing.key !== key));
      }),
    getAllAsync: (callback: Callback<FakeNotification[]>) => answer("notificationMessages.getAllAsync", itemId, callback, () => [...(notifications.get(itemId) ?? [])]),
  });

  const readItem = (itemId: string, loaded: boolean) => {
    const message = stored(itemId);
    const item = {
      itemId: message.itemId,
      itemType: message.itemType ?? "message",
      internetMessageId: message.internetMessageId,
      subject: message.subject,
      normalizedSubject: message.subject.replace(/^((re|fw|fwd):\s*)+/i, ""),
      from: address(message.from),
      sender: address(message.from),
      to: (message.to ?? []).map(address),
      cc: (message.cc ?? []).map(address),
      dateTimeCreated: toDate(message.dateTimeCreated),
      dateTimeModified: toDate(message.dateTimeModified ?? message.dateTimeCreated),
      body: {
        getAsync: (coercionType: string, callback: Callback<string>) =>
          answer("body.getAsync", itemId, callback, () => {
            const html = stored(itemId).bodyHtml ?? "";
            return coercionType === "html" ? html : html.replace(/<[^>]*>/g, "");
          }),
      },
      categories: categoriesOf(itemId),
      notificationMessages: loaded ? undefined : notificationsOf(itemId),
      loadCustomPropertiesAsync: (callback: Callback<ReturnType<typeof customPropertiesOf>>, userContext?: unknown) =>
        answer("loadCustomPropertiesAsync", itemId, callback, () => customPropertiesOf(itemId, loaded), userContext),
    };
    return loaded ? { ...item, unloadAsync: unloadAsync(itemId) } : item;
  };

  const composeItem = (draft: FakeMessage, loaded: boolean) => {
    const getter = <T>(operation: FakeOperation, value: () => T) => ({
      getAsync: (callback: Callback<T>) => answer(operation, draft.itemId || undefined, callback, value),
    });
    const item = {
      itemType: draft.itemType ?? "message",
      subject: getter("subject.getAsync", () => draft.subject),
      from: getter("from.getAsync", () => address(draft.from)),
      to: getter("to.getAsync", () => (draft.to ?? []).map(address)),
      cc: getter("cc.getAsync", () => (draft.cc ?? []).map(address)),
      bcc: getter("bcc.getAsync", () => (draft.bcc ?? []).map(address)),
      body: {
        getAsync: (_coercionType: string, callback: Callback<string>) => answer("body.getAsync", draft.itemId || undefined, callback, () => draft.bodyHtml ?? ""),
      },
    };
    return loaded ? { ...item, unloadAsync: unloadAsync(draft.itemId) } : item;
  };

  const unloadAsync = (itemId: string) => (callback?: Callback<void>) =>
    answer("unloadAsync", itemId, callback, () => {
      if (loadedItemId === itemId) loadedItemId = undefined;
    });

  const mailbox = {
    get item() {
      if (composing !== undefined) return composeItem(composing, false);
      return openItemId === undefined ? null : readItem(openItemId, false);
    },
    get userProfile() {
      return { displayName: user.displayName, emailAddress: user.emailAddress, timeZone: "UTC", accountType: "enterprise" };
    },
    diagnostics: { hostName: "OutlookFake", hostVersion: "16.0", OWAView: undefined },
    masterCategories:
      options.masterCategoriesAvailable === false
        ? undefined
        : {
            getAsync: (callback: Callback<FakeCategory[] | null>) =>
              answer("masterCategories.getAsync", undefined, callback, () => (master.length === 0 ? null : master.map((category) => ({ ...category })))),
            addAsync: (categories: FakeCategory[], callback?: Callback<void>) =>
              answer("masterCategories.addAsync", undefined, callback, () => {
                for (const category of categories) {
                  if (master.some((existing) => sameName(existing.displayName, category.displayName))) {
                    throw officeError(9045, "DuplicateCategory", `The category "${category.displayName}" is already in the master list.`);
                  }
                }
                for (const category of categories) master.push({ displayName: category.displayName, color: String(category.color) });
              }),
          },
    getSelectedItemsAsync: (callback: Callback<Array<Record<string, unknown>>>) =>
      answer("getSelectedItemsAsync", undefined, callback, () =>
        selected.map((itemId) => {
          const message = stored(itemId);
          return {
            itemId,
            itemType: message.itemType === "appointment" ? "Appointment" : "Message",
            itemMode: message.mode === "compose" ? "Compose" : "Read",
            subject: message.subject,
            internetMessageId: message.internetMessageId,
            conversationId: `conversation-${itemId}`,
            hasAttachment: false,
          };
        }),
      ),
    addHandlerAsync: (eventType: string, handler: (arg: unknown) => void, callback?: Callback<void>) =>
      answer("addHandlerAsync", undefined, callback, () => {
        if (!Object.values(EVENT).includes(eventType)) throw officeError(9999, "FakeUnknownEvent", `The fake does not raise ${eventType}.`);
        handlers.set(eventType, [...(handlers.get(eventType) ?? []), handler]);
      }),
    /** Outlook removes every handler of the type at once. */
    removeHandlerAsync: (eventType: string, callback?: Callback<void>) =>
      answer("removeHandlerAsync", undefined, callback, () => {
        handlers.delete(eventType);
      }),
    loadItemByIdAsync: (itemId: string, callback: Callback<unknown>) =>
      answer("loadItemByIdAsync", itemId, callback, () => {
        if (loadedItemId !== undefined) throw officeError(9999, "FakeItemAlreadyLoaded", "Unload the loaded item before loading another one.");
        const message = stored(itemId);
        loadedItemId = itemId;
        return message.mode === "compose" ? composeItem(message, true) : readItem(itemId, true);
      }),
  };

  const roamingSettings = {
    get: (name: string): unknown => structuredCloneJson(liveSettings[name]),
    set: (name: string, value: unknown): void => {
      liveSettings[name] = structuredCloneJson(value);
    },
    remove: (name: string): void => {
      delete liveSettings[name];
    },
    saveAsync: (callback?: Callback<void>) =>
      answer("roamingSettings.saveAsync", undefined, callback, () => {
        if (new TextEncoder().encode(JSON.stringify(liveSettings)).length > ROAMING_LIMIT_BYTES) {
          throw officeError(9999, "FakeRoamingSettingsTooLarge", "Roaming settings exceed 32 KB.");
        }
        savedSettings = structuredCloneJson(liveSettings);
      }),
  };

  const ui = {
    displayDialogAsync: (url: string, dialogOptions: Record<string, unknown> | Callback<unknown>, maybeCallback?: Callback<unknown>) => {
      const callback = typeof dialogOptions === "function" ? dialogOptions : maybeCallback;
      const settings = typeof dialogOptions === "function" ? {} : dialogOptions;
      answer("displayDialogAsync", undefined, callback, () => {
        const handlers = new Map<string, Array<(arg: unknown) => void>>();
        let closed = false;
        const emit = (type: string, arg: unknown): void => {
          if (closed) return;
          queueMicrotask(() => {
            for (const handler of handlers.get(type) ?? []) handler(arg);
          });
        };
        const dialog = {
          addEventHandler: (type: string, handler: (arg: unknown) => void, handlerCallback?: Callback<void>) => {
            handlers.set(type, [...(handlers.get(type) ?? []), handler]);
            handlerCallback?.({ status: STATUS.Succeeded, value: undefined, error: null });
          },
          close: (closeCallback?: () => void) => {
            closed = true;
            closeCallback?.();
          },
          messageChild: () => undefined,
          sendMessage: () => undefined,
        };
        dialogs.push({
          url,
          options: settings,
          get closed() {
            return closed;
          },
          sendMessage: (message, origin) => emit("dialogMessageReceived", { type: "dialogMessageReceived", message, origin }),
          closeByUser: () => {
            emit("dialogEventReceived", { type: "dialogEventReceived", error: 12006 });
            queueMicrotask(() => {
              closed = true;
            });
          },
          sendEvent: (error) => emit("dialogEventReceived", { type: "dialogEventReceived", error }),
        });
        return dialog;
      });
    },
    messageParent: () => undefined,
  };

  const office = {
    AsyncResultStatus: STATUS,
    CoercionType: { Html: "html", Text: "text" },
    EventType: { DialogMessageReceived: "dialogMessageReceived", DialogEventReceived: "dialogEventReceived", ...EVENT },
    HostType: { Outlook: "Outlook" },
    MailboxEnums: {
      ItemType: { Message: "message", Appointment: "appointment" },
      ItemNotificationMessageType: { ProgressIndicator: "progressIndicator", InformationalMessage: "informationalMessage", ErrorMessage: "errorMessage", InsightMessage: "insightMessage" },
      CategoryColor: CATEGORY_COLORS,
    },
    onReady: (callback?: (info: { host: string | null; platform: string | null }) => void) => {
      if (options.neverReady === true) return new Promise<never>(() => undefined);
      const host = options.host === undefined ? "Outlook" : options.host;
      const info = { host, platform: host === null ? null : "OfficeOnline" };
      if (callback) queueMicrotask(() => callback(info));
      return Promise.resolve(info);
    },
    context: {
      mailbox,
      roamingSettings,
      requirements: { isSetSupported: isSupported },
      ui,
      displayLanguage: options.displayLanguage ?? "en-US",
      get officeTheme() {
        return theme === undefined ? undefined : { ...theme };
      },
    },
  };

  const globals = globalThis as { Office?: unknown };
  const hadOffice = Object.prototype.hasOwnProperty.call(globals, "Office");
  const previous = globals.Office;
  globals.Office = office;

  return {
    office: office as unknown as typeof Office,
    calls,
    dialogs,
    message: (itemId) => stored(itemId) as ReturnType<OfficeFake["message"]>,
    notifications: (itemId) => [...(notifications.get(itemId) ?? [])],
    masterCategories: () => master.map((category) => ({ ...category })),
    savedRoamingSettings: () => structuredCloneJson(savedSettings),
    addMessage,
    open(itemId) {
      composing = undefined;
      if (itemId !== undefined) stored(itemId);
      openItemId = itemId;
      selected = itemId === undefined ? [] : [itemId];
      raise(EVENT.ItemChanged, { type: EVENT.ItemChanged });
    },
    compose(draft) {
      composing = { ...draft, itemId: draft.itemId ?? "", mode: "compose" };
    },
    select(itemIds) {
      for (const itemId of itemIds) stored(itemId);
      selected = [...itemIds];
      raise(EVENT.SelectedItemsChanged, { type: EVENT.SelectedItemsChanged });
    },
    setTheme(next) {
      theme = { ...next };
      raise(EVENT.OfficeThemeChanged, { type: EVENT.OfficeThemeChanged, officeTheme: { ...next } });
    },
    setUser(next) {
      user = { ...next };
    },
    setRequirementSets(sets) {
      requirementSets = { ...sets };
    },
    addMasterCategory(category) {
      master.push({ ...category });
    },
    beforeNext(operation, action) {
      interleaved.set(operation, [...(interleaved.get(operation) ?? []), action]);
    },
    failNext(operation, error = {}, times = 1) {
      const failure: FakeOfficeError = { code: error.code ?? 9002, name: error.name ?? "InternalError", message: error.message ?? "The fake host failed this call." };
      failures.set(operation, [...(failures.get(operation) ?? []), ...Array.from({ length: times }, () => ({ ...failure }))]);
    },
    count: (operation) => calls.filter((call) => call.operation === operation).length,
    uninstall() {
      if (hadOffice) globals.Office = previous;
      else delete globals.Office;
    },
  };
}

function address(value: FakeAddress): { emailAddress: string; displayName: string; recipientType: string } {
  return { emailAddress: value.emailAddress, displayName: value.displayName ?? value.emailAddress, recipientType: "externalUser" };
}

function toDate(value: string | Date | undefined): Date | undefined {
  if (value === undefined) return undefined;
  return value instanceof Date ? new Date(value.getTime()) : new Date(value);
}

function officeError(code: number, name: string, message: string): FakeOfficeError & Error {
  return Object.assign(new Error(message), { code, name });
}

function asOfficeError(thrown: unknown): FakeOfficeError {
  if (typeof thrown === "object" && thrown !== null && typeof (thrown as { code?: unknown }).code === "number") {
    const { code, name, message } = thrown as FakeOfficeError;
    return { code, name, message };
  }
  return { code: 9002, name: "InternalError", message: thrown instanceof Error ? thrown.message : String(thrown) };
}

function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function compareVersions(a: string, b: string): number {
  const left = a.split(".").map(Number);
  const right = b.split(".").map(Number);
  for (let index = 0; index < Math.max(left.length, right.length); index += 1) {
    const difference = (left[index] ?? 0) - (right[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

function structuredCloneJson<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}
