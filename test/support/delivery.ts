import { randomUUID } from "node:crypto";

/** The DeliverIncomingEmail action of the email collection, relative to the Web API root. */
export const DELIVER_INCOMING = "emails/Microsoft.Dynamics.CRM.DeliverIncomingEmail";

/** Returns a DeliverIncomingEmail body for a fresh message (unique MessageId unless one is given). */
export function incomingEmail(to: string, messageId = `<${randomUUID()}@bench.example>`, subject = "Benchmark message"): Record<string, unknown> {
  return {
    MessageId: messageId,
    Subject: subject,
    From: "sender@elsewhere.example",
    To: to,
    Cc: "",
    Bcc: "",
    ReceivedOn: new Date().toISOString(),
    SubmittedBy: "",
    Importance: "normal",
    Body: "<p>Hello from the benchmark.</p>",
    Attachments: [],
  };
}
