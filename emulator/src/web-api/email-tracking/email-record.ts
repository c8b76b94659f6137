import { randomUUID } from "node:crypto";
import { setLookup } from "../../model/record-values";
import { TABLES } from "../../model/tables";
import type { Member } from "../../seed/directory";
import { resolveRecipient, resolveSender, type PartyRecord, type ResolutionScope } from "./address-resolution";
import { parseAddressList, parseSingleAddress } from "./addresses";
import { correlate, findTrackingToken } from "./correlation";
import { CorrelationMethod, ParticipationType, type ParticipationTypeValue } from "./reason-codes";
import type { TrackingSettings } from "./settings";

/** The longest body kept (`email.description` is a 1 MB memo); a longer body is cut to this length. */
export const MAX_BODY_LENGTH = 1_048_576;

/** A message to store as an email activity, as the Deliver* actions receive it (strings as sent). */
export interface MessageToStore {
  messageId: string;
  subject: string;
  body: string;
  from: string;
  to: string;
  cc: string;
  bcc: string;
  /** UTC `…Z`; the creation time when the client gave none. */
  receivedOn?: string;
  submittedBy: string;
  priority: number;
  attachmentCount: number;
  /** Incoming mail is always received; promoted mail is sent when it is from the caller. */
  kind: "incoming" | "promote";
  inReplyTo?: string;
}

/** A record an email is set regarding. */
export interface RegardingTarget {
  table: string;
  id: string;
}

/** When the email is stored, under which org settings, and the regarding record the caller asked for (already access-checked). */
export interface PlanOptions {
  /** UTC `…Z`: createdon/modifiedon. */
  now: string;
  settings: TrackingSettings;
  regarding?: RegardingTarget;
}

/** The rows one delivery writes: the email and its activity parties. */
export interface EmailPlan {
  id: string;
  data: Record<string, unknown>;
  parties: { id: string; data: Record<string, unknown> }[];
}

/**
 * Builds the email row and its party rows for `message`, owned by `caller` (spec §3.6–3.7): addresses
 * resolved as in §3.10, correlation as in §3.9 (a correlated email inherits the regarding record
 * when the caller may append to it), the requested regarding record winning over it.
 * Reads the store but writes nothing; never throws for odd addresses.
 */
export function planEmail(scope: ResolutionScope, caller: Member, message: MessageToStore, options: PlanOptions): EmailPlan {
  const { store, org } = scope;
  const { now, settings, regarding } = options;
  const id = randomUUID();
  const from = parseSingleAddress(message.from);
  const to = parseAddressList(message.to);
  const cc = parseAddressList(message.cc);
  const bcc = parseAddressList(message.bcc);
  const outgoing = message.kind === "promote" && from !== "" && from.toLowerCase() === caller.email.toLowerCase();
  const correlation = correlate(store, org.urlName, settings, {
    subject: message.subject,
    addresses: [from, ...to, ...cc, ...bcc],
    ...(message.inReplyTo !== undefined ? { inReplyTo: message.inReplyTo } : {}),
  });
  const token = findTrackingToken(message.subject, settings.trackingPrefix);
  const sentOn = message.receivedOn ?? now;
  const data: Record<string, unknown> = {
    activityid: id,
    activitytypecode: "email",
    subject: message.subject,
    description: message.body.slice(0, MAX_BODY_LENGTH),
    messageid: message.messageId,
    sender: from.slice(0, 250),
    torecipients: to.join(";").slice(0, 500),
    submittedby: message.submittedBy.slice(0, 250),
    directioncode: outgoing,
    statecode: 1,
    statuscode: outgoing ? 3 : 4,
    prioritycode: message.priority,
    senton: sentOn,
    actualend: sentOn,
    attachmentcount: message.attachmentCount,
    correlationmethod: correlation?.method ?? CorrelationMethod.None,
    createdon: now,
    modifiedon: now,
  };
  if (token !== undefined && token.length <= 50) data.trackingtoken = token;
  if (message.inReplyTo !== undefined) data.inreplyto = message.inReplyTo.slice(0, 320);
  setLookup(data, "ownerid", "systemuser", caller.systemUserId);
  setLookup(data, "owninguser", "systemuser", caller.systemUserId);
  setLookup(data, "owningbusinessunit", "businessunit", caller.businessUnitId);
  setLookup(data, "createdby", "systemuser", caller.systemUserId);
  setLookup(data, "modifiedby", "systemuser", caller.systemUserId);
  const inherited = correlation?.regarding && mayAppendTo(scope, caller, correlation.regarding) ? correlation.regarding : undefined;
  const target = regarding ?? inherited;
  setLookup(data, "regardingobjectid", target?.table ?? null, target?.id ?? null);

  const { sender, parties } = partyRows(scope, caller, id, { from, to, cc, bcc }, settings.unresolveIfMultipleMatch);
  setLookup(data, "emailsender", sender?.table ?? null, sender?.id ?? null);
  return { id, data, parties };
}

/** One activityparty row per address (per match for To/Cc/Bcc), and the record the sender resolved to. */
function partyRows(
  scope: ResolutionScope,
  caller: Member,
  emailId: string,
  addresses: { from: string; to: string[]; cc: string[]; bcc: string[] },
  unresolveIfMultipleMatch: boolean,
): { sender: PartyRecord | undefined; parties: EmailPlan["parties"] } {
  const parties: EmailPlan["parties"] = [];
  const addParty = (mask: ParticipationTypeValue, address: string, record: PartyRecord | undefined): void => {
    const partyId = randomUUID();
    const party: Record<string, unknown> = { activitypartyid: partyId, participationtypemask: mask, addressused: address, ispartydeleted: false };
    setLookup(party, "activityid", "email", emailId);
    setLookup(party, "partyid", record?.table ?? null, record?.id ?? null);
    parties.push({ id: partyId, data: party });
  };
  const sender = addresses.from === "" ? undefined : resolveSender(scope, addresses.from, caller);
  if (addresses.from !== "") addParty(ParticipationType.Sender, addresses.from, sender);
  const recipients: [ParticipationTypeValue, string[]][] = [
    [ParticipationType.ToRecipient, addresses.to],
    [ParticipationType.CcRecipient, addresses.cc],
    [ParticipationType.BccRecipient, addresses.bcc],
  ];
  for (const [mask, list] of recipients) {
    for (const address of list) {
      const records = resolveRecipient(scope, address, caller, unresolveIfMultipleMatch);
      if (records.length === 0) addParty(mask, address, undefined);
      for (const record of records) addParty(mask, address, record);
    }
  }
  return { sender, parties };
}

function mayAppendTo(scope: ResolutionScope, caller: Member, target: RegardingTarget): boolean {
  const def = TABLES.get(target.table);
  const row = def && scope.store.get(scope.org.urlName, target.table, target.id);
  return def !== undefined && row !== undefined && scope.security.canAccess(caller, "Read", def, row.data) && scope.security.canAccess(caller, "AppendTo", def, row.data);
}
