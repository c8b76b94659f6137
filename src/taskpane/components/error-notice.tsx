import type { ErrorLike } from "../../i18n";
import { useTranslator } from "../shared/strings";
import { Notice } from "./notice";

export type ErrorNoticeProps = {
  error: ErrorLike;
  /** Shows "Try again". */
  onRetry?: () => void;
  onDismiss?: () => void;
  /** `warning` for what the person can act on (an org's refusal), `error` otherwise (default). */
  intent?: "warning" | "error";
  className?: string;
};

/** An error in the person's words (its message key translated), with "Try again" and "Dismiss" when given. */
export function ErrorNotice(props: ErrorNoticeProps) {
  const { t, describe } = useTranslator();
  return (
    <Notice
      intent={props.intent ?? "error"}
      {...(props.onRetry === undefined ? {} : { action: { label: t("common.retry"), onClick: props.onRetry } })}
      {...(props.onDismiss === undefined ? {} : { onDismiss: props.onDismiss })}
      {...(props.className === undefined ? {} : { className: props.className })}
    >
      {describe(props.error)}
    </Notice>
  );
}
