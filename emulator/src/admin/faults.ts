// PLACEHOLDER (being written by the service-protection helper).
import type { FaultInjector } from "../context";
import type { EmulatorRequest, HandlerResult } from "../http/types";

export class FaultRegistry implements FaultInjector {
  async apply(_req: EmulatorRequest): Promise<HandlerResult | undefined> {
    return undefined;
  }
  clear(): void {}
}
