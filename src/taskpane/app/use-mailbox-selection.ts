import { useEffect, useState } from "react";
import { toAppError, type AppError } from "../../core/errors";
import type { SelectedMessage, TaskpaneHost } from "../host/types";

/** What the person has selected in Outlook: being read, nothing, a message being written, one message, or several. */
export type MailboxSelection =
  | { kind: "loading" }
  | { kind: "none" }
  | { kind: "draft" }
  | { kind: "single"; itemId: string }
  | { kind: "multiple"; messages: readonly SelectedMessage[] }
  | { kind: "failed"; error: AppError };

/**
 * The one place where Outlook's ItemChanged and SelectedItemsChanged become state: returns the
 * current selection, read again on every change (a late answer for an older change is dropped).
 * Never throws: a failure to list the selection is the `failed` state, unless a message is open.
 */
export function useMailboxSelection(host: Pick<TaskpaneHost, "mailbox" | "multiSelect" | "onSelectionChanged">): MailboxSelection {
  const [selection, setSelection] = useState<MailboxSelection>({ kind: "loading" });

  useEffect(() => {
    let latest = 0;
    let active = true;
    const read = async () => {
      const call = ++latest;
      const next = await readSelection(host);
      if (active && call === latest) setSelection(next);
    };
    void read();
    const stop = host.onSelectionChanged(() => void read());
    return () => {
      active = false;
      stop();
    };
  }, [host]);

  return selection;
}

/** Returns the selection now: a message being written, else several selected messages, else the open one, else none. Never throws. */
export async function readSelection(host: Pick<TaskpaneHost, "mailbox" | "multiSelect">): Promise<MailboxSelection> {
  if (host.mailbox.isComposing()) return { kind: "draft" };
  const open = host.mailbox.currentItemId();
  if (!host.multiSelect) return open === undefined ? { kind: "none" } : { kind: "single", itemId: open };
  try {
    const messages = await host.mailbox.selectedMessages();
    if (messages.length > 1) return { kind: "multiple", messages };
    const only = messages[0];
    if (open !== undefined) return { kind: "single", itemId: open };
    return only !== undefined && only.mode === "read" ? { kind: "single", itemId: only.itemId } : { kind: "none" };
  } catch (error) {
    return open === undefined ? { kind: "failed", error: toAppError(error) } : { kind: "single", itemId: open };
  }
}
