import { Badge, Button, Text } from "@fluentui/react-components";
import { Suspense, useState } from "react";
import type { AppError } from "../../../core/errors";
import type { MailboxPort } from "../../../core/ports";
import type { SessionOrg } from "../../../core/session";
import { EmptyState } from "../../components/empty-state";
import { ErrorNotice } from "../../components/error-notice";
import { Loading } from "../../components/loading";
import { Notice } from "../../components/notice";
import { OrgPicker, pickTarget } from "../../components/org-picker";
import { lazyNamed } from "../../shared/lazy";
import { useSnapshot } from "../../shared/session";
import { useRetained } from "../../shared/use-retained";
import { useTranslator } from "../../shared/strings";
import { useCardListStyles } from "../../components/card-list.styles";
import { useMessageStyles } from "./message-view.styles";
import { useMessageItem } from "./use-message-item";
import { useTrack, type TrackState } from "./use-track";
import { useUntrack, type UntrackState } from "./use-untrack";
import { ValidationPayload } from "./validation-payload";
import { untrackPlanKey } from "../../shared/untrack-plan";
import { verdictOf } from "../../shared/verdict";

const ConfirmDialog = lazyNamed(() => import("../../components/confirm-dialog"), "ConfirmDialog");
const RegardingPanel = lazyNamed(() => import("./regarding-panel"), "RegardingPanel");

export type MessageViewProps = {
  /** The open message (the view is keyed by it: another message starts afresh). */
  itemId: string;
  /** Where the message's tracking mark and categories are read. */
  mailbox: MailboxPort;
  /** Shows the Organizations view (from the "no organization" state). */
  onShowOrganizations: () => void;
};

/**
 * The open message: the orgs it is tracked in (each with "Untrack", which says beforehand whether
 * the copy is deleted, and "Set regarding"), and "Track" with a "Track to" org picker, exactly
 * what the org receives for validation, and the org's verdict in words. Loading, unreadable
 * message and "no organization" states too.
 */
export function MessageView(props: MessageViewProps) {
  const styles = useMessageStyles();
  const cards = useCardListStyles();
  const { t } = useTranslator();
  const snapshot = useSnapshot();
  const hasOrgs = snapshot.orgs.length > 0;
  const item = useMessageItem(props.itemId, props.mailbox, snapshot.orgs);
  const tracking = useTrack(props.itemId, item.reload);
  const untracking = useUntrack(props.itemId, item.reload);
  const [chosenKey, setChosenKey] = useState<string | undefined>(undefined);
  const [regardingKey, setRegardingKey] = useState<string | undefined>(undefined);
  const confirming = useRetained(untracking.state.kind === "confirming" ? untracking.state : undefined);

  if (!snapshot.loaded) return <Loading label={t("message.loading")} />;
  if (!hasOrgs) {
    return (
      <EmptyState title={t("message.noOrgs.title")} description={t("message.noOrgs.description")}>
        <Button appearance="primary" onClick={props.onShowOrganizations}>
          {t("message.noOrgs.action")}
        </Button>
      </EmptyState>
    );
  }
  if (item.state.kind === "loading") return <Loading label={t("message.loading")} />;
  if (item.state.kind === "failed") return <ErrorNotice error={item.state.error} onRetry={item.reload} />;

  const { trackedIn, metadata } = item.state;
  const target = pickTarget(snapshot.orgs, chosenKey);
  const waiting = snapshot.queue.filter((request) => request.itemId === props.itemId);
  const busy = tracking.state.kind === "tracking" || untracking.state.kind === "planning" || untracking.state.kind === "untracking";
  const regardingOrg = snapshot.orgs.find((org) => org.key === regardingKey && trackedIn.some((tracked) => tracked.org.key === org.key));

  return (
    <div className={styles.root}>
      <section className={styles.section} aria-labelledby="orgtrack-message-heading">
        <Text as="h2" id="orgtrack-message-heading" size={500} weight="semibold">
          {t("message.title")}
        </Text>
        <Text className={styles.subject}>{metadata.subject === "" ? t("message.noSubject") : metadata.subject}</Text>
      </section>

      {waiting.map((request) => (
        <Notice key={request.id} intent="info">
          {t(request.kind === "track" ? "message.waiting.track" : "message.waiting.untrack", { org: orgName(snapshot.orgs, request.orgKey) })}
        </Notice>
      ))}

      <section className={styles.section} aria-labelledby="orgtrack-tracked-heading">
        <Text as="h3" id="orgtrack-tracked-heading" weight="semibold">
          {t("message.trackedIn")}
        </Text>
        <UntrackOutcome state={untracking.state} onDismiss={untracking.reset} />
        {trackedIn.length === 0 ? (
          <Text className={styles.muted}>{t("message.notTracked")}</Text>
        ) : (
          <ul className={cards.list} aria-labelledby="orgtrack-tracked-heading">
            {trackedIn.map(({ org: trackedOrg }) => {
              const org = snapshot.orgs.find((known) => known.key === trackedOrg.key) ?? trackedOrg;
              return (
                <li key={org.key} className={cards.card} aria-label={org.friendlyName}>
                  <span>
                    <Text weight="semibold">{org.friendlyName}</Text>{" "}
                    <Badge appearance="tint" color="success">
                      {t("message.trackedBadge")}
                    </Badge>
                  </span>
                  <span className={styles.actions}>
                    <Button size="small" disabled={busy} onClick={() => untracking.untrack(org)}>
                      {t("message.untrack")}
                    </Button>
                    <Button size="small" disabled={busy} onClick={() => setRegardingKey(org.key)}>
                      {t("message.setRegarding")}
                    </Button>
                  </span>
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <Suspense fallback={<Loading label={t("common.opening")} size="tiny" />}>
        {regardingOrg === undefined ? null : <RegardingPanel itemId={props.itemId} org={regardingOrg} onClose={() => setRegardingKey(undefined)} />}
        {confirming === undefined ? null : (
          <ConfirmDialog
            key={confirming.id}
            open={untracking.state.kind === "confirming"}
            title={t("message.untrack.title", { org: confirming.plan.org.friendlyName })}
            onConfirm={() => untracking.answer(true)}
            onCancel={() => untracking.answer(false)}
          >
            {t(untrackPlanKey(confirming.plan), { org: confirming.plan.org.friendlyName })}
          </ConfirmDialog>
        )}
      </Suspense>

      <section className={styles.section} aria-labelledby="orgtrack-track-heading">
        <Text as="h3" id="orgtrack-track-heading" weight="semibold">
          {t("message.trackHeading")}
        </Text>
        <OrgPicker orgs={snapshot.orgs} value={target?.key} disabled={busy} onChange={setChosenKey} />
        {target === undefined ? null : <ValidationPayload orgName={target.friendlyName} metadata={metadata} />}
        <div className={styles.actions}>
          <Button appearance="primary" disabled={busy || target === undefined} onClick={() => (target === undefined ? undefined : tracking.track(target))}>
            {t("message.track")}
          </Button>
        </div>
        <TrackOutcome state={tracking.state} onDismiss={tracking.reset} />
      </section>
    </div>
  );
}

function orgName(orgs: readonly SessionOrg[], key: string): string {
  return orgs.find((org) => org.key === key)?.friendlyName ?? key;
}

function TrackOutcome(props: { state: TrackState; onDismiss: () => void }) {
  const { t } = useTranslator();
  const { state, onDismiss } = props;
  switch (state.kind) {
    case "idle":
      return null;
    case "tracking":
      return <Loading label={t("message.track.tracking", { org: state.org })} />;
    case "queued":
      return (
        <Notice intent="info" onDismiss={onDismiss}>
          {t("message.track.queued", { org: state.org.friendlyName })}
        </Notice>
      );
    case "tracked": {
      const verdict = verdictOf(state.result);
      return (
        <Notice intent="success" title={t("message.track.done", { org: state.result.org.friendlyName })} onDismiss={onDismiss}>
          {t(verdict.key, verdict.values)}
        </Notice>
      );
    }
    case "refused":
      return <RefusedNotice error={state.error} onDismiss={onDismiss} />;
    case "failed":
      return <ErrorNotice error={state.error} onDismiss={onDismiss} />;
  }
}

function RefusedNotice(props: { error: AppError; onDismiss: () => void }) {
  const { t, describe } = useTranslator();
  const org = props.error.values.org;
  return (
    <Notice intent="warning" title={t("message.track.refused", { org: typeof org === "string" ? org : "" })} onDismiss={props.onDismiss}>
      {describe(props.error)}
    </Notice>
  );
}

function UntrackOutcome(props: { state: UntrackState; onDismiss: () => void }) {
  const { t } = useTranslator();
  const { state, onDismiss } = props;
  switch (state.kind) {
    case "idle":
    case "confirming":
      return null;
    case "planning":
      return <Loading label={t("message.untrack.planning", { org: state.org })} />;
    case "untracking":
      return <Loading label={t("message.untrack.untracking", { org: state.plan.org.friendlyName })} />;
    case "queued":
      return (
        <Notice intent="info" onDismiss={onDismiss}>
          {t("message.untrack.queued", { org: state.org.friendlyName })}
        </Notice>
      );
    case "done":
      return (
        <Notice intent="success" onDismiss={onDismiss}>
          {t(`message.untrack.done.${state.result.done}`, { org: state.result.org.friendlyName })}
        </Notice>
      );
    case "failed":
      return <ErrorNotice error={state.error} onDismiss={onDismiss} />;
  }
}

