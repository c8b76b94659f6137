// PLACEHOLDER (being written by the service-protection helper).
import type { ServiceProtection } from "../context";
import type { SeedLimits } from "../seed/types";

export function createServiceProtection(_limits: Required<SeedLimits>, _now: () => number): ServiceProtection & { reset(): void } {
  return {
    admit: () => ({ headers: {}, release: () => undefined }),
    count: () => undefined,
    reset: () => undefined,
  };
}
