import { createContext, useContext, type ReactNode } from "react";

/** What the deployment offers the pane (from config.json). */
export interface PaneOptions {
  /** Whether Global Discovery is configured ("Dynamics 365 (online)" can list the person's orgs). */
  discoveryAvailable: boolean;
  /** Organization addresses offered in "Add organization" (`npm start -- --org <url>`, or an admin's choice). */
  offeredOrgUrls: readonly string[];
}

const DEFAULT_OPTIONS: PaneOptions = { discoveryAvailable: true, offeredOrgUrls: [] };
const PaneOptionsContext = createContext<PaneOptions>(DEFAULT_OPTIONS);

/** Provides the deployment's options to the views. */
export function PaneOptionsProvider(props: { options: PaneOptions; children: ReactNode }) {
  return <PaneOptionsContext.Provider value={props.options}>{props.children}</PaneOptionsContext.Provider>;
}

/** Returns the deployment's options (discovery on, nothing offered, when none are provided); never throws. */
export function usePaneOptions(): PaneOptions {
  return useContext(PaneOptionsContext);
}
