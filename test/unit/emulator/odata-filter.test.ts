import { ErrorCodes, ODataError } from "../../../emulator/src/http/odata-error";
import {
  type CompareOperator,
  type FilterAst,
  type FilterPropertyType,
  type LiteralNode,
  type PropertyNode,
  type ResolvePath,
  MAX_FILTER_DEPTH,
  compareValues,
  evaluateFilter,
  parseFilter,
  referencedProperties,
  validateFilter,
} from "../../../emulator/src/odata/filter";
import { odataErrorOf } from "../../support/odata-errors";

// --- AST builders ------------------------------------------------------------------------------------------------------

const prop = (...path: string[]): PropertyNode => ({ kind: "property", path });
const lambdaVar = (variable: string, ...path: string[]): PropertyNode => ({ kind: "property", path, variable });
const str = (value: string): LiteralNode => ({ kind: "literal", type: "string", value });
const int = (value: number): LiteralNode => ({ kind: "literal", type: "int", value });
const dec = (value: number): LiteralNode => ({ kind: "literal", type: "decimal", value });
const bool = (value: boolean): LiteralNode => ({ kind: "literal", type: "bool", value });
const NULL: LiteralNode = { kind: "literal", type: "null", value: null };
const cmp = (op: CompareOperator, left: FilterAst, right: FilterAst): FilterAst => ({ kind: "compare", op, left, right });
const and = (left: FilterAst, right: FilterAst): FilterAst => ({ kind: "and", left, right });
const or = (left: FilterAst, right: FilterAst): FilterAst => ({ kind: "or", left, right });

const ALIASES: Readonly<Record<string, string>> = { "@p1": "'Quarterly Review'", "@p2": "subject", "@nested": "@p1", "@bad": "'x' eq" };
const resolveAlias = (name: string): string | undefined => ALIASES[name];

function filterError(text: string): ODataError {
  return odataErrorOf(() => parseFilter(text, { resolveAlias }));
}

// --- parsing -------------------------------------------------------------------------------------------------------------

describe("parseFilter: accepted expressions and their AST", () => {
  const cases: [string, FilterAst][] = [
    ["subject eq 'Hello'", cmp("eq", prop("subject"), str("Hello"))],
    ["subject eq 'it''s'", cmp("eq", prop("subject"), str("it's"))],
    ["subject eq ''", cmp("eq", prop("subject"), str(""))],
    ["actualdurationminutes gt 30", cmp("gt", prop("actualdurationminutes"), int(30))],
    ["actualdurationminutes ge -2", cmp("ge", prop("actualdurationminutes"), int(-2))],
    ["exchangerate le 1.5", cmp("le", prop("exchangerate"), dec(1.5))],
    ["exchangerate lt 2e3", cmp("lt", prop("exchangerate"), dec(2000))],
    ["isregularactivity ne true", cmp("ne", prop("isregularactivity"), bool(true))],
    ["description eq null", cmp("eq", prop("description"), NULL)],
    [
      "_ownerid_value eq 11111111-2222-3333-4444-55555555AAAA",
      cmp("eq", prop("_ownerid_value"), { kind: "literal", type: "guid", value: "11111111-2222-3333-4444-55555555aaaa" }),
    ],
    ["createdon gt 2024-01-02T03:04:05Z", cmp("gt", prop("createdon"), { kind: "literal", type: "datetime", value: "2024-01-02T03:04:05Z" })],
    [
      "createdon lt 2024-01-02T03:04:05.1234567+02:00",
      cmp("lt", prop("createdon"), { kind: "literal", type: "datetime", value: "2024-01-02T03:04:05.1234567+02:00" }),
    ],
    ["createdon ge 2024-01-02", cmp("ge", prop("createdon"), { kind: "literal", type: "date", value: "2024-01-02" })],
    ["regardingobjectid_contact/fullname eq 'x'", cmp("eq", prop("regardingobjectid_contact", "fullname"), str("x"))],
    ["  subject   eq\t'x'  ", cmp("eq", prop("subject"), str("x"))],
    ["a eq 1 or b eq 2 and c eq 3", or(cmp("eq", prop("a"), int(1)), and(cmp("eq", prop("b"), int(2)), cmp("eq", prop("c"), int(3))))],
    ["(a eq 1 or b eq 2) and c eq 3", and(or(cmp("eq", prop("a"), int(1)), cmp("eq", prop("b"), int(2))), cmp("eq", prop("c"), int(3)))],
    ["a eq 1 and b eq 2 and c eq 3", and(and(cmp("eq", prop("a"), int(1)), cmp("eq", prop("b"), int(2))), cmp("eq", prop("c"), int(3)))],
    ["not contains(subject,'x')", { kind: "not", operand: { kind: "call", name: "contains", args: [prop("subject"), str("x")] } }],
    ["startswith(subject, 'RE:')", { kind: "call", name: "startswith", args: [prop("subject"), str("RE:")] }],
    ["endswith(subject,'.pdf') eq true", cmp("eq", { kind: "call", name: "endswith", args: [prop("subject"), str(".pdf")] }, bool(true))],
    ["not isregularactivity", { kind: "not", operand: prop("isregularactivity") }],
    ["isregularactivity", prop("isregularactivity")],
    [
      "email_activity_parties/any(p: p/addressused eq 'a@b.com')",
      {
        kind: "lambda",
        op: "any",
        collection: prop("email_activity_parties"),
        variable: "p",
        predicate: cmp("eq", lambdaVar("p", "addressused"), str("a@b.com")),
      },
    ],
    ["email_activity_parties/any()", { kind: "lambda", op: "any", collection: prop("email_activity_parties") }],
    [
      "email_activity_parties/all(p:p/participationtypemask eq 1)",
      { kind: "lambda", op: "all", collection: prop("email_activity_parties"), variable: "p", predicate: cmp("eq", lambdaVar("p", "participationtypemask"), int(1)) },
    ],
    [
      "a/any(x: x/b/any(y: y/c eq x/d))",
      {
        kind: "lambda",
        op: "any",
        collection: prop("a"),
        variable: "x",
        predicate: { kind: "lambda", op: "any", collection: lambdaVar("x", "b"), variable: "y", predicate: cmp("eq", lambdaVar("y", "c"), lambdaVar("x", "d")) },
      },
    ],
    ["subject eq @p1", cmp("eq", prop("subject"), str("Quarterly Review"))],
    ["contains(@p2,'Contoso')", { kind: "call", name: "contains", args: [prop("subject"), str("Contoso")] }],
    [
      `Microsoft.Dynamics.CRM.In(PropertyName='statecode',PropertyValues=["0","1"])`,
      { kind: "in", negated: false, property: prop("statecode"), values: [str("0"), str("1")] },
    ],
    [
      "Microsoft.Dynamics.CRM.NotIn(PropertyValues=['a', 2],PropertyName='subject')",
      { kind: "in", negated: true, property: prop("subject"), values: [str("a"), int(2)] },
    ],
    ["Microsoft.Dynamics.CRM.EqualUserId(PropertyName='ownerid')", { kind: "userid", negated: false, property: prop("ownerid") }],
  ];

  test.each(cases)("%s", (text, ast) => {
    expect(parseFilter(text, { resolveAlias })).toEqual(ast);
  });
});

describe("parseFilter: rejected expressions and their 400 messages", () => {
  const nested = (depth: number): string => `${"(".repeat(depth)}a eq 1${")".repeat(depth)}`;
  const cases: [string, string][] = [
    ["subject eq", "Syntax error at position 18 in '$filter=subject eq': expected a value."],
    ["", "Syntax error at position 8 in '$filter=': expected an expression."],
    ["   ", "Syntax error at position 8 in '$filter=   ': expected an expression."],
    ["subject eq 'abc", "Syntax error at position 19 in '$filter=subject eq 'abc': unterminated string literal."],
    [`subject eq "abc"`, `Syntax error at position 19 in '$filter=subject eq "abc"': string literals are enclosed in single quotes.`],
    ["subject Eq 'a'", "Syntax error at position 16 in '$filter=subject Eq 'a'': expected an operator or the end of the expression but found 'Eq'."],
    ["(subject eq 'a'", "Syntax error at position 23 in '$filter=(subject eq 'a'': expected ')'."],
    ["subject eq 'a')", "Syntax error at position 22 in '$filter=subject eq 'a')': expected an operator or the end of the expression but found ')'."],
    ["subject eq 'a' 'b'", "Syntax error at position 23 in '$filter=subject eq 'a' 'b'': expected an operator or the end of the expression but found the string literal 'b'."],
    ["a eq 1 eq 2", "Syntax error at position 15 in '$filter=a eq 1 eq 2': expected an operator or the end of the expression but found 'eq'."],
    [
      "tolower(subject) eq 'a'",
      "Syntax error at position 8 in '$filter=tolower(subject) eq 'a'': unknown function 'tolower'; the functions supported are contains, startswith, endswith and Microsoft.Dynamics.CRM query functions.",
    ],
    ["a add 1 eq 2", "Syntax error at position 10 in '$filter=a add 1 eq 2': the operator 'add' is not supported."],
    ["subject eq 'a' and 'b'", "Syntax error at position 27 in '$filter=subject eq 'a' and 'b'': expected a boolean expression."],
    ["'abc'", "Syntax error at position 8 in '$filter='abc'': expected a boolean expression."],
    ["not 5", "Syntax error at position 12 in '$filter=not 5': expected a boolean expression."],
    ["subject eq 'a' or", "Syntax error at position 25 in '$filter=subject eq 'a' or': expected a value."],
    ["eq eq 1", "Syntax error at position 8 in '$filter=eq eq 1': expected a value but found 'eq'."],
    ["createdon gt 2024-02-30", "Syntax error at position 21 in '$filter=createdon gt 2024-02-30': '2024-02-30' is not a valid date."],
    ["createdon gt 2024-01-01T25:00:00Z", "Syntax error at position 21 in '$filter=createdon gt 2024-01-01T25:00:00Z': '2024-01-01T25:00:00Z' is not a valid date and time."],
    [
      "createdon gt 2024-01-01T10:00:00",
      "Syntax error at position 21 in '$filter=createdon gt 2024-01-01T10:00:00': '2024-01-01T10:00:00' is not a valid date and time; it needs a 'Z' or '±hh:mm' offset.",
    ],
    ["subject eq 12abc", "Syntax error at position 19 in '$filter=subject eq 12abc': '12abc' is not a valid literal."],
    ["subject eq #", "Syntax error at position 19 in '$filter=subject eq #': unexpected character '#'."],
    [
      "email_activity_parties/all()",
      "Syntax error at position 35 in '$filter=email_activity_parties/all()': all() needs a lambda variable and a predicate, as in all(x: x/name eq 'a').",
    ],
    [
      "email_activity_parties/any(p: p eq 'x')",
      "Syntax error at position 38 in '$filter=email_activity_parties/any(p: p eq 'x')': the lambda variable 'p' must be followed by '/' and a property name.",
    ],
    ["email_activity_parties/any(p p/x eq 1)", "Syntax error at position 37 in '$filter=email_activity_parties/any(p p/x eq 1)': expected ':' but found 'p'."],
    ["a/any(x: x/b/any(x: x/c eq 1))", "Syntax error at position 25 in '$filter=a/any(x: x/b/any(x: x/c eq 1))': the lambda variable 'x' is already in use."],
    ["any(p: p/x eq 1)", "Syntax error at position 8 in '$filter=any(p: p/x eq 1)': 'any' must follow a collection-valued navigation property and '/'."],
    ["a/ eq 1", "Syntax error at position 11 in '$filter=a/ eq 1': expected a property name but found 'eq'."],
    [
      "regardingobjectid_contact/Microsoft.Dynamics.CRM.contact/fullname eq 'x'",
      "Syntax error at position 34 in '$filter=regardingobjectid_contact/Microsoft.Dynamics.CRM.contact/fullname eq 'x'': type casts and qualified names such as 'Microsoft.Dynamics.CRM.contact' are not supported in a property path.",
    ],
    ["subject eq @p9", "The parameter alias '@p9' is not defined."],
    ["subject eq @nested", "Syntax error at position 8 in '@nested=@p1': a parameter alias value cannot refer to another alias."],
    ["subject eq @bad", "Syntax error at position 9 in '@bad='x' eq': expected the end of the alias value but found 'eq'."],
    [
      "Microsoft.Dynamics.CRM.Between(PropertyName='a',PropertyValues=[1,2])",
      "Syntax error at position 8 in '$filter=Microsoft.Dynamics.CRM.Between(PropertyName='a',PropertyValues=[1,2])': the query function 'Microsoft.Dynamics.CRM.Between' is not supported; the emulator supports In, NotIn, EqualUserId and NotEqualUserId.",
    ],
    [
      "Microsoft.Dynamics.CRM.In(PropertyName='statecode')",
      "Syntax error at position 8 in '$filter=Microsoft.Dynamics.CRM.In(PropertyName='statecode')': the query function 'Microsoft.Dynamics.CRM.In' needs the parameter 'PropertyValues'.",
    ],
    [
      "Microsoft.Dynamics.CRM.In(PropertyName='a',PropertyValues=[])",
      "Syntax error at position 67 in '$filter=Microsoft.Dynamics.CRM.In(PropertyName='a',PropertyValues=[])': expected at least one value in the list.",
    ],
    [nested(MAX_FILTER_DEPTH + 1), `Syntax error at position ${8 + MAX_FILTER_DEPTH} in '$filter=${nested(MAX_FILTER_DEPTH + 1)}': the expression is nested more than 100 levels deep.`],
  ];

  test.each(cases)("%s", (text, message) => {
    const error = filterError(text);
    expect({ status: error.status, code: error.code, message: error.message }).toEqual({ status: 400, code: ErrorCodes.ODataLayer, message });
  });

  test("accepts nesting up to the limit", () => {
    expect(parseFilter(`${"(".repeat(MAX_FILTER_DEPTH - 1)}a eq 1${")".repeat(MAX_FILTER_DEPTH - 1)}`)).toEqual(cmp("eq", prop("a"), int(1)));
  });

  test("quotes the label it is given, as for a filter nested in $expand", () => {
    expect(odataErrorOf(() => parseFilter("x eq", { label: "$filter" })).message).toContain("'$filter=x eq'");
    expect(odataErrorOf(() => parseFilter("x eq", { label: "@p1" })).message).toBe("Syntax error at position 8 in '@p1=x eq': expected a value.");
  });

  test("an alias without a resolver is undefined", () => {
    expect(odataErrorOf(() => parseFilter("subject eq @p1")).message).toBe("The parameter alias '@p1' is not defined.");
  });
});

describe("parseFilter never lets anything but a 400 ODataError escape", () => {
  const FRAGMENTS = [
    "subject", "eq", "ne", "gt", "and", "or", "not", "(", ")", "'a'", "''", "'", "1", "-", "1.5", ",", "/", ":", "any", "all", "p",
    "p/x", "contains", "null", "true", "@p1", "@p2", "@zz", "[", "]", "=", "\"q\"", "2024-01-02", "2024-01-02T03:04:05Z",
    "11111111-2222-3333-4444-555555555555", "Microsoft.Dynamics.CRM.In", "PropertyName", "PropertyValues", "#", " ", "%", "\u00e9",
  ];

  test("on 3000 random token soups", () => {
    let seed = 42;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    let rejected = 0;
    for (let i = 0; i < 3000; i++) {
      const text = Array.from({ length: 1 + random(9) }, () => FRAGMENTS[random(FRAGMENTS.length)] ?? "").join(random(3) === 0 ? "" : " ");
      try {
        parseFilter(text, { resolveAlias });
      } catch (error) {
        expect(error).toBeInstanceOf(ODataError);
        expect((error as ODataError).status).toBe(400);
        rejected++;
      }
    }
    expect(rejected).toBeGreaterThan(1000);
  });

  test("on a 3000-term or-chain, which parses and evaluates without overflowing the stack", () => {
    const text = Array.from({ length: 3000 }, (_, i) => `n eq ${i}`).join(" or ");
    const ast = parseFilter(text);
    expect(evaluateFilter(ast, { n: 2999 }, (row, path) => row[path[0] ?? ""])).toBe(true);
    expect(evaluateFilter(ast, { n: 3000 }, (row, path) => row[path[0] ?? ""])).toBe(false);
  });
});

// --- referenced properties ---------------------------------------------------------------------------------------------

describe("referencedProperties", () => {
  const cases: [string, string[]][] = [
    ["subject eq 'a' and subject ne 'b' or description eq null", ["subject", "description"]],
    ["regardingobjectid_contact/contactid eq 11111111-2222-3333-4444-555555555555", ["regardingobjectid_contact/contactid"]],
    ["email_activity_parties/any(p: p/addressused eq 'a@b.com')", ["email_activity_parties", "email_activity_parties/addressused"]],
    ["email_activity_parties/any()", ["email_activity_parties"]],
    ["a/any(x: x/b/any(y: y/c eq x/d) and top eq 1)", ["a", "a/b", "a/b/c", "a/d", "top"]],
    ["contains(@p2, 'x') and Microsoft.Dynamics.CRM.In(PropertyName='statecode',PropertyValues=['0'])", ["subject", "statecode"]],
    ["true", []],
  ];

  test.each(cases)("%s", (text, paths) => {
    expect(referencedProperties(parseFilter(text, { resolveAlias }))).toEqual(paths);
  });
});

// --- validation against metadata ----------------------------------------------------------------------------------------

const EMAIL_COLUMNS: Readonly<Record<string, FilterPropertyType>> = {
  subject: "string",
  description: "memo",
  _ownerid_value: "lookup",
  activityid: "guid",
  actualdurationminutes: "int",
  exchangerate: "decimal",
  isregularactivity: "bool",
  createdon: "datetime",
  email_activity_parties: "collection",
  "email_activity_parties/addressused": "string",
  "email_activity_parties/participationtypemask": "int",
  "regardingobjectid_contact/contactid": "guid",
};
const typeOf = (path: string): FilterPropertyType | undefined => EMAIL_COLUMNS[path];

describe("validateFilter: accepted", () => {
  test.each([
    "subject eq 'x' and description ne null",
    "createdon ge 2024-01-01 and createdon lt 2024-02-01T00:00:00Z",
    "actualdurationminutes gt 1.5 or exchangerate eq 3000000000",
    "_ownerid_value eq 11111111-2222-3333-4444-555555555555",
    "isregularactivity",
    "not isregularactivity and isregularactivity eq false",
    "contains(description,'x') and startswith(subject,null)",
    "email_activity_parties/any(p: p/addressused eq 'a' and p/participationtypemask eq 1)",
    "email_activity_parties/any()",
    "regardingobjectid_contact/contactid ne null",
    "Microsoft.Dynamics.CRM.EqualUserId(PropertyName='_ownerid_value')",
    "Microsoft.Dynamics.CRM.NotEqualUserId(PropertyName='ownerid')",
    "Microsoft.Dynamics.CRM.In(PropertyName='ownerid',PropertyValues=['11111111-2222-3333-4444-555555555555'])",
    "Microsoft.Dynamics.CRM.In(PropertyName='subject',PropertyValues=['a','b'])",
    "subject eq description",
  ])("%s", (text) => {
    expect(() => validateFilter(parseFilter(text), "email", typeOf)).not.toThrow();
  });
});

describe("validateFilter: rejected, with Dataverse's messages", () => {
  const cases: [string, string][] = [
    ["foo eq 1", "Could not find a property named 'foo' on type 'Microsoft.Dynamics.CRM.email'."],
    ["subject eq 5", "A binary operator with incompatible types was detected. Found operand types 'Edm.String' and 'Edm.Int32' for operator kind 'Equal'."],
    ["_ownerid_value eq 'abc'", "A binary operator with incompatible types was detected. Found operand types 'Edm.Guid' and 'Edm.String' for operator kind 'Equal'."],
    ["createdon gt 5", "A binary operator with incompatible types was detected. Found operand types 'Edm.DateTimeOffset' and 'Edm.Int32' for operator kind 'GreaterThan'."],
    ["actualdurationminutes le 'x'", "A binary operator with incompatible types was detected. Found operand types 'Edm.Int32' and 'Edm.String' for operator kind 'LessThanOrEqual'."],
    ["isregularactivity ne 1", "A binary operator with incompatible types was detected. Found operand types 'Edm.Boolean' and 'Edm.Int32' for operator kind 'NotEqual'."],
    ["exchangerate eq 2024-01-01", "A binary operator with incompatible types was detected. Found operand types 'Edm.Decimal' and 'Edm.Date' for operator kind 'Equal'."],
    ["actualdurationminutes and isregularactivity", "A binary operator with incompatible types was detected. Found operand types 'Edm.Int32' and 'Edm.Boolean' for operator kind 'And'."],
    [
      "contains(actualdurationminutes,'1')",
      "No function signature for the function with name 'contains' matches the specified arguments. The function signatures considered are: contains(Edm.String Nullable=true, Edm.String Nullable=true).",
    ],
    ["subject", "The $filter expression must evaluate to a single boolean value."],
    ["not subject eq 'x'", "A unary operator with an incompatible type was detected. Found operand type 'Edm.String' for operator kind 'Not'."],
    ["email_activity_parties eq null", "The collection-valued navigation property 'email_activity_parties' can only be used with any() or all()."],
    ["nosuch/any()", "Could not find a property named 'nosuch' on type 'Microsoft.Dynamics.CRM.email'."],
    ["description/any()", "The 'any' operator needs a collection-valued navigation property, and 'description' is not one."],
    [
      "email_activity_parties/any(p: p/addressused/all(q: q/x eq 1))",
      "The 'all' operator needs a collection-valued navigation property, and 'email_activity_parties/addressused' is not one.",
    ],
    ["email_activity_parties/any(p: p/nosuch eq 1)", "Could not find a property named 'email_activity_parties/nosuch' on type 'Microsoft.Dynamics.CRM.email'."],
    [
      "Microsoft.Dynamics.CRM.EqualUserId(PropertyName='subject')",
      "The query function EqualUserId needs a lookup or unique identifier property, and 'subject' is not one.",
    ],
  ];

  test.each(cases)("%s", (text, message) => {
    const error = odataErrorOf(() => validateFilter(parseFilter(text), "email", typeOf));
    expect([error.status, error.message]).toEqual([400, message]);
  });

  test("names the entity it is given", () => {
    expect(odataErrorOf(() => validateFilter(parseFilter("foo eq 1"), "contact", typeOf)).message).toBe(
      "Could not find a property named 'foo' on type 'Microsoft.Dynamics.CRM.contact'.",
    );
  });
});

// --- evaluation ------------------------------------------------------------------------------------------------------------

const OWNER = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
const ROW: Record<string, unknown> = {
  subject: "Quarterly Review",
  description: null,
  actualdurationminutes: 30,
  exchangerate: 1.25,
  isregularactivity: true,
  createdon: "2024-01-02T03:04:05Z",
  _ownerid_value: OWNER,
  regardingobjectid_contact: { contactid: "11111111-2222-3333-4444-555555555555", fullname: "Dana Ruiz" },
  email_activity_parties: [
    { addressused: "Dana@Contoso.example", participationtypemask: 1 },
    { addressused: "alex@contoso.example", participationtypemask: 2 },
  ],
  no_parties: [],
};

/** Follows a path through nested objects, as a store's resolver would through navigation properties. */
const resolve: ResolvePath = (row, path) =>
  path.reduce<unknown>((value, segment) => (typeof value === "object" && value !== null ? (value as Record<string, unknown>)[segment] : undefined), row);

describe("evaluateFilter", () => {
  const cases: [string, boolean][] = [
    ["subject eq 'quarterly review'", true],
    ["subject eq 'QUARTERLY REVIEW'", true],
    ["subject ne 'Quarterly Review'", false],
    ["subject eq 'other'", false],
    ["subject gt 'q' and subject lt 'R'", true],
    ["contains(subject,'TERLY')", true],
    ["startswith(subject,'quarter')", true],
    ["endswith(subject,'VIEW')", true],
    ["endswith(subject,'x')", false],
    ["description eq null", true],
    ["description ne null", false],
    ["subject ne null", true],
    ["null eq description", true],
    ["description ne 'x'", false],
    ["not (description eq 'x')", false],
    ["not contains(description,'x')", false],
    ["description eq 'x' or subject eq 'quarterly review'", true],
    ["not (description eq 'x') or subject eq 'quarterly review'", true],
    ["description eq 'x' and false", false],
    ["actualdurationminutes gt 29", true],
    ["actualdurationminutes ge 30 and actualdurationminutes le 30.0", true],
    ["actualdurationminutes lt 30", false],
    ["actualdurationminutes eq 30.0", true],
    ["exchangerate lt 1.3 and exchangerate gt 1.2", true],
    ["isregularactivity", true],
    ["isregularactivity eq true", true],
    ["not isregularactivity", false],
    ["createdon gt 2024-01-02T03:04:04Z", true],
    ["createdon eq 2024-01-02T05:04:05+02:00", true],
    ["createdon eq 2024-01-02T03:04:05.000Z", true],
    ["createdon lt 2024-01-03", true],
    ["createdon ge 2024-01-03", false],
    ["_ownerid_value eq AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE", true],
    ["_ownerid_value ne aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", false],
    ["regardingobjectid_contact/fullname eq 'dana ruiz'", true],
    ["regardingobjectid_contact/nosuch eq 'x'", false],
    ["email_activity_parties/any(p: p/addressused eq 'dana@contoso.example')", true],
    ["email_activity_parties/any(p: p/addressused eq 'nobody@contoso.example')", false],
    ["email_activity_parties/any(p: p/participationtypemask eq 2 and startswith(p/addressused,'ALEX'))", true],
    ["email_activity_parties/all(p: p/participationtypemask le 2)", true],
    ["email_activity_parties/all(p: p/participationtypemask eq 1)", false],
    ["email_activity_parties/any(p: subject eq 'quarterly review')", true],
    ["email_activity_parties/any()", true],
    ["no_parties/any()", false],
    ["no_parties/all(p: p/x eq 1)", true],
    ["missing_collection/any()", false],
    [`Microsoft.Dynamics.CRM.In(PropertyName='subject',PropertyValues=["quarterly review","x"])`, true],
    [`Microsoft.Dynamics.CRM.In(PropertyName='actualdurationminutes',PropertyValues=["10","30"])`, true],
    [`Microsoft.Dynamics.CRM.NotIn(PropertyName='actualdurationminutes',PropertyValues=["10","30"])`, false],
    [`Microsoft.Dynamics.CRM.NotIn(PropertyName='description',PropertyValues=["x"])`, false],
    [`Microsoft.Dynamics.CRM.In(PropertyName='ownerid',PropertyValues=["${OWNER.toUpperCase()}"])`, true],
    ["subject eq @p1", true],
    ["true", true],
    ["false", false],
    ["subject eq 30", false],
  ];

  test.each(cases)("%s → %s", (text, expected) => {
    expect(evaluateFilter(parseFilter(text, { resolveAlias }), ROW, resolve)).toBe(expected);
  });

  test("EqualUserId compares the lookup with the calling user, case-insensitively", () => {
    const ast = parseFilter("Microsoft.Dynamics.CRM.EqualUserId(PropertyName='ownerid')");
    const notAst = parseFilter("Microsoft.Dynamics.CRM.NotEqualUserId(PropertyName='_ownerid_value')");
    expect(evaluateFilter(ast, ROW, resolve, { userId: OWNER.toUpperCase() })).toBe(true);
    expect(evaluateFilter(ast, ROW, resolve, { userId: "11111111-2222-3333-4444-555555555555" })).toBe(false);
    expect(evaluateFilter(notAst, ROW, resolve, { userId: "11111111-2222-3333-4444-555555555555" })).toBe(true);
    expect(() => evaluateFilter(ast, ROW, resolve)).toThrow("EqualUserId/NotEqualUserId need context.userId");
  });

  test("passes the caller's row and lambda rows to resolve", () => {
    const calls: string[] = [];
    const spy: ResolvePath = (row, path) => {
      calls.push(`${row === ROW ? "root" : "party"}:${path.join("/")}`);
      return resolve(row, path);
    };
    evaluateFilter(parseFilter("email_activity_parties/any(p: p/participationtypemask eq 2)"), ROW, spy);
    expect(calls).toEqual(["root:email_activity_parties", "party:participationtypemask", "party:participationtypemask"]);
  });
});

describe("evaluateFilter with caseSensitive (Global Discovery)", () => {
  const ROW_UPPER_GUID: Record<string, unknown> = { ...ROW, _ownerid_value: OWNER.toUpperCase() };
  const cases: [string, boolean, boolean][] = [
    // text, case-sensitive result, default (case-insensitive) result
    ["subject eq 'Quarterly Review'", true, true],
    ["subject eq 'quarterly review'", false, true],
    ["subject ne 'quarterly review'", true, false],
    ["subject gt 'a'", false, true],
    ["subject lt 'a'", true, false],
    ["subject ge 'Quarterly Review' and subject le 'Quarterly Review'", true, true],
    ["contains(subject,'Review')", true, true],
    ["contains(subject,'review')", false, true],
    ["startswith(subject,'quarter')", false, true],
    ["startswith(subject,'Quarter')", true, true],
    ["endswith(subject,'VIEW')", false, true],
    ["not contains(subject,'review')", true, false],
    ["email_activity_parties/any(p: p/addressused eq 'dana@contoso.example')", false, true],
    [`Microsoft.Dynamics.CRM.In(PropertyName='subject',PropertyValues=["quarterly review"])`, false, true],
    [`Microsoft.Dynamics.CRM.In(PropertyName='subject',PropertyValues=["Quarterly Review"])`, true, true],
    // GUID literals still compare case-insensitively.
    ["_ownerid_value eq AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE", true, true],
    ["actualdurationminutes eq 30", true, true],
  ];

  test.each(cases)("%s → %s (default: %s)", (text, sensitive, insensitive) => {
    const ast = parseFilter(text);
    expect(evaluateFilter(ast, ROW, resolve, { caseSensitive: true })).toBe(sensitive);
    expect(evaluateFilter(ast, ROW, resolve, { caseSensitive: false })).toBe(insensitive);
    expect(evaluateFilter(ast, ROW, resolve)).toBe(insensitive);
  });

  test("a GUID literal matches a GUID stored in upper case", () => {
    const ast = parseFilter(`_ownerid_value eq ${OWNER}`);
    expect(evaluateFilter(ast, ROW_UPPER_GUID, resolve, { caseSensitive: true })).toBe(true);
  });
});

describe("compareValues", () => {
  const cases: [unknown, unknown, number | undefined][] = [
    [1, 2, -1],
    [2, "2", 0],
    ["abc", "ABD", -1],
    ["B", "a", 1],
    [false, true, -1],
    ["2024-01-02T00:00:00Z", "2024-01-01T23:00:00-02:00", -1],
    [null, 1, undefined],
    [undefined, undefined, undefined],
    [true, 1, undefined],
    [{}, "x", undefined],
  ];

  test.each(cases)("%p vs %p", (a, b, order) => {
    expect(compareValues(a, b)).toBe(order);
  });

  test.each<[unknown, unknown, number | undefined]>([
    ["abc", "ABD", 1],
    ["B", "a", -1],
    ["a", "a", 0],
    ["a", "A", 1],
    [2, "2", 0],
    ["2024-01-02T00:00:00Z", "2024-01-01T23:00:00-02:00", -1],
  ])("%p vs %p, case-sensitive", (a, b, order) => {
    expect(compareValues(a, b, true)).toBe(order);
  });
});
