import { useCallback, useEffect, useRef, useState } from "react";
import { toAppError, type AppError } from "../../../core/errors";
import type { Org } from "../../../core/orgs";
import type { MailboxPort, ValidationMetadata } from "../../../core/ports";
import { trackedOrgsOf, type TrackedOrg } from "../../../core/tracking";
import { useSession } from "../../shared/session";
import { useMounted } from "../../shared/use-mounted";

/** What the pane knows of the open message: loading, unreadable (with why), or read: the orgs it is tracked in and exactly what validation would send. */
export type MessageItemState =
  | { kind: "loading" }
  | { kind: "failed"; error: AppError }
  | { kind: "ready"; trackedIn: readonly TrackedOrg[]; metadata: ValidationMetadata };

/**
 * Returns the open message's state and `reload` (after a track or untrack). Reads the item's mark
 * and categories (local, no request) and the validation preview; does nothing while `orgs` is
 * empty (the preview needs an org). Never throws: a failure is the `failed` state.
 */
export function useMessageItem(itemId: string, mailbox: MailboxPort, orgs: readonly Org[]): { state: MessageItemState; reload: () => void } {
  const session = useSession();
  const mounted = useMounted();
  const [state, setState] = useState<MessageItemState>({ kind: "loading" });
  const [generation, setGeneration] = useState(0);
  const orgsRef = useRef(orgs);
  orgsRef.current = orgs;
  // Re-read when the list of orgs (or a name, which is in the category) changes, not on every status change.
  const orgsKey = orgs.map((org) => `${org.key}\n${org.friendlyName}`).join("\n\n");

  useEffect(() => {
    if (orgsKey === "") return;
    let current = true;
    (async () => {
      try {
        const [trackedIn, preview] = await Promise.all([trackedOrgsOf(itemId, orgsRef.current, { mailbox }), session.validationPreview(itemId)]);
        if (current && mounted.current) setState({ kind: "ready", trackedIn, metadata: preview.metadata });
      } catch (error) {
        if (current && mounted.current) setState({ kind: "failed", error: toAppError(error) });
      }
    })();
    return () => {
      current = false;
    };
  }, [itemId, mailbox, session, orgsKey, generation, mounted]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { state, reload };
}
