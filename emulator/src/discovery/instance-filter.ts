import { badRequest } from "../http/odata-error";
import { evaluateFilter, parseFilter, validateFilter, type FilterAst, type FilterPropertyType } from "../odata/filter";

/** The EDM types of the Instance properties a filter may name. */
export type EdmType = "String" | "Int32" | "Boolean" | "Guid" | "DateTimeOffset";

const FILTER_TYPE: Readonly<Record<EdmType, FilterPropertyType>> = {
  String: "string",
  Int32: "int",
  Boolean: "bool",
  Guid: "guid",
  DateTimeOffset: "datetime",
};

/**
 * Parses and checks a Global Discovery `$filter` with the shared OData parser (`label` names the text in syntax
 * errors). Global Discovery documents only `eq ne gt ge lt le`, `and or not`, parentheses and
 * `contains` / `startswith` / `endswith` over Instance properties, so lambdas and query functions are refused too.
 * Throws a 400 ODataError for any problem.
 */
export function parseInstanceFilter(text: string, properties: ReadonlyMap<string, EdmType>, label = "$filter"): FilterAst {
  const ast = parseFilter(text, { label });
  rejectUnsupported(ast);
  validateFilter(ast, "Instance", (path) => {
    const type = properties.get(path);
    return type === undefined ? undefined : FILTER_TYPE[type];
  });
  return ast;
}

/** True when the instance satisfies the filter. String comparisons are ordinal and case-sensitive, as in Global Discovery. */
export function matchesInstanceFilter(ast: FilterAst, row: Readonly<Record<string, unknown>>): boolean {
  return evaluateFilter(ast, row, (values, path) => (path.length === 1 ? values[path[0] ?? ""] : undefined), { caseSensitive: true });
}

function rejectUnsupported(node: FilterAst): void {
  switch (node.kind) {
    case "compare":
    case "and":
    case "or":
      rejectUnsupported(node.left);
      rejectUnsupported(node.right);
      return;
    case "not":
      rejectUnsupported(node.operand);
      return;
    case "call":
      node.args.forEach(rejectUnsupported);
      return;
    case "lambda":
      throw badRequest(`The '${node.op}' operator is not supported by Global Discovery.`);
    case "in":
    case "userid":
      throw badRequest("Query functions are not supported by Global Discovery.");
    case "literal":
    case "property":
      return;
  }
}
