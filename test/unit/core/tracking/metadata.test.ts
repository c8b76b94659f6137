import { deliveryRequestOf, describeValidationPayload, validationMetadataOf, VALIDATION_FIELDS } from "../../../../src/core/tracking/metadata";
import { mailMetadata } from "../../../support/fake-mailbox";

const mail = mailMetadata("item-1", {
  subject: "Quote for 50 bikes",
  from: { emailAddress: " nancy@adventure-works.example ", displayName: "Nancy Anderson" },
  to: [{ emailAddress: "alex.wu@contoso.example", displayName: "Alex Wu" }, { emailAddress: "" }],
  cc: [{ emailAddress: "morgan.lee@contoso.example" }],
  bcc: [{ emailAddress: "casey.kim@contoso.example" }],
  direction: "incoming",
  date: "2025-03-04T10:11:12Z",
});

describe("what leaves the device for validation (privacy)", () => {
  test("the validation payload has exactly the allowed keys", () => {
    const meta = validationMetadataOf(mail);
    expect(Object.keys(meta).sort()).toEqual([...VALIDATION_FIELDS].sort());
    expect(Object.keys(meta).sort()).toEqual(["bcc", "cc", "direction", "from", "internetMessageId", "subject", "to"]);
  });

  test("it carries addresses only: no display names, no item id, no date, no body", () => {
    const meta = validationMetadataOf(mail);
    expect(meta).toEqual({
      internetMessageId: "<item-1@mail.example>",
      subject: "Quote for 50 bikes",
      from: "nancy@adventure-works.example",
      to: ["alex.wu@contoso.example"],
      cc: ["morgan.lee@contoso.example"],
      bcc: ["casey.kim@contoso.example"],
      direction: "incoming",
    });
    const text = JSON.stringify(meta);
    for (const absent of ["Nancy Anderson", "Alex Wu", "item-1\"", "2025-03-04", "Body"]) expect(text).not.toContain(absent);
  });

  test("extra fields on the metadata object are not copied", () => {
    const widened = { ...mail, body: "<p>secret</p>", attachments: ["a.pdf"] } as typeof mail;
    expect(JSON.stringify(validationMetadataOf(widened))).not.toMatch(/secret|a\.pdf/);
  });

  test("the delivery request adds the date and the body, and nothing else", () => {
    const request = deliveryRequestOf(mail, "<p>Hello</p>");
    expect(Object.keys(request).sort()).toEqual([...VALIDATION_FIELDS, "body", "date"].sort());
    expect(request.body).toBe("<p>Hello</p>");
    expect(request.date).toBe("2025-03-04T10:11:12Z");
  });

  test("the UI sentence names what is sent", () => {
    const sentence = describeValidationPayload(validationMetadataOf(mail), "Contoso Sales");
    expect(sentence).toMatch(/^Sent to Contoso Sales for validation: sender, recipients, subject and the message ID/);
    const noRecipients = describeValidationPayload({ ...validationMetadataOf(mail), to: [], cc: [], bcc: [] }, "Contoso Sales");
    expect(noRecipients).toMatch(/sender, subject and the message ID/);
  });
});
