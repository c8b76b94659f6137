import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, mergeClasses } from "@fluentui/react-components";
import type { ReactNode } from "react";
import { useTranslator } from "../shared/strings";
import { useNoticeStyles } from "./notice.styles";

/** How serious a notice is. */
export type NoticeIntent = "info" | "success" | "warning" | "error";

export type NoticeProps = {
  intent: NoticeIntent;
  title?: string;
  children: ReactNode;
  /** A button in the notice ("Try again", "Connect"). */
  action?: { label: string; onClick: () => void };
  /** Shows a "Dismiss" button. */
  onDismiss?: () => void;
  className?: string;
};

/** A Fluent MessageBar that wraps long text, with an optional action and a "Dismiss" button; errors are announced at once. */
export function Notice(props: NoticeProps) {
  const styles = useNoticeStyles();
  const { t } = useTranslator();
  return (
    <MessageBar intent={props.intent} politeness={props.intent === "error" ? "assertive" : "polite"} layout="multiline" className={mergeClasses(styles.root, props.className)}>
      <MessageBarBody className={styles.body}>
        {props.title === undefined ? null : <MessageBarTitle>{props.title}</MessageBarTitle>}
        {props.children}
      </MessageBarBody>
      {props.action === undefined && props.onDismiss === undefined ? null : (
        <MessageBarActions>
          {props.action === undefined ? null : (
            <Button size="small" onClick={props.action.onClick}>
              {props.action.label}
            </Button>
          )}
          {props.onDismiss === undefined ? null : (
            <Button size="small" appearance="transparent" onClick={props.onDismiss}>
              {t("common.dismiss")}
            </Button>
          )}
        </MessageBarActions>
      )}
    </MessageBar>
  );
}
