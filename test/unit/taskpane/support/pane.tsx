/**
 * The task pane over the real session and fakes: a MemorySettingsStore seeded with orgs, a
 * FakeMailbox that also knows the open message and the selection, a FakeOrgService per org, a
 * recording TokenProvider and Global Discovery. `renderView` wraps a view in the pane's providers;
 * `renderApp` renders the whole pane.
 */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { render, type RenderResult } from "@testing-library/react";
import type { ReactElement } from "react";
import type { AppError } from "../../../../src/core/errors";
import { parseOrgUrl, type Org, type OrgAddress } from "../../../../src/core/orgs";
import type { DiscoveredOrg } from "../../../../src/core/ports";
import { createOrgTrackSession, type OrgTrackSession } from "../../../../src/core/session";
import type { QueuedRequest } from "../../../../src/core/settings/types";
import type { StringCatalog, Strings } from "../../../../src/i18n";
import { en } from "../../../../src/i18n/en";
import { App } from "../../../../src/taskpane/app/app";
import { createQueuedUntrackConfirmations, type QueuedUntrackConfirmations } from "../../../../src/taskpane/app/queued-untrack-confirmations";
import type { HostTheme, SelectedMessage, TaskpaneHost, TaskpaneMailbox } from "../../../../src/taskpane/host/types";
import { FakeDiscovery, FakeTokens } from "../../core/session/fixture";
import { PaneOptionsProvider, type PaneOptions } from "../../../../src/taskpane/shared/pane-options";
import { SessionProvider } from "../../../../src/taskpane/shared/session";
import { StringsProvider } from "../../../../src/taskpane/shared/strings";
import { FakeMailbox } from "../../../support/fake-mailbox";
import { MemorySettingsStore } from "../../../support/memory-settings-store";
import { FakeOrgService } from "../../core/tracking/fake-org-service";

/** An org as the settings keep it, from a pasted address and a friendly name. */
export function orgAt(url: string, friendlyName: string, userId = ALEX): Org {
  return { ...parseOrgUrl(url), friendlyName, userId };
}

/** Alex, the signed-in person (systemuserid in every fake org). */
export const ALEX = "11111111-1111-1111-1111-111111111111";
export const CONTOSO = orgAt("https://contoso.crm4.dynamics.com", "Contoso Sales");
export const FABRIKAM = orgAt("https://fabrikam.crm.dynamics.com", "Fabrikam Support");
export const NORTHWIND = orgAt("https://northwind.crm.dynamics.com", "Northwind Traders");

/** The friendly names the fake orgs answer with, by key (orgs added during a test). */
const KNOWN_NAMES: Record<string, string> = { [CONTOSO.key]: CONTOSO.friendlyName, [FABRIKAM.key]: FABRIKAM.friendlyName, [NORTHWIND.key]: NORTHWIND.friendlyName };

/** An instance as Global Discovery lists it. */
export function discovered(org: Org, state: DiscoveredOrg["state"] = "enabled"): DiscoveredOrg {
  return { url: org.url, apiUrl: `${org.url}/api/data/v9.2`, friendlyName: org.friendlyName, uniqueName: org.friendlyName.replace(/\s/g, ""), urlName: org.friendlyName.split(" ")[0] ?? "", version: "9.2", state };
}

/** The FakeMailbox plus the open message and the selection, as Outlook would report them. */
export class TestMailbox extends FakeMailbox implements TaskpaneMailbox {
  open: string | undefined = undefined;
  selected: SelectedMessage[] = [];
  selectionFailure: AppError | undefined;
  /** A compose form is open (a draft being written). */
  composing = false;
  currentItemId(): string | undefined {
    return this.composing ? undefined : this.open;
  }
  isComposing(): boolean {
    return this.composing;
  }
  async selectedMessages(): Promise<SelectedMessage[]> {
    if (this.selectionFailure) throw this.selectionFailure;
    if (this.selected.length > 0) return this.selected.map((message) => ({ ...message }));
    return this.open === undefined ? [] : [{ itemId: this.open, subject: this.item(this.open).metadata.subject, mode: "read" }];
  }
}

/** A TaskpaneHost over the test mailbox and store, whose selection and theme a test changes. */
export class TestHost implements TaskpaneHost {
  readonly kind = "outlook" as const;
  displayLanguage = "en-US";
  multiSelect = true;
  nestedAppAuth = false;
  private currentTheme: HostTheme = "light";
  private readonly selectionListeners = new Set<() => void>();
  private readonly themeListeners = new Set<() => void>();
  constructor(
    readonly settingsStore: MemorySettingsStore,
    readonly mailbox: TestMailbox,
  ) {}
  theme(): HostTheme {
    return this.currentTheme;
  }
  onThemeChanged(listener: () => void): () => void {
    this.themeListeners.add(listener);
    return () => this.themeListeners.delete(listener);
  }
  onSelectionChanged(listener: () => void): () => void {
    this.selectionListeners.add(listener);
    return () => this.selectionListeners.delete(listener);
  }
  loginHint(): string | undefined {
    return "alex.wu@contoso.example";
  }
  /** Opens one message (ItemChanged). */
  openItem(itemId: string | undefined): void {
    this.mailbox.open = itemId;
    this.mailbox.selected = [];
    for (const listener of [...this.selectionListeners]) listener();
  }
  /** Selects several messages (SelectedItemsChanged). */
  select(messages: SelectedMessage[]): void {
    this.mailbox.selected = messages;
    for (const listener of [...this.selectionListeners]) listener();
  }
  setTheme(theme: HostTheme): void {
    this.currentTheme = theme;
    for (const listener of [...this.themeListeners]) listener();
  }
}

/** How a test pane starts. */
export interface PaneSetup {
  orgs?: Org[];
  /** Default: the first org. */
  synchronizingKey?: string;
  connectAutomatically?: boolean;
  saveCredentials?: boolean;
  queue?: QueuedRequest[];
  discovered?: DiscoveredOrg[];
  /** Raw settings text (overrides the above). */
  settingsText?: string;
}

/** Everything a test drives or inspects. */
export interface Pane {
  store: MemorySettingsStore;
  mailbox: TestMailbox;
  host: TestHost;
  tokens: FakeTokens;
  discovery: FakeDiscovery;
  session: OrgTrackSession;
  confirmations: QueuedUntrackConfirmations;
  /** The fake org of a key (created on first use, as the session asks for it). */
  org(key: string): FakeOrgService;
}

/** Returns a pane over the real session and fakes; the session is not started. */
export function createPane(setup: PaneSetup = {}): Pane {
  const orgs = setup.orgs ?? [];
  const document = {
    version: 2,
    orgs,
    ...(orgs.length > 0 ? { synchronizingKey: setup.synchronizingKey ?? orgs[0]?.key } : {}),
    saveCredentials: setup.saveCredentials ?? false,
    connectAutomatically: setup.connectAutomatically ?? true,
    queue: setup.queue ?? [],
  };
  const store = new MemorySettingsStore(setup.settingsText ?? JSON.stringify(document));
  const mailbox = new TestMailbox();
  const host = new TestHost(store, mailbox);
  const tokens = new FakeTokens();
  const discovery = new FakeDiscovery(setup.discovered ?? []);
  const confirmations = createQueuedUntrackConfirmations();
  const services = new Map<string, FakeOrgService>();
  const org = (key: string): FakeOrgService => {
    let service = services.get(key);
    if (!service) {
      const address: OrgAddress = parseOrgUrl(key);
      service = new FakeOrgService({ ...address, friendlyName: KNOWN_NAMES[key] ?? "Unnamed Org", userId: ALEX }, ALEX);
      services.set(key, service);
    }
    return service;
  };
  const session = createOrgTrackSession({
    settingsStore: store,
    mailbox,
    tokens,
    serviceFor: (address) => org(address.key),
    discovery: () => discovery,
    discoveryResource: "https://globaldisco.crm.dynamics.com",
    confirmQueuedUntrack: (plan) => confirmations.ask(plan),
    newId: (() => {
      let next = 1;
      return () => `q${next++}`;
    })(),
  });
  return { store, mailbox, host, tokens, discovery, session, confirmations, org };
}

const DEFAULT_OPTIONS: PaneOptions = { discoveryAvailable: true, offeredOrgUrls: [] };

/** Renders a view inside the pane's providers (light theme, English unless told). */
export function renderView(ui: ReactElement, pane: Pane, options: { strings?: Strings; paneOptions?: PaneOptions } = {}): RenderResult {
  return render(
    <FluentProvider theme={webLightTheme}>
      <StringsProvider strings={options.strings ?? en}>
        <SessionProvider session={pane.session}>
          <PaneOptionsProvider options={options.paneOptions ?? DEFAULT_OPTIONS}>{ui}</PaneOptionsProvider>
        </SessionProvider>
      </StringsProvider>
    </FluentProvider>,
  );
}

/** Renders the whole pane (App) over the fixture. */
export function renderApp(pane: Pane, options: { strings?: Strings | StringCatalog; paneOptions?: PaneOptions } = {}): RenderResult {
  return render(<App session={pane.session} host={pane.host} strings={options.strings ?? en} confirmations={pane.confirmations} options={options.paneOptions ?? DEFAULT_OPTIONS} />);
}
