import type { WebApiCall } from "../call";

/** What table reads and writes need from a call: the database, the org, the caller and the security model. */
export type TableScope = Pick<WebApiCall, "ctx" | "org" | "member" | "security">;
