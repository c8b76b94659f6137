import type { BatchResponsePart, InnerResponse } from "../../emulator/src/odata/multipart";

/** The response of a `$batch` part that is a single request; fails the test for a change set or a missing part. */
export function responseOf(part: BatchResponsePart | undefined): InnerResponse {
  if (part?.kind !== "response") throw new Error(`expected a single response part, got ${JSON.stringify(part)}`);
  return part.response;
}

/** The responses of a `$batch` part that is a change set; fails the test for anything else. */
export function changeSetOf(part: BatchResponsePart | undefined): InnerResponse[] {
  if (part?.kind !== "changeset") throw new Error(`expected a change set response, got ${JSON.stringify(part)}`);
  return part.responses;
}

/** The JSON body of an inner response (`null` when it has none). */
export function jsonOf<T = Record<string, unknown>>(response: InnerResponse): T {
  return JSON.parse(response.body ?? "null") as T;
}
