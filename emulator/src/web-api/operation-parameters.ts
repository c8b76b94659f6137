import { badRequest } from "../http/odata-error";
import type { OperationParameters } from "./operations";

/**
 * Parses a function call's parameter list, `P1='a',P2=@p2,P3=5`, resolving `@aliases` from the
 * query string. Returns the parameters by name; throws 400 on a malformed list or a missing alias.
 */
export function parseFunctionParameters(list: string, query: URLSearchParams): OperationParameters {
  const parameters: OperationParameters = {};
  const text = list.trim();
  if (text === "") return parameters;
  for (const pair of splitTopLevel(text)) {
    const eq = pair.indexOf("=");
    if (eq <= 0) throw badRequest(`The parameter list '${list}' is malformed near '${pair}'.`);
    const name = pair.slice(0, eq).trim();
    let raw = pair.slice(eq + 1).trim();
    if (raw.startsWith("@")) {
      const aliased = query.get(raw);
      if (aliased === null) throw badRequest(`The parameter alias '${raw}' was not given a value in the query string.`);
      raw = aliased;
    }
    if (name in parameters) throw badRequest(`The parameter '${name}' is given more than once.`);
    parameters[name] = parseLiteral(raw);
  }
  return parameters;
}

/** Parses one OData literal: 'string', number, true/false/null, a GUID, or JSON (objects and arrays). */
export function parseLiteral(raw: string): unknown {
  const text = raw.trim();
  if (text.startsWith("'")) {
    const inner = text.slice(1, -1);
    if (!text.endsWith("'") || text.length < 2) throw badRequest(`Unterminated string literal ${text}.`);
    if (inner.replace(/''/g, "").includes("'")) {
      throw badRequest(`The string literal ${text} has a single quote that is not doubled; write ' as ''.`);
    }
    return inner.replace(/''/g, "'");
  }
  if (text === "null") return null;
  if (text === "true") return true;
  if (text === "false") return false;
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text)) return text.toLowerCase();
  if (text.startsWith("{") || text.startsWith("[")) {
    try {
      return JSON.parse(text.replace(/'/g, '"')) as unknown;
    } catch {
      throw badRequest(`The value ${text} is not valid JSON.`);
    }
  }
  throw badRequest(`The value '${text}' is not a valid literal.`);
}

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "'") {
      if (quoted && text[i + 1] === "'") {
        i++;
        continue;
      }
      quoted = !quoted;
    } else if (!quoted && (ch === "(" || ch === "[" || ch === "{")) depth++;
    else if (!quoted && (ch === ")" || ch === "]" || ch === "}")) depth--;
    else if (!quoted && depth === 0 && ch === ",") {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  if (quoted) throw badRequest(`Unterminated string literal in '${text}'.`);
  parts.push(text.slice(start));
  return parts;
}
