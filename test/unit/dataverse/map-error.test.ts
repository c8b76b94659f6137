import { mapError, readODataError, retryAfterSeconds } from "../../../src/dataverse/map-error";
import { answer } from "./stub-send";

const odata = (status: number, code: string, headers: Record<string, string> = {}) => answer(status, { error: { code, message: "Principal user alex@contoso.example is missing prvX" } }, headers);

describe("mapError: status + OData error body → AppError", () => {
  test.each([
    [400, "0x0", "invalidInput", "dataverse.badRequest"],
    [400, "0x80044331", "invalidInput", "dataverse.valueTooLong"],
    [401, "0x80044302", "auth", "dataverse.needsSignIn"],
    [403, "0x80040220", "forbidden", "dataverse.privilegeMissing"],
    [403, "0x80048306", "forbidden", "dataverse.recordAccessDenied"],
    [403, "0x80072560", "forbidden", "dataverse.notMember"],
    [403, "0x80040225", "forbidden", "dataverse.userDisabled"],
    [403, "0x80048405", "forbidden", "dataverse.forbidden"],
    [404, "0x80040217", "notFound", "dataverse.notFound"],
    [409, "0x0", "conflict", "dataverse.conflict"],
    [412, "0x80060882", "conflict", "dataverse.conflict"],
    [413, "0x8004418a", "invalidInput", "dataverse.tooLarge"],
    [429, "0x80072322", "throttled", "dataverse.throttled"],
    [500, "0x80040216", "unknown", "dataverse.unexpected"],
    [503, "", "unknown", "dataverse.unavailable"],
    [504, "", "unknown", "dataverse.unavailable"],
    [418, "", "unknown", "dataverse.unexpected"],
  ])("%i %s → %s (%s)", (status, code, kind, messageKey) => {
    const error = mapError(odata(status, code));
    expect(error).toMatchObject({ kind, messageKey, status });
    if (code) expect(error.code).toBe(code);
    else expect(error.code).toBeUndefined();
  });

  test("the code keeps its case and matches case-insensitively", () => {
    expect(mapError(odata(403, "0X80048306"))).toMatchObject({ messageKey: "dataverse.recordAccessDenied", code: "0X80048306" });
  });

  test("429 carries Retry-After seconds; the server's message stays out of the AppError message", () => {
    const error = mapError(odata(429, "0x80072322", { "retry-after": "17" }));
    expect(error.retryAfterSeconds).toBe(17);
    expect(error.message).not.toContain("alex@contoso.example");
    expect(error.cause).toEqual({ status: 429, code: "0x80072322", message: expect.stringContaining("prvX") });
  });

  test("a body that is not an OData error still maps by status", () => {
    expect(mapError({ status: 404, headers: {}, body: "<html>nope</html>" })).toMatchObject({ kind: "notFound", code: undefined });
    expect(mapError({ status: 401, headers: {}, body: "" }).kind).toBe("auth");
    expect(readODataError('{"error":"text"}')).toEqual({});
    expect(readODataError("null")).toEqual({});
    expect(readODataError('{"error":{"code":5,"message":"m"}}')).toEqual({ message: "m" });
  });
});

describe("retryAfterSeconds", () => {
  test("delta seconds, HTTP date, x-ms-retry-after-ms, none", () => {
    expect(retryAfterSeconds({ "retry-after": "3" })).toBe(3);
    expect(retryAfterSeconds({ "retry-after": " 0 " })).toBe(0);
    const now = Date.parse("2025-01-01T00:00:00Z");
    expect(retryAfterSeconds({ "retry-after": "Wed, 01 Jan 2025 00:00:10 GMT" }, now)).toBe(10);
    expect(retryAfterSeconds({ "retry-after": "Tue, 31 Dec 2024 23:00:00 GMT" }, now)).toBe(0);
    expect(retryAfterSeconds({ "x-ms-retry-after-ms": "1500" })).toBe(1.5);
    expect(retryAfterSeconds({ "retry-after": "soon" })).toBeUndefined();
    expect(retryAfterSeconds({})).toBeUndefined();
  });
});
