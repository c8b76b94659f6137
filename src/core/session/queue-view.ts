import type { QueuedRequest } from "../settings/types";
import type { QueueStore } from "../tracking/queue";

/**
 * Returns the part of a queue that belongs to some orgs, as a queue store of its own: a replay
 * over it runs only the requests of the orgs just connected, and the others stay as they are
 * (in place, without an error). Changes are applied to the whole queue atomically; never throws
 * by itself (the store's AppErrors pass through).
 */
export function queueOfOrgs(store: QueueStore, orgKeys: ReadonlySet<string>): QueueStore {
  const mine = (request: QueuedRequest): boolean => orgKeys.has(request.orgKey);
  return {
    async readQueue() {
      return (await store.readQueue()).filter(mine);
    },
    async updateQueue(change) {
      const saved = await store.updateQueue((queue) => {
        const part = queue.filter(mine);
        const next = change(part);
        if (next === part) return queue;
        const kept = new Set(next.map((request) => request.id));
        const known = new Set(queue.map((request) => request.id));
        return [...queue.filter((request) => !mine(request) || kept.has(request.id)), ...next.filter((request) => !known.has(request.id))];
      });
      return saved.filter(mine);
    },
  };
}
