import { invalidArgument, type ParameterSpec } from "./parameters";

/** `MessageId`: required, not blank, at most 320 characters (`email.messageid` is String(320)). */
export const MESSAGE_ID_SPEC = { type: "string", required: true, nonEmpty: true, maxLength: 320, column: "messageid" } as const satisfies ParameterSpec;

/** `Subject`: optional, at most 800 characters (`email.subject` is String(800)); longer is refused, not truncated. */
export const SUBJECT_SPEC = { type: "string", maxLength: 800, column: "subject" } as const satisfies ParameterSpec;

/** Returns the In-Reply-To message id a client put in ExtraProperties (`inreplyto`), or undefined. */
export function inReplyToOf(extra: Record<string, unknown> | undefined): string | undefined {
  const value = extra?.inreplyto;
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

const IMPORTANCE: Readonly<Record<string, number>> = { low: 0, normal: 1, high: 2, "0": 0, "1": 1, "2": 2, "": 1 };

/** Maps Importance (`low`/`normal`/`high` or `0`/`1`/`2`, any case; blank = normal) to `prioritycode`; throws 400 otherwise. */
export function priorityOf(importance: string | undefined): number {
  if (importance === undefined) return 1;
  const code = IMPORTANCE[importance.trim().toLowerCase()];
  if (code === undefined) {
    throw invalidArgument(`The value '${importance.slice(0, 40)}' of the parameter 'Importance' is not valid: use low, normal or high (or 0, 1, 2).`);
  }
  return code;
}
