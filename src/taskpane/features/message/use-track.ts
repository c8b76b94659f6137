import { useCallback, useState } from "react";
import { isAppError, toAppError, type AppError } from "../../../core/errors";
import type { Org } from "../../../core/orgs";
import type { TrackResult } from "../../../core/tracking";
import { useSession } from "../../shared/session";
import { useMounted } from "../../shared/use-mounted";

/** "Track" on one message: not pressed, under way, waiting in the queue (disconnected), tracked (with the org's verdict), refused by the org (with its reason), or failed. */
export type TrackState =
  | { kind: "idle" }
  | { kind: "tracking"; org: string }
  | { kind: "queued"; org: Org }
  | { kind: "tracked"; result: TrackResult }
  | { kind: "refused"; error: AppError }
  | { kind: "failed"; error: AppError };

/** Returns the track state and `track(orgKey)`, which calls `onSettled` once the item may carry a new mark. Never throws. */
export function useTrack(itemId: string, onSettled: () => void): { state: TrackState; track: (org: Org) => void; reset: () => void } {
  const session = useSession();
  const mounted = useMounted();
  const [state, setState] = useState<TrackState>({ kind: "idle" });

  const track = useCallback(
    (org: Org) => {
      setState({ kind: "tracking", org: org.friendlyName });
      void (async () => {
        let next: TrackState;
        try {
          const result = await session.track([itemId], org.key);
          if (result.kind === "queued") next = { kind: "queued", org: result.org };
          else {
            const outcome = result.outcomes[0];
            if (outcome === undefined) next = { kind: "failed", error: toAppError(new Error("The organization returned no result.")) };
            else if (outcome.ok) next = { kind: "tracked", result: outcome.value };
            else next = isAppError(outcome.error, "rejectedByOrg") ? { kind: "refused", error: outcome.error } : { kind: "failed", error: outcome.error };
          }
        } catch (error) {
          next = { kind: "failed", error: toAppError(error) };
        }
        if (!mounted.current) return;
        setState(next);
        onSettled();
      })();
    },
    [itemId, mounted, onSettled, session],
  );

  return { state, track, reset: () => setState({ kind: "idle" }) };
}
