import { AppError } from "../../core/errors";
import type { ValidationMetadata, ValidationVerdict } from "../../core/ports";
import { functionCall } from "../odata-query";

/**
 * Validation before anything is stored: `CheckIncomingEmail` for received mail (message id,
 * subject, sender, recipients) and `CheckPromoteEmail` for sent mail (message id, subject,
 * direction). These paths carry nothing else: no body, no attachments, no dates.
 */

function required(value: string, what: string): string {
  if (!value.trim()) throw new AppError("invalidInput", `The message has no ${what}.`, { messageKey: "tracking.missingField", values: { field: what } });
  return value;
}

/** Joins addresses with `;` as the Check/Deliver messages expect. */
export function joinAddresses(addresses: readonly string[]): string {
  return addresses.map((a) => a.trim()).filter(Boolean).join(";");
}

/** Returns the Web API path (relative to the root) of the validation function for a message; throws AppError `invalidInput` without a message id. */
export function validationPath(message: ValidationMetadata): string {
  const messageId = required(message.internetMessageId, "message id");
  if (message.direction === "outgoing") {
    return functionCall("CheckPromoteEmail", [
      { name: "MessageId", alias: "m", value: messageId },
      { name: "Subject", alias: "s", value: message.subject },
      { name: "DirectionCode", alias: "d", value: 1 },
    ]);
  }
  return functionCall("CheckIncomingEmail", [
    { name: "MessageId", alias: "m", value: messageId },
    { name: "Subject", alias: "s", value: message.subject },
    { name: "From", alias: "f", value: message.from.trim() },
    { name: "To", alias: "t", value: joinAddresses(message.to) },
    { name: "Cc", alias: "c", value: joinAddresses(message.cc) },
    { name: "Bcc", alias: "b", value: joinAddresses(message.bcc) },
  ]);
}

interface CheckAnswer {
  ShouldDeliver?: unknown;
  ShouldPromote?: unknown;
  ReasonCode?: unknown;
}

/** Returns the verdict of a CheckIncomingEmail/CheckPromoteEmail answer; throws AppError `unknown` when it lacks the fields. */
export function readVerdict(direction: ValidationMetadata["direction"], answer: unknown): ValidationVerdict {
  const body = (typeof answer === "object" && answer !== null ? answer : {}) as CheckAnswer;
  const accepted = direction === "outgoing" ? body.ShouldPromote : body.ShouldDeliver;
  if (typeof accepted !== "boolean" || typeof body.ReasonCode !== "number") {
    throw new AppError("unknown", "The organization's validation answer could not be read.", { messageKey: "dataverse.unreadableAnswer" });
  }
  return { accepted, reasonCode: body.ReasonCode };
}
