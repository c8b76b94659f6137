import { AppError } from "../../core/errors";
import type { DeliveryRequest } from "../../core/ports";
import { guid } from "../odata-query";
import { joinAddresses } from "./email-validation";

/** The id DeliverPromoteEmail takes when it creates a fresh copy. */
export const EMPTY_EMAIL_ID = "00000000-0000-0000-0000-000000000000";

/** A Deliver* action: its path relative to the Web API root and its JSON parameters. */
export interface DeliveryAction {
  path: string;
  body: Record<string, unknown>;
}

/** Returns the DeliverIncomingEmail (received) or DeliverPromoteEmail (sent) action for a message; throws AppError `invalidInput` without a message id or with a bad date. */
export function deliveryAction(message: DeliveryRequest): DeliveryAction {
  if (!message.internetMessageId.trim()) throw new AppError("invalidInput", "The message has no message id.", { messageKey: "tracking.missingField", values: { field: "message id" } });
  const time = Date.parse(message.date);
  if (Number.isNaN(time)) throw new AppError("invalidInput", "The message date is not valid.", { messageKey: "tracking.badDate" });
  const body: Record<string, unknown> = {
    MessageId: message.internetMessageId,
    Subject: message.subject,
    From: message.from.trim(),
    To: joinAddresses(message.to),
    Cc: joinAddresses(message.cc),
    Bcc: joinAddresses(message.bcc),
    ReceivedOn: new Date(time).toISOString(),
    SubmittedBy: message.from.trim(),
    Importance: "normal",
    Body: message.body,
    Attachments: [],
  };
  if (message.direction === "outgoing") {
    return { path: "emails/Microsoft.Dynamics.CRM.DeliverPromoteEmail", body: { EmailId: EMPTY_EMAIL_ID, ...body } };
  }
  return { path: "emails/Microsoft.Dynamics.CRM.DeliverIncomingEmail", body };
}

/** Returns the EmailId of a Deliver* answer; throws AppError `unknown` when it has none. */
export function readEmailId(answer: unknown): string {
  const id = typeof answer === "object" && answer !== null ? (answer as { EmailId?: unknown }).EmailId : undefined;
  if (typeof id !== "string") throw new AppError("unknown", "The organization's answer has no email id.", { messageKey: "dataverse.unreadableAnswer" });
  try {
    return guid(id);
  } catch (cause) {
    throw new AppError("unknown", "The organization's answer has no email id.", { messageKey: "dataverse.unreadableAnswer", cause });
  }
}
