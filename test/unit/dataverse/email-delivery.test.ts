import type { DeliveryRequest } from "../../../src/core/ports";
import { deliveryAction, EMPTY_EMAIL_ID, readEmailId } from "../../../src/dataverse/services/email-delivery";

const message: DeliveryRequest = {
  internetMessageId: "<m1@mail.example>",
  subject: "Hi",
  from: "sender@elsewhere.example",
  to: ["alex@contoso.example"],
  cc: ["a@x.example", "b@x.example"],
  bcc: [],
  direction: "incoming",
  body: "<p>Body</p>",
  date: "2025-03-04T11:11:12+01:00",
};

describe("deliveryAction", () => {
  test("incoming → DeliverIncomingEmail bound to the collection, every required parameter", () => {
    expect(deliveryAction(message)).toEqual({
      path: "emails/Microsoft.Dynamics.CRM.DeliverIncomingEmail",
      body: {
        MessageId: "<m1@mail.example>",
        Subject: "Hi",
        From: "sender@elsewhere.example",
        To: "alex@contoso.example",
        Cc: "a@x.example;b@x.example",
        Bcc: "",
        ReceivedOn: "2025-03-04T10:11:12.000Z",
        SubmittedBy: "sender@elsewhere.example",
        Importance: "normal",
        Body: "<p>Body</p>",
        Attachments: [],
      },
    });
  });

  test("outgoing → DeliverPromoteEmail with the empty EmailId", () => {
    const action = deliveryAction({ ...message, direction: "outgoing" });
    expect(action.path).toBe("emails/Microsoft.Dynamics.CRM.DeliverPromoteEmail");
    expect(action.body).toMatchObject({ EmailId: EMPTY_EMAIL_ID, MessageId: "<m1@mail.example>", Body: "<p>Body</p>" });
  });

  test("refuses a missing message id or a bad date", () => {
    expect(() => deliveryAction({ ...message, internetMessageId: "" })).toThrow(expect.objectContaining({ kind: "invalidInput" }));
    expect(() => deliveryAction({ ...message, date: "yesterday" })).toThrow(expect.objectContaining({ kind: "invalidInput", messageKey: "tracking.badDate" }));
  });
});

describe("readEmailId", () => {
  test("returns the id in lower case", () => {
    expect(readEmailId({ EmailId: "6BCBF6BF-1F2A-4AB9-9901-2605B314D72D" })).toBe("6bcbf6bf-1f2a-4ab9-9901-2605b314d72d");
  });
  test.each([null, {}, { EmailId: 5 }, { EmailId: "x" }])("unreadable: %j", (answer) => {
    expect(() => readEmailId(answer)).toThrow(expect.objectContaining({ kind: "unknown" }));
  });
});
