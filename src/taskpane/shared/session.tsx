import { createContext, useContext, useSyncExternalStore, type ReactNode } from "react";
import type { OrgTrackSession, SessionSnapshot } from "../../core/session";

const SessionContext = createContext<OrgTrackSession | undefined>(undefined);

/** Provides the one OrgTrack session to the pane's views. */
export function SessionProvider(props: { session: OrgTrackSession; children: ReactNode }) {
  return <SessionContext.Provider value={props.session}>{props.children}</SessionContext.Provider>;
}

/** Returns the session of the nearest SessionProvider; throws an Error when there is none (a wiring bug, not a user-facing failure). */
export function useSession(): OrgTrackSession {
  const session = useContext(SessionContext);
  if (session === undefined) throw new Error("useSession needs a SessionProvider.");
  return session;
}

/** Returns the session's current snapshot and re-renders on every change; throws as `useSession`. */
export function useSnapshot(): SessionSnapshot {
  const session = useSession();
  return useSyncExternalStore(session.subscribe, session.snapshot, session.snapshot);
}
