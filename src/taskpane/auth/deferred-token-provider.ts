import type { TokenProvider } from "../../core/ports";
import { once } from "../lazy-services";

/** A TokenProvider whose real implementation (MSAL, ≈ 80 KB) is loaded only when needed, after the first render. */
export interface DeferredTokenProvider extends TokenProvider {
  /** Starts loading the real provider now without waiting for it (called once the pane has rendered); a failure is reported by the next request. */
  warmUp(): void;
  /** Forgets the loaded provider; the next request loads a new one (the token cache moved: "Save my credentials on this device" changed). */
  reset(): void;
}

/**
 * Returns a TokenProvider that loads the real one with `load` on first use (or `warmUp`) and
 * delegates to it. A failed load is not kept: the next request tries again. `getToken` and
 * `signOut` reject with AppError only (a failed load's error, mapped by toAppError).
 */
export function createDeferredTokenProvider(load: () => Promise<TokenProvider>): DeferredTokenProvider {
  let provider = once(load);

  return {
    async getToken(resource, options) {
      return (await provider()).getToken(resource, options);
    },
    async signOut(resource) {
      await (await provider()).signOut(resource);
    },
    warmUp() {
      provider().catch(() => undefined);
    },
    reset() {
      provider = once(load);
    },
  };
}
