import { queueOfOrgs } from "../../../../src/core/session/queue-view";
import type { QueuedRequest } from "../../../../src/core/settings/types";
import type { QueueStore } from "../../../../src/core/tracking/queue";

const request = (id: string, orgKey: string): QueuedRequest => ({ id, kind: "track", itemId: `item-${id}`, orgKey, queuedAt: "2025-03-04T10:00:00.000Z" });

function memoryQueue(initial: QueuedRequest[]): QueueStore & { queue: readonly QueuedRequest[]; writes: number } {
  const store = {
    queue: initial as readonly QueuedRequest[],
    writes: 0,
    async readQueue() {
      return store.queue;
    },
    async updateQueue(change: (queue: readonly QueuedRequest[]) => readonly QueuedRequest[]) {
      const next = change(store.queue);
      if (next !== store.queue) store.writes += 1;
      store.queue = next;
      return store.queue;
    },
  };
  return store;
}

describe("the queue of some orgs", () => {
  test("reads only their requests; removing some keeps every other request in its place", async () => {
    const store = memoryQueue([request("1", "a"), request("2", "b"), request("3", "a"), request("4", "c"), request("5", "a")]);
    const view = queueOfOrgs(store, new Set(["a", "c"]));
    expect((await view.readQueue()).map((q) => q.id)).toEqual(["1", "3", "4", "5"]);
    const saved = await view.updateQueue((queue) => queue.filter((q) => q.id !== "3" && q.id !== "4"));
    expect(saved.map((q) => q.id)).toEqual(["1", "5"]);
    expect(store.queue.map((q) => q.id)).toEqual(["1", "2", "5"]);
  });

  test("an unchanged part writes nothing; a request added through the view goes to the end", async () => {
    const store = memoryQueue([request("1", "a"), request("2", "b")]);
    const view = queueOfOrgs(store, new Set(["a"]));
    await view.updateQueue((queue) => queue);
    expect(store.writes).toBe(0);
    await view.updateQueue((queue) => [...queue, request("3", "a")]);
    expect(store.queue.map((q) => q.id)).toEqual(["1", "2", "3"]);
  });
});
