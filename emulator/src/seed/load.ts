import type { Store } from "../store/store";
import { setLookup, nowUtc } from "../model/record-values";
import { table } from "../model/tables";
import { stableId } from "./ids";
import type { Directory, Member, Org } from "./directory";
import type { SeedRow } from "./types";

const SEEDED_TABLES = [
  ["contacts", "contact"],
  ["accounts", "account"],
  ["leads", "lead"],
  ["opportunities", "opportunity"],
] as const;

/** Replaces every row of the database with the seed's (one transaction: all or nothing). */
export function loadSeed(store: Store, directory: Directory): void {
  store.transaction(() => {
    store.clearRecords();
    for (const org of directory.orgs.values()) loadOrg(store, org, directory);
  });
}

function loadOrg(store: Store, org: Org, directory: Directory): void {
  const now = nowUtc();
  const audit = (by: string | null): Record<string, unknown> => {
    const data: Record<string, unknown> = { createdon: now, modifiedon: now };
    setLookup(data, "createdby", by ? "systemuser" : null, by);
    setLookup(data, "modifiedby", by ? "systemuser" : null, by);
    return data;
  };
  store.insert(org.urlName, "organization", org.id, {
    organizationid: org.id,
    name: org.friendlyName,
    friendlyname: org.friendlyName,
    uniquename: org.urlName,
    version: org.version,
    ...org.settings,
    ...audit(null),
  });
  for (const unit of org.businessUnits.values()) {
    const data: Record<string, unknown> = { businessunitid: unit.id, name: unit.name, ...audit(null) };
    setLookup(data, "parentbusinessunitid", unit.parentId ? "businessunit" : null, unit.parentId ?? null);
    store.insert(org.urlName, "businessunit", unit.id, data);
  }
  for (const member of org.members.values()) {
    const [firstname, ...rest] = member.displayName.split(" ");
    const data: Record<string, unknown> = {
      systemuserid: member.systemUserId,
      fullname: member.displayName,
      firstname: firstname ?? "",
      lastname: rest.join(" "),
      internalemailaddress: member.email,
      domainname: member.email,
      azureactivedirectoryobjectid: member.oid,
      isdisabled: member.disabled,
      ...audit(null),
    };
    setLookup(data, "businessunitid", "businessunit", member.businessUnitId);
    store.insert(org.urlName, "systemuser", member.systemUserId, data);
    store.insert(org.urlName, "usersettings", member.systemUserId, {
      systemuserid: member.systemUserId,
      incomingemailfilteringmethod: member.incomingEmailFiltering,
      outgoingemaildeliverymethod: 0,
      uilanguageid: 1033,
      timezonecode: 85,
      ...audit(null),
    });
  }
  const seedRows = directory.seed.orgs.find((o) => o.urlName === org.urlName)?.records ?? {};
  for (const [setName, logicalName] of SEEDED_TABLES) {
    for (const row of seedRows[setName] ?? []) loadRow(store, org, logicalName, row, audit);
  }
}

function loadRow(
  store: Store,
  org: Org,
  logicalName: string,
  row: SeedRow,
  audit: (by: string | null) => Record<string, unknown>,
): void {
  const def = table(logicalName);
  const { owner, ...values } = row;
  const ownerMember = findMember(org, owner);
  const naturalKey = String(values[def.primaryName] ?? values.emailaddress1 ?? values.lastname ?? JSON.stringify(values));
  const id = typeof values[def.primaryKey] === "string" ? (values[def.primaryKey] as string) : stableId(org.id, logicalName, naturalKey);
  const data: Record<string, unknown> = { ...values, [def.primaryKey]: id, statecode: 0, statuscode: 1, ...audit(ownerMember.systemUserId) };
  if ("firstname" in def.columns && "fullname" in def.columns && data.fullname === undefined) {
    data.fullname = [values.firstname, values.lastname].filter((v) => typeof v === "string" && v !== "").join(" ");
  }
  setLookup(data, "ownerid", "systemuser", ownerMember.systemUserId);
  setLookup(data, "owninguser", "systemuser", ownerMember.systemUserId);
  setLookup(data, "owningbusinessunit", "businessunit", ownerMember.businessUnitId);
  store.insert(org.urlName, logicalName, id, data);
}

function findMember(org: Org, email: string | undefined): Member {
  const members = [...org.members.values()];
  const found = email === undefined ? members[0] : members.find((m) => m.email.toLowerCase() === email.toLowerCase());
  if (!found) throw new Error(`Seed: org '${org.urlName}' has no member '${email ?? "(any)"}' to own a row`);
  return found;
}
