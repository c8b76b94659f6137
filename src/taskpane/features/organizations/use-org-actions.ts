import { useCallback, useEffect, useRef, useState } from "react";
import { toAppError, type AppError } from "../../../core/errors";
import type { Org, OrgStatus } from "../../../core/orgs";
import type { SessionOrg } from "../../../core/session";
import { useSession } from "../../shared/session";
import { useMounted } from "../../shared/use-mounted";
import type { OrgAction } from "./org-item";

/** What the last action on the list came to, shown above the list. */
export type OrgNotice =
  | { kind: "none" }
  | { kind: "added"; org: string }
  | { kind: "connected"; org: string; replayed: number; failed: number }
  | { kind: "notConnected"; org: string; status: OrgStatus }
  | { kind: "synchronizing"; org: string }
  | { kind: "removed"; org: string }
  | { kind: "signedOut"; org: string }
  | { kind: "failed"; action: OrgAction; org: string; error: AppError };

/** The dialog open over the list. `answer` settles the session's question (OK → true). */
export type OrgDialog =
  | { kind: "none" }
  | { kind: "add"; id: number }
  | { kind: "confirmSynchronizing"; id: number; from: Org; to: Org; answer: (ok: boolean) => void }
  | { kind: "remove"; id: number; org: SessionOrg; candidates: readonly SessionOrg[] };

/** The list's actions and their state. */
export interface OrgActions {
  /** Org key → the action under way for it. */
  running: ReadonlyMap<string, OrgAction>;
  notice: OrgNotice;
  dialog: OrgDialog;
  run(action: OrgAction, org: SessionOrg): void;
  openAdd(): void;
  /** The add dialog added an org (or was closed without one). */
  closeAdd(added: Org | undefined): void;
  /** The answer to "Change your synchronizing or primary organization?": OK → true. */
  answerSynchronizing(ok: boolean): void;
  /** The remove dialog's answer: the successor's key (undefined when none is needed), or cancel. */
  answerRemove(answer: { successor: string | undefined } | "cancel"): void;
  dismissNotice(): void;
}

/** Returns the actions of the organization list over the session: connect, synchronize (with confirmation), sign out, remove (with successor), add. Never throws: failures become the notice. */
export function useOrgActions(orgs: readonly SessionOrg[]): OrgActions {
  const session = useSession();
  const mounted = useMounted();
  const [running, setRunning] = useState<ReadonlyMap<string, OrgAction>>(new Map());
  const [notice, setNotice] = useState<OrgNotice>({ kind: "none" });
  const [dialog, setDialog] = useState<OrgDialog>({ kind: "none" });
  const dialogRef = useRef(dialog);
  const openings = useRef(0);
  dialogRef.current = dialog;

  // A question left open when the view goes away is answered "Cancel", so the session never waits forever.
  useEffect(
    () => () => {
      const open = dialogRef.current;
      if (open.kind === "confirmSynchronizing") open.answer(false);
    },
    [],
  );

  const track = useCallback(
    async (action: OrgAction, org: SessionOrg, work: () => Promise<OrgNotice>) => {
      setRunning((current) => new Map(current).set(org.key, action));
      let next: OrgNotice;
      try {
        next = await work();
      } catch (error) {
        const failure = toAppError(error);
        next = failure.kind === "cancelled" ? { kind: "none" } : { kind: "failed", action, org: org.friendlyName, error: failure };
      }
      if (!mounted.current) return;
      setRunning((current) => {
        const copy = new Map(current);
        copy.delete(org.key);
        return copy;
      });
      setNotice(next);
    },
    [mounted],
  );

  const run = useCallback(
    (action: OrgAction, org: SessionOrg) => {
      switch (action) {
        case "connect":
          void track(action, org, async () => {
            const result = await session.connect(org.key);
            const status = result.statuses[org.key] ?? "notChecked";
            if (status !== "connected") return { kind: "notConnected", org: org.friendlyName, status };
            const failed = result.replayed.filter((replayed) => !replayed.outcome.ok).length;
            return { kind: "connected", org: org.friendlyName, replayed: result.replayed.length, failed };
          });
          return;
        case "synchronize":
          void track(action, org, async () => {
            const changed = await session.setSynchronizing(org.key, (from, to) => new Promise<boolean>((resolve) => setDialog({ kind: "confirmSynchronizing", id: ++openings.current, from, to, answer: resolve })));
            if (mounted.current) setDialog({ kind: "none" });
            return changed ? { kind: "synchronizing", org: org.friendlyName } : { kind: "none" };
          });
          return;
        case "signOut":
          void track(action, org, async () => {
            await session.signOut(org.key);
            return { kind: "signedOut", org: org.friendlyName };
          });
          return;
        case "remove":
          setDialog({ kind: "remove", id: ++openings.current, org, candidates: orgs.filter((other) => other.key !== org.key) });
          return;
      }
    },
    [mounted, orgs, session, track],
  );

  const answerRemove = useCallback(
    (answer: { successor: string | undefined } | "cancel") => {
      const open = dialogRef.current;
      setDialog({ kind: "none" });
      if (open.kind !== "remove" || answer === "cancel") return;
      const { org } = open;
      void track("remove", org, async () => {
        const removed = await session.remove(org.key, async () => answer.successor);
        return removed ? { kind: "removed", org: org.friendlyName } : { kind: "none" };
      });
    },
    [session, track],
  );

  return {
    running,
    notice,
    dialog,
    run,
    openAdd: () => setDialog({ kind: "add", id: ++openings.current }),
    closeAdd: (added) => {
      setDialog({ kind: "none" });
      if (added !== undefined) setNotice({ kind: "added", org: added.friendlyName });
    },
    answerSynchronizing: (ok) => {
      const open = dialogRef.current;
      if (open.kind !== "confirmSynchronizing") return;
      setDialog({ kind: "none" });
      open.answer(ok);
    },
    answerRemove,
    dismissNotice: () => setNotice({ kind: "none" }),
  };
}
