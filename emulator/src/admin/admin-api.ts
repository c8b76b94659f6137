// PLACEHOLDER (being written by the service-protection helper).
import type { Emulator } from "../app";
import { json } from "../http/responses";
import type { EmulatorRequest, HandlerResult } from "../http/types";

export function handleAdmin(_req: EmulatorRequest, _emulator: Emulator, _segments: string[]): HandlerResult {
  return json(200, { status: "ok" });
}
