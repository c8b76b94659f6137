import { looksLikeAddress, parseAddressList, parseSingleAddress } from "../../../emulator/src/web-api/email-tracking/addresses";

describe("parseAddressList", () => {
  test.each<[string, string[]]>([
    ["", []],
    ["  ;; , ", []],
    ["a@x.example", ["a@x.example"]],
    ["a@x.example; b@y.example,c@z.example", ["a@x.example", "b@y.example", "c@z.example"]],
    ['"Wu, Alex" <alex@x.example>; Bo <bo@y.example>', ["alex@x.example", "bo@y.example"]],
    ['"Only quoted"', ["Only quoted"]],
    ["mailto:a@x.example; SMTP:b@y.example", ["a@x.example", "b@y.example"]],
    ["A@X.example; a@x.example; a@X.EXAMPLE", ["A@X.example"]],
    ['"unterminated <x@y; a@b.example', ['"unterminated <x@y', "a@b.example"]],
    ["<>; <a@b.example>", ["<>", "a@b.example"]],
    ["not an address; a@b@c", ["not an address", "a@b@c"]],
    ["😀@emoji.example\r\n; \ttab@x.example ", ["😀@emoji.example", "tab@x.example"]],
  ])("splits %j", (text, expected) => {
    expect(parseAddressList(text)).toEqual(expected);
  });

  test("keeps at most 320 characters of an address", () => {
    expect(parseAddressList(`${"a".repeat(400)}@x.example`)[0]).toHaveLength(320);
  });
});

test("parseSingleAddress takes the first address, or an empty string", () => {
  expect(parseSingleAddress('"Nancy" <nancy@x.example>; other@y.example')).toBe("nancy@x.example");
  expect(parseSingleAddress("  ")).toBe("");
});

test.each<[string, boolean]>([
  ["a@b.example", true],
  ["a.b+c@sub.b.example", true],
  ["", false],
  ["no-at-sign", false],
  ["a@b@c", false],
  ["a b@c.example", false],
  ["<>", false],
])("looksLikeAddress(%j) is %s", (text, expected) => {
  expect(looksLikeAddress(text)).toBe(expected);
});
