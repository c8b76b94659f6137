import type { EmulatorResponse } from "../../http/types";
import type { WebApiCall } from "../call";
import { validateParameters } from "../email-tracking/parameters";
import { operationResponse, registerOperations, type OperationInput } from "../operations";

/** WhoAmI (spec §2.1): the caller's systemuser id, business unit and org, as a WhoAmIResponse; 400 for any parameter. */
function handleWhoAmI(call: WebApiCall, input: OperationInput): EmulatorResponse {
  validateParameters("WhoAmI", {}, input.parameters);
  return operationResponse(call, "WhoAmI", {
    BusinessUnitId: call.member.businessUnitId,
    UserId: call.member.systemUserId,
    OrganizationId: call.org.id,
  });
}

registerOperations({ name: "WhoAmI", kind: "function", binding: "unbound", handler: handleWhoAmI });
