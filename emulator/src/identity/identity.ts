// PLACEHOLDER (being written by the identity helper).
import { TokenRejected, type AccessTokenVerifier } from "../context";
import { json } from "../http/responses";
import type { EmulatorRequest, HandlerResult } from "../http/types";
import type { Directory } from "../seed/directory";
import type { Store } from "../store/store";

export const IDENTITY_SUBPATHS: ReadonlySet<string> = new Set(["v2.0", ".well-known", "oauth2", "discovery"]);

export interface Identity {
  handle(req: EmulatorRequest, tenant: string, segments: string[]): HandlerResult | Promise<HandlerResult>;
  verifyAccessToken: AccessTokenVerifier;
}

export function createIdentity(_store: Store, _directory: Directory, _now: () => number): Identity {
  return {
    handle: () => json(501, { error: "not implemented" }),
    verifyAccessToken: () => {
      throw new TokenRejected("malformed", "not implemented");
    },
  };
}
