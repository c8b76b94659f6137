import type { UntrackPlan } from "../../core/session";

/**
 * The questions the session asks while replaying queued untracks ("the copy will be deleted from
 * X — OK?"): the session calls `ask` (its `confirmQueuedUntrack`), the pane shows the first
 * pending plan in a dialog and answers it. Questions are asked one at a time, oldest first.
 */
export interface QueuedUntrackConfirmations {
  /** Resolves with the person's answer (OK → true). Never rejects. */
  ask(plan: UntrackPlan): Promise<boolean>;
  /** Returns the plan awaiting an answer, or undefined. Never throws. */
  current(): UntrackPlan | undefined;
  /** Calls the listener whenever the pending question changes; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /** Answers the current question (nothing happens when there is none). Never throws. */
  answer(ok: boolean): void;
}

/** Returns an empty set of pending questions; never throws. */
export function createQueuedUntrackConfirmations(): QueuedUntrackConfirmations {
  const pending: { plan: UntrackPlan; resolve: (ok: boolean) => void }[] = [];
  const listeners = new Set<() => void>();
  const changed = () => {
    for (const listener of [...listeners]) listener();
  };
  return {
    ask(plan) {
      return new Promise<boolean>((resolve) => {
        pending.push({ plan, resolve });
        changed();
      });
    },
    current: () => pending[0]?.plan,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    answer(ok) {
      const first = pending.shift();
      if (first === undefined) return;
      first.resolve(ok);
      changed();
    },
  };
}
