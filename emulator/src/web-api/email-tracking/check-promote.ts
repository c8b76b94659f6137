import type { EmulatorResponse } from "../../http/types";
import type { WebApiCall } from "../call";
import { operationResponse, registerOperations, type OperationInput } from "../operations";
import { requireMessagePrivileges } from "./message-privileges";
import { invalidArgument, validateParameters } from "./parameters";
import { ReasonCode } from "./reason-codes";
import { MESSAGE_ID_SPEC, SUBJECT_SPEC } from "./tracking-parameters";

const CHECK_PROMOTE_PARAMETERS = {
  MessageId: MESSAGE_ID_SPEC,
  Subject: SUBJECT_SPEC,
  DirectionCode: { type: "int" },
} as const;

/**
 * Answers CheckPromoteEmail (spec §3.5): `{ShouldPromote:false, ReasonCode:0}` when an email with the
 * MessageId is already stored in the org (whoever owns it, whatever its direction: the emulator keeps
 * one activity per message), else `{true, -1}`. DirectionCode must be 0 (incoming) or 1 (outgoing).
 */
function handleCheckPromoteEmail(call: WebApiCall, input: OperationInput): EmulatorResponse {
  const p = validateParameters("CheckPromoteEmail", CHECK_PROMOTE_PARAMETERS, input.parameters);
  if (p.DirectionCode !== undefined && p.DirectionCode !== 0 && p.DirectionCode !== 1) {
    throw invalidArgument(`The value ${p.DirectionCode} of the parameter 'DirectionCode' is not valid: use 0 (incoming) or 1 (outgoing).`);
  }
  requireMessagePrivileges(call, "CheckPromoteEmail");
  const duplicate = call.ctx.store.findEmailByMessageId(call.org.urlName, (p.MessageId ?? "").trim()) !== undefined;
  return operationResponse(call, "CheckPromoteEmail", duplicate ? { ShouldPromote: false, ReasonCode: ReasonCode.Duplicate } : { ShouldPromote: true, ReasonCode: ReasonCode.Unknown });
}

registerOperations({ name: "CheckPromoteEmail", kind: "function", binding: "unbound", handler: handleCheckPromoteEmail });
