/** Where an org lives, derived from the address a person pasted or from Global Discovery. */
export interface OrgAddress {
  /** Identity of the org: its base URL in lower case without a trailing slash. The same org added twice has one key. */
  key: string;
  /** The org's base URL, e.g. `https://contoso.crm4.dynamics.com` or `https://crm.contoso.local/ContosoOrg`. */
  url: string;
  /** The Web API root with a trailing slash, e.g. `https://contoso.crm4.dynamics.com/api/data/v9.2/`. */
  webApiUrl: string;
  /** The token audience (scope `<resource>/.default`): the base URL. Tokens are only sent below it. */
  resource: string;
  deployment: "online" | "onPremises";
}

/** What the add-in last knew of its connection to an org. */
export type OrgStatus = "notChecked" | "connecting" | "connected" | "needsSignIn" | "unreachable" | "noAccess";

/** A connected organization as the add-in keeps it. */
export interface Org extends OrgAddress {
  friendlyName: string;
  version?: string;
  /** The person's systemuserid in this org (from WhoAmI). */
  userId?: string;
  organizationId?: string;
}

/** The person's organizations: exactly one is synchronizing while any exists. */
export interface OrgList {
  orgs: readonly Org[];
  synchronizingKey: string | undefined;
}
