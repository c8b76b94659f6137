import { Button, Text } from "@fluentui/react-components";
import { Suspense } from "react";
import { EmptyState } from "../../components/empty-state";
import { ErrorNotice } from "../../components/error-notice";
import { Loading } from "../../components/loading";
import { Notice } from "../../components/notice";
import { lazyNamed } from "../../shared/lazy";
import { useSnapshot } from "../../shared/session";
import { useRetained } from "../../shared/use-retained";
import { useTranslator, type Translator } from "../../shared/strings";
import { OrgItem } from "./org-item";
import { ORG_STATUS } from "./org-status";
import { useOrganizationsStyles } from "./organizations-view.styles";
import { useOrgActions, type OrgNotice } from "./use-org-actions";

const AddOrganizationDialog = lazyNamed(() => import("./add-organization-dialog"), "AddOrganizationDialog");
const RemoveOrganizationDialog = lazyNamed(() => import("./remove-organization-dialog"), "RemoveOrganizationDialog");
const ConfirmDialog = lazyNamed(() => import("../../components/confirm-dialog"), "ConfirmDialog");

/**
 * The person's organizations: loading (settings not read yet), empty (with "Add organization"),
 * or the list with each org's status, the "Synchronizing" badge, and Connect / Synchronize /
 * Sign out / Remove; a problem with the stored settings and the outcome of the last action above it.
 */
export function OrganizationsView() {
  const styles = useOrganizationsStyles();
  const translator = useTranslator();
  const { t } = translator;
  const snapshot = useSnapshot();
  const actions = useOrgActions(snapshot.orgs);
  const { dialog } = actions;
  // Dialogs stay rendered while they close (see useRetained).
  const adding = useRetained(dialog.kind === "add" ? dialog : undefined);
  const removing = useRetained(dialog.kind === "remove" ? dialog : undefined);
  const confirming = useRetained(dialog.kind === "confirmSynchronizing" ? dialog : undefined);

  return (
    <section className={styles.root} aria-labelledby="orgtrack-organizations-heading">
      <div className={styles.header}>
        <Text as="h2" id="orgtrack-organizations-heading" size={500} weight="semibold">
          {t("orgs.title")}
        </Text>
        <Button appearance={snapshot.orgs.length === 0 ? "primary" : "secondary"} disabled={!snapshot.loaded} onClick={actions.openAdd}>
          {t("orgs.add")}
        </Button>
      </div>

      {snapshot.settingsProblem === undefined ? null : <ErrorNotice intent="warning" error={snapshot.settingsProblem} />}
      <NoticeOf notice={actions.notice} translator={translator} onDismiss={actions.dismissNotice} />

      {!snapshot.loaded ? (
        <Loading label={t("orgs.loading")} />
      ) : snapshot.orgs.length === 0 ? (
        <EmptyState title={t("orgs.empty.title")} description={t("orgs.empty.description")} />
      ) : (
        <ul className={styles.list} aria-labelledby="orgtrack-organizations-heading">
          {snapshot.orgs.map((org) => (
            <OrgItem key={org.key} org={org} running={actions.running.get(org.key)} onAction={actions.run} />
          ))}
        </ul>
      )}

      <Suspense fallback={dialog.kind === "none" ? null : <Loading label={t("common.opening")} size="tiny" />}>
        {adding === undefined ? null : <AddOrganizationDialog key={adding.id} open={dialog.kind === "add"} onClose={actions.closeAdd} />}
        {removing === undefined ? null : (
          <RemoveOrganizationDialog key={removing.id} open={dialog.kind === "remove"} org={removing.org} candidates={removing.candidates} onAnswer={actions.answerRemove} />
        )}
        {confirming === undefined ? null : (
          <ConfirmDialog
            key={confirming.id}
            open={dialog.kind === "confirmSynchronizing"}
            title={t("orgs.confirmSynchronizing.title")}
            onConfirm={() => actions.answerSynchronizing(true)}
            onCancel={() => actions.answerSynchronizing(false)}
          >
            {t("orgs.confirmSynchronizing.body", { from: confirming.from.friendlyName, to: confirming.to.friendlyName })}
          </ConfirmDialog>
        )}
      </Suspense>
    </section>
  );
}

function NoticeOf(props: { notice: OrgNotice; translator: Translator; onDismiss: () => void }) {
  const { notice, onDismiss } = props;
  const { t } = props.translator;
  switch (notice.kind) {
    case "none":
      return null;
    case "failed":
      return (
        <Notice intent="error" title={t(`orgs.failed.${notice.action}`, { org: notice.org })} onDismiss={onDismiss}>
          {props.translator.describe(notice.error)}
        </Notice>
      );
    case "notConnected":
      return (
        <Notice intent="warning" onDismiss={onDismiss}>
          {t("orgs.notice.notConnected", { org: notice.org, status: t(ORG_STATUS[notice.status].label) })}
        </Notice>
      );
    case "connected":
      return (
        <Notice intent="success" onDismiss={onDismiss}>
          {notice.replayed === 0
            ? t("orgs.notice.connected", { org: notice.org })
            : t("orgs.notice.connectedReplayed", { org: notice.org, count: notice.replayed })}
          {notice.failed === 0 ? null : ` ${t("orgs.notice.replayFailed", { failed: notice.failed })}`}
        </Notice>
      );
    case "added":
    case "synchronizing":
    case "removed":
    case "signedOut":
      return (
        <Notice intent="success" onDismiss={onDismiss}>
          {t(`orgs.notice.${notice.kind}`, { org: notice.org })}
        </Notice>
      );
  }
}
