import { FluentProvider, Tab, TabList } from "@fluentui/react-components";
import { Suspense, useEffect, useState } from "react";
import type { OrgTrackSession } from "../../core/session";
import type { StringCatalog, Strings } from "../../i18n";
import { EmptyState } from "../components/empty-state";
import { ErrorNotice } from "../components/error-notice";
import { Loading } from "../components/loading";
import { Notice } from "../components/notice";
import { OrganizationsView } from "../features/organizations/organizations-view";
import type { TaskpaneHost } from "../host/types";
import { lazyNamed } from "../shared/lazy";
import { PaneOptionsProvider, type PaneOptions } from "../shared/pane-options";
import { SessionProvider, useSnapshot } from "../shared/session";
import { StringsProvider, useTranslator } from "../shared/strings";
import { useAppStyles } from "./app.styles";
import { ErrorBoundary } from "./error-boundary";
import { QueuedUntrackDialog } from "./queued-untrack-dialog";
import type { QueuedUntrackConfirmations } from "./queued-untrack-confirmations";
import { useHostTheme } from "./use-host-theme";
import { useMailboxSelection, type MailboxSelection } from "./use-mailbox-selection";
import { useOnline } from "./use-online";

const MessageView = lazyNamed(() => import("../features/message/message-view"), "MessageView");
const SettingsView = lazyNamed(() => import("../features/settings/settings-view"), "SettingsView");
const SelectionView = lazyNamed(() => import("../features/selection/selection-view"), "SelectionView");

/** The pane's tabs. */
export type PaneTab = "message" | "organizations" | "settings";

export type AppProps = {
  session: OrgTrackSession;
  host: TaskpaneHost;
  /** The person's strings: the pane's catalog (parts load as views need them), or complete strings. */
  strings: Strings | StringCatalog;
  confirmations: QueuedUntrackConfirmations;
  options: PaneOptions;
};

/** The task pane: theme from the host, the person's language, the session, and the shell with its three tabs. */
export function App(props: AppProps) {
  return (
    <StringsProvider strings={props.strings}>
      <ThemedPane {...props} />
    </StringsProvider>
  );
}

function ThemedPane(props: AppProps) {
  const styles = useAppStyles();
  const theme = useHostTheme(props.host);
  const { language } = useTranslator();
  return (
    <FluentProvider theme={theme} className={styles.provider} lang={language}>
      <SessionProvider session={props.session}>
        <PaneOptionsProvider options={props.options}>
          <Shell host={props.host} confirmations={props.confirmations} />
        </PaneOptionsProvider>
      </SessionProvider>
    </FluentProvider>
  );
}

/** The first tab: "This message" when a message is selected and there is an org to track into, else "Organizations". */
function initialTab(selection: MailboxSelection, orgCount: number): PaneTab {
  return orgCount > 0 && (selection.kind === "single" || selection.kind === "multiple") ? "message" : "organizations";
}

function Shell(props: { host: TaskpaneHost; confirmations: QueuedUntrackConfirmations }) {
  const styles = useAppStyles();
  const { t } = useTranslator();
  const snapshot = useSnapshot();
  const online = useOnline();
  const selection = useMailboxSelection(props.host);
  const [chosen, setChosen] = useState<PaneTab | undefined>(undefined);
  const [crashes, setCrashes] = useState(0);
  const ready = snapshot.loaded && selection.kind !== "loading";

  // The first tab is decided once, when the settings and the selection are known; after that the person decides.
  useEffect(() => {
    if (chosen === undefined && ready) setChosen(initialTab(selection, snapshot.orgs.length));
  }, [chosen, ready, selection, snapshot.orgs.length]);

  const tab = chosen ?? "organizations";
  const messageLabel = selection.kind === "multiple" ? t("app.tab.selection", { count: selection.messages.length }) : t("app.tab.message");

  return (
    <main className={styles.root}>
      {online ? null : <Notice intent="warning">{t("app.offline")}</Notice>}
      <TabList className={styles.tabs} selectedValue={tab} onTabSelect={(_, data) => setChosen(data.value as PaneTab)} aria-label={t("app.tabs")}>
        <Tab id="orgtrack-tab-message" value="message">
          {messageLabel}
        </Tab>
        <Tab id="orgtrack-tab-organizations" value="organizations">
          {t("app.tab.organizations")}
        </Tab>
        <Tab id="orgtrack-tab-settings" value="settings">
          {t("app.tab.settings")}
        </Tab>
      </TabList>
      <div role="tabpanel" aria-labelledby={`orgtrack-tab-${tab}`} className={styles.panel}>
        <ErrorBoundary key={`${tab}-${crashes}`} onReload={() => setCrashes((count) => count + 1)}>
          <Suspense fallback={<Loading label={t("common.loading")} />}>
            {tab === "organizations" ? <OrganizationsView /> : null}
            {tab === "settings" ? <SettingsView /> : null}
            {tab === "message" ? <SelectedContent host={props.host} selection={selection} onShowOrganizations={() => setChosen("organizations")} /> : null}
          </Suspense>
        </ErrorBoundary>
      </div>
      <QueuedUntrackDialog confirmations={props.confirmations} />
    </main>
  );
}

function SelectedContent(props: { host: TaskpaneHost; selection: MailboxSelection; onShowOrganizations: () => void }) {
  const { t } = useTranslator();
  const { selection } = props;
  switch (selection.kind) {
    case "loading":
      return <Loading label={t("message.loading")} />;
    case "failed":
      return <ErrorNotice error={selection.error} />;
    case "none":
      return <EmptyState title={t("message.none.title")} description={t("message.none.description")} />;
    case "draft":
      return <EmptyState title={t("message.draft.title")} description={t("message.draft.description")} />;
    case "single":
      return <MessageView key={selection.itemId} itemId={selection.itemId} mailbox={props.host.mailbox} onShowOrganizations={props.onShowOrganizations} />;
    case "multiple":
      return <SelectionView key={selection.messages.map((message) => message.itemId).join("|")} messages={selection.messages} onShowOrganizations={props.onShowOrganizations} />;
  }
}
