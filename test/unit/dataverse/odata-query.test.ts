import { encodeQueryValue, functionCall, guid, queryString, stringLiteral, wellFormed } from "../../../src/dataverse/odata-query";

describe("OData literals and query values", () => {
  test("stringLiteral doubles quotes", () => {
    expect(stringLiteral("O'Brien's")).toBe("'O''Brien''s'");
    expect(stringLiteral("")).toBe("''");
  });

  test.each([
    "It's #1 & more + 100% ✓",
    "two\r\nlines\ttab",
    "a=b&c=d?e#f/g\\h",
    "日本語 🚲",
    "'quoted' (paren) *star* !bang ~tilde",
    "@m=evil&@s=",
  ])("encodeQueryValue round-trips %j through URLSearchParams and leaves no separator unencoded", (value) => {
    const encoded = encodeQueryValue(value);
    expect(encoded).not.toMatch(/[\s#&+=?'()!*\\]/);
    expect(new URLSearchParams(`x=${encoded}`).get("x")).toBe(value);
    expect(decodeURIComponent(encoded)).toBe(value);
  });

  test("keeps , : @ / $ readable", () => {
    expect(encodeQueryValue("name,version")).toBe("name,version");
    expect(encodeQueryValue("a@b.example")).toBe("a@b.example");
  });

  test("lone surrogates do not throw", () => {
    expect(wellFormed("a\uD800b")).toBe("a\uFFFDb");
    expect(wellFormed("🚲")).toBe("🚲");
    expect(() => encodeQueryValue("x\uDC00")).not.toThrow();
  });
});

describe("functionCall", () => {
  test("passes every value through an alias", () => {
    expect(
      functionCall("CheckPromoteEmail", [
        { name: "MessageId", alias: "m", value: "<a'b@x>" },
        { name: "Subject", alias: "s", value: "Hi & bye" },
        { name: "DirectionCode", alias: "d", value: 1 },
      ]),
    ).toBe("CheckPromoteEmail(MessageId=@m,Subject=@s,DirectionCode=@d)?@m=%27%3Ca%27%27b@x%3E%27&@s=%27Hi%20%26%20bye%27&@d=1");
  });

  test("no parameters, and refused names", () => {
    expect(functionCall("WhoAmI", [])).toBe("WhoAmI()");
    expect(() => functionCall("F", [{ name: "A", alias: "a&b", value: 1 }])).toThrow(expect.objectContaining({ kind: "invalidInput" }));
    expect(() => functionCall("F", [{ name: "A", alias: "a", value: Number.NaN }])).toThrow(expect.objectContaining({ kind: "invalidInput" }));
  });
});

describe("guid and queryString", () => {
  test("guid accepts GUIDs only", () => {
    expect(guid(" 6BCBF6BF-1F2A-4AB9-9901-2605B314D72D ")).toBe("6bcbf6bf-1f2a-4ab9-9901-2605b314d72d");
    for (const bad of ["", "x", "6bcbf6bf-1f2a-4ab9-9901-2605b314d72d)/../contacts(1", "{6bcbf6bf-1f2a-4ab9-9901-2605b314d72d}"]) {
      expect(() => guid(bad)).toThrow(expect.objectContaining({ kind: "invalidInput" }));
    }
  });

  test("queryString keeps order and leaves undefined options out", () => {
    expect(queryString({ $select: "a,b", $filter: "x eq 'y z'", $top: 5, $orderby: undefined })).toBe("?$select=a,b&$filter=x%20eq%20%27y%20z%27&$top=5");
    expect(queryString({})).toBe("");
  });
});
