import { Text } from "@fluentui/react-components";
import { Fragment } from "react";
import type { ValidationMetadata } from "../../../core/ports";
import { useTranslator } from "../../shared/strings";
import { useMessageStyles } from "./message-view.styles";

export type ValidationPayloadProps = { orgName: string; metadata: ValidationMetadata };

/** Exactly what the org receives to decide whether to store the message: sender, recipients, subject and message ID, nothing else until it accepts. */
export function ValidationPayload(props: ValidationPayloadProps) {
  const styles = useMessageStyles();
  const { t } = useTranslator();
  const { metadata } = props;
  const rows: [string, string][] = [
    [t("message.payload.from"), metadata.from],
    [t("message.payload.to"), metadata.to.join(", ")],
  ];
  if (metadata.cc.length > 0) rows.push([t("message.payload.cc"), metadata.cc.join(", ")]);
  if (metadata.bcc.length > 0) rows.push([t("message.payload.bcc"), metadata.bcc.join(", ")]);
  rows.push([t("message.payload.subject"), metadata.subject], [t("message.payload.messageId"), metadata.internetMessageId]);
  return (
    <>
      <Text size={200}>{t("message.payload.sentence", { org: props.orgName })}</Text>
      <dl className={styles.payload} aria-label={t("message.payload.label", { org: props.orgName })}>
        {rows.map(([term, value]) => (
          <Fragment key={term}>
            <dt className={styles.payloadTerm}>{term}</dt>
            <dd className={styles.payloadValue}>{value === "" ? t("message.payload.none") : value}</dd>
          </Fragment>
        ))}
      </dl>
    </>
  );
}
