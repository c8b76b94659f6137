import { ODataError } from "../../../emulator/src/http/odata-error";
import { validateParameters, type ParameterSpecs } from "../../../emulator/src/web-api/email-tracking/parameters";
import { priorityOf } from "../../../emulator/src/web-api/email-tracking/tracking-parameters";

const SPECS = {
  MessageId: { type: "string", required: true, nonEmpty: true, maxLength: 10, column: "messageid" },
  Count: { type: "int" },
  Flag: { type: "bool" },
  Id: { type: "guid" },
  When: { type: "datetime" },
  Extra: { type: "entity" },
  Files: { type: "entityCollection" },
  Names: { type: "stringCollection" },
} as const satisfies ParameterSpecs;

function failure(given: Record<string, unknown>): { status: number; code: string; message: string } {
  try {
    validateParameters("Op", SPECS, given);
  } catch (error) {
    if (error instanceof ODataError) return { status: error.status, code: error.code, message: error.message };
    throw error;
  }
  throw new Error("expected a refusal");
}

test("returns every declared parameter, converted, and ignores OData annotations", () => {
  expect(
    validateParameters("Op", SPECS, {
      "@odata.type": "x",
      MessageId: "<a@b>",
      Count: 3,
      Flag: false,
      Id: "0B5E2A34-7C1D-4E8F-9A2B-3C4D5E6F7A8B",
      When: "2025-03-04T11:11:12.1234567+01:00",
      Files: [{}],
      Names: ["a"],
    }),
  ).toEqual({
    MessageId: "<a@b>",
    Count: 3,
    Flag: false,
    Id: "0b5e2a34-7c1d-4e8f-9a2b-3c4d5e6f7a8b",
    When: "2025-03-04T10:11:12Z",
    Extra: undefined,
    Files: [{}],
    Names: ["a"],
  });
});

test.each<[string, Record<string, unknown>, number, string, string]>([
  ["an unknown name", { MessageId: "m", Other: 1 }, 400, "0x0", "The parameter 'Other' in the request payload is not a valid parameter for the operation 'Op'."],
  ["a missing required value", {}, 400, "0x80040200", "the MessageId parameter is required"],
  ["a null required value", { MessageId: null }, 400, "0x80040200", "the MessageId parameter is required"],
  ["a blank required value", { MessageId: "  " }, 400, "0x80040200", "the MessageId parameter is required"],
  ["a string too long", { MessageId: "12345678901" }, 400, "0x80044331", "'messageid' attribute of the 'email' entity exceeded the maximum allowed length of '10'"],
  ["a number for a string", { MessageId: 5 }, 400, "0x0", "Edm.String"],
  ["a fraction for an int", { MessageId: "m", Count: 1.5 }, 400, "0x0", "Edm.Int32"],
  ["an int beyond Int32", { MessageId: "m", Count: 2 ** 31 }, 400, "0x0", "Edm.Int32"],
  ["a string for a bool", { MessageId: "m", Flag: "true" }, 400, "0x0", "Edm.Boolean"],
  ["a non-GUID", { MessageId: "m", Id: "123" }, 400, "0x0", "Edm.Guid"],
  ["a date without offset", { MessageId: "m", When: "2025-03-04T10:00:00" }, 400, "0x0", "Edm.DateTimeOffset"],
  ["an impossible date", { MessageId: "m", When: "2025-13-40T10:00:00Z" }, 400, "0x0", "Edm.DateTimeOffset"],
  ["an array for an entity", { MessageId: "m", Extra: [] }, 400, "0x0", "entity"],
  ["an object for a collection", { MessageId: "m", Files: {} }, 400, "0x0", "collection of entities"],
  ["numbers in a string collection", { MessageId: "m", Names: [1] }, 400, "0x0", "Collection(Edm.String)"],
])("refuses %s", (_case, given, status, code, message) => {
  expect(failure(given)).toEqual({ status, code, message: expect.stringContaining(message) });
});

test("checks unknown names before types and types before required values", () => {
  expect(failure({ Other: 1, Count: "x" }).message).toContain("'Other'");
  expect(failure({ Count: "x" }).message).toContain("'Count'");
});

test.each<[string | undefined, number]>([
  [undefined, 1],
  ["", 1],
  ["low", 0],
  ["Normal", 1],
  ["HIGH", 2],
  ["0", 0],
  [" 2 ", 2],
])("Importance %j is prioritycode %i", (importance, code) => {
  expect(priorityOf(importance)).toBe(code);
});

test("an unknown Importance is 400 0x80040203", () => {
  expect(() => priorityOf("urgent")).toThrow(expect.objectContaining({ status: 400, code: "0x80040203" }));
});
