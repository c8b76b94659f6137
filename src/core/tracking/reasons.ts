import { AppError } from "../errors";
import type { ValidationVerdict } from "../ports";

/**
 * The reason codes of CheckIncomingEmail / CheckPromoteEmail (the SDK's EmailReasonCode values,
 * spec §3.4–3.5) in words. Each code has a message key for the string resources and a
 * plain-English sentence saying why the org refused or accepted a message.
 */
export const REASON_CODES = {
  Unknown: -1,
  Duplicate: 0,
  NoCorrelationMatch: 1,
  CorrelationMatch: 2,
  NoRecipientMatch: 3,
  InternalEmailReject: 4,
  SenderMatch: 5,
  AcceptAll: 6,
  InvalidSender: 7,
} as const;

export type ReasonName = keyof typeof REASON_CODES;

/** One reason code in words. */
export interface ReasonText {
  code: number;
  name: ReasonName;
  /** Key of the user-facing message, e.g. `tracking.reason.noRecipientMatch`. */
  messageKey: string;
  /** The sentence shown to the person, with the org's friendly name filled in. */
  message: string;
}

type Sentence = (org: string) => string;

const SENTENCES: Record<ReasonName, { refused: Sentence; accepted: Sentence }> = {
  Unknown: {
    refused: (org) => `${org} did not accept this message and gave no reason.`,
    accepted: (org) => `${org} accepts this message.`,
  },
  Duplicate: {
    refused: (org) => `This message is already tracked in ${org}.`,
    accepted: (org) => `This message is already tracked in ${org}.`,
  },
  NoCorrelationMatch: {
    refused: (org) => `Your tracking settings in ${org} only accept replies to mail that is already tracked, and this message is not one.`,
    accepted: (org) => `${org} accepts this message.`,
  },
  CorrelationMatch: {
    refused: (org) => `${org} did not accept this message, although it belongs to a tracked conversation.`,
    accepted: (org) => `${org} accepts this message because it belongs to a conversation that is already tracked.`,
  },
  NoRecipientMatch: {
    refused: (org) => `None of the recipients is a user of ${org}.`,
    accepted: (org) => `${org} accepts this message.`,
  },
  InternalEmailReject: {
    refused: (org) => `${org} does not track mail sent by its own users.`,
    accepted: (org) => `${org} accepts this message.`,
  },
  SenderMatch: {
    refused: (org) => `${org} did not accept this message, although its sender is one of its records.`,
    accepted: (org) => `${org} accepts this message because the sender is one of its records.`,
  },
  AcceptAll: {
    refused: (org) => `${org} did not accept this message.`,
    accepted: (org) => `Your tracking settings in ${org} accept all email messages.`,
  },
  InvalidSender: {
    refused: (org) => `Your tracking settings in ${org} only accept mail from its contacts, accounts and leads.`,
    accepted: (org) => `${org} accepts this message.`,
  },
};

const NAMES = new Map<number, ReasonName>(Object.entries(REASON_CODES).map(([name, code]) => [code, name as ReasonName]));

/** The name of a reason code; `Unknown` for a code Dataverse does not document. */
export function reasonName(code: number): ReasonName {
  return NAMES.get(code) ?? "Unknown";
}

/** Returns the reason of a verdict in words for an org (by friendly name); never throws. */
export function describeVerdict(verdict: ValidationVerdict, orgName: string): ReasonText {
  const name = reasonName(verdict.reasonCode);
  const sentence = SENTENCES[name];
  return {
    code: verdict.reasonCode,
    name,
    messageKey: `tracking.reason.${name.charAt(0).toLowerCase()}${name.slice(1)}`,
    message: verdict.accepted ? sentence.accepted(orgName) : sentence.refused(orgName),
  };
}

/** Returns the AppError `rejectedByOrg` for a refused verdict, with the reason's message key and sentence. */
export function rejectionError(verdict: ValidationVerdict, orgName: string): AppError {
  const reason = describeVerdict({ accepted: false, reasonCode: verdict.reasonCode }, orgName);
  return new AppError("rejectedByOrg", reason.message, {
    messageKey: reason.messageKey,
    values: { org: orgName, reasonCode: verdict.reasonCode },
  });
}
