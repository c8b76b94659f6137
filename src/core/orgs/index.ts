export type { Org, OrgAddress, OrgList, OrgStatus } from "./types";
export { MAX_ORG_URL_LENGTH, WEB_API_PATH, parseOrgUrl, type OrgUrlProblem } from "./org-url";
export { fromDiscovery } from "./discovered";
export { defaultFriendlyName } from "./friendly-name";
export { OrgRegistry, type ChooseSuccessor, type ConfirmSynchronizingChange, type OrgDetailsInput } from "./registry";
export { checkStatuses, connectOrg, statusOfError, statusesOnStart, type CheckOptions, type ConnectionDeps } from "./connection";
