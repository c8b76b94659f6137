import { useCallback, useEffect, useRef, useState } from "react";
import { toAppError, type AppError } from "../../../core/errors";
import type { Org } from "../../../core/orgs";
import type { UntrackPlan } from "../../../core/session";
import type { UntrackResult } from "../../../core/tracking";
import { useSession } from "../../shared/session";
import { useMounted } from "../../shared/use-mounted";

/**
 * "Untrack": not pressed, finding out who owns the copy, asking the person with the plan (delete
 * or keep the copy), untracking, waiting in the queue (disconnected), done, or failed.
 */
export type UntrackState =
  | { kind: "idle" }
  | { kind: "planning"; org: string }
  | { kind: "confirming"; id: number; plan: UntrackPlan; answer: (ok: boolean) => void }
  | { kind: "untracking"; plan: UntrackPlan }
  | { kind: "queued"; org: Org }
  | { kind: "done"; result: UntrackResult }
  | { kind: "failed"; error: AppError };

/** Returns the untrack state, `untrack(org)` and `answer(ok)` for the confirmation. A cancelled untrack returns to idle. Never throws. */
export function useUntrack(itemId: string, onSettled: () => void): { state: UntrackState; untrack: (org: Org) => void; answer: (ok: boolean) => void; reset: () => void } {
  const session = useSession();
  const mounted = useMounted();
  const [state, setState] = useState<UntrackState>({ kind: "idle" });
  const stateRef = useRef(state);
  stateRef.current = state;
  const questions = useRef(0);

  // A question left open when the view goes away (another message selected) is answered "Cancel".
  useEffect(
    () => () => {
      const open = stateRef.current;
      if (open.kind === "confirming") open.answer(false);
    },
    [],
  );

  const untrack = useCallback(
    (org: Org) => {
      setState({ kind: "planning", org: org.friendlyName });
      void (async () => {
        let next: UntrackState;
        try {
          const result = await session.untrack(itemId, org.key, (plan) =>
            new Promise<boolean>((resolve) => {
              if (!mounted.current) return resolve(false);
              setState({
                kind: "confirming",
                id: ++questions.current,
                plan,
                answer: (ok) => {
                  if (mounted.current) setState(ok ? { kind: "untracking", plan } : { kind: "idle" });
                  resolve(ok);
                },
              });
            }),
          );
          next = result.kind === "queued" ? { kind: "queued", org: result.org } : { kind: "done", result: result.result };
        } catch (error) {
          const failure = toAppError(error);
          next = failure.kind === "cancelled" ? { kind: "idle" } : { kind: "failed", error: failure };
        }
        if (!mounted.current) return;
        setState(next);
        onSettled();
      })();
    },
    [itemId, mounted, onSettled, session],
  );

  const answer = useCallback((ok: boolean) => {
    const open = stateRef.current;
    if (open.kind === "confirming") open.answer(ok);
  }, []);

  return { state, untrack, answer, reset: () => setState({ kind: "idle" }) };
}
