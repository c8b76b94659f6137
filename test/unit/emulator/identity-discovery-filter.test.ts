import { matchesInstanceFilter, parseInstanceFilter, type EdmType } from "../../../emulator/src/discovery/instance-filter";
import { odataErrorOf } from "../../support/odata-errors";

const PROPERTIES = new Map<string, EdmType>([
  ["UrlName", "String"],
  ["FriendlyName", "String"],
  ["State", "Int32"],
  ["IsUserSysAdmin", "Boolean"],
  ["Id", "Guid"],
  ["LastUpdated", "DateTimeOffset"],
  ["TrialExpirationDate", "DateTimeOffset"],
]);

const ROW = {
  UrlName: "contoso",
  FriendlyName: "Contoso Sales (it's live)",
  State: 0,
  IsUserSysAdmin: false,
  Id: "6bcbf6bf-1f2a-4ab9-9901-2605b314d72d",
  LastUpdated: "2025-01-01T10:00:00Z",
  TrialExpirationDate: null,
};

// Discovery's filters go through the shared OData parser, validator and evaluator (emulator/src/odata/filter.ts),
// with case-sensitive string comparison.
const matches = (filter: string): boolean => matchesInstanceFilter(parseInstanceFilter(filter, PROPERTIES), ROW);

test.each([
  ["UrlName eq 'contoso'", true],
  ["UrlName eq 'Contoso'", false],
  ["UrlName ne 'Contoso'", true],
  ["UrlName gt 'b' and UrlName lt 'd'", true],
  ["UrlName ge 'contoso' and UrlName le 'contoso'", true],
  ["contains(FriendlyName,'Sales')", true],
  ["contains(FriendlyName,'sales')", false],
  ["startswith(FriendlyName, 'Contoso')", true],
  ["endswith(FriendlyName,'live)')", true],
  ["FriendlyName eq 'Contoso Sales (it''s live)'", true],
  ["State eq 0", true],
  ["State gt 0", false],
  ["State eq -1", false],
  ["IsUserSysAdmin eq false", true],
  ["Id eq 6BCBF6BF-1F2A-4AB9-9901-2605B314D72D", true],
  ["LastUpdated gt 2024-12-31T00:00:00Z", true],
  ["LastUpdated lt 2025-01-01T09:00:00+00:00", false],
  ["TrialExpirationDate eq null", true],
  ["TrialExpirationDate ne null", false],
  ["UrlName eq null", false],
  ["not (UrlName eq 'x')", true],
  ["not contains(UrlName,'C')", true],
  ["not (UrlName eq 'contoso' or State eq 1)", false],
  ["UrlName eq 'x' or UrlName eq 'contoso' and State eq 0", true],
  ["(UrlName eq 'x' or UrlName eq 'contoso') and State eq 1", false],
])("%s → %s", (filter, expected) => {
  expect(matches(filter)).toBe(expected);
});

test.each([
  "",
  "UrlName",
  "UrlName eq",
  "UrlName eq 'x",
  "UrlName equals 'x'",
  "Nope eq 'x'",
  "urlname eq 'contoso'",
  "State eq 'zero'",
  "UrlName eq 1",
  "contains(State,'1')",
  "contains(UrlName, 1)",
  "(UrlName eq 'x'",
  "UrlName eq 'x')",
  "UrlName eq 'x' and",
  "UrlName eq 'x' # y",
  // A GUID property compares with GUID literals only, as in OData.
  "Id eq '6bcbf6bf-1f2a-4ab9-9901-2605b314d72d'",
  // `not` binds tighter than `eq` in OData: this is `(not UrlName) eq 'x'`.
  "not UrlName eq 'x'",
  // Global Discovery documents no lambdas, query functions or parameter aliases.
  "Instances/any()",
  "Microsoft.Dynamics.CRM.EqualUserId(PropertyName='Id')",
  "Microsoft.Dynamics.CRM.In(PropertyName='UrlName',PropertyValues=['contoso'])",
  "UrlName eq @p1",
])("'%s' is a 400 OData error", (filter) => {
  expect(odataErrorOf(() => parseInstanceFilter(filter, PROPERTIES)).status).toBe(400);
});

test.each([
  // As in the Web API, an Int32 compares with a decimal, and booleans are ordered (false < true).
  ["State eq 1.5", false],
  ["State lt 0.5", true],
  ["IsUserSysAdmin lt true", true],
])("%s → %s", (filter, expected) => {
  expect(matches(filter)).toBe(expected);
});
