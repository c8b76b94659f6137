import type { IncomingHttpHeaders } from "node:http";
import type { EmulatorContext } from "../context";
import type { Member, Org } from "../seed/directory";
import type { Security } from "../security/access";

/** One authenticated Web API request, as every Web API handler sees it. */
export interface WebApiCall {
  ctx: EmulatorContext;
  org: Org;
  /** The caller's membership in the org (their systemuser, business unit and roles). */
  member: Member;
  security: Security;
  method: string;
  /** The resource path after `/api/data/v9.2/`, still percent-encoded, without the query. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The org URL, e.g. `https://localhost:5555/contoso` (the token audience). */
  orgUrl: string;
  /** The Web API root with a trailing slash, e.g. `https://localhost:5555/contoso/api/data/v9.2/`. */
  apiRoot: string;
  /** True for a request inside a `$batch`. */
  inBatch: boolean;
}

export const API_PATH = "api/data/v9.2";
