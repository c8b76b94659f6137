import { randomUUID } from "node:crypto";
import { originOf, TokenRejected, type EmulatorContext } from "../context";
import { ErrorCodes, ODataError, errorResponse, notFoundSegment } from "../http/odata-error";
import { header, isDropped, type EmulatorRequest, type HandlerResult } from "../http/types";
import { Security } from "../security/access";
import type { Member, Org } from "../seed/directory";
import { API_PATH, type WebApiCall } from "./call";
import { dispatch } from "./dispatch";
import "./register-operations";

const securityByOrg = new WeakMap<Org, Security>();

/**
 * Serves `/<org>/api/data/v9.2/…`: checks the bearer token for this org, maps it to the caller's
 * systemuser, applies service protection and injected faults, then dispatches. Always answers with
 * an OData error body on failure, and a `REQ_ID` on every response.
 */
export async function handleWebApi(req: EmulatorRequest, ctx: EmulatorContext, orgName: string, rest: string): Promise<HandlerResult> {
  const requestId = randomUUID();
  const org = ctx.directory.orgs.get(orgName.toLowerCase());
  if (!org) return withRequestId(errorResponse(notFoundSegment(orgName)), requestId);
  const orgUrl = `${originOf(req.url)}/${org.urlName}`;
  let member: Member;
  try {
    member = authenticate(req, ctx, org, orgUrl);
  } catch (error) {
    return withRequestId(errorResponse(error), requestId);
  }
  let admission;
  try {
    admission = ctx.protection.admit(member.oid, 1);
  } catch (error) {
    return withRequestId(errorResponse(error), requestId);
  }
  try {
    const fault = await ctx.faults.apply(req);
    if (fault) return isDropped(fault) ? fault : withRequestId(fault, requestId);
    const call: WebApiCall = {
      ctx,
      org,
      member,
      security: securityFor(org),
      method: req.method,
      path: rest,
      query: req.url.searchParams,
      headers: req.headers,
      body: req.body,
      orgUrl,
      apiRoot: `${orgUrl}/${API_PATH}/`,
      inBatch: false,
    };
    let response;
    try {
      response = await ctx.store.grouped(() => dispatch(call));
    } catch (error) {
      response = errorResponse(error);
    }
    response.headers = { ...response.headers, ...admission.headers };
    return withRequestId(response, requestId);
  } finally {
    admission.release();
  }
}

/** The security model of an org (built once per org). */
export function securityFor(org: Org): Security {
  let security = securityByOrg.get(org);
  if (!security) {
    security = new Security(org);
    securityByOrg.set(org, security);
  }
  return security;
}

function authenticate(req: EmulatorRequest, ctx: EmulatorContext, org: Org, orgUrl: string): Member {
  const challenge = {
    "WWW-Authenticate": `Bearer authorization_uri=${originOf(req.url)}/${org.tenantId}/oauth2/authorize, resource_id=${orgUrl}/`,
  };
  const authorization = header(req, "authorization") ?? "";
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  try {
    if (!match?.[1]) throw new TokenRejected("missing", "The request does not carry a bearer token.");
    const claims = ctx.verifyAccessToken(match[1], orgUrl);
    if (claims.tid !== org.tenantId) throw new TokenRejected("issuer", "The token was issued by another tenant than this organization's.");
    const member = org.membersByOid.get(claims.oid);
    if (!member) {
      throw new ODataError(403, ErrorCodes.UserNotMemberOfOrganization, "The user is not a member of the organization.");
    }
    if (member.disabled) {
      throw new ODataError(403, ErrorCodes.UserNotEnabled, `The user with SystemUserId=${member.systemUserId} is disabled.`);
    }
    return member;
  } catch (error) {
    if (error instanceof TokenRejected) {
      const code = error.problem === "expired" ? ErrorCodes.AccessTokenExpired : error.problem === "missing" ? ErrorCodes.RequestIsNotAuthenticated : ErrorCodes.UnauthorizedAccess;
      throw new ODataError(401, code, error.message, challenge);
    }
    throw error;
  }
}

function withRequestId<T extends HandlerResult>(response: T, requestId: string): T {
  if (!isDropped(response)) response.headers = { ...response.headers, REQ_ID: requestId };
  return response;
}
