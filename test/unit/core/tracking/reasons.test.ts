import { isAppError } from "../../../../src/core/errors";
import { describeVerdict, reasonName, REASON_CODES, rejectionError } from "../../../../src/core/tracking/reasons";

describe("reason codes in words", () => {
  test.each([
    [-1, "Unknown", "tracking.reason.unknown"],
    [0, "Duplicate", "tracking.reason.duplicate"],
    [1, "NoCorrelationMatch", "tracking.reason.noCorrelationMatch"],
    [2, "CorrelationMatch", "tracking.reason.correlationMatch"],
    [3, "NoRecipientMatch", "tracking.reason.noRecipientMatch"],
    [4, "InternalEmailReject", "tracking.reason.internalEmailReject"],
    [5, "SenderMatch", "tracking.reason.senderMatch"],
    [6, "AcceptAll", "tracking.reason.acceptAll"],
    [7, "InvalidSender", "tracking.reason.invalidSender"],
  ])("code %i is %s with key %s", (code, name, key) => {
    expect(reasonName(code)).toBe(name);
    expect(REASON_CODES[name as keyof typeof REASON_CODES]).toBe(code);
    const refused = describeVerdict({ accepted: false, reasonCode: code }, "Contoso Sales");
    expect(refused).toMatchObject({ code, name, messageKey: key });
    expect(refused.message).toContain("Contoso Sales");
    expect(refused.message).toMatch(/\.$/);
  });

  test("every code has its own refusal sentence", () => {
    const sentences = Object.values(REASON_CODES).map((code) => describeVerdict({ accepted: false, reasonCode: code }, "Org").message);
    expect(new Set(sentences).size).toBe(sentences.length);
  });

  test("the sentences of the brief", () => {
    expect(describeVerdict({ accepted: false, reasonCode: 3 }, "Contoso Sales").message).toBe("None of the recipients is a user of Contoso Sales.");
    expect(describeVerdict({ accepted: false, reasonCode: 7 }, "Contoso Sales").message).toBe(
      "Your tracking settings in Contoso Sales only accept mail from its contacts, accounts and leads.",
    );
    expect(describeVerdict({ accepted: false, reasonCode: 0 }, "Fabrikam").message).toBe("This message is already tracked in Fabrikam.");
  });

  test("an accepted verdict says why it was accepted", () => {
    expect(describeVerdict({ accepted: true, reasonCode: 6 }, "Contoso Sales").message).toBe("Your tracking settings in Contoso Sales accept all email messages.");
    expect(describeVerdict({ accepted: true, reasonCode: 5 }, "X").message).toMatch(/sender is one of its records/);
    expect(describeVerdict({ accepted: true, reasonCode: 2 }, "X").message).toMatch(/conversation that is already tracked/);
    expect(describeVerdict({ accepted: true, reasonCode: -1 }, "X").message).toBe("X accepts this message.");
  });

  test("an undocumented code is Unknown", () => {
    expect(reasonName(42)).toBe("Unknown");
    expect(describeVerdict({ accepted: false, reasonCode: 42 }, "X")).toMatchObject({ code: 42, name: "Unknown", messageKey: "tracking.reason.unknown" });
  });

  test("a refusal becomes AppError rejectedByOrg with the reason's key and the org's name", () => {
    const error = rejectionError({ accepted: false, reasonCode: 3 }, "Contoso Sales");
    expect(isAppError(error, "rejectedByOrg")).toBe(true);
    expect(error.messageKey).toBe("tracking.reason.noRecipientMatch");
    expect(error.message).toBe("None of the recipients is a user of Contoso Sales.");
    expect(error.values).toEqual({ org: "Contoso Sales", reasonCode: 3 });
  });
});
