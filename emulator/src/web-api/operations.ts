import type { EmulatorResponse } from "../http/types";
import type { WebApiCall } from "./call";

/** The parameters of a function (from the URL) or an action (from the JSON body), by name. */
export type OperationParameters = Record<string, unknown>;

export interface OperationInput {
  parameters: OperationParameters;
  /** The id of the row a bound operation was called on (`emails(<id>)/Microsoft.Dynamics.CRM.X`). */
  boundId?: string;
}

/** A Dataverse function (GET) or action (POST), unbound or bound to a table or a row. */
export interface OperationDefinition {
  name: string;
  kind: "function" | "action";
  binding: "unbound" | "collection" | "entity";
  /** For bound operations: the entity set they are bound to. */
  entitySet?: string;
  handler: (call: WebApiCall, input: OperationInput) => EmulatorResponse;
}

const registry: OperationDefinition[] = [];

/** Adds operations to the Web API; each area module registers its own. */
export function registerOperations(...operations: OperationDefinition[]): void {
  registry.push(...operations);
}

/** Every registered operation, in registration order (for `$metadata`). */
export function listOperations(): readonly OperationDefinition[] {
  return registry;
}

/** Finds an operation by name and binding (names compare case-sensitively, as in Dataverse). */
export function findOperation(
  name: string,
  binding: OperationDefinition["binding"],
  entitySet?: string,
): OperationDefinition | undefined {
  return registry.find((op) => op.name === name && op.binding === binding && (binding === "unbound" || op.entitySet === entitySet));
}

/** The JSON response of an operation: `<Name>Response` with its `@odata.context`. */
export function operationResponse(call: WebApiCall, name: string, value: Record<string, unknown>): EmulatorResponse {
  const body = { "@odata.context": `${call.apiRoot}$metadata#Microsoft.Dynamics.CRM.${name}Response`, ...value };
  return {
    status: 200,
    headers: { "Content-Type": "application/json; odata.metadata=minimal", "OData-Version": "4.0" },
    body: JSON.stringify(body),
  };
}
