// PLACEHOLDER (being written by the identity helper).
import type { EmulatorContext } from "../context";
import { json } from "../http/responses";
import type { EmulatorRequest, HandlerResult } from "../http/types";

export function handleDiscovery(_req: EmulatorRequest, _ctx: EmulatorContext, _segments: string[]): HandlerResult {
  return json(501, { error: { code: "0x80040216", message: "Not implemented yet." } });
}
