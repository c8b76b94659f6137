import { useCallback, useState } from "react";
import { toAppError, type AppError } from "../../../core/errors";
import type { Org } from "../../../core/orgs";
import type { ItemOutcome } from "../../../core/ports";
import type { TrackResult } from "../../../core/tracking";
import { useSession } from "../../shared/session";
import { useMounted } from "../../shared/use-mounted";

/** A bulk track: not started, under way, queued (disconnected), done with one outcome per message (in the order given), or failed as a whole. */
export type BulkTrackState =
  | { kind: "idle" }
  | { kind: "tracking"; org: Org; itemIds: readonly string[] }
  | { kind: "queued"; org: Org; count: number }
  | { kind: "done"; org: Org; itemIds: readonly string[]; outcomes: readonly ItemOutcome<TrackResult>[] }
  | { kind: "failed"; error: AppError };

/** Returns the bulk track state and `track(itemIds, org)`. Never throws: a failure of the whole request is the `failed` state. */
export function useBulkTrack(): { state: BulkTrackState; track: (itemIds: readonly string[], org: Org) => void; reset: () => void } {
  const session = useSession();
  const mounted = useMounted();
  const [state, setState] = useState<BulkTrackState>({ kind: "idle" });

  const track = useCallback(
    (itemIds: readonly string[], org: Org) => {
      setState({ kind: "tracking", org, itemIds });
      void (async () => {
        let next: BulkTrackState;
        try {
          const result = await session.track(itemIds, org.key);
          next = result.kind === "queued" ? { kind: "queued", org: result.org, count: result.requests.length } : { kind: "done", org: result.org, itemIds, outcomes: result.outcomes };
        } catch (error) {
          next = { kind: "failed", error: toAppError(error) };
        }
        if (mounted.current) setState(next);
      })();
    },
    [mounted, session],
  );

  return { state, track, reset: () => setState({ kind: "idle" }) };
}
