import { stableId } from "./ids";
import type { Depth, Seed, SeedClient, SeedLimits } from "./types";

/** A tenant of the identity service. */
export interface Tenant {
  id: string;
  name: string;
}

/** A person who can sign in. */
export interface DirectoryUser {
  oid: string;
  tenantId: string;
  email: string;
  displayName: string;
  password: string;
}

export interface BusinessUnit {
  id: string;
  name: string;
  parentId?: string;
}

export interface Role {
  id: string;
  name: string;
  privileges: ReadonlyMap<string, Depth>;
}

/** A user's place in one org: their systemuser row, business unit, roles and settings. */
export interface Member {
  systemUserId: string;
  oid: string;
  email: string;
  displayName: string;
  businessUnitId: string;
  roleIds: string[];
  disabled: boolean;
  incomingEmailFiltering: number;
}

export interface Org {
  id: string;
  urlName: string;
  friendlyName: string;
  tenantId: string;
  region: string;
  version: string;
  settings: Record<string, unknown>;
  rootBusinessUnitId: string;
  businessUnits: ReadonlyMap<string, BusinessUnit>;
  roles: ReadonlyMap<string, Role>;
  /** Members by systemuserid. */
  members: ReadonlyMap<string, Member>;
  /** Members by Entra object id. */
  membersByOid: ReadonlyMap<string, Member>;
}

export const DEFAULT_LIMITS: Required<SeedLimits> = {
  requestsPerWindow: 6000,
  windowSeconds: 300,
  concurrentRequests: 52,
  executionTimeMs: 1_200_000,
  retryAfterSeconds: 1,
};

/** Tracking settings of an org row when the seed says nothing (Dataverse defaults). */
export const DEFAULT_ORG_SETTINGS: Readonly<Record<string, unknown>> = {
  emailcorrelationenabled: true,
  enablesmartmatching: false,
  ignoreinternalemail: false,
  unresolveemailaddressifmultiplematch: false,
  trackingprefix: "CRM",
  trackingtokenidbase: 0,
  trackingtokeniddigits: 3,
  maximumtrackingnumber: 999,
};

/** The default per-user email filtering: "Email messages in response to Dynamics 365 email" (see the spec, §3.11). */
export const DEFAULT_INCOMING_EMAIL_FILTERING = 1;

/**
 * The seed resolved into lookups: who can sign in, which apps may ask for tokens, which orgs exist
 * and who is a member with which roles. It does not change while the server runs.
 */
export class Directory {
  readonly tenants: ReadonlyMap<string, Tenant>;
  readonly users: ReadonlyMap<string, DirectoryUser>;
  readonly usersByEmail: ReadonlyMap<string, DirectoryUser>;
  readonly clients: ReadonlyMap<string, SeedClient>;
  readonly orgs: ReadonlyMap<string, Org>;
  readonly limits: Required<SeedLimits>;

  constructor(readonly seed: Seed) {
    this.tenants = new Map(seed.tenants.map((t) => [t.id, { id: t.id, name: t.name }]));
    const users = seed.users.map((u): DirectoryUser => {
      const tenant = this.tenantOf(u.tenant);
      return {
        oid: u.id ?? stableId("user", u.email.toLowerCase()),
        tenantId: tenant.id,
        email: u.email,
        displayName: u.displayName,
        password: u.password,
      };
    });
    this.users = new Map(users.map((u) => [u.oid, u]));
    this.usersByEmail = new Map(users.map((u) => [u.email.toLowerCase(), u]));
    this.clients = new Map(seed.clients.map((c) => [c.clientId, c]));
    this.orgs = new Map(seed.orgs.map((o) => [o.urlName.toLowerCase(), this.resolveOrg(o)]));
    this.limits = { ...DEFAULT_LIMITS, ...(seed.limits ?? {}) };
  }

  /** Finds a tenant by id or name; `organizations` and `common` are aliases resolved by the caller. */
  tenantOf(idOrName: string): Tenant {
    const lower = idOrName.toLowerCase();
    const found = [...this.tenants.values()].find((t) => t.id === lower || t.name.toLowerCase() === lower);
    if (!found) throw new Error(`Seed: unknown tenant '${idOrName}'`);
    return found;
  }

  findTenant(idOrName: string): Tenant | undefined {
    const lower = idOrName.toLowerCase();
    return [...this.tenants.values()].find((t) => t.id === lower || t.name.toLowerCase() === lower);
  }

  /** The orgs a user (by Entra object id) is an enabled member of. */
  orgsOf(oid: string): Org[] {
    return [...this.orgs.values()].filter((o) => {
      const member = o.membersByOid.get(oid);
      return member !== undefined && !member.disabled;
    });
  }

  private resolveOrg(o: Seed["orgs"][number]): Org {
    const orgId = o.id ?? stableId("org", o.urlName.toLowerCase());
    const buIdByName = new Map(o.businessUnits.map((b) => [b.name, stableId(orgId, "businessunit", b.name)]));
    const businessUnits = new Map<string, BusinessUnit>();
    for (const b of o.businessUnits) {
      const id = buIdByName.get(b.name) as string;
      const parentId = b.parent === undefined ? undefined : buIdByName.get(b.parent);
      if (b.parent !== undefined && parentId === undefined) throw new Error(`Seed: unknown parent business unit '${b.parent}'`);
      businessUnits.set(id, { id, name: b.name, ...(parentId ? { parentId } : {}) });
    }
    const roots = [...businessUnits.values()].filter((b) => b.parentId === undefined);
    if (roots.length !== 1) throw new Error(`Seed: org '${o.urlName}' needs exactly one root business unit`);
    const roleIdByName = new Map(o.roles.map((r) => [r.name, stableId(orgId, "role", r.name)]));
    const roles = new Map<string, Role>(
      o.roles.map((r) => {
        const id = roleIdByName.get(r.name) as string;
        return [id, { id, name: r.name, privileges: new Map(Object.entries(r.privileges)) }];
      }),
    );
    const members = o.members.map((m): Member => {
      const user = this.usersByEmail.get(m.user.toLowerCase());
      if (!user) throw new Error(`Seed: org '${o.urlName}' names unknown user '${m.user}'`);
      const businessUnitId = buIdByName.get(m.businessUnit);
      if (!businessUnitId) throw new Error(`Seed: unknown business unit '${m.businessUnit}'`);
      return {
        systemUserId: stableId(orgId, "systemuser", user.oid),
        oid: user.oid,
        email: user.email,
        displayName: user.displayName,
        businessUnitId,
        roleIds: m.roles.map((name) => {
          const id = roleIdByName.get(name);
          if (!id) throw new Error(`Seed: unknown role '${name}'`);
          return id;
        }),
        disabled: m.disabled ?? false,
        incomingEmailFiltering: m.incomingEmailFiltering ?? DEFAULT_INCOMING_EMAIL_FILTERING,
      };
    });
    return {
      id: orgId,
      urlName: o.urlName,
      friendlyName: o.friendlyName,
      tenantId: this.tenantOf(o.tenant).id,
      region: o.region ?? "NA",
      version: o.version ?? "9.2.25103.00150",
      settings: { ...DEFAULT_ORG_SETTINGS, ...(o.settings ?? {}) },
      rootBusinessUnitId: (roots[0] as BusinessUnit).id,
      businessUnits,
      roles,
      members: new Map(members.map((m) => [m.systemUserId, m])),
      membersByOid: new Map(members.map((m) => [m.oid, m])),
    };
  }
}
