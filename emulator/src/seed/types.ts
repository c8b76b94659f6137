/** Privilege depth, as in Dataverse: Basic (user), Local (business unit), Deep (parent: child BUs), Global (organization). */
export type Depth = "Basic" | "Local" | "Deep" | "Global";

export interface SeedTenant {
  id: string;
  name: string;
}

export interface SeedUser {
  /** Entra object id (`oid`); derived from the email when omitted. */
  id?: string;
  tenant: string;
  email: string;
  displayName: string;
  password: string;
}

export interface SeedClient {
  clientId: string;
  name: string;
  redirectUris: string[];
  /** Allows the resource-owner password grant (test clients only). */
  allowPasswordGrant?: boolean;
}

export interface SeedBusinessUnit {
  name: string;
  /** Name of the parent business unit; the root has none. */
  parent?: string;
}

export interface SeedRole {
  name: string;
  /** Privilege name → depth, e.g. `"prvReadActivity": "Global"`. */
  privileges: Record<string, Depth>;
}

export interface SeedMember {
  /** Email of a user of the directory. */
  user: string;
  businessUnit: string;
  roles: string[];
  disabled?: boolean;
  /** usersettings.incomingemailfilteringmethod: 0 all, 1 in response to tracked mail, 2 from leads/contacts/accounts, 3 from email-enabled records, 4 none. */
  incomingEmailFiltering?: 0 | 1 | 2 | 3 | 4;
}

/** A row of contacts/accounts/leads/opportunities: column values, plus `owner` (a member's email). */
export type SeedRow = Record<string, unknown> & { owner?: string };

export interface SeedOrg {
  /** The org's name in URLs: `https://localhost:5555/<urlName>`. */
  urlName: string;
  friendlyName: string;
  tenant: string;
  id?: string;
  region?: string;
  version?: string;
  /** Columns of the organization row that govern tracking (ignoreinternalemail, …). */
  settings?: Record<string, unknown>;
  businessUnits: SeedBusinessUnit[];
  roles: SeedRole[];
  members: SeedMember[];
  records?: Partial<Record<"contacts" | "accounts" | "leads" | "opportunities", SeedRow[]>>;
}

export interface SeedLimits {
  requestsPerWindow?: number;
  windowSeconds?: number;
  concurrentRequests?: number;
  executionTimeMs?: number;
  retryAfterSeconds?: number;
}

export interface Seed {
  tenants: SeedTenant[];
  users: SeedUser[];
  clients: SeedClient[];
  orgs: SeedOrg[];
  limits?: SeedLimits;
}
