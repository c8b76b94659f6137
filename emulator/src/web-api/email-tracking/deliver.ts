import type { EmulatorResponse } from "../../http/types";
import type { WebApiCall } from "../call";
import { operationResponse, registerOperations, type OperationDefinition, type OperationInput } from "../operations";
import { noteStoredForCorrelation } from "./correlation";
import { storeOnce } from "./duplicates";
import { planEmail, type MessageToStore, type RegardingTarget } from "./email-record";
import { requireMessagePrivileges } from "./message-privileges";
import { validateParameters } from "./parameters";
import { regardingTarget } from "./regarding";
import { trackingSettings } from "./settings";
import { MESSAGE_ID_SPEC, SUBJECT_SPEC, inReplyToOf, priorityOf } from "./tracking-parameters";

// Parameters as in spec §3.6–3.8: what the reference pages mark non-nullable is required (blank strings are fine).
const DELIVER_INCOMING_PARAMETERS = {
  MessageId: MESSAGE_ID_SPEC,
  Subject: SUBJECT_SPEC,
  From: { type: "string", required: true },
  To: { type: "string", required: true },
  Cc: { type: "string", required: true },
  Bcc: { type: "string", required: true },
  ReceivedOn: { type: "datetime", required: true },
  SubmittedBy: { type: "string", required: true },
  Importance: { type: "string", required: true },
  Body: { type: "string", required: true },
  Attachments: { type: "entityCollection", required: true },
  ExtraProperties: { type: "entity" },
  ValidateBeforeCreate: { type: "bool" },
} as const;

const DELIVER_PROMOTE_PARAMETERS = {
  ...DELIVER_INCOMING_PARAMETERS,
  EmailId: { type: "guid" },
  ItemObjectTypeCode: { type: "int" },
  ItemId: { type: "guid" },
} as const;

const DELIVER_IMMEDIATE_PARAMETERS = {
  MessageId: MESSAGE_ID_SPEC,
  Subject: SUBJECT_SPEC,
  From: { type: "string" },
  To: { type: "string" },
  Cc: { type: "string" },
  Bcc: { type: "string" },
  ReceivedOn: { type: "datetime" },
  SubmittedBy: { type: "string" },
  Importance: { type: "string" },
  Body: { type: "string" },
  AttachmentIds: { type: "stringCollection" },
  EWSUrl: { type: "string" },
  AttachmentToken: { type: "string" },
  ExtraProperties: { type: "entity" },
  EmailId: { type: "guid" },
  ItemObjectTypeCode: { type: "int" },
  ItemId: { type: "guid" },
} as const;

interface MessageFields {
  MessageId?: string | undefined;
  Subject?: string | undefined;
  From?: string | undefined;
  To?: string | undefined;
  Cc?: string | undefined;
  Bcc?: string | undefined;
  ReceivedOn?: string | undefined;
  SubmittedBy?: string | undefined;
  Importance?: string | undefined;
  Body?: string | undefined;
  ExtraProperties?: Record<string, unknown> | undefined;
}

/** How one of the three actions stores its message. */
interface Delivery {
  operation: string;
  kind: MessageToStore["kind"];
  attachmentCount: number;
  /** Reads and access-checks the regarding record the caller asked for, if any. */
  regarding?: () => RegardingTarget | undefined;
}

/**
 * Creates the email activity (or finds the one with this MessageId) and answers `{EmailId}`.
 * Checks, in order: Importance (400), privileges (403), the regarding record (400/403/404).
 */
function deliver(call: WebApiCall, fields: MessageFields, delivery: Delivery): EmulatorResponse {
  const priority = priorityOf(fields.Importance);
  requireMessagePrivileges(call, delivery.operation);
  const target = delivery.regarding?.();
  const inReplyTo = inReplyToOf(fields.ExtraProperties);
  const message: MessageToStore = {
    messageId: (fields.MessageId ?? "").trim(),
    subject: fields.Subject ?? "",
    body: fields.Body ?? "",
    from: fields.From ?? "",
    to: fields.To ?? "",
    cc: fields.Cc ?? "",
    bcc: fields.Bcc ?? "",
    ...(fields.ReceivedOn !== undefined ? { receivedOn: fields.ReceivedOn } : {}),
    submittedBy: fields.SubmittedBy ?? "",
    priority,
    attachmentCount: delivery.attachmentCount,
    kind: delivery.kind,
    ...(inReplyTo !== undefined ? { inReplyTo } : {}),
  };
  const { store } = call.ctx;
  const { org } = call;
  const scope = { store, org, security: call.security };
  const now = new Date(call.ctx.now()).toISOString().replace(/\.\d{3}Z$/, "Z");
  const settings = trackingSettings(store, org);
  const { emailId } = storeOnce(
    store,
    org.urlName,
    message.messageId,
    () => planEmail(scope, call.member, message, { now, settings, ...(target ? { regarding: target } : {}) }),
    (email, plan) => noteStoredForCorrelation(store, org.urlName, settings, email, plan),
  );
  return operationResponse(call, delivery.operation, { EmailId: emailId });
}

/** DeliverIncomingEmail: stores a received message as an incoming, received email. */
function handleDeliverIncomingEmail(call: WebApiCall, input: OperationInput): EmulatorResponse {
  const p = validateParameters("DeliverIncomingEmail", DELIVER_INCOMING_PARAMETERS, input.parameters);
  return deliver(call, p, { operation: "DeliverIncomingEmail", kind: "incoming", attachmentCount: p.Attachments?.length ?? 0 });
}

/** DeliverPromoteEmail: stores a message the user tracks; sent (outgoing) when it is from the caller. The bound id / EmailId is accepted and not used. */
function handleDeliverPromoteEmail(call: WebApiCall, input: OperationInput): EmulatorResponse {
  const p = validateParameters("DeliverPromoteEmail", DELIVER_PROMOTE_PARAMETERS, input.parameters);
  return deliver(call, p, {
    operation: "DeliverPromoteEmail",
    kind: "promote",
    attachmentCount: p.Attachments?.length ?? 0,
    regarding: () => regardingTarget(call, p.ItemObjectTypeCode, p.ItemId),
  });
}

/** DeliverImmediatePromoteEmail: as DeliverPromoteEmail; attachments are counted from AttachmentIds, never fetched from EWS. */
function handleDeliverImmediatePromoteEmail(call: WebApiCall, input: OperationInput): EmulatorResponse {
  const p = validateParameters("DeliverImmediatePromoteEmail", DELIVER_IMMEDIATE_PARAMETERS, input.parameters);
  return deliver(call, p, {
    operation: "DeliverImmediatePromoteEmail",
    kind: "promote",
    attachmentCount: p.AttachmentIds?.length ?? 0,
    regarding: () => regardingTarget(call, p.ItemObjectTypeCode, p.ItemId),
  });
}

/** The three ways a promote action may be addressed: `emails(<id>)/…`, `emails/…` and unbound (spec §3.7 [DESIGN], lenient). */
function everyBinding(name: string, handler: OperationDefinition["handler"]): OperationDefinition[] {
  return [
    { name, kind: "action", binding: "entity", entitySet: "emails", handler },
    { name, kind: "action", binding: "collection", entitySet: "emails", handler },
    { name, kind: "action", binding: "unbound", handler },
  ];
}

registerOperations(
  { name: "DeliverIncomingEmail", kind: "action", binding: "collection", entitySet: "emails", handler: handleDeliverIncomingEmail },
  ...everyBinding("DeliverPromoteEmail", handleDeliverPromoteEmail),
  ...everyBinding("DeliverImmediatePromoteEmail", handleDeliverImmediatePromoteEmail),
);
