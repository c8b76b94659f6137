import { recordNotFound } from "../../http/odata-error";
import type { EmulatorResponse } from "../../http/types";
import { TABLES, TABLES_BY_SET, table } from "../../model/tables";
import type { TableDefinition } from "../../model/types";
import { privilegeIdOf } from "../../security/access";
import type { Member } from "../../seed/directory";
import { isGuid } from "../../seed/ids";
import type { Depth } from "../../seed/types";
import type { WebApiCall } from "../call";
import { invalidArgument, validateParameters } from "../email-tracking/parameters";
import { operationResponse, registerOperations, type OperationDefinition, type OperationInput } from "../operations";

/** A RolePrivilege of the Web API (spec §2.2); Depth is the PrivilegeDepth member name. */
export interface RolePrivilege {
  Depth: Depth;
  PrivilegeId: string;
  BusinessUnitId: string;
  PrivilegeName: string;
}

/**
 * Returns every privilege a member holds, once each at its highest depth over their roles, with
 * the member's business unit, sorted by name. Filtered to `names` when given (unknown names are
 * simply absent: an empty array means "not held").
 */
export function rolePrivilegesOf(call: WebApiCall, member: Member, names?: readonly string[]): RolePrivilege[] {
  const held = new Set<string>();
  for (const roleId of member.roleIds) {
    for (const name of call.org.roles.get(roleId)?.privileges.keys() ?? []) held.add(name);
  }
  const wanted = names === undefined ? [...held] : [...new Set(names)].filter((n) => held.has(n));
  return wanted.sort().flatMap((name) => {
    const depth = call.security.depthOf(member, name);
    return depth === undefined ? [] : [{ Depth: depth, PrivilegeId: privilegeIdOf(name), BusinessUnitId: member.businessUnitId, PrivilegeName: name }];
  });
}

/** The member a bound call names; 404 when it is not a user of the org, 403 `0x80040220` when the caller may not read other users. */
function boundMember(call: WebApiCall, input: OperationInput): Member {
  const id = input.boundId ?? "";
  const member = call.org.members.get(id);
  if (!member) throw recordNotFound("systemuser", id);
  if (member.systemUserId !== call.member.systemUserId) call.security.requirePrivilege(call.member, "prvReadUser", table("systemuser"));
  return member;
}

/** Names of privileges the org's roles know, found by id (ids are derived from names). */
function namesOfIds(call: WebApiCall, ids: readonly string[]): string[] {
  const wanted = new Set(ids.map((id) => id.toLowerCase()));
  const names = new Set<string>();
  for (const role of call.org.roles.values()) {
    for (const name of role.privileges.keys()) if (wanted.has(privilegeIdOf(name))) names.add(name);
  }
  return [...names];
}

function privilegesResponse(call: WebApiCall, operation: string, privileges: RolePrivilege[]): EmulatorResponse {
  return operationResponse(call, operation, { RolePrivileges: privileges });
}

function retrieveUserPrivileges(call: WebApiCall, input: OperationInput): EmulatorResponse {
  validateParameters("RetrieveUserPrivileges", {}, input.parameters);
  return privilegesResponse(call, "RetrieveUserPrivileges", rolePrivilegesOf(call, boundMember(call, input)));
}

function retrieveByName(call: WebApiCall, input: OperationInput): EmulatorResponse {
  const p = validateParameters("RetrieveUserPrivilegeByPrivilegeName", { PrivilegeName: { type: "string", required: true } }, input.parameters);
  return privilegesResponse(call, "RetrieveUserPrivilegeByPrivilegeName", rolePrivilegesOf(call, boundMember(call, input), [p.PrivilegeName ?? ""]));
}

function retrieveById(call: WebApiCall, input: OperationInput): EmulatorResponse {
  const p = validateParameters("RetrieveUserPrivilegeByPrivilegeId", { PrivilegeId: { type: "guid", required: true } }, input.parameters);
  const member = boundMember(call, input);
  return privilegesResponse(call, "RetrieveUserPrivilegeByPrivilegeId", rolePrivilegesOf(call, member, namesOfIds(call, [p.PrivilegeId ?? ""])));
}

function retrieveSetByNames(call: WebApiCall, input: OperationInput): EmulatorResponse {
  const p = validateParameters("RetrieveUserSetOfPrivilegesByNames", { PrivilegeNames: { type: "stringCollection", required: true } }, input.parameters);
  return privilegesResponse(call, "RetrieveUserSetOfPrivilegesByNames", rolePrivilegesOf(call, boundMember(call, input), p.PrivilegeNames ?? []));
}

function retrieveSetByIds(call: WebApiCall, input: OperationInput): EmulatorResponse {
  const p = validateParameters("RetrieveUserSetOfPrivilegesByIds", { PrivilegeIds: { type: "stringCollection", required: true } }, input.parameters);
  const ids = p.PrivilegeIds ?? [];
  const bad = ids.find((id) => !isGuid(id));
  if (bad !== undefined) throw invalidArgument(`'${bad.slice(0, 60)}' in PrivilegeIds is not a GUID.`);
  const member = boundMember(call, input);
  return privilegesResponse(call, "RetrieveUserSetOfPrivilegesByIds", rolePrivilegesOf(call, member, namesOfIds(call, ids)));
}

/** RetrievePrincipalAccess: the rights the bound user holds on Target, as an AccessRights flags string (`None` when none). */
function retrievePrincipalAccess(call: WebApiCall, input: OperationInput): EmulatorResponse {
  const p = validateParameters("RetrievePrincipalAccess", { Target: { type: "entity", required: true } }, input.parameters);
  const member = boundMember(call, input);
  const { def, id } = entityReference(p.Target ?? {});
  const row = call.ctx.store.get(call.org.urlName, def.logicalName, id);
  if (!row) throw recordNotFound(def.logicalName, id);
  return operationResponse(call, "RetrievePrincipalAccess", { AccessRights: call.security.accessRights(member, def, row.data) });
}

/** Reads an entity reference: `{"@odata.id":"emails(<id>)"}` (relative or absolute) or `{"@odata.type":"Microsoft.Dynamics.CRM.email","activityid":"<id>"}`; throws 400 otherwise. */
export function entityReference(target: Record<string, unknown>): { def: TableDefinition; id: string } {
  const odataId = target["@odata.id"];
  if (typeof odataId === "string") {
    const match = /([A-Za-z_][A-Za-z0-9_]*)\(([^()]*)\)\s*$/.exec(odataId);
    const def = match?.[1] !== undefined ? TABLES_BY_SET.get(match[1]) : undefined;
    const key = (match?.[2] ?? "").replace(/^[^=]*=/, "").trim();
    if (def && isGuid(key)) return { def, id: key.toLowerCase() };
    throw invalidArgument(`The Target '${odataId.slice(0, 200)}' is not a reference to a row of a known table.`);
  }
  const odataType = target["@odata.type"];
  const def = typeof odataType === "string" ? TABLES.get(odataType.replace(/^#?Microsoft\.Dynamics\.CRM\./, "")) : undefined;
  const key = def ? target[def.primaryKey] : undefined;
  if (def && typeof key === "string" && isGuid(key)) return { def, id: key.toLowerCase() };
  throw invalidArgument("The Target must be an entity reference: {'@odata.id':'<entityset>(<id>)'}.");
}

const boundToUser = (name: string, handler: OperationDefinition["handler"]): OperationDefinition => ({
  name,
  kind: "function",
  binding: "entity",
  entitySet: "systemusers",
  handler,
});

registerOperations(
  boundToUser("RetrieveUserPrivileges", retrieveUserPrivileges),
  boundToUser("RetrieveUserPrivilegeByPrivilegeName", retrieveByName),
  boundToUser("RetrieveUserPrivilegeByPrivilegeId", retrieveById),
  boundToUser("RetrieveUserSetOfPrivilegesByNames", retrieveSetByNames),
  boundToUser("RetrieveUserSetOfPrivilegesByIds", retrieveSetByIds),
  boundToUser("RetrievePrincipalAccess", retrievePrincipalAccess),
);
