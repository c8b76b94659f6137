import type { ValidationMetadata } from "../../../src/core/ports";
import { joinAddresses, readVerdict, validationPath } from "../../../src/dataverse/services/email-validation";

const message: ValidationMetadata = {
  internetMessageId: "<m1@mail.example>",
  subject: "Quote for O'Brien #7 & co",
  from: " sender@elsewhere.example ",
  to: ["alex@contoso.example", "morgan@contoso.example"],
  cc: ["nancy@adventure-works.example"],
  bcc: [],
  direction: "incoming",
};

function params(path: string): Record<string, string> {
  return Object.fromEntries(new URL(`https://x.example/${path}`).searchParams);
}

describe("validationPath", () => {
  test("incoming: CheckIncomingEmail with exactly the six aliases", () => {
    const path = validationPath(message);
    expect(path.split("?")[0]).toBe("CheckIncomingEmail(MessageId=@m,Subject=@s,From=@f,To=@t,Cc=@c,Bcc=@b)");
    expect(params(path)).toEqual({
      "@m": "'<m1@mail.example>'",
      "@s": "'Quote for O''Brien #7 & co'",
      "@f": "'sender@elsewhere.example'",
      "@t": "'alex@contoso.example;morgan@contoso.example'",
      "@c": "'nancy@adventure-works.example'",
      "@b": "''",
    });
  });

  test("outgoing: CheckPromoteEmail with message id, subject and direction only (no addresses)", () => {
    const path = validationPath({ ...message, direction: "outgoing" });
    expect(path.split("?")[0]).toBe("CheckPromoteEmail(MessageId=@m,Subject=@s,DirectionCode=@d)");
    expect(params(path)).toEqual({ "@m": "'<m1@mail.example>'", "@s": "'Quote for O''Brien #7 & co'", "@d": "1" });
    expect(path).not.toContain("alex");
  });

  test("nothing but the metadata: extra fields of a richer object are not sent", () => {
    const richer = { ...message, body: "<p>secret body</p>", attachments: ["contract.pdf"], date: "2025-01-01T00:00:00Z", itemId: "AAMk" };
    const path = validationPath(richer);
    expect(path).toBe(validationPath(message));
    expect(path).not.toMatch(/secret|contract|2025|AAMk/);
  });

  test("a message without a message id is refused before sending", () => {
    expect(() => validationPath({ ...message, internetMessageId: "  " })).toThrow(expect.objectContaining({ kind: "invalidInput", messageKey: "tracking.missingField" }));
  });
});

describe("readVerdict and joinAddresses", () => {
  test("reads ShouldDeliver / ShouldPromote with the reason code", () => {
    expect(readVerdict("incoming", { ShouldDeliver: false, ReasonCode: 3 })).toEqual({ accepted: false, reasonCode: 3 });
    expect(readVerdict("outgoing", { ShouldPromote: true, ReasonCode: -1 })).toEqual({ accepted: true, reasonCode: -1 });
  });
  test.each([null, {}, { ShouldDeliver: "yes", ReasonCode: 1 }, { ShouldPromote: true, ReasonCode: -1 }])("unreadable: %j", (answer) => {
    expect(() => readVerdict("incoming", answer)).toThrow(expect.objectContaining({ kind: "unknown" }));
  });
  test("joins with ; and drops blanks", () => {
    expect(joinAddresses([" a@x ", "", "b@y"])).toBe("a@x;b@y");
  });
});
