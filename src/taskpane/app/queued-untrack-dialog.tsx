import { Suspense, useSyncExternalStore } from "react";
import { lazyNamed } from "../shared/lazy";
import { useTranslator } from "../shared/strings";
import { untrackPlanKey } from "../shared/untrack-plan";
import { useRetained } from "../shared/use-retained";
import type { QueuedUntrackConfirmations } from "./queued-untrack-confirmations";

const ConfirmDialog = lazyNamed(() => import("../components/confirm-dialog"), "ConfirmDialog");

/** Asks about a queued untrack being replayed: whether the copy will be deleted or stays, with OK / Cancel. Renders nothing until the first question. */
export function QueuedUntrackDialog(props: { confirmations: QueuedUntrackConfirmations }) {
  const { t } = useTranslator();
  const { confirmations } = props;
  const pending = useSyncExternalStore(confirmations.subscribe, confirmations.current, confirmations.current);
  const plan = useRetained(pending);
  if (plan === undefined) return null;
  return (
    <Suspense fallback={null}>
      <ConfirmDialog key={`${plan.org.key}\n${plan.itemId}`} open={pending !== undefined} title={t("message.untrack.title", { org: plan.org.friendlyName })} onConfirm={() => confirmations.answer(true)} onCancel={() => confirmations.answer(false)}>
        {t("message.untrack.queuedQuestion")} {t(untrackPlanKey(plan), { org: plan.org.friendlyName })}
      </ConfirmDialog>
    </Suspense>
  );
}
