import type { EmulatorResponse } from "../http/types";
import { noResource } from "../http/odata-error";
import { TABLES, table } from "../model/tables";
import { EDM_TYPE } from "../model/edm";
import type { TableDefinition } from "../model/types";
import type { WebApiCall } from "./call";
import { listOperations, type OperationDefinition } from "./operations";
import { singleNavigations } from "./tables/navigation";
import { navigationTable } from "./tables/paths";
import { propertiesOf } from "./tables/properties";

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function entityType(def: TableDefinition): string {
  const lines = [`<EntityType Name="${def.logicalName}" BaseType="mscrm.crmbaseentity">`, `<Key><PropertyRef Name="${def.primaryKey}"/></Key>`];
  for (const info of propertiesOf(def).values()) {
    const maxLength = info.spec.maxLength !== undefined && info.spec.type !== "memo" ? ` MaxLength="${info.spec.maxLength}"` : "";
    lines.push(`<Property Name="${info.name}" Type="${EDM_TYPE[info.spec.type]}"${maxLength}/>`);
  }
  for (const nav of singleNavigations(def).values()) {
    const target = navigationTable(nav);
    if (target) lines.push(`<NavigationProperty Name="${nav.name}" Type="mscrm.${target.logicalName}"/>`);
  }
  for (const [name, nav] of Object.entries(def.collectionNavigations ?? {})) {
    lines.push(`<NavigationProperty Name="${name}" Type="Collection(mscrm.${table(nav.table).logicalName})"/>`);
  }
  lines.push("</EntityType>");
  return lines.join("");
}

function operationElement(op: OperationDefinition): string {
  const tag = op.kind === "function" ? "Function" : "Action";
  const boundTo = op.entitySet ? [...TABLES.values()].find((t) => t.entitySet === op.entitySet) : undefined;
  const bound = op.binding !== "unbound" && boundTo !== undefined;
  const bindingParameter = bound
    ? `<Parameter Name="${op.binding === "collection" ? "entityset" : "entity"}" Type="${op.binding === "collection" ? `Collection(mscrm.${boundTo.logicalName})` : `mscrm.${boundTo.logicalName}`}" Nullable="false"/>`
    : "";
  const returnType = `<ReturnType Type="mscrm.${escapeXml(op.name)}Response" Nullable="false"/>`;
  return `<${tag} Name="${escapeXml(op.name)}" IsBound="${bound}">${bindingParameter}${returnType}</${tag}>`;
}

function entitySet(def: TableDefinition): string {
  const bindings = [...singleNavigations(def).values()]
    .map((nav) => ({ nav, target: navigationTable(nav) }))
    .filter((b): b is { nav: typeof b.nav; target: TableDefinition } => b.target !== undefined)
    .map((b) => `<NavigationPropertyBinding Path="${b.nav.name}" Target="${b.target.entitySet}"/>`);
  for (const [name, nav] of Object.entries(def.collectionNavigations ?? {})) {
    bindings.push(`<NavigationPropertyBinding Path="${name}" Target="${table(nav.table).entitySet}"/>`);
  }
  return `<EntitySet Name="${def.entitySet}" EntityType="Microsoft.Dynamics.CRM.${def.logicalName}">${bindings.join("")}</EntitySet>`;
}

/**
 * `GET $metadata`: a trimmed CSDL document (namespace `Microsoft.Dynamics.CRM`, alias `mscrm`) with the
 * emulator's tables, their columns and navigation properties, and the registered operations.
 * Throws 404 for any method but GET.
 */
export function metadataDocument(call: WebApiCall): EmulatorResponse {
  if (call.method !== "GET") throw noResource(`${call.apiRoot}$metadata`);
  const operations = listOperations();
  const responseTypes = [...new Set(operations.map((op) => op.name))].map((name) => `<ComplexType Name="${escapeXml(name)}Response" OpenType="true"/>`);
  const imports = operations
    .filter((op) => op.binding === "unbound")
    .map((op) => (op.kind === "function" ? `<FunctionImport Name="${op.name}" Function="Microsoft.Dynamics.CRM.${op.name}"/>` : `<ActionImport Name="${op.name}" Action="Microsoft.Dynamics.CRM.${op.name}"/>`));
  const tables = [...TABLES.values()];
  const xml = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">',
    "<edmx:DataServices>",
    '<Schema Namespace="Microsoft.Dynamics.CRM" Alias="mscrm" xmlns="http://docs.oasis-open.org/odata/ns/edm">',
    '<EntityType Name="crmbaseentity" Abstract="true"/>',
    ...tables.map(entityType),
    ...responseTypes,
    ...operations.map(operationElement),
    '<EntityContainer Name="System">',
    ...tables.map(entitySet),
    ...imports,
    "</EntityContainer>",
    "</Schema>",
    "</edmx:DataServices>",
    "</edmx:Edmx>",
  ].join("\n");
  return { status: 200, headers: { "Content-Type": "application/xml", "OData-Version": "4.0" }, body: xml };
}
