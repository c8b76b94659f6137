import type { ReasonName, TrackResult } from "../../core/tracking";
import type { MessageKey } from "../../i18n";

/** The sentence of an accepted verdict, by reason (the refusals are the `tracking.reason.*` message keys of src/core/tracking/reasons.ts). */
const ACCEPTED: Record<ReasonName, MessageKey> = {
  Unknown: "tracking.accepted.unknown",
  Duplicate: "tracking.accepted.duplicate",
  NoCorrelationMatch: "tracking.accepted.noCorrelationMatch",
  CorrelationMatch: "tracking.accepted.correlationMatch",
  NoRecipientMatch: "tracking.accepted.noRecipientMatch",
  InternalEmailReject: "tracking.accepted.internalEmailReject",
  SenderMatch: "tracking.accepted.senderMatch",
  AcceptAll: "tracking.accepted.acceptAll",
  InvalidSender: "tracking.accepted.invalidSender",
};

/** Returns the key and values of the sentence that says how a track ended (the org's verdict in words); never throws. */
export function verdictOf(result: TrackResult): { key: MessageKey; values: { org: string } } {
  const values = { org: result.org.friendlyName };
  if (result.how === "alreadyMarked") return { key: "message.track.alreadyMarked", values };
  if (result.how === "linkedExisting") return { key: "message.track.linkedExisting", values };
  return { key: ACCEPTED[result.reason?.name ?? "Unknown"], values };
}
