/** The EDM types of the properties a filter may name. */
export type EdmType = "String" | "Int32" | "Boolean" | "Guid" | "DateTimeOffset";

type Literal =
  | { type: "string"; value: string }
  | { type: "number"; value: number }
  | { type: "boolean"; value: boolean }
  | { type: "null" }
  | { type: "guid"; value: string }
  | { type: "datetime"; value: string };

type Comparison = "eq" | "ne" | "gt" | "ge" | "lt" | "le";
type StringFunction = "contains" | "startswith" | "endswith";

/** A parsed `$filter` expression. */
export type FilterNode =
  | { kind: "compare"; op: Comparison; property: string; literal: Literal }
  | { kind: "function"; name: StringFunction; property: string; value: string }
  | { kind: "and" | "or"; left: FilterNode; right: FilterNode }
  | { kind: "not"; operand: FilterNode };

/** A `$filter` (or key predicate) this parser cannot read; its message is shown to the caller. */
export class FilterSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FilterSyntaxError";
  }
}

type Token =
  | { kind: "identifier"; text: string; at: number }
  | { kind: "literal"; literal: Literal; at: number }
  | { kind: "punct"; text: "(" | ")" | ","; at: number }
  | { kind: "end"; at: number };

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?![\w-])/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})/;
const NUMBER = /^-?\d+(\.\d+)?(?![\w.])/;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*/;
const COMPARISONS: ReadonlySet<string> = new Set(["eq", "ne", "gt", "ge", "lt", "le"]);
const FUNCTIONS: ReadonlySet<string> = new Set(["contains", "startswith", "endswith"]);
const EDM_OF: Record<Exclude<Literal["type"], "null">, string> = {
  string: "Edm.String",
  number: "Edm.Int32",
  boolean: "Edm.Boolean",
  guid: "Edm.Guid",
  datetime: "Edm.DateTimeOffset",
};

/**
 * Parses the `$filter` subset Global Discovery documents: `eq ne gt ge lt le`, `and or not`,
 * parentheses, and `contains` / `startswith` / `endswith`, with the property on the left. Returns the
 * tree; throws FilterSyntaxError for bad syntax, an unknown property or a literal of the wrong type.
 */
export function parseFilter(text: string, properties: ReadonlyMap<string, EdmType>): FilterNode {
  const parser = new Parser(tokenize(text), properties);
  const node = parser.expression();
  parser.expectEnd();
  return node;
}

/** True when the row satisfies the filter. String comparisons are ordinal and case-sensitive, as in Global Discovery. */
export function matchesFilter(node: FilterNode, row: Readonly<Record<string, unknown>>): boolean {
  switch (node.kind) {
    case "and":
      return matchesFilter(node.left, row) && matchesFilter(node.right, row);
    case "or":
      return matchesFilter(node.left, row) || matchesFilter(node.right, row);
    case "not":
      return !matchesFilter(node.operand, row);
    case "function": {
      const value = row[node.property];
      if (typeof value !== "string") return false;
      if (node.name === "contains") return value.includes(node.value);
      return node.name === "startswith" ? value.startsWith(node.value) : value.endsWith(node.value);
    }
    case "compare":
      return compare(node.op, row[node.property], node.literal);
  }
}

function compare(op: Comparison, actual: unknown, literal: Literal): boolean {
  if (literal.type === "null" || actual === null || actual === undefined) {
    const bothNull = literal.type === "null" && (actual === null || actual === undefined);
    return op === "eq" ? bothNull : op === "ne" ? !bothNull : false;
  }
  let order: number;
  if (literal.type === "guid" && typeof actual === "string") order = ordinal(actual.toLowerCase(), literal.value.toLowerCase());
  else if (literal.type === "datetime" && typeof actual === "string") order = Math.sign(Date.parse(actual) - Date.parse(literal.value));
  else if (literal.type === "string" && typeof actual === "string") order = ordinal(actual, literal.value);
  else if (literal.type === "number" && typeof actual === "number") order = Math.sign(actual - literal.value);
  else if (literal.type === "boolean" && typeof actual === "boolean") order = actual === literal.value ? 0 : actual ? 1 : -1;
  else return op === "ne";
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

function ordinal(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < text.length) {
    const rest = text.slice(at);
    const ch = rest[0] as string;
    if (/\s/.test(ch)) {
      at += 1;
      continue;
    }
    if (ch === "(" || ch === ")" || ch === ",") {
      tokens.push({ kind: "punct", text: ch, at });
      at += 1;
      continue;
    }
    if (ch === "'") {
      let value = "";
      let i = 1;
      for (;;) {
        if (i >= rest.length) throw new FilterSyntaxError(`Unterminated string literal at position ${at} in '${text}'.`);
        if (rest[i] === "'") {
          if (rest[i + 1] === "'") {
            value += "'";
            i += 2;
            continue;
          }
          break;
        }
        value += rest[i];
        i += 1;
      }
      tokens.push({ kind: "literal", literal: { type: "string", value }, at });
      at += i + 1;
      continue;
    }
    const match = GUID.exec(rest) ?? DATETIME.exec(rest) ?? NUMBER.exec(rest) ?? IDENTIFIER.exec(rest);
    if (!match) throw new FilterSyntaxError(`Syntax error at position ${at} in '${text}'.`);
    const word = match[0];
    if (GUID.test(rest) && match[0].length === 36) tokens.push({ kind: "literal", literal: { type: "guid", value: word }, at });
    else if (DATETIME.test(rest) && /^\d{4}-/.test(word)) tokens.push({ kind: "literal", literal: { type: "datetime", value: word }, at });
    else if (/^-?\d/.test(word)) tokens.push({ kind: "literal", literal: { type: "number", value: Number(word) }, at });
    else if (word === "true" || word === "false") tokens.push({ kind: "literal", literal: { type: "boolean", value: word === "true" }, at });
    else if (word === "null") tokens.push({ kind: "literal", literal: { type: "null" }, at });
    else tokens.push({ kind: "identifier", text: word, at });
    at += word.length;
  }
  tokens.push({ kind: "end", at });
  return tokens;
}

class Parser {
  private index = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly properties: ReadonlyMap<string, EdmType>,
  ) {}

  expression(): FilterNode {
    let left = this.conjunction();
    while (this.isWord("or")) {
      this.index += 1;
      left = { kind: "or", left, right: this.conjunction() };
    }
    return left;
  }

  expectEnd(): void {
    const token = this.peek();
    if (token.kind !== "end") throw new FilterSyntaxError(`Syntax error at position ${token.at}: unexpected '${describe(token)}'.`);
  }

  private conjunction(): FilterNode {
    let left = this.unary();
    while (this.isWord("and")) {
      this.index += 1;
      left = { kind: "and", left, right: this.unary() };
    }
    return left;
  }

  private unary(): FilterNode {
    if (this.isWord("not")) {
      this.index += 1;
      return { kind: "not", operand: this.unary() };
    }
    return this.primary();
  }

  private primary(): FilterNode {
    const token = this.next();
    if (token.kind === "punct" && token.text === "(") {
      const inner = this.expression();
      this.expectPunct(")");
      return inner;
    }
    if (token.kind !== "identifier") throw new FilterSyntaxError(`Syntax error at position ${token.at}: expected a property or a function, found '${describe(token)}'.`);
    if (FUNCTIONS.has(token.text) && this.peekPunct("(")) {
      this.index += 1;
      const property = this.property(this.next());
      if (this.properties.get(property) !== "String") {
        throw new FilterSyntaxError(`The function '${token.text}' needs a String property; '${property}' is not one.`);
      }
      this.expectPunct(",");
      const literal = this.next();
      if (literal.kind !== "literal" || literal.literal.type !== "string") {
        throw new FilterSyntaxError(`The second argument of '${token.text}' must be a string literal.`);
      }
      this.expectPunct(")");
      return { kind: "function", name: token.text as StringFunction, property, value: literal.literal.value };
    }
    const property = this.property(token);
    const op = this.next();
    if (op.kind !== "identifier" || !COMPARISONS.has(op.text)) {
      throw new FilterSyntaxError(`Syntax error at position ${op.at}: expected a comparison operator (eq, ne, gt, ge, lt, le) after '${property}'.`);
    }
    const value = this.next();
    if (value.kind !== "literal") throw new FilterSyntaxError(`Syntax error at position ${value.at}: expected a literal value after '${op.text}'.`);
    checkType(property, this.properties.get(property) as EdmType, value.literal, op.text);
    return { kind: "compare", op: op.text as Comparison, property, literal: value.literal };
  }

  private property(token: Token): string {
    if (token.kind !== "identifier") throw new FilterSyntaxError(`Syntax error at position ${token.at}: expected a property name.`);
    if (!this.properties.has(token.text)) {
      throw new FilterSyntaxError(`Could not find a property named '${token.text}' on type 'Microsoft.Dynamics.CRM.Instance'.`);
    }
    return token.text;
  }

  private isWord(word: string): boolean {
    const token = this.peek();
    return token.kind === "identifier" && token.text === word;
  }

  private peekPunct(text: string): boolean {
    const token = this.peek();
    return token.kind === "punct" && token.text === text;
  }

  private expectPunct(text: "(" | ")" | ","): void {
    const token = this.next();
    if (token.kind !== "punct" || token.text !== text) throw new FilterSyntaxError(`Syntax error at position ${token.at}: expected '${text}'.`);
  }

  private peek(): Token {
    return this.tokens[this.index] ?? { kind: "end", at: -1 };
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== "end") this.index += 1;
    return token;
  }
}

function checkType(property: string, type: EdmType, literal: Literal, op: string): void {
  if (literal.type === "null") return;
  const fits =
    (type === "String" && literal.type === "string") ||
    (type === "Int32" && literal.type === "number" && Number.isInteger(literal.value)) ||
    (type === "Boolean" && literal.type === "boolean") ||
    (type === "Guid" && (literal.type === "guid" || literal.type === "string")) ||
    (type === "DateTimeOffset" && literal.type === "datetime");
  if (!fits || ((type === "Boolean" || type === "Guid") && !["eq", "ne"].includes(op))) {
    throw new FilterSyntaxError(
      `A binary operator with incompatible types was detected. Found operand types 'Edm.${type}' and '${EDM_OF[literal.type]}' for operator kind '${op}' on '${property}'.`,
    );
  }
}

function describe(token: Token): string {
  switch (token.kind) {
    case "identifier":
      return token.text;
    case "punct":
      return token.text;
    case "literal":
      return token.literal.type === "null" ? "null" : String(token.literal.value);
    case "end":
      return "end of input";
  }
}
