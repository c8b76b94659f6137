import type { DeliveryRequest, MailAddress, MailMetadata, ValidationMetadata } from "../ports";

/**
 * What leaves the device, and when (product brief, issue #3 item 7): before the org accepts a
 * message only its message id, sender, recipients, subject and direction are sent; the body
 * follows only once the org said yes.
 */

/** The names of the only fields a validation request may carry, in a fixed order. */
export const VALIDATION_FIELDS = ["internetMessageId", "subject", "from", "to", "cc", "bcc", "direction"] as const satisfies readonly (keyof ValidationMetadata)[];

const addressesOf = (list: readonly MailAddress[]): string[] => list.map((a) => a.emailAddress.trim()).filter((a) => a.length > 0);

/** Returns the validation metadata of a message: message id, sender, recipients, subject and direction, nothing else; never throws. */
export function validationMetadataOf(mail: MailMetadata): ValidationMetadata {
  return {
    internetMessageId: mail.internetMessageId,
    subject: mail.subject,
    from: mail.from.emailAddress.trim(),
    to: addressesOf(mail.to),
    cc: addressesOf(mail.cc),
    bcc: addressesOf(mail.bcc),
    direction: mail.direction,
  };
}

/** Returns what storing an accepted message sends: the validation metadata, its date and the body; never throws. */
export function deliveryRequestOf(mail: MailMetadata, body: string): DeliveryRequest {
  return { ...validationMetadataOf(mail), date: mail.date, body };
}

/** Returns the sentence the UI shows about a validation request ("Sent to <org> for validation: sender, recipients, subject …"); never throws. */
export function describeValidationPayload(meta: ValidationMetadata, orgName: string): string {
  const parts = ["sender"];
  if (meta.to.length + meta.cc.length + meta.bcc.length > 0) parts.push("recipients");
  parts.push("subject");
  return `Sent to ${orgName} for validation: ${parts.join(", ")} and the message ID; nothing else until ${orgName} accepts the message.`;
}
