import { toAppError } from "../core/errors";
import type { DiscoveryService, OrgService } from "../core/ports";

/**
 * Services whose implementation is loaded on first call (a chunk of its own): the session gets
 * them synchronously, as it expects, and the code behind them loads only when a request is made.
 */

/** Returns a loader that loads once, forgets a failed load (the next call tries again) and rejects with AppError only. */
export function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    if (loading === undefined) {
      const started = load().catch((error: unknown) => {
        if (loading === started) loading = undefined;
        throw toAppError(error);
      });
      loading = started;
    }
    return loading;
  };
}

/** Returns an OrgService that loads the real one on its first call and delegates every call to it; each method rejects as the real one does, or with the load's AppError. */
export function lazyOrgService(load: () => Promise<OrgService>): OrgService {
  const service = once(load);
  return {
    whoAmI: async () => (await service()).whoAmI(),
    details: async () => (await service()).details(),
    validate: async (message) => (await service()).validate(message),
    deliver: async (message) => (await service()).deliver(message),
    validateMany: async (messages) => (await service()).validateMany(messages),
    deliverMany: async (messages) => (await service()).deliverMany(messages),
    emailOwner: async (activityId) => (await service()).emailOwner(activityId),
    findTrackedEmail: async (internetMessageId) => (await service()).findTrackedEmail(internetMessageId),
    deleteEmail: async (activityId) => (await service()).deleteEmail(activityId),
    searchRecords: async (text) => (await service()).searchRecords(text),
    recordsByEmail: async (addresses) => (await service()).recordsByEmail(addresses),
    setRegarding: async (activityId, record) => (await service()).setRegarding(activityId, record),
  };
}

/** Returns a DiscoveryService that loads the real one on its first call; rejects as the real one does, or with the load's AppError. */
export function lazyDiscoveryService(load: () => Promise<DiscoveryService>): DiscoveryService {
  const service = once(load);
  return { instances: async () => (await service()).instances() };
}
