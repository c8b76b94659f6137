import { Badge, Button, Spinner, Text, mergeClasses } from "@fluentui/react-components";
import { useId } from "react";
import type { SessionOrg } from "../../../core/session";
import { useTranslator } from "../../shared/strings";
import { useOrganizationsStyles } from "./organizations-view.styles";
import { canConnect, ORG_STATUS } from "./org-status";

/** What the person can do to one org. */
export type OrgAction = "connect" | "synchronize" | "remove" | "signOut";

export type OrgItemProps = {
  org: SessionOrg;
  /** The action under way for this org, if any (its buttons are disabled meanwhile). */
  running: OrgAction | undefined;
  onAction: (action: OrgAction, org: SessionOrg) => void;
};

/** One org of the list: friendly name, URL, status badge, "Synchronizing" badge, and its actions. */
export function OrgItem(props: OrgItemProps) {
  const { org } = props;
  const styles = useOrganizationsStyles();
  const { t } = useTranslator();
  const nameId = useId();
  const status = ORG_STATUS[org.status];
  const busy = props.running !== undefined;
  return (
    <li aria-labelledby={nameId} className={mergeClasses(styles.item, org.synchronizing && styles.synchronizing)}>
      <div className={styles.nameRow}>
        <Text id={nameId} weight="semibold">
          {org.friendlyName}
        </Text>
        {org.synchronizing ? (
          <Badge appearance="filled" color="brand">
            {t("orgs.synchronizingBadge")}
          </Badge>
        ) : null}
        <Badge appearance="tint" color={status.color}>
          {t(status.label)}
        </Badge>
      </div>
      <Text size={200} className={styles.url}>
        {org.url}
      </Text>
      {props.running === undefined ? null : <Spinner size="extra-tiny" labelPosition="after" label={t(`orgs.running.${props.running}`)} />}
      <div className={styles.actions}>
        {canConnect(org.status) ? (
          <Button size="small" appearance="primary" disabled={busy} onClick={() => props.onAction("connect", org)}>
            {t("orgs.connect")}
          </Button>
        ) : null}
        {org.synchronizing ? null : (
          <Button size="small" disabled={busy} onClick={() => props.onAction("synchronize", org)}>
            {t("orgs.synchronize")}
          </Button>
        )}
        {org.status === "needsSignIn" ? null : (
          <Button size="small" disabled={busy} onClick={() => props.onAction("signOut", org)}>
            {t("orgs.signOut")}
          </Button>
        )}
        <Button size="small" disabled={busy} onClick={() => props.onAction("remove", org)}>
          {t("orgs.remove")}
        </Button>
      </div>
    </li>
  );
}
