import { AppError, isAppError } from "../core/errors";
import type { DeliveryRequest, OrgDetails, OrgIdentity, OrgService, RecordRef, TrackedCopy, ValidationMetadata, ValidationVerdict } from "../core/ports";
import type { OrgAddress } from "../core/orgs/types";
import type { BatchPart } from "./batch";
import { parseJson } from "./behaviors/parse";
import { guid, queryString, stringLiteral } from "./odata-query";
import { bulkInChunks, collectRecords, type BulkCall } from "./services/batch-outcomes";
import { deliveryAction, readEmailId, type DeliveryAction } from "./services/email-delivery";
import { readVerdict, validationPath } from "./services/email-validation";
import { byEmailPath, distinctAddresses, MAX_SEARCH_TEXT, REGARDING_TABLES, regardingBody, searchPath } from "./services/record-search";
import { createWebApiClient, type WebApiDeps } from "./services/web-api-client";

/**
 * The OrgService port over the Dataverse Web API. Round trips once a token is cached: whoAmI 1,
 * details 1, validate 1, deliver 1, emailOwner 1, findTrackedEmail 1, deleteEmail 1, validateMany 1
 * and deliverMany 1 per 1000 messages (one `$batch`), searchRecords 1 and recordsByEmail 1 (one
 * `$batch` each), setRegarding 1. Every read passes `$select`.
 */

interface WhoAmIAnswer {
  UserId?: unknown;
  BusinessUnitId?: unknown;
  OrganizationId?: unknown;
}

function unreadable(what: string): AppError {
  return new AppError("unknown", `The organization's ${what} could not be read.`, { messageKey: "dataverse.unreadableAnswer" });
}

/**
 * Returns the OrgService of one org over its Web API (see the round trips above). Throws AppError
 * `invalidInput` at once when the org's Web API root is not below its token resource.
 */
export function createOrgService(org: OrgAddress, deps: WebApiDeps): OrgService {
  const client = createWebApiClient(org, deps);
  const now = deps.now ?? Date.now;
  const get = (path: string): BatchPart => ({ kind: "request", request: { method: "GET", url: client.url(path) } });

  return {
    async whoAmI(): Promise<OrgIdentity> {
      const body = await client.getJson<WhoAmIAnswer>("WhoAmI");
      if (typeof body.UserId !== "string" || typeof body.BusinessUnitId !== "string" || typeof body.OrganizationId !== "string") throw unreadable("WhoAmI answer");
      return { userId: body.UserId, businessUnitId: body.BusinessUnitId, organizationId: body.OrganizationId };
    },

    async details(): Promise<OrgDetails> {
      const body = await client.getJson<{ value?: { name?: unknown; version?: unknown }[] }>("organizations?$select=name,version");
      const row = body.value?.[0];
      if (!row || typeof row.name !== "string") throw unreadable("details");
      return { friendlyName: row.name, version: typeof row.version === "string" ? row.version : "" };
    },

    async validate(message: ValidationMetadata): Promise<ValidationVerdict> {
      return readVerdict(message.direction, await client.getJson<unknown>(validationPath(message)));
    },

    async deliver(message: DeliveryRequest): Promise<string> {
      const action = deliveryAction(message);
      return readEmailId(parseJson<unknown>(await client.write("POST", action.path, action.body)));
    },

    validateMany(messages) {
      const call: BulkCall<ValidationMetadata, ValidationMetadata & { path: string }, ValidationVerdict> = {
        prepare: (m) => ({ ...m, path: validationPath(m) }),
        part: (p) => get(p.path),
        read: (answer, p) => readVerdict(p.direction, answer),
      };
      return bulkInChunks(client, messages, call, now);
    },

    deliverMany(messages) {
      const call: BulkCall<DeliveryRequest, DeliveryAction, string> = {
        prepare: deliveryAction,
        part: (action) => ({ kind: "request", request: { method: "POST", url: client.url(action.path), headers: { "Content-Type": "application/json" }, body: JSON.stringify(action.body) } }),
        read: (answer) => readEmailId(answer),
      };
      return bulkInChunks(client, messages, call, now);
    },

    async emailOwner(activityId: string): Promise<string | undefined> {
      try {
        const body = await client.getJson<{ _ownerid_value?: unknown }>(`emails(${guid(activityId)})?$select=_ownerid_value`);
        if (typeof body._ownerid_value !== "string") throw unreadable("owner");
        return body._ownerid_value;
      } catch (error) {
        if (isAppError(error, "notFound")) return undefined;
        throw error;
      }
    },

    async findTrackedEmail(internetMessageId: string): Promise<TrackedCopy | undefined> {
      if (!internetMessageId.trim()) throw new AppError("invalidInput", "The message has no message id.", { messageKey: "tracking.missingField", values: { field: "message id" } });
      // Exactly as stored: the org keeps the id as it was delivered. Rows the person may not read are not listed.
      const query = queryString({ $filter: `messageid eq ${stringLiteral(internetMessageId)}`, $select: "activityid,_ownerid_value", $top: 1 });
      const body = await client.getJson<{ value?: { activityid?: unknown; _ownerid_value?: unknown }[] }>(`emails${query}`);
      if (!Array.isArray(body.value)) throw unreadable("emails answer");
      const row = body.value[0];
      if (row === undefined) return undefined;
      if (typeof row.activityid !== "string" || typeof row._ownerid_value !== "string") throw unreadable("tracked copy");
      try {
        return { activityId: guid(row.activityid), ownerId: row._ownerid_value };
      } catch (cause) {
        throw new AppError("unknown", "The organization's tracked copy has no valid id.", { messageKey: "dataverse.unreadableAnswer", cause });
      }
    },

    async deleteEmail(activityId: string): Promise<void> {
      try {
        await client.write("DELETE", `emails(${guid(activityId)})`);
      } catch (error) {
        // Already gone (deleted elsewhere, or a retried DELETE whose first answer was lost): the copy is deleted.
        if (isAppError(error, "notFound")) return;
        throw error;
      }
    },

    async searchRecords(text: string): Promise<RecordRef[]> {
      const trimmed = text.trim().slice(0, MAX_SEARCH_TEXT);
      if (!trimmed) return [];
      const parts = await client.batch(REGARDING_TABLES.map((table) => get(searchPath(table, trimmed))));
      return collectRecords(REGARDING_TABLES, parts, [], now);
    },

    async recordsByEmail(addresses: readonly string[]): Promise<RecordRef[]> {
      const wanted = distinctAddresses(addresses);
      const tables = REGARDING_TABLES.filter((table) => table.emails.length > 0);
      if (wanted.length === 0) return [];
      const parts = await client.batch(tables.map((table) => get(byEmailPath(table, wanted) ?? "")));
      return collectRecords(tables, parts, wanted, now);
    },

    async setRegarding(activityId: string, record: RecordRef): Promise<void> {
      // If-Match: * keeps PATCH from creating an email when the copy no longer exists (PATCH is an upsert).
      await client.write("PATCH", `emails(${guid(activityId)})`, regardingBody(record, guid(record.id)), { "If-Match": "*" });
    },
  };
}
