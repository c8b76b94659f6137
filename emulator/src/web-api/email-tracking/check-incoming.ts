import type { Member } from "../../seed/directory";
import type { WebApiCall } from "../call";
import { operationResponse, registerOperations, type OperationInput } from "../operations";
import type { EmulatorResponse } from "../../http/types";
import { enabledUsersWithAddress, resolveSender, type ResolutionScope } from "./address-resolution";
import { looksLikeAddress, parseAddressList, parseSingleAddress } from "./addresses";
import { correlate } from "./correlation";
import { filterVerdict, type Verdict } from "./filtering";
import { requireMessagePrivileges } from "./message-privileges";
import { validateParameters } from "./parameters";
import { ReasonCode } from "./reason-codes";
import { filteringMethodOf, trackingSettings } from "./settings";
import { MESSAGE_ID_SPEC, SUBJECT_SPEC, inReplyToOf } from "./tracking-parameters";

const CHECK_INCOMING_PARAMETERS = {
  MessageId: MESSAGE_ID_SPEC,
  Subject: SUBJECT_SPEC,
  From: { type: "string", required: true },
  To: { type: "string", required: true },
  Cc: { type: "string", required: true },
  Bcc: { type: "string", required: true },
  ExtraProperties: { type: "entity" },
} as const;

/** The message as CheckIncomingEmail sees it: only ids, addresses and the subject. */
export interface IncomingCheck {
  messageId: string;
  subject: string;
  from: string;
  recipients: string[];
  inReplyTo?: string;
}

/**
 * Decides whether an incoming message should be tracked (spec §3.13): duplicate → (false, 0); no
 * recipient is an enabled user of the org → (false, 3); blank or malformed sender → (false, 7);
 * internal sender while the org ignores internal mail → (false, 4); correlated → (true, 2); else the
 * recipients' filters, delivering when any recipient user's filter accepts (else the first user's answer).
 * Never throws.
 */
export function checkIncoming(scope: ResolutionScope, message: IncomingCheck): Verdict {
  const { store, org } = scope;
  if (store.findEmailByMessageId(org.urlName, message.messageId)) return { deliver: false, reason: ReasonCode.Duplicate };
  const users = new Map<string, Member>();
  for (const address of message.recipients) {
    for (const user of enabledUsersWithAddress(scope, address)) users.set(user.systemUserId, user);
  }
  if (users.size === 0) return { deliver: false, reason: ReasonCode.NoRecipientMatch };
  if (!looksLikeAddress(message.from)) return { deliver: false, reason: ReasonCode.InvalidSender };
  const settings = trackingSettings(store, org);
  if (settings.ignoreInternalEmail && enabledUsersWithAddress(scope, message.from).length > 0) {
    return { deliver: false, reason: ReasonCode.InternalEmailReject };
  }
  const correlation = correlate(store, org.urlName, settings, {
    subject: message.subject,
    addresses: [message.from, ...message.recipients],
    ...(message.inReplyTo !== undefined ? { inReplyTo: message.inReplyTo } : {}),
  });
  if (correlation) return { deliver: true, reason: ReasonCode.CorrelationMatch };
  let first: Verdict | undefined;
  for (const user of users.values()) {
    const verdict = filterVerdict(filteringMethodOf(store, org, user), resolveSender(scope, message.from, user));
    if (verdict.deliver) return verdict;
    first ??= verdict;
  }
  return first ?? { deliver: false, reason: ReasonCode.Unknown };
}

function handleCheckIncomingEmail(call: WebApiCall, input: OperationInput): EmulatorResponse {
  const p = validateParameters("CheckIncomingEmail", CHECK_INCOMING_PARAMETERS, input.parameters);
  requireMessagePrivileges(call, "CheckIncomingEmail");
  const inReplyTo = inReplyToOf(p.ExtraProperties);
  const verdict = checkIncoming(
    { store: call.ctx.store, org: call.org, security: call.security },
    {
      messageId: (p.MessageId ?? "").trim(),
      subject: p.Subject ?? "",
      from: parseSingleAddress(p.From ?? ""),
      recipients: [...parseAddressList(p.To ?? ""), ...parseAddressList(p.Cc ?? ""), ...parseAddressList(p.Bcc ?? "")],
      ...(inReplyTo !== undefined ? { inReplyTo } : {}),
    },
  );
  return operationResponse(call, "CheckIncomingEmail", { ShouldDeliver: verdict.deliver, ReasonCode: verdict.reason });
}

registerOperations({ name: "CheckIncomingEmail", kind: "function", binding: "unbound", handler: handleCheckIncomingEmail });
