import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle } from "@fluentui/react-components";
import type { ReactNode } from "react";
import { useTranslator } from "../shared/strings";

export type ConfirmDialogProps = {
  /** Keep the dialog rendered and set this to false to close it (Fluent restores focus and the page's accessibility then). */
  open: boolean;
  title: string;
  children: ReactNode;
  /** The confirming button's name; "OK" by default. */
  confirmLabel?: string;
  confirmDisabled?: boolean;
  onConfirm: () => void;
  /** Called for "Cancel", Escape, and closing the dialog any other way. */
  onCancel: () => void;
};

/** A modal question with a confirming button ("OK" by default) and "Cancel", focus kept inside while open. */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const { t } = useTranslator();
  return (
    <Dialog open={props.open} modalType="alert" onOpenChange={(_, data) => (data.open || !props.open ? undefined : props.onCancel())}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{props.title}</DialogTitle>
          <DialogContent>{props.children}</DialogContent>
          <DialogActions>
            <Button appearance="primary" disabled={props.confirmDisabled === true || !props.open} onClick={props.onConfirm}>
              {props.confirmLabel ?? t("common.ok")}
            </Button>
            <Button disabled={!props.open} onClick={props.onCancel}>
              {t("common.cancel")}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
