import type { OrgAddress } from "../core/orgs";
import type { DiscoveryService, HttpSend, OrgService, TokenProvider } from "../core/ports";
import { createDiscoveryService, createFetchHttpSend, createOrgService } from "../dataverse";

/**
 * This module is the task pane's Dataverse chunk: the Web API client (pipeline, retry, $batch,
 * services) is imported dynamically when the session first calls an org, after the first render.
 */

/** The Dataverse services of the pane. */
export interface PaneServices {
  serviceFor(org: OrgAddress): OrgService;
  discovery(discoveryUrl: string): DiscoveryService;
}

/** Returns the pane's Dataverse services over `send` (fetch by default) and the token provider; never throws. */
export function createPaneServices(deps: { tokens: TokenProvider; send?: HttpSend }): PaneServices {
  const send = deps.send ?? createFetchHttpSend();
  return {
    serviceFor: (org) => createOrgService(org, { send, tokens: deps.tokens }),
    discovery: (discoveryUrl) => createDiscoveryService({ discoveryUrl, send, tokens: deps.tokens }),
  };
}
