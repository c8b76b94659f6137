import type { EmulatorContext } from "../context";
import type { Org } from "../seed/directory";
import { stableId } from "../seed/ids";
import type { EdmType } from "./instance-filter";

/** A Global Discovery `Instance` (spec §5.2), as this server describes one of its orgs. */
export interface Instance {
  Id: string;
  UniqueName: string;
  UrlName: string;
  FriendlyName: string;
  State: number;
  Version: string;
  Url: string;
  ApiUrl: string;
  LastUpdated: string;
  Region: string;
  Purpose: string;
  EnvironmentId: string;
  TenantId: string;
  DatacenterId: string;
  DatacenterName: string | null;
  IsUserSysAdmin: boolean;
  OrganizationType: number;
  SchemaType: string;
  StatusMessage: number;
  TrialExpirationDate: string | null;
}

/** Every property of Instance with its EDM type, in the order responses list them. */
export const INSTANCE_PROPERTIES: ReadonlyMap<keyof Instance & string, EdmType> = new Map<keyof Instance & string, EdmType>([
  ["Id", "Guid"],
  ["UniqueName", "String"],
  ["UrlName", "String"],
  ["FriendlyName", "String"],
  ["State", "Int32"],
  ["Version", "String"],
  ["Url", "String"],
  ["ApiUrl", "String"],
  ["LastUpdated", "DateTimeOffset"],
  ["Region", "String"],
  ["Purpose", "String"],
  ["EnvironmentId", "String"],
  ["TenantId", "Guid"],
  ["DatacenterId", "String"],
  ["DatacenterName", "String"],
  ["IsUserSysAdmin", "Boolean"],
  ["OrganizationType", "Int32"],
  ["SchemaType", "String"],
  ["StatusMessage", "Int32"],
  ["TrialExpirationDate", "DateTimeOffset"],
]);

/** The meta row that remembers when this data file first listed its instances (their LastUpdated). */
const LAST_UPDATED_META = "discovery.last-updated";
const SYSTEM_ADMINISTRATOR = "system administrator";

/**
 * The instances a user (Entra object id) may see: the orgs they are an enabled member of, each with
 * `Url` and `ApiUrl` pointing back at this server (`https://<host>/<urlName>`, where the Web API also lives).
 */
export function instancesOf(ctx: EmulatorContext, origin: string, oid: string): Instance[] {
  const lastUpdated = lastUpdatedOf(ctx);
  return ctx.directory.orgsOf(oid).map((org) => toInstance(org, origin, oid, lastUpdated));
}

function toInstance(org: Org, origin: string, oid: string, lastUpdated: string): Instance {
  const url = `${origin}/${org.urlName}`;
  const member = org.membersByOid.get(oid);
  const isSysAdmin = (member?.roleIds ?? []).some((id) => org.roles.get(id)?.name.toLowerCase() === SYSTEM_ADMINISTRATOR);
  return {
    Id: org.id,
    // Dataverse's unique names are "unq" and the first 29 hex digits of the org id.
    UniqueName: `unq${org.id.replace(/-/g, "").slice(0, 29)}`,
    UrlName: org.urlName,
    FriendlyName: org.friendlyName,
    State: 0,
    Version: org.version,
    Url: url,
    ApiUrl: url,
    LastUpdated: lastUpdated,
    Region: org.region,
    Purpose: "",
    EnvironmentId: stableId("environment", org.id),
    TenantId: org.tenantId,
    DatacenterId: stableId("datacenter", org.region),
    DatacenterName: null,
    IsUserSysAdmin: isSysAdmin,
    OrganizationType: 0,
    SchemaType: "Standard",
    StatusMessage: 6,
    TrialExpirationDate: null,
  };
}

function lastUpdatedOf(ctx: EmulatorContext): string {
  const saved = ctx.store.getMeta(LAST_UPDATED_META);
  if (saved !== undefined) return saved;
  const value = new Date(ctx.now()).toISOString().replace(/\.\d{3}Z$/, "Z");
  ctx.store.setMeta(LAST_UPDATED_META, value);
  return value;
}
