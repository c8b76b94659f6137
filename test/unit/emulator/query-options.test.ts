import { ErrorCodes } from "../../../emulator/src/http/odata-error";
import type { FilterAst } from "../../../emulator/src/odata/filter";
import {
  type Preferences,
  type QueryOptionName,
  type QueryOptions,
  MAX_EXPAND_ITEMS,
  decodeSkipToken,
  encodeSkipToken,
  parsePrefer,
  parseQueryOptions,
  queryFingerprint,
} from "../../../emulator/src/odata/query-options";
import { odataErrorOf } from "../../support/odata-errors";

const eq = (property: string, value: string | number): FilterAst => ({
  kind: "compare",
  op: "eq",
  left: { kind: "property", path: [property] },
  right: typeof value === "string" ? { kind: "literal", type: "string", value } : { kind: "literal", type: "int", value },
});

const parse = (query: string, allowed?: readonly QueryOptionName[]): QueryOptions => parseQueryOptions(new URLSearchParams(query), { allowed });

describe("parseQueryOptions: accepted queries", () => {
  const cases: [string, QueryOptions][] = [
    ["", {}],
    ["api-version=9.2&savedQuery=abc&tag=x", {}],
    ["$select=subject,description", { select: ["subject", "description"] }],
    ["$select= subject , subject,description ", { select: ["subject", "description"] }],
    ["$filter=subject eq 'x'", { filter: eq("subject", "x") }],
    ["$filter=subject%20eq%20'a%2Cb%26c'", { filter: eq("subject", "a,b&c") }],
    ["$filter=subject+eq+'x'", { filter: eq("subject", "x") }],
    ["$filter=subject eq @p1&@p1='Hello'", { filter: eq("subject", "Hello") }],
    ["$orderby=createdon desc,subject", { orderBy: [{ path: "createdon", direction: "desc" }, { path: "subject", direction: "asc" }] }],
    ["$orderby=regardingobjectid_contact/fullname  asc", { orderBy: [{ path: "regardingobjectid_contact/fullname", direction: "asc" }] }],
    ["$orderby=@p1 desc&@p1=createdon", { orderBy: [{ path: "createdon", direction: "desc" }] }],
    ["$top=5", { top: 5 }],
    ["$top=5000", { top: 5000 }],
    ["$count=true", { count: true }],
    ["$count=false", { count: false }],
    ["$skiptoken=MTAuYWJj", { skipToken: "MTAuYWJj" }],
    ["$expand=regardingobjectid_contact", { expand: [{ name: "regardingobjectid_contact" }] }],
    [
      "$expand=regardingobjectid_contact($select=fullname),email_activity_parties($select=addressused,participationtypemask;$filter=participationtypemask eq 1;$orderby=addressused desc;$top=3)",
      {
        expand: [
          { name: "regardingobjectid_contact", select: ["fullname"] },
          {
            name: "email_activity_parties",
            select: ["addressused", "participationtypemask"],
            filter: eq("participationtypemask", 1),
            orderBy: [{ path: "addressused", direction: "desc" }],
            top: 3,
          },
        ],
      },
    ],
    ["$expand=a($filter=subject eq 'x;y,z(''')", { expand: [{ name: "a", filter: eq("subject", "x;y,z('") }] }],
    ["$expand=a($filter=subject eq @p1)&@p1='v'", { expand: [{ name: "a", filter: eq("subject", "v") }] }],
    ["$expand= a ( $select=x ) , b", { expand: [{ name: "a", select: ["x"] }, { name: "b" }] }],
    [
      "$select=subject&$filter=subject eq 'x'&$orderby=subject&$top=2&$count=true&$expand=a",
      { select: ["subject"], filter: eq("subject", "x"), orderBy: [{ path: "subject", direction: "asc" }], top: 2, count: true, expand: [{ name: "a" }] },
    ],
  ];

  test.each(cases)("%s", (query, options) => {
    expect(parse(query)).toEqual(options);
  });

  test(`accepts ${MAX_EXPAND_ITEMS} $expand items`, () => {
    const names = Array.from({ length: MAX_EXPAND_ITEMS }, (_, i) => `nav${i}`);
    expect(parse(`$expand=${names.join(",")}`).expand?.map((item) => item.name)).toEqual(names);
  });

  test("accepts the options a request allows", () => {
    expect(parse("$select=subject&$expand=a", ["$select", "$expand"])).toEqual({ select: ["subject"], expand: [{ name: "a" }] });
  });
});

describe("parseQueryOptions: rejected queries and their 400 messages", () => {
  const sixteen = Array.from({ length: MAX_EXPAND_ITEMS + 1 }, (_, i) => `nav${i}`).join(",");
  const cases: [string, string][] = [
    ["$skip=10", "The query parameter $skip is not supported."],
    ["$search=contoso", "The query parameter $search is not supported."],
    ["$format=json", "The query parameter $format is not supported."],
    ["$apply=groupby((subject))", "The query parameter $apply is not supported."],
    ["$Select=subject", "The query parameter $Select is not supported."],
    ["$TOP=1", "The query parameter $TOP is not supported."],
    ["$top=5&$top=6", "Query option '$top' was specified more than once, but it must be specified at most once."],
    ["@p1=1&@p1=2&$filter=a eq @p1", "Query option '@p1' was specified more than once, but it must be specified at most once."],
    ["$top=0", "Invalid value '0' for $top query option found. The $top query option requires a positive integer value."],
    ["$top=-1", "Invalid value '-1' for $top query option found. The $top query option requires a positive integer value."],
    ["$top=abc", "Invalid value 'abc' for $top query option found. The $top query option requires a positive integer value."],
    ["$top=1.5", "Invalid value '1.5' for $top query option found. The $top query option requires a positive integer value."],
    ["$top=", "Invalid value '' for $top query option found. The $top query option requires a positive integer value."],
    ["$top=99999999999999999999", "Invalid value '99999999999999999999' for $top query option found. The $top query option requires a positive integer value."],
    ["$count=TRUE", "'TRUE' is not a valid count option. The $count query option must be 'true' or 'false'."],
    ["$count=1", "'1' is not a valid count option. The $count query option must be 'true' or 'false'."],
    ["$select=", "Syntax error at position 8 in '$select=': expected a property name."],
    ["$select=subject,,x", "Syntax error at position 16 in '$select=subject,,x': expected a property name."],
    ["$select=a/b", "Syntax error at position 8 in '$select=a/b': 'a/b' is not a property name."],
    ["$select=*", "Syntax error at position 8 in '$select=*': '*' is not a property name."],
    ["$filter=subject eq", "Syntax error at position 18 in '$filter=subject eq': expected a value."],
    ["$filter=subject eq @p1", "The parameter alias '@p1' is not defined."],
    ["$orderby=", "Syntax error at position 9 in '$orderby=': expected a property name."],
    ["$orderby=subject up", "Syntax error at position 17 in '$orderby=subject up': expected 'asc' or 'desc' but found 'up'."],
    ["$orderby=subject DESC", "Syntax error at position 17 in '$orderby=subject DESC': expected 'asc' or 'desc' but found 'DESC'."],
    ["$orderby=subject desc extra", "Syntax error at position 22 in '$orderby=subject desc extra': unexpected 'extra' after the sort direction."],
    ["$orderby=a-b", "Syntax error at position 9 in '$orderby=a-b': 'a-b' is not a property path."],
    ["$orderby=subject,subject desc", "Duplicate property named 'subject' is not supported in '$orderby' expression."],
    ["$orderby=@p9", "The parameter alias '@p9' is not defined."],
    ["$orderby=@p1&@p1='x'", "Syntax error at position 4 in '@p1='x'': expected a property path."],
    ["$expand=", "Syntax error at position 8 in '$expand=': expected a navigation property name."],
    ["$expand=a,,b", "Syntax error at position 10 in '$expand=a,,b': expected a navigation property name."],
    ["$expand=*", "Syntax error at position 8 in '$expand=*': '*' is not a navigation property name."],
    [`$expand=${sixteen}`, "The $expand query option has 16 items; a query may expand at most 15 navigation properties."],
    ["$expand=a,b,a", "The navigation property 'a' is expanded more than once."],
    ["$expand=a($skip=1)", "The query parameter $skip is not supported inside $expand; use $select, $filter, $orderby or $top."],
    ["$expand=a($expand=b)", "The query parameter $expand is not supported inside $expand (item 'a')."],
    ["$expand=a($top=0)", "Invalid value '0' for $top query option found. The $top query option requires a positive integer value."],
    ["$expand=a($select=x;$select=y)", "Query option '$select' was specified more than once in the $expand of 'a', but it must be specified at most once."],
    ["$expand=a($select=x", "Syntax error at position 19 in '$expand=a($select=x': expected ')'."],
    ["$expand=a)", "Syntax error at position 9 in '$expand=a)': unbalanced ')'."],
    ["$expand=a($select=x)b", "Syntax error at position 20 in '$expand=a($select=x)b': unexpected text after ')'."],
    ["$expand=a($select)", "Syntax error at position 10 in '$expand=a($select)': expected '=' after '$select'."],
    ["$expand=a()", "Syntax error at position 10 in '$expand=a()': expected a query option such as $select=…."],
    ["$expand=a($filter=subject eq 'x)", "Syntax error at position 29 in '$expand=a($filter=subject eq 'x)': unterminated string literal."],
    ["$expand=a($filter=x eq)", "Syntax error at position 12 in '$filter=x eq': expected a value."],
    ["$skiptoken=", "The $skiptoken is invalid."],
  ];

  test.each(cases)("%s", (query, message) => {
    const error = odataErrorOf(() => parse(query));
    expect({ status: error.status, code: error.code, message: error.message }).toEqual({ status: 400, code: ErrorCodes.ODataLayer, message });
  });

  test("rejects an option the request does not allow", () => {
    expect(odataErrorOf(() => parse("$select=subject&$top=1", ["$select", "$expand"])).message).toBe(
      "The query parameter $top is not supported on this request.",
    );
  });
});

describe("parsePrefer", () => {
  const DEFAULTS: Preferences = { returnRepresentation: false, continueOnError: false };
  const cases: [string | undefined, Preferences][] = [
    [undefined, DEFAULTS],
    ["", DEFAULTS],
    ["return=representation", { ...DEFAULTS, returnRepresentation: true }],
    ["return=minimal", DEFAULTS],
    ["odata.maxpagesize=10", { ...DEFAULTS, maxPageSize: 10 }],
    ['odata.maxpagesize="20"', { ...DEFAULTS, maxPageSize: 20 }],
    ["ODATA.MaxPageSize=5000", { ...DEFAULTS, maxPageSize: 5000 }],
    ["odata.maxpagesize=5, odata.maxpagesize=7", { ...DEFAULTS, maxPageSize: 5 }],
    ['odata.include-annotations="*"', { ...DEFAULTS, includeAnnotations: "*" }],
    ["odata.continue-on-error", { ...DEFAULTS, continueOnError: true }],
    ["respond-async, odata.track-changes, odata.callback;url=\"https://x\"", DEFAULTS],
    [
      'return=representation,odata.include-annotations="OData.Community.Display.V1.FormattedValue,Microsoft.Dynamics.CRM.lookuplogicalname" , odata.maxpagesize=50,odata.continue-on-error',
      {
        returnRepresentation: true,
        includeAnnotations: "OData.Community.Display.V1.FormattedValue,Microsoft.Dynamics.CRM.lookuplogicalname",
        maxPageSize: 50,
        continueOnError: true,
      },
    ],
  ];

  test.each(cases)("%p", (header, preferences) => {
    expect(parsePrefer(header)).toEqual(preferences);
  });

  test.each(["0", "5001", "abc", "-1", "1.5", ""])("rejects odata.maxpagesize=%s", (value) => {
    const error = odataErrorOf(() => parsePrefer(`odata.maxpagesize=${value}`));
    expect([error.status, error.message]).toEqual([
      400,
      `The value '${value}' of the odata.maxpagesize preference is not valid; it must be an integer from 1 to 5000.`,
    ]);
  });
});

describe("skip tokens", () => {
  const FINGERPRINT = queryFingerprint("emails", new URLSearchParams("$filter=subject eq 'x'&$select=subject"));

  test.each([0, 1, 50, 5000, 123456789])("round-trips offset %i", (offset) => {
    const token = encodeSkipToken(offset, FINGERPRINT);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeSkipToken(token, FINGERPRINT)).toBe(offset);
  });

  test("different offsets give different tokens", () => {
    expect(encodeSkipToken(10, FINGERPRINT)).not.toBe(encodeSkipToken(20, FINGERPRINT));
  });

  const forged = (): string => {
    const original = Buffer.from(encodeSkipToken(10, FINGERPRINT), "base64url").toString("utf8");
    return Buffer.from(original.replace(/^10\./, "20."), "utf8").toString("base64url");
  };
  const flipped = (): string => {
    const token = encodeSkipToken(10, FINGERPRINT);
    return `${token.slice(0, 3)}${token[3] === "A" ? "B" : "A"}${token.slice(4)}`;
  };

  test.each<[string, () => string, string]>([
    ["a token for another query", () => encodeSkipToken(10, "emails&$filter=subject eq 'y'"), FINGERPRINT],
    ["a token with another offset", forged, FINGERPRINT],
    ["a token with a character changed", flipped, FINGERPRINT],
    ["a token with padding", () => `${encodeSkipToken(10, FINGERPRINT)}=`, FINGERPRINT],
    ["a token with characters outside base64url", () => "!!!", FINGERPRINT],
    ["an empty token", () => "", FINGERPRINT],
    ["a well-formed token that is not ours", () => Buffer.from("10.0123456789abcdef").toString("base64url"), FINGERPRINT],
    ["a Dataverse paging cookie", () => "<cookie pagenumber=\"2\" />", FINGERPRINT],
  ])("rejects %s", (_name, token, fingerprint) => {
    const error = odataErrorOf(() => decodeSkipToken(token(), fingerprint));
    expect([error.status, error.message]).toEqual([400, "The $skiptoken is invalid."]);
  });

  test("refuses to encode a negative or fractional offset", () => {
    expect(() => encodeSkipToken(-1, FINGERPRINT)).toThrow("encodeSkipToken: invalid offset -1");
    expect(() => encodeSkipToken(1.5, FINGERPRINT)).toThrow("encodeSkipToken: invalid offset 1.5");
  });
});

describe("queryFingerprint", () => {
  test("ignores parameter order and $skiptoken", () => {
    const a = queryFingerprint("emails", new URLSearchParams("$select=subject&$filter=subject eq 'x'"));
    const b = queryFingerprint("emails", new URLSearchParams("$filter=subject eq 'x'&$skiptoken=abc&$select=subject"));
    expect(a).toBe(b);
  });

  test("differs by resource and by any other parameter", () => {
    const base = queryFingerprint("emails", new URLSearchParams("$filter=subject eq 'x'"));
    expect(queryFingerprint("contacts", new URLSearchParams("$filter=subject eq 'x'"))).not.toBe(base);
    expect(queryFingerprint("emails", new URLSearchParams("$filter=subject eq 'y'"))).not.toBe(base);
    expect(queryFingerprint("emails", new URLSearchParams("$filter=subject eq 'x'&$top=2"))).not.toBe(base);
  });
});
