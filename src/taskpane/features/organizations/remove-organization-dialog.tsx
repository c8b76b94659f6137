import { Field, Radio, RadioGroup, Text } from "@fluentui/react-components";
import { useState } from "react";
import type { SessionOrg } from "../../../core/session";
import { ConfirmDialog } from "../../components/confirm-dialog";
import { useSnapshot } from "../../shared/session";
import { useTranslator } from "../../shared/strings";

export type RemoveOrganizationDialogProps = {
  open: boolean;
  org: SessionOrg;
  /** The other orgs, any of which may take over synchronizing. */
  candidates: readonly SessionOrg[];
  /** The successor's key (undefined when none is needed), or "cancel". */
  onAnswer: (answer: { successor: string | undefined } | "cancel") => void;
};

/** "Remove <org>?" with what removing does; for the synchronizing org, also which org synchronizes next. */
export function RemoveOrganizationDialog(props: RemoveOrganizationDialogProps) {
  const { t } = useTranslator();
  const snapshot = useSnapshot();
  const needsSuccessor = props.org.synchronizing && props.candidates.length > 0;
  const [successor, setSuccessor] = useState<string | undefined>(needsSuccessor ? props.candidates[0]?.key : undefined);
  const waiting = snapshot.queue.filter((request) => request.orgKey === props.org.key).length;

  return (
    <ConfirmDialog
      open={props.open}
      title={t("orgs.removeDialog.title", { org: props.org.friendlyName })}
      confirmLabel={t("orgs.remove")}
      onConfirm={() => props.onAnswer({ successor })}
      onCancel={() => props.onAnswer("cancel")}
    >
      <Text as="p">{t("orgs.removeDialog.body", { org: props.org.friendlyName })}</Text>
      {waiting === 0 ? null : <Text as="p">{t("orgs.removeDialog.waiting", { count: waiting })}</Text>}
      {needsSuccessor ? (
        <Field label={t("orgs.removeDialog.successor")}>
          <RadioGroup value={successor ?? ""} onChange={(_, data) => setSuccessor(data.value)}>
            {props.candidates.map((candidate) => (
              <Radio key={candidate.key} value={candidate.key} label={candidate.friendlyName} />
            ))}
          </RadioGroup>
        </Field>
      ) : null}
    </ConfirmDialog>
  );
}
