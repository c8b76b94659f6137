import { Badge, Button, Field, ProgressBar, Text, type BadgeProps } from "@fluentui/react-components";
import { useState } from "react";
import type { OperationProgress } from "../../../core/session";
import type { MessageKey } from "../../../i18n";
import { EmptyState } from "../../components/empty-state";
import { ErrorNotice } from "../../components/error-notice";
import { Loading } from "../../components/loading";
import { Notice } from "../../components/notice";
import { OrgPicker, pickTarget } from "../../components/org-picker";
import type { SelectedMessage } from "../../host/types";
import { useSnapshot } from "../../shared/session";
import { useTranslator, type Translator } from "../../shared/strings";
import { verdictOf } from "../../shared/verdict";
import { useSelectionStyles } from "./selection-view.styles";
import { useBulkTrack, type BulkTrackState } from "./use-bulk-track";

export type SelectionViewProps = {
  /** The selected messages (drafts included: they are listed as not trackable yet). */
  messages: readonly SelectedMessage[];
  onShowOrganizations: () => void;
};

/**
 * Several selected messages: "Track N messages" into the chosen org (synchronizing by default),
 * a progress bar while it runs, and one result per message (tracked with the org's verdict,
 * refused with the reason, or failed); drafts are listed as not trackable.
 */
export function SelectionView(props: SelectionViewProps) {
  const styles = useSelectionStyles();
  const translator = useTranslator();
  const { t } = translator;
  const snapshot = useSnapshot();
  const bulk = useBulkTrack();
  const [chosenKey, setChosenKey] = useState<string | undefined>(undefined);
  const trackable = props.messages.filter((message) => message.mode === "read");
  const drafts = props.messages.length - trackable.length;
  const target = pickTarget(snapshot.orgs, chosenKey);
  const running = bulk.state.kind === "tracking";

  if (!snapshot.loaded) return <Loading label={t("selection.loading")} />;
  if (snapshot.orgs.length === 0) {
    return (
      <EmptyState title={t("message.noOrgs.title")} description={t("selection.noOrgs")}>
        <Button appearance="primary" onClick={props.onShowOrganizations}>
          {t("message.noOrgs.action")}
        </Button>
      </EmptyState>
    );
  }

  return (
    <section className={styles.root} aria-labelledby="orgtrack-selection-heading">
      <Text as="h2" id="orgtrack-selection-heading" size={500} weight="semibold">
        {t("selection.title", { count: props.messages.length })}
      </Text>
      {drafts === 0 ? null : <Notice intent="info">{t("selection.drafts", { count: drafts })}</Notice>}
      {trackable.length === 0 ? (
        <EmptyState title={t("selection.none.title")} description={t("selection.none.description")} />
      ) : (
        <>
          <OrgPicker orgs={snapshot.orgs} value={target?.key} disabled={running} onChange={setChosenKey} />
          <div>
            <Button
              appearance="primary"
              disabled={running || target === undefined}
              onClick={() => (target === undefined ? undefined : bulk.track(trackable.map((message) => message.itemId), target))}
            >
              {t("selection.track", { count: trackable.length })}
            </Button>
          </div>
          <BulkProgress state={bulk.state} operations={snapshot.operations} translator={translator} />
          <BulkOutcome state={bulk.state} messages={trackable} translator={translator} onDismiss={bulk.reset} />
        </>
      )}
    </section>
  );
}

/** How far a bulk track is, from the session's operation progress: validated → stored → marked. */
function progressOf(operation: OperationProgress | undefined): { value: number | undefined; key: MessageKey; done: number; total: number } {
  if (operation === undefined || operation.phase === "started") return { value: undefined, key: "selection.progress.started", done: 0, total: operation?.total ?? 0 };
  const share = operation.total === 0 ? 1 : operation.done / operation.total;
  switch (operation.phase) {
    case "validated":
      return { value: 1 / 3, key: "selection.progress.validated", done: operation.done, total: operation.total };
    case "stored":
      return { value: 2 / 3, key: "selection.progress.stored", done: operation.done, total: operation.total };
    case "marked":
      return { value: 2 / 3 + share / 3, key: "selection.progress.marked", done: operation.done, total: operation.total };
    default:
      return { value: undefined, key: "selection.progress.started", done: operation.done, total: operation.total };
  }
}

function BulkProgress(props: { state: BulkTrackState; operations: readonly OperationProgress[]; translator: Translator }) {
  const { state } = props;
  const { t } = props.translator;
  if (state.kind !== "tracking") return null;
  const operation = props.operations.find((op) => op.kind === "track" && op.orgKey === state.org.key);
  const progress = progressOf(operation);
  return (
    <Field label={t("selection.progress.label", { org: state.org.friendlyName })} validationState="none" validationMessage={t(progress.key, { done: progress.done, total: progress.total })}>
      <ProgressBar {...(progress.value === undefined ? {} : { value: progress.value })} />
    </Field>
  );
}

const HOW: Record<"stored" | "alreadyMarked" | "linkedExisting", { label: MessageKey; color: NonNullable<BadgeProps["color"]> }> = {
  stored: { label: "selection.result.tracked", color: "success" },
  alreadyMarked: { label: "selection.result.alreadyTracked", color: "informative" },
  linkedExisting: { label: "selection.result.linked", color: "informative" },
};

function BulkOutcome(props: { state: BulkTrackState; messages: readonly SelectedMessage[]; translator: Translator; onDismiss: () => void }) {
  const styles = useSelectionStyles();
  const { state } = props;
  const { t, describe } = props.translator;
  switch (state.kind) {
    case "idle":
    case "tracking":
      return null;
    case "failed":
      return <ErrorNotice error={state.error} onDismiss={props.onDismiss} />;
    case "queued":
      return <Notice intent="info">{t("selection.queued", { count: state.count, org: state.org.friendlyName })}</Notice>;
    case "done": {
      const subjects = new Map(props.messages.map((message) => [message.itemId, message.subject]));
      const succeeded = state.outcomes.filter((outcome) => outcome.ok).length;
      return (
        <>
          <Notice intent={succeeded === state.outcomes.length ? "success" : "warning"}>
            {t("selection.summary", { done: succeeded, total: state.outcomes.length, org: state.org.friendlyName })}
          </Notice>
          <ul className={styles.list} aria-label={t("selection.results")}>
            {state.itemIds.map((itemId, index) => {
              const outcome = state.outcomes[index];
              const subject = subjects.get(itemId) || t("message.noSubject");
              if (outcome === undefined) return null;
              const badge = outcome.ok
                ? HOW[outcome.value.how]
                : { label: outcome.error.kind === "rejectedByOrg" ? ("selection.result.refused" as const) : ("selection.result.failed" as const), color: outcome.error.kind === "rejectedByOrg" ? ("warning" as const) : ("danger" as const) };
              let detail: string;
              if (outcome.ok) {
                const verdict = verdictOf(outcome.value);
                detail = t(verdict.key, verdict.values);
              } else detail = describe(outcome.error);
              return (
                <li key={itemId} className={styles.item} aria-label={subject}>
                  <div className={styles.itemHead}>
                    <Text className={styles.subject}>{subject}</Text>
                    <Badge appearance="tint" color={badge.color}>
                      {t(badge.label)}
                    </Badge>
                  </div>
                  <Text size={200} className={styles.detail}>
                    {detail}
                  </Text>
                </li>
              );
            })}
          </ul>
        </>
      );
    }
  }
}
