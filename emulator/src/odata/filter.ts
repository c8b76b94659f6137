/**
 * OData v4 `$filter` for the subset Dataverse accepts: a lexer, a recursive-descent parser producing an AST,
 * a metadata check (`validateFilter`) and a three-valued evaluator (`evaluateFilter`).
 * Every problem with the input is a 400 `ODataError`; nothing else escapes. Pure: no I/O, no dependencies.
 *
 * Grammar (precedence from tightest): primary, `not`, comparison (`eq ne gt ge lt le`, not chainable), `and`, `or`.
 */
import { type ODataError, badRequest } from "../http/odata-error";

// ---------------------------------------------------------------------------------------------------------------------
// AST

/** The kinds of literal the lexer recognises; `date` is a bare `2024-01-02`, `datetime` carries a time and an offset. */
export type LiteralKind = "string" | "int" | "decimal" | "bool" | "null" | "guid" | "datetime" | "date";

/** A literal. Numbers are JS numbers, GUIDs are lower-cased, datetimes and dates keep their ISO text. */
export interface LiteralNode {
  kind: "literal";
  type: LiteralKind;
  value: string | number | boolean | null;
}

/**
 * A property path such as `subject` or `regardingobjectid_contact/contactid`; inside a lambda, `variable` names the
 * lambda variable the path starts from (and `path` excludes it).
 */
export interface PropertyNode {
  kind: "property";
  path: string[];
  variable?: string;
}

export type CompareOperator = "eq" | "ne" | "gt" | "ge" | "lt" | "le";

export interface CompareNode {
  kind: "compare";
  op: CompareOperator;
  left: FilterAst;
  right: FilterAst;
}

export interface LogicalNode {
  kind: "and" | "or";
  left: FilterAst;
  right: FilterAst;
}

export interface NotNode {
  kind: "not";
  operand: FilterAst;
}

export type StringFunctionName = "contains" | "startswith" | "endswith";

/** `contains(a, b)`, `startswith(a, b)`, `endswith(a, b)`. */
export interface CallNode {
  kind: "call";
  name: StringFunctionName;
  args: [FilterAst, FilterAst];
}

/** `collection/any(v: predicate)`, `collection/any()`, `collection/all(v: predicate)`. */
export interface LambdaNode {
  kind: "lambda";
  op: "any" | "all";
  collection: PropertyNode;
  variable?: string;
  predicate?: FilterAst;
}

/** `Microsoft.Dynamics.CRM.In(PropertyName='x',PropertyValues=[...])`, or `NotIn` when `negated`. */
export interface InNode {
  kind: "in";
  negated: boolean;
  property: PropertyNode;
  values: LiteralNode[];
}

/** `Microsoft.Dynamics.CRM.EqualUserId(PropertyName='ownerid')`, or `NotEqualUserId` when `negated`. */
export interface UserIdNode {
  kind: "userid";
  negated: boolean;
  property: PropertyNode;
}

export type FilterAst = LiteralNode | PropertyNode | CompareNode | LogicalNode | NotNode | CallNode | LambdaNode | InNode | UserIdNode;

/** Returns the raw text of a parameter alias (`@p1` → `'x'`), or undefined when the request does not define it. */
export type AliasResolver = (name: string) => string | undefined;

export interface ParseFilterOptions {
  /** Looks up `@name` aliases; called with the name including `@`. Without it any alias is an error. */
  resolveAlias?: AliasResolver;
  /** The option name quoted in error messages; `$filter` by default. */
  label?: string;
}

/** Deepest nesting of parentheses, `not` and lambdas accepted before the parser gives up with a 400. */
export const MAX_FILTER_DEPTH = 100;

const COMPARE_OPERATORS: ReadonlySet<string> = new Set(["eq", "ne", "gt", "ge", "lt", "le"]);
const UNSUPPORTED_OPERATORS: ReadonlySet<string> = new Set(["add", "sub", "mul", "div", "divby", "mod", "has", "in"]);
const RESERVED: ReadonlySet<string> = new Set(["and", "or", ...COMPARE_OPERATORS, ...UNSUPPORTED_OPERATORS]);
const STRING_FUNCTIONS: ReadonlySet<string> = new Set(["contains", "startswith", "endswith"]);
const QUERY_FUNCTION_PREFIX = "Microsoft.Dynamics.CRM.";
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Returns the 400 error for a syntax problem at `position` (0-based, counted in `source`, which is quoted as is). */
export function syntaxError(source: string, position: number, detail: string): ODataError {
  return badRequest(`Syntax error at position ${position} in '${source}': ${detail}.`);
}

// ---------------------------------------------------------------------------------------------------------------------
// Lexer

type TokenKind = "identifier" | "string" | "json-string" | "number" | "guid" | "datetime" | "date" | "alias" | "punctuation" | "end";

interface Token {
  kind: TokenKind;
  /** The token as written. */
  text: string;
  /** Offset in the quoted source. */
  position: number;
  /** Strings: the unescaped content; everything else: the text. */
  value: string;
}

const GUID = /[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}(?![\w-])/y;
const DATETIME = /(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,7})?)?(?:Z|[+-](\d{2}):(\d{2}))(?![\w:.+-])/y;
const DATETIME_WITHOUT_OFFSET = /\d{4}-\d{2}-\d{2}T[\d:.]*/y;
const DATE = /(\d{4})-(\d{2})-(\d{2})(?![\w:.+-])/y;
const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?(?![\w.])/y;
const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*/y;
const ALIAS = /@[A-Za-z_][A-Za-z0-9_]*/y;
const PUNCTUATION = "()/,:[]=";

/** The text `pattern` matches at `index` in `text`, or undefined. */
function matchAt(pattern: RegExp, text: string, index: number): RegExpExecArray | undefined {
  pattern.lastIndex = index;
  return pattern.exec(text) ?? undefined;
}

/** True when the captured calendar date and clock time exist (no February 30th, no 24:00). */
function validDateParts(match: RegExpExecArray): boolean {
  const [year, month, day, hour, minute, second, offsetHour, offsetMinute] = match.slice(1).map((part) => Number(part ?? "0"));
  const date = new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1));
  const calendarOk = date.getUTCFullYear() === year && date.getUTCMonth() === (month ?? 0) - 1 && date.getUTCDate() === day;
  return calendarOk && (hour ?? 0) < 24 && (minute ?? 0) < 60 && (second ?? 0) < 60 && (offsetHour ?? 0) < 24 && (offsetMinute ?? 0) < 60;
}

class Lexer {
  private index = 0;
  private readonly tokens: Token[] = [];

  constructor(
    private readonly text: string,
    private readonly source: string,
    private readonly offset: number,
  ) {}

  /** Returns every token of the text, ending with an `end` token; throws 400 on a character or literal it cannot read. */
  run(): Token[] {
    for (;;) {
      while (/\s/.test(this.text[this.index] ?? "")) this.index++;
      if (this.index >= this.text.length) break;
      this.tokens.push(this.readToken());
    }
    this.tokens.push({ kind: "end", text: "", position: this.offset + this.text.length, value: "" });
    return this.tokens;
  }

  private fail(index: number, detail: string): never {
    throw syntaxError(this.source, this.offset + index, detail);
  }

  private token(kind: TokenKind, start: number, end: number, value?: string): Token {
    this.index = end;
    const text = this.text.slice(start, end);
    return { kind, text, position: this.offset + start, value: value ?? text };
  }

  private readToken(): Token {
    const start = this.index;
    const ch = this.text[start] ?? "";
    if (ch === "'") return this.readQuoted(start);
    if (ch === '"') return this.readJsonString(start);
    if (PUNCTUATION.includes(ch)) return this.token("punctuation", start, start + 1);
    const guid = matchAt(GUID, this.text, start);
    if (guid) return this.token("guid", start, start + guid[0].length, guid[0].toLowerCase());
    return this.readDateOrNumber(start) ?? this.readWord(start);
  }

  private readDateOrNumber(start: number): Token | undefined {
    const datetime = matchAt(DATETIME, this.text, start);
    if (datetime) {
      if (!validDateParts(datetime)) this.fail(start, `'${datetime[0]}' is not a valid date and time`);
      return this.token("datetime", start, start + datetime[0].length);
    }
    const partial = matchAt(DATETIME_WITHOUT_OFFSET, this.text, start);
    if (partial) this.fail(start, `'${partial[0]}' is not a valid date and time; it needs a 'Z' or '±hh:mm' offset`);
    const date = matchAt(DATE, this.text, start);
    if (date) {
      if (!validDateParts(date)) this.fail(start, `'${date[0]}' is not a valid date`);
      return this.token("date", start, start + date[0].length);
    }
    const number = matchAt(NUMBER, this.text, start);
    if (number) return this.token("number", start, start + number[0].length);
    if (/[-\d]/.test(this.text[start] ?? "")) {
      this.fail(start, `'${this.text.slice(start).split(/[\s(),]/)[0] ?? ""}' is not a valid literal`);
    }
    return undefined;
  }

  private readWord(start: number): Token {
    const alias = matchAt(ALIAS, this.text, start);
    if (alias) return this.token("alias", start, start + alias[0].length);
    const identifier = matchAt(IDENTIFIER, this.text, start);
    if (identifier) return this.token("identifier", start, start + identifier[0].length);
    return this.fail(start, `unexpected character '${this.text[start] ?? ""}'`);
  }

  /** A single-quoted string; `''` stands for one quote. */
  private readQuoted(start: number): Token {
    let value = "";
    let i = start + 1;
    for (;;) {
      const quote = this.text.indexOf("'", i);
      if (quote < 0) this.fail(start, "unterminated string literal");
      value += this.text.slice(i, quote);
      if (this.text[quote + 1] !== "'") return this.token("string", start, quote + 1, value);
      value += "'";
      i = quote + 2;
    }
  }

  /** A double-quoted JSON string, accepted only inside `PropertyValues=[...]`. */
  private readJsonString(start: number): Token {
    const match = matchAt(/"(?:[^"\\]|\\.)*"/y, this.text, start);
    if (!match) this.fail(start, "unterminated string literal");
    let value: unknown;
    try {
      value = JSON.parse(match[0]);
    } catch {
      this.fail(start, `invalid escape in string literal ${match[0]}`);
    }
    return this.token("json-string", start, start + match[0].length, String(value));
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// Parser

/** True for nodes that can stand where a boolean is needed (properties are checked later against metadata). */
function canBeBoolean(node: FilterAst): boolean {
  return node.kind !== "literal" || node.type === "bool";
}

function describe(token: Token): string {
  if (token.kind === "end") return "the end of the expression";
  if (token.kind === "string") return `the string literal ${token.text}`;
  return `'${token.text}'`;
}

/** `expected <what>`, followed by what was found unless the expression simply ended. */
function expected(what: string, found: Token): string {
  return found.kind === "end" ? `expected ${what}` : `expected ${what} but found ${describe(found)}`;
}

function literalOf(token: Token): LiteralNode {
  switch (token.kind) {
    case "string":
    case "json-string":
      return { kind: "literal", type: "string", value: token.value };
    case "number":
      return { kind: "literal", type: /[.eE]/.test(token.text) ? "decimal" : "int", value: Number(token.text) };
    case "guid":
      return { kind: "literal", type: "guid", value: token.value };
    case "datetime":
      return { kind: "literal", type: "datetime", value: token.text };
    case "date":
      return { kind: "literal", type: "date", value: token.text };
    default:
      if (token.text === "null") return { kind: "literal", type: "null", value: null };
      return { kind: "literal", type: "bool", value: token.text === "true" };
  }
}

function isLiteralToken(token: Token): boolean {
  if (token.kind === "identifier") return ["true", "false", "null"].includes(token.text);
  return ["string", "number", "guid", "datetime", "date"].includes(token.kind);
}

class Parser {
  private index = 0;
  private depth = 0;
  private readonly scopes: string[] = [];

  constructor(
    private readonly tokens: Token[],
    private readonly source: string,
    private readonly resolveAlias: AliasResolver | undefined,
    private readonly insideAlias: boolean,
  ) {}

  /** Returns the AST of a whole boolean expression; throws 400 on any syntax error. */
  parseWhole(): FilterAst {
    const start = this.peek();
    const node = this.parseOr();
    this.expectEnd("an operator or the end of the expression");
    this.requireBoolean(node, start);
    return node;
  }

  /** Returns the AST of one operand (the value of an alias) that must span the whole text. */
  parseOperandWhole(): FilterAst {
    const node = this.parsePrimary();
    this.expectEnd("the end of the alias value");
    return node;
  }

  private peek(ahead = 0): Token {
    const token = this.tokens[Math.min(this.index + ahead, this.tokens.length - 1)];
    if (!token) throw new Error("filter parser: token stream without an end token");
    return token;
  }

  private next(): Token {
    const token = this.peek();
    if (this.index < this.tokens.length - 1) this.index++;
    return token;
  }

  private fail(token: Token, detail: string): never {
    throw syntaxError(this.source, token.position, detail);
  }

  private isWord(token: Token, word: string): boolean {
    return token.kind === "identifier" && token.text === word;
  }

  private isPunctuation(token: Token, char: string): boolean {
    return token.kind === "punctuation" && token.text === char;
  }

  private expectPunctuation(char: string): Token {
    const token = this.next();
    if (!this.isPunctuation(token, char)) this.fail(token, expected(`'${char}'`, token));
    return token;
  }

  private expectEnd(what: string): void {
    const token = this.peek();
    if (token.kind === "end") return;
    if (token.kind === "identifier" && UNSUPPORTED_OPERATORS.has(token.text)) {
      this.fail(token, `the operator '${token.text}' is not supported`);
    }
    this.fail(token, expected(what, token));
  }

  private requireBoolean(node: FilterAst, start: Token): void {
    if (!canBeBoolean(node)) this.fail(start, "expected a boolean expression");
  }

  private enter(token: Token): void {
    if (++this.depth > MAX_FILTER_DEPTH) this.fail(token, `the expression is nested more than ${MAX_FILTER_DEPTH} levels deep`);
  }

  private parseOr(): FilterAst {
    return this.parseLogical("or", () => this.parseAnd());
  }

  private parseAnd(): FilterAst {
    return this.parseLogical("and", () => this.parseComparison());
  }

  private parseLogical(kind: "and" | "or", operand: () => FilterAst): FilterAst {
    const first = this.peek();
    let left = operand();
    while (this.isWord(this.peek(), kind)) {
      this.requireBoolean(left, first);
      this.next();
      const start = this.peek();
      const right = operand();
      this.requireBoolean(right, start);
      left = { kind, left, right };
    }
    return left;
  }

  private parseComparison(): FilterAst {
    const left = this.parseUnary();
    const operator = this.peek();
    if (operator.kind !== "identifier") return left;
    if (UNSUPPORTED_OPERATORS.has(operator.text)) this.fail(operator, `the operator '${operator.text}' is not supported`);
    if (!COMPARE_OPERATORS.has(operator.text)) return left;
    this.next();
    const right = this.parseUnary();
    return { kind: "compare", op: operator.text as CompareOperator, left, right };
  }

  private parseUnary(): FilterAst {
    const token = this.peek();
    if (!this.isWord(token, "not")) return this.parsePrimary();
    this.enter(token);
    this.next();
    const start = this.peek();
    const operand = this.parseUnary();
    this.requireBoolean(operand, start);
    this.depth--;
    return { kind: "not", operand };
  }

  private parsePrimary(): FilterAst {
    const token = this.peek();
    this.enter(token);
    const node = this.parsePrimaryAt(token);
    this.depth--;
    return node;
  }

  private parsePrimaryAt(token: Token): FilterAst {
    if (this.isPunctuation(token, "(")) {
      this.next();
      const inner = this.parseOr();
      this.expectPunctuation(")");
      return inner;
    }
    if (isLiteralToken(token)) return literalOf(this.next());
    if (token.kind === "alias") return this.parseAlias(this.next());
    if (token.kind === "json-string") this.fail(token, "string literals are enclosed in single quotes");
    if (token.kind !== "identifier") this.fail(token, expected("a value", token));
    if (RESERVED.has(token.text) || token.text === "not") this.fail(token, expected("a value", token));
    this.next();
    if (this.isPunctuation(this.peek(), "(")) return this.parseFunction(token);
    return this.parsePath(token);
  }

  private parseAlias(token: Token): FilterAst {
    if (this.insideAlias) this.fail(token, "a parameter alias value cannot refer to another alias");
    const text = this.resolveAlias?.(token.text);
    if (text === undefined) throw badRequest(`The parameter alias '${token.text}' is not defined.`);
    const source = `${token.text}=${text}`;
    const tokens = new Lexer(text, source, token.text.length + 1).run();
    return new Parser(tokens, source, undefined, true).parseOperandWhole();
  }

  private parseFunction(name: Token): FilterAst {
    if (STRING_FUNCTIONS.has(name.text)) return this.parseStringFunction(name.text as StringFunctionName);
    if (name.text.startsWith(QUERY_FUNCTION_PREFIX)) return this.parseQueryFunction(name);
    if (name.text === "any" || name.text === "all") {
      this.fail(name, `'${name.text}' must follow a collection-valued navigation property and '/'`);
    }
    const supported = "contains, startswith, endswith and Microsoft.Dynamics.CRM query functions";
    return this.fail(name, `unknown function '${name.text}'; the functions supported are ${supported}`);
  }

  private parseStringFunction(name: StringFunctionName): CallNode {
    this.expectPunctuation("(");
    const first = this.parseOr();
    this.expectPunctuation(",");
    const second = this.parseOr();
    this.expectPunctuation(")");
    return { kind: "call", name, args: [first, second] };
  }

  private parsePath(first: Token): FilterAst {
    this.checkSegment(first);
    const variable = this.scopes.includes(first.text) ? first.text : undefined;
    const node: PropertyNode = variable ? { kind: "property", path: [], variable } : { kind: "property", path: [first.text] };
    while (this.isPunctuation(this.peek(), "/")) {
      this.next();
      const segment = this.next();
      if (segment.kind !== "identifier") this.fail(segment, expected("a property name after '/'", segment));
      const lambda = (segment.text === "any" || segment.text === "all") && this.isPunctuation(this.peek(), "(");
      if (lambda) return this.parseLambda(node, segment);
      this.checkSegment(segment);
      node.path.push(segment.text);
    }
    if (node.path.length === 0) this.fail(first, `the lambda variable '${first.text}' must be followed by '/' and a property name`);
    return node;
  }

  private checkSegment(token: Token): void {
    if (token.text.includes(".")) {
      this.fail(token, `type casts and qualified names such as '${token.text}' are not supported in a property path`);
    }
    if (RESERVED.has(token.text) || token.text === "not") this.fail(token, expected("a property name", token));
  }

  private parseLambda(collection: PropertyNode, operator: Token): LambdaNode {
    const op = operator.text as "any" | "all";
    if (collection.path.length === 0) this.fail(operator, `'${op}' must follow a collection-valued navigation property`);
    this.enter(operator);
    this.expectPunctuation("(");
    if (this.isPunctuation(this.peek(), ")")) {
      if (op === "all") this.fail(this.peek(), "all() needs a lambda variable and a predicate, as in all(x: x/name eq 'a')");
      this.next();
      this.depth--;
      return { kind: "lambda", op, collection };
    }
    const variable = this.parseLambdaVariable();
    this.scopes.push(variable);
    const start = this.peek();
    const predicate = this.parseOr();
    this.requireBoolean(predicate, start);
    this.scopes.pop();
    this.expectPunctuation(")");
    this.depth--;
    return { kind: "lambda", op, collection, variable, predicate };
  }

  private parseLambdaVariable(): string {
    const token = this.next();
    if (token.kind !== "identifier" || !NAME.test(token.text) || RESERVED.has(token.text)) {
      this.fail(token, expected("a lambda variable name", token));
    }
    if (this.scopes.includes(token.text)) this.fail(token, `the lambda variable '${token.text}' is already in use`);
    this.expectPunctuation(":");
    return token.text;
  }

  private parseQueryFunction(name: Token): FilterAst {
    const short = name.text.slice(QUERY_FUNCTION_PREFIX.length);
    const args = this.parseNamedArguments();
    if (short === "In" || short === "NotIn") {
      const property = this.requireArgument(name, args, "PropertyName");
      const values = this.requireArgument(name, args, "PropertyValues");
      this.rejectOtherArguments(name, args, ["PropertyName", "PropertyValues"]);
      return { kind: "in", negated: short === "NotIn", property: this.propertyArgument(property), values: this.valuesArgument(values) };
    }
    if (short === "EqualUserId" || short === "NotEqualUserId") {
      const property = this.requireArgument(name, args, "PropertyName");
      this.rejectOtherArguments(name, args, ["PropertyName"]);
      return { kind: "userid", negated: short === "NotEqualUserId", property: this.propertyArgument(property) };
    }
    const supported = "In, NotIn, EqualUserId and NotEqualUserId";
    return this.fail(name, `the query function '${name.text}' is not supported; the emulator supports ${supported}`);
  }

  /** Reads `(Name=value,Name=[v,...])`, returning each argument's value token(s) by name. */
  private parseNamedArguments(): Map<string, Token[]> {
    const args = new Map<string, Token[]>();
    this.expectPunctuation("(");
    if (this.isPunctuation(this.peek(), ")")) {
      this.next();
      return args;
    }
    do {
      const name = this.next();
      if (name.kind !== "identifier" || !NAME.test(name.text)) this.fail(name, expected("a parameter name", name));
      if (args.has(name.text)) this.fail(name, `the parameter '${name.text}' is given more than once`);
      this.expectPunctuation("=");
      args.set(name.text, this.parseArgumentValue());
    } while (this.isPunctuation(this.peek(), ",") && this.next());
    this.expectPunctuation(")");
    return args;
  }

  private parseArgumentValue(): Token[] {
    const open = this.peek();
    if (!this.isPunctuation(open, "[")) return [this.argumentLiteral()];
    this.next();
    const values: Token[] = [];
    if (this.isPunctuation(this.peek(), "]")) this.fail(this.peek(), "expected at least one value in the list");
    do values.push(this.argumentLiteral());
    while (this.isPunctuation(this.peek(), ",") && this.next());
    this.expectPunctuation("]");
    return [open, ...values];
  }

  private argumentLiteral(): Token {
    const token = this.next();
    if (token.kind === "json-string" || isLiteralToken(token)) return token;
    return this.fail(token, expected("a literal value", token));
  }

  private requireArgument(fn: Token, args: Map<string, Token[]>, name: string): Token[] {
    const value = args.get(name);
    if (!value) this.fail(fn, `the query function '${fn.text}' needs the parameter '${name}'`);
    return value;
  }

  private rejectOtherArguments(fn: Token, args: Map<string, Token[]>, known: string[]): void {
    for (const name of args.keys()) {
      if (!known.includes(name)) this.fail(fn, `the query function '${fn.text}' has no parameter named '${name}'`);
    }
  }

  private propertyArgument(tokens: Token[]): PropertyNode {
    const token = tokens[0];
    if (!token || tokens.length !== 1 || (token.kind !== "string" && token.kind !== "json-string")) {
      return this.fail(token ?? this.peek(), "PropertyName must be a quoted property name");
    }
    if (!NAME.test(token.value)) this.fail(token, `'${token.value}' is not a property name`);
    return { kind: "property", path: [token.value] };
  }

  private valuesArgument(tokens: Token[]): LiteralNode[] {
    const [open, ...values] = tokens;
    if (!open || !this.isPunctuation(open, "[")) {
      return this.fail(open ?? this.peek(), 'PropertyValues must be a list in brackets, as in ["a","b"]');
    }
    return values.map(literalOf);
  }
}

/** Returns the AST of a `$filter` expression, aliases substituted; throws a 400 ODataError on any syntax error or unknown alias. */
export function parseFilter(text: string, options: ParseFilterOptions = {}): FilterAst {
  const label = options.label ?? "$filter";
  const source = `${label}=${text}`;
  const tokens = new Lexer(text, source, label.length + 1).run();
  if (tokens.length === 1) throw syntaxError(source, label.length + 1, "expected an expression");
  return new Parser(tokens, source, options.resolveAlias, false).parseWhole();
}

// ---------------------------------------------------------------------------------------------------------------------
// Referenced properties

/** Visits every node of the AST with the path of the collection each lambda variable ranges over. */
type Visitor = (node: FilterAst, scope: ReadonlyMap<string, string>) => void;

function walk(node: FilterAst, scope: ReadonlyMap<string, string>, visit: Visitor): void {
  visit(node, scope);
  switch (node.kind) {
    case "compare":
    case "and":
    case "or":
      walk(node.left, scope, visit);
      walk(node.right, scope, visit);
      return;
    case "not":
      walk(node.operand, scope, visit);
      return;
    case "call":
      node.args.forEach((arg) => walk(arg, scope, visit));
      return;
    case "lambda":
      walk(node.collection, scope, visit);
      if (node.predicate && node.variable) {
        walk(node.predicate, new Map(scope).set(node.variable, propertyPath(node.collection, scope)), visit);
      }
      return;
    case "in":
    case "userid":
      walk(node.property, scope, visit);
      return;
    default:
      return;
  }
}

/** The full path of a property as a string, a lambda variable replaced by the collection it ranges over. */
function propertyPath(node: PropertyNode, scope: ReadonlyMap<string, string>): string {
  const base = node.variable === undefined ? [] : [scope.get(node.variable) ?? node.variable];
  return [...base, ...node.path].join("/");
}

/**
 * Returns every property path the filter reads, once each in order of appearance, as `subject` or
 * `regardingobjectid_contact/contactid`; a lambda contributes its collection (`email_activity_parties`) and the
 * paths read through its variable prefixed with it (`email_activity_parties/addressused`). Never throws.
 */
export function referencedProperties(ast: FilterAst): string[] {
  const seen = new Set<string>();
  walk(ast, new Map(), (node, scope) => {
    if (node.kind === "property") seen.add(propertyPath(node, scope));
  });
  return [...seen];
}

// ---------------------------------------------------------------------------------------------------------------------
// Validation against metadata

/** The `_<name>_value` property through which the Web API exposes the lookup attribute `<name>`. */
function lookupValueNode(node: PropertyNode): PropertyNode {
  const path = [...node.path];
  const last = path.pop() ?? "";
  return { ...node, path: [...path, `_${last}_value`] };
}

/** The type of a column as the caller's metadata knows it; `collection` is a collection-valued navigation property. */
export type FilterPropertyType = "string" | "guid" | "int" | "bigint" | "decimal" | "bool" | "datetime" | "memo" | "lookup" | "collection";

/** Returns the type of a property path (as `referencedProperties` spells it), or undefined when there is none. */
export type PropertyTypeOf = (path: string) => FilterPropertyType | undefined;

type EdmType = "Edm.String" | "Edm.Guid" | "Edm.Int32" | "Edm.Int64" | "Edm.Decimal" | "Edm.Boolean" | "Edm.DateTimeOffset" | "Edm.Date";
/** The type of an expression: an EDM type, `null` for the null literal. */
type ExpressionType = EdmType | "null";

const COLUMN_EDM: Readonly<Record<Exclude<FilterPropertyType, "collection">, EdmType>> = {
  string: "Edm.String",
  memo: "Edm.String",
  guid: "Edm.Guid",
  lookup: "Edm.Guid",
  int: "Edm.Int32",
  bigint: "Edm.Int64",
  decimal: "Edm.Decimal",
  bool: "Edm.Boolean",
  datetime: "Edm.DateTimeOffset",
};

const OPERATOR_KIND: Readonly<Record<CompareOperator | "and" | "or", string>> = {
  eq: "Equal",
  ne: "NotEqual",
  gt: "GreaterThan",
  ge: "GreaterThanOrEqual",
  lt: "LessThan",
  le: "LessThanOrEqual",
  and: "And",
  or: "Or",
};

function incompatibleOperands(left: ExpressionType, right: ExpressionType, operator: CompareOperator | "and" | "or"): ODataError {
  return badRequest(
    "A binary operator with incompatible types was detected. " +
      `Found operand types '${left}' and '${right}' for operator kind '${OPERATOR_KIND[operator]}'.`,
  );
}

/** Types that compare with each other share a family: all numbers, and Date with DateTimeOffset. */
function family(type: EdmType): string {
  if (type === "Edm.Int32" || type === "Edm.Int64" || type === "Edm.Decimal") return "number";
  if (type === "Edm.Date" || type === "Edm.DateTimeOffset") return "datetime";
  return type;
}

function literalEdmType(node: LiteralNode): ExpressionType {
  switch (node.type) {
    case "string":
      return "Edm.String";
    case "int":
      return typeof node.value === "number" && Math.abs(node.value) <= 2147483647 ? "Edm.Int32" : "Edm.Int64";
    case "decimal":
      return "Edm.Decimal";
    case "bool":
      return "Edm.Boolean";
    case "guid":
      return "Edm.Guid";
    case "datetime":
      return "Edm.DateTimeOffset";
    case "date":
      return "Edm.Date";
    case "null":
      return "null";
  }
}

class Validator {
  constructor(
    private readonly entityName: string,
    private readonly typeOf: PropertyTypeOf,
  ) {}

  /** Returns the type of `node`; throws 400 when a property is unknown or operand types do not fit their operator. */
  typeOfNode(node: FilterAst, scope: ReadonlyMap<string, string>): ExpressionType {
    switch (node.kind) {
      case "literal":
        return literalEdmType(node);
      case "property":
        return this.propertyType(node, scope);
      case "compare":
        this.checkComparison(node, scope);
        return "Edm.Boolean";
      case "and":
      case "or":
        this.checkLogical(node, scope);
        return "Edm.Boolean";
      case "not":
        this.checkNot(node, scope);
        return "Edm.Boolean";
      case "call":
        this.checkCall(node, scope);
        return "Edm.Boolean";
      case "lambda":
        this.checkLambda(node, scope);
        return "Edm.Boolean";
      case "in":
      case "userid":
        this.checkQueryFunction(node, scope);
        return "Edm.Boolean";
    }
  }

  private columnType(node: PropertyNode, scope: ReadonlyMap<string, string>): FilterPropertyType {
    const path = propertyPath(node, scope);
    const type = this.typeOf(path);
    if (type === undefined) {
      throw badRequest(`Could not find a property named '${path}' on type 'Microsoft.Dynamics.CRM.${this.entityName}'.`);
    }
    return type;
  }

  private propertyType(node: PropertyNode, scope: ReadonlyMap<string, string>): EdmType {
    const type = this.columnType(node, scope);
    if (type === "collection") {
      throw badRequest(`The collection-valued navigation property '${propertyPath(node, scope)}' can only be used with any() or all().`);
    }
    return COLUMN_EDM[type];
  }

  private checkComparison(node: CompareNode, scope: ReadonlyMap<string, string>): void {
    const left = this.typeOfNode(node.left, scope);
    const right = this.typeOfNode(node.right, scope);
    if (left === "null" || right === "null" || family(left) === family(right)) return;
    throw incompatibleOperands(left, right, node.op);
  }

  private checkLogical(node: LogicalNode, scope: ReadonlyMap<string, string>): void {
    const left = this.typeOfNode(node.left, scope);
    const right = this.typeOfNode(node.right, scope);
    if (left === "Edm.Boolean" && right === "Edm.Boolean") return;
    throw incompatibleOperands(left, right, node.kind);
  }

  private checkNot(node: NotNode, scope: ReadonlyMap<string, string>): void {
    const operand = this.typeOfNode(node.operand, scope);
    if (operand === "Edm.Boolean") return;
    throw badRequest(`A unary operator with an incompatible type was detected. Found operand type '${operand}' for operator kind 'Not'.`);
  }

  private checkCall(node: CallNode, scope: ReadonlyMap<string, string>): void {
    const types = node.args.map((arg) => this.typeOfNode(arg, scope));
    if (types.every((type) => type === "Edm.String" || type === "null")) return;
    const signature = `${node.name}(Edm.String Nullable=true, Edm.String Nullable=true)`;
    throw badRequest(
      `No function signature for the function with name '${node.name}' matches the specified arguments. ` +
        `The function signatures considered are: ${signature}.`,
    );
  }

  private checkLambda(node: LambdaNode, scope: ReadonlyMap<string, string>): void {
    const path = propertyPath(node.collection, scope);
    if (this.columnType(node.collection, scope) !== "collection") {
      throw badRequest(`The '${node.op}' operator needs a collection-valued navigation property, and '${path}' is not one.`);
    }
    if (!node.predicate || !node.variable) return;
    const inner = new Map(scope).set(node.variable, path);
    const type = this.typeOfNode(node.predicate, inner);
    if (type !== "Edm.Boolean") {
      throw badRequest(`The predicate of '${node.op}' over '${path}' must be a boolean expression; found '${type}'.`);
    }
  }

  /** Query functions name the attribute (`ownerid`); a lookup attribute is read as its `_ownerid_value` property. */
  private checkQueryFunction(node: InNode | UserIdNode, scope: ReadonlyMap<string, string>): void {
    const lookup = lookupValueNode(node.property);
    const viaLookup = this.typeOf(propertyPath(node.property, scope)) === undefined && this.typeOf(propertyPath(lookup, scope)) === "lookup";
    const type = this.propertyType(viaLookup ? lookup : node.property, scope);
    if (node.kind === "userid" && type !== "Edm.Guid") {
      const name = node.negated ? "NotEqualUserId" : "EqualUserId";
      const path = propertyPath(node.property, scope);
      throw badRequest(`The query function ${name} needs a lookup or unique identifier property, and '${path}' is not one.`);
    }
  }
}

/**
 * Checks a parsed filter against table metadata: returns nothing when every property exists and every operator gets
 * operands of compatible types; throws a 400 ODataError (Dataverse's wording) naming the first problem.
 */
export function validateFilter(ast: FilterAst, entityName: string, typeOf: PropertyTypeOf): void {
  const type = new Validator(entityName, typeOf).typeOfNode(ast, new Map());
  if (type !== "Edm.Boolean") throw badRequest("The $filter expression must evaluate to a single boolean value.");
}

// ---------------------------------------------------------------------------------------------------------------------
// Evaluation

/** Reads a property path from a row; for a collection-valued navigation it returns the array of related rows. */
export type ResolvePath = (row: Record<string, unknown>, path: string[]) => unknown;

export interface EvaluateContext {
  /** The calling user's systemuserid, needed by EqualUserId / NotEqualUserId. */
  userId?: string;
  /**
   * Compare strings ordinally and case-sensitively (`eq ne gt ge lt le`, `in`, contains / startswith / endswith), as
   * Global Discovery does; by default they compare case-insensitively, as in the Web API. GUIDs stay case-insensitive.
   */
  caseSensitive?: boolean;
}

/** Three-valued logic: `null` is SQL's UNKNOWN (a comparison with a null value). */
type Truth = boolean | null;

interface Environment {
  root: Record<string, unknown>;
  variables: ReadonlyMap<string, Record<string, unknown>>;
  resolve: ResolvePath;
  context: EvaluateContext;
}

/** A value with the literal kind it came from, when it is a literal. */
interface Operand {
  value: unknown;
  literal?: LiteralKind;
}

const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?$/;

function isNullish(value: unknown): boolean {
  return value === null || value === undefined;
}

function isRow(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function instant(value: unknown): number | undefined {
  if (value instanceof Date) return value.getTime();
  if (typeof value !== "string" || !ISO_DATETIME.test(value)) return undefined;
  const ms = Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
  return Number.isNaN(ms) ? undefined : ms;
}

function numeric(value: unknown): number | undefined {
  if (typeof value === "number") return value;
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "string" && /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(value.trim())) return Number(value);
  return undefined;
}

function sign(difference: number): number {
  return difference < 0 ? -1 : difference > 0 ? 1 : 0;
}

function compareAsInstants(a: unknown, b: unknown): number | undefined {
  const x = instant(a);
  const y = instant(b);
  return x === undefined || y === undefined ? undefined : sign(x - y);
}

function compareStrings(a: string, b: string, caseSensitive: boolean): number {
  const x = caseSensitive ? a : a.toLowerCase();
  const y = caseSensitive ? b : b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Compares two non-null values; `datetime` forces instant comparison, a GUID literal a case-insensitive one.
 * Undefined when they are not comparable.
 */
function compareOperands(a: Operand, b: Operand, caseSensitive: boolean): number | undefined {
  const datetimeLiteral = (o: Operand): boolean => o.literal === "datetime" || o.literal === "date";
  if (datetimeLiteral(a) || datetimeLiteral(b)) return compareAsInstants(a.value, b.value);
  const guidLiteral = a.literal === "guid" || b.literal === "guid";
  return compareValues(a.value, b.value, caseSensitive && !guidLiteral);
}

/**
 * Returns the order of two stored values as Dataverse compares them (negative, 0, positive): numbers numerically
 * (numeric strings too), ISO datetimes as instants, booleans false < true, other strings case-insensitively (ordinally
 * when `caseSensitive`); undefined when either is null/undefined or the two are not comparable. Never throws.
 */
export function compareValues(a: unknown, b: unknown, caseSensitive = false): number | undefined {
  if (isNullish(a) || isNullish(b)) return undefined;
  if (typeof a === "boolean" || typeof b === "boolean") return typeof a === typeof b ? Number(a) - Number(b) : undefined;
  if (typeof a === "number" || typeof b === "number" || typeof a === "bigint" || typeof b === "bigint") {
    const x = numeric(a);
    const y = numeric(b);
    return x === undefined || y === undefined ? undefined : sign(x - y);
  }
  if (a instanceof Date || b instanceof Date) return compareAsInstants(a, b);
  if (typeof a !== "string" || typeof b !== "string") return undefined;
  const bothIso = ISO_DATETIME.test(a) && ISO_DATETIME.test(b);
  if (bothIso && (a.includes("T") || b.includes("T"))) return compareAsInstants(a, b);
  return compareStrings(a, b, caseSensitive);
}

function compareTruth(op: CompareOperator, left: Operand, right: Operand, caseSensitive: boolean): Truth {
  const leftNull = isNullish(left.value);
  const rightNull = isNullish(right.value);
  if (left.literal === "null" || right.literal === "null") {
    if (op === "eq") return leftNull && rightNull;
    if (op === "ne") return leftNull !== rightNull;
    return null;
  }
  if (leftNull || rightNull) return null;
  const order = compareOperands(left, right, caseSensitive);
  if (order === undefined) return null;
  switch (op) {
    case "eq":
      return order === 0;
    case "ne":
      return order !== 0;
    case "gt":
      return order > 0;
    case "ge":
      return order >= 0;
    case "lt":
      return order < 0;
    case "le":
      return order <= 0;
  }
}

function and(a: Truth, b: Truth): Truth {
  if (a === false || b === false) return false;
  return a === null || b === null ? null : true;
}

function or(a: Truth, b: Truth): Truth {
  if (a === true || b === true) return true;
  return a === null || b === null ? null : false;
}

function not(a: Truth): Truth {
  return a === null ? null : !a;
}

function stringFunction(name: StringFunctionName, haystack: unknown, needle: unknown, caseSensitive: boolean): Truth {
  if (isNullish(haystack) || isNullish(needle)) return null;
  if (typeof haystack !== "string" || typeof needle !== "string") return null;
  const h = caseSensitive ? haystack : haystack.toLowerCase();
  const n = caseSensitive ? needle : needle.toLowerCase();
  if (name === "contains") return h.includes(n);
  return name === "startswith" ? h.startsWith(n) : h.endsWith(n);
}

function rowOf(node: PropertyNode, env: Environment): Record<string, unknown> {
  return node.variable === undefined ? env.root : (env.variables.get(node.variable) ?? {});
}

function operandOf(node: FilterAst, env: Environment): Operand {
  if (node.kind === "literal") return { value: node.value, literal: node.type };
  if (node.kind === "property") return { value: env.resolve(rowOf(node, env), node.path) };
  return { value: truthOf(node, env) };
}

function lambdaTruth(node: LambdaNode, env: Environment): Truth {
  const collection = env.resolve(rowOf(node.collection, env), node.collection.path);
  const rows = Array.isArray(collection) ? collection.filter(isRow) : [];
  const { predicate, variable } = node;
  if (!predicate || variable === undefined) return rows.length > 0;
  let result: Truth = node.op === "all";
  for (const row of rows) {
    const inner: Environment = { ...env, variables: new Map(env.variables).set(variable, row) };
    const truth = truthOf(predicate, inner);
    result = node.op === "any" ? or(result, truth) : and(result, truth);
    if (result === (node.op === "any")) break;
  }
  return result;
}

/** The value of a query function's attribute: the property of that name, else the `_<name>_value` of a lookup. */
function attributeValue(node: PropertyNode, env: Environment): unknown {
  const value = env.resolve(rowOf(node, env), node.path);
  return value === undefined ? env.resolve(rowOf(node, env), lookupValueNode(node).path) : value;
}

function inTruth(node: InNode, env: Environment): Truth {
  const value = attributeValue(node.property, env);
  if (isNullish(value)) return null;
  const caseSensitive = env.context.caseSensitive ?? false;
  const found = node.values.some((literal) => compareTruth("eq", { value }, { value: literal.value, literal: literal.type }, caseSensitive) === true);
  return node.negated ? !found : found;
}

function userIdTruth(node: UserIdNode, env: Environment): Truth {
  const userId = env.context.userId;
  if (userId === undefined) throw new Error("evaluateFilter: EqualUserId/NotEqualUserId need context.userId");
  const value = attributeValue(node.property, env);
  if (isNullish(value)) return null;
  const equal = typeof value === "string" && value.toLowerCase() === userId.toLowerCase();
  return node.negated ? !equal : equal;
}

function truthOf(node: FilterAst, env: Environment): Truth {
  switch (node.kind) {
    case "literal":
    case "property": {
      const value = operandOf(node, env).value;
      return typeof value === "boolean" ? value : null;
    }
    case "compare":
      return compareTruth(node.op, operandOf(node.left, env), operandOf(node.right, env), env.context.caseSensitive ?? false);
    case "and":
      return and(truthOf(node.left, env), truthOf(node.right, env));
    case "or":
      return or(truthOf(node.left, env), truthOf(node.right, env));
    case "not":
      return not(truthOf(node.operand, env));
    case "call":
      return stringFunction(node.name, operandOf(node.args[0], env).value, operandOf(node.args[1], env).value, env.context.caseSensitive ?? false);
    case "lambda":
      return lambdaTruth(node, env);
    case "in":
      return inTruth(node, env);
    case "userid":
      return userIdTruth(node, env);
  }
}

/**
 * Returns true when `row` matches the filter under SQL three-valued logic: a comparison with a null value (other than
 * `eq null` / `ne null`) is UNKNOWN, `not` of UNKNOWN stays UNKNOWN, and only TRUE matches. Throws a plain Error only
 * when the filter uses EqualUserId without `context.userId` (a caller bug); `resolve`'s own exceptions pass through.
 */
export function evaluateFilter(ast: FilterAst, row: Record<string, unknown>, resolve: ResolvePath, context: EvaluateContext = {}): boolean {
  return truthOf(ast, { root: row, variables: new Map(), resolve, context }) === true;
}
