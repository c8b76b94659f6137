import { AppError, isAppError, toAppError } from "../errors";
import { checkStatuses, connectOrg, statusOfError, statusesOnStart } from "../orgs/connection";
import { fromDiscovery } from "../orgs/discovered";
import { parseOrgUrl } from "../orgs/org-url";
import { OrgRegistry } from "../orgs/registry";
import type { Org, OrgAddress } from "../orgs/types";
import type { ItemOutcome, OrgService } from "../ports";
import { SettingsRepository } from "../settings/repository";
import { defaultSettings } from "../settings/types";
import { MAX_BULK_ITEMS, trackMany } from "../tracking/bulk";
import { trackedStateIn, type TrackingDeps } from "../tracking/marks";
import { describeValidationPayload, validationMetadataOf } from "../tracking/metadata";
import { createTrackingQueue, type ReplayedRequest } from "../tracking/queue";
import { setRegarding, suggestRecords } from "../tracking/regarding";
import { targetOrg, trackMessage, type TrackResult } from "../tracking/tracker";
import { untrackMessage } from "../tracking/untrack";
import { queueOfOrgs } from "./queue-view";
import { createSessionState, type Operation } from "./state";
import type { OrgTrackSession, OrgTrackSessionDeps, SessionPreferences, SessionSnapshot } from "./types";

/**
 * Returns the session both composition roots use: the task pane subscribes to its snapshot, the
 * ribbon commands call `start()` and one action. It composes src/core's modules (settings,
 * registry, connection, tracking, queue) and adds only the rules that join them: which org a
 * request goes to, when a request waits in the queue instead of going out, and what the UI sees.
 * Never throws; its methods reject with AppError only.
 */
export function createOrgTrackSession(deps: OrgTrackSessionDeps): OrgTrackSession {
  const state = createSessionState(defaultSettings(), { bytes: 0, limitBytes: deps.settingsStore.limitBytes });
  const settings = new SettingsRepository(deps.settingsStore, { onProblem: (problem) => state.setProblem(problem) });
  settings.subscribe((document) => state.setSettings(document, settings.usage()));
  const registry = new OrgRegistry(settings);
  const queueOptions = { ...(deps.clock ? { clock: deps.clock } : {}), ...(deps.newId ? { newId: deps.newId } : {}) };
  const queue = createTrackingQueue(settings, queueOptions);

  const services = new Map<string, OrgService>();
  const serviceFor = (org: OrgAddress): OrgService => {
    let service = services.get(org.key);
    if (!service) {
      service = deps.serviceFor(org);
      services.set(org.key, service);
    }
    return service;
  };
  const tracking: TrackingDeps = { mailbox: deps.mailbox, serviceFor };
  const confirmQueuedUntrack = deps.confirmQueuedUntrack?.bind(deps);

  let loading: Promise<void> | undefined;
  let starting: Promise<SessionSnapshot> | undefined;
  let replayTail: Promise<unknown> = Promise.resolve();

  /** Loads the settings once; a store that cannot be read is reported and the defaults are used. */
  function load(): Promise<void> {
    loading ??= (async () => {
      try {
        await settings.load();
      } catch (error) {
        state.setProblem(toAppError(error));
      }
      state.setSettings(settings.current(), settings.usage());
      state.setLoaded();
    })();
    return loading;
  }

  function requireOrg(key: string): Org {
    const org = registry.get(key);
    if (org) return org;
    throw new AppError("notFound", "This organization is not in the list (it may have been removed meanwhile).", { messageKey: "orgs.notFound" });
  }

  /** The org a request goes to: the chosen one, else the synchronizing org. */
  function target(orgKey?: string): Org {
    const list = registry.list();
    if (list.orgs.length === 0) throw new AppError("invalidInput", "Add or connect an organization first.", { messageKey: "session.noOrganization" });
    return targetOrg(list, orgKey);
  }

  /** True when a request to the org must not go out: "Connect automatically" is off and the person has not connected it in this session. */
  function disconnected(org: Org): boolean {
    return !settings.current().connectAutomatically && state.status(org.key) !== "connected";
  }

  function requireConnected(org: Org): void {
    if (!disconnected(org)) return;
    throw new AppError("offline", `Connect to ${org.friendlyName} first: "Connect automatically" is off.`, {
      messageKey: "session.notConnected",
      values: { org: org.friendlyName },
    });
  }

  /** A failure that says something about the connection (sign-in needed, unreachable) becomes the org's status. */
  function noteFailure(orgKey: string, error: unknown): void {
    if (isAppError(error, "auth", "offline", "timeout")) state.setStatus(orgKey, statusOfError(error));
  }

  async function check(orgs: readonly Org[], operation: Operation): Promise<void> {
    let done = 0;
    for (const org of orgs) state.setStatus(org.key, "connecting");
    await checkStatuses(orgs, { serviceFor }, {
      onStatus: (key, status) => {
        state.setStatus(key, status);
        operation.update({ phase: "checked", done: ++done, total: orgs.length });
      },
    });
  }

  /** Replays the waiting requests of the given orgs that are connected now (one replay at a time); the others stay queued untouched. */
  function replay(orgs: readonly Org[], operation: Operation): Promise<ReplayedRequest[]> {
    const run = async (): Promise<ReplayedRequest[]> => {
      const keys = new Set(orgs.filter((org) => state.status(org.key) === "connected").map((org) => org.key));
      if (keys.size === 0) return [];
      const results = await createTrackingQueue(queueOfOrgs(settings, keys), queueOptions).replay({
        ...tracking,
        orgByKey: (key) => (keys.has(key) ? registry.get(key) : undefined),
        ...(confirmQueuedUntrack ? { confirmUntrack: confirmQueuedUntrack } : {}),
        onProgress: (done, total) => operation.update({ phase: "replayed", done, total }),
      });
      state.noteReplay(results);
      for (const { request, outcome } of results) if (!outcome.ok) noteFailure(request.orgKey, outcome.error);
      return results;
    };
    const result = replayTail.then(run, run);
    replayTail = result.catch(() => undefined);
    return result;
  }

  async function addAddress(address: OrgAddress): Promise<Org> {
    await load();
    const operation = state.begin("addOrg", 1, address.key);
    try {
      await deps.tokens.getToken(address.resource, { interactive: true });
      const connected = await connectOrg(address, { serviceFor });
      state.setStatus(address.key, "connected");
      return await registry.add(address, connected);
    } finally {
      operation.end();
    }
  }

  /** Runs a method body and turns whatever it throws into an AppError. */
  const guarded =
    <A extends unknown[], T>(body: (...args: A) => Promise<T>) =>
    async (...args: A): Promise<T> => {
      try {
        return await body(...args);
      } catch (error) {
        throw toAppError(error);
      }
    };

  return {
    snapshot: () => state.snapshot(),
    subscribe: (listener) => state.subscribe(listener),

    start() {
      starting ??= (async () => {
        await load();
        const { orgs, connectAutomatically } = settings.current();
        if (!connectAutomatically) {
          // No network call at all until the person connects.
          for (const [key, status] of await statusesOnStart(orgs, false, { serviceFor })) state.setStatus(key, status);
          return state.snapshot();
        }
        if (orgs.length === 0) return state.snapshot();
        const operation = state.begin("connect", orgs.length);
        try {
          await check(orgs, operation);
          await replay(orgs, operation);
        } catch (error) {
          state.setProblem(toAppError(error));
        } finally {
          operation.end();
        }
        return state.snapshot();
      })();
      return starting;
    },

    addOrgFromUrl: guarded(async (text: string) => addAddress(parseOrgUrl(text))),
    addDiscovered: guarded(async (instance) => addAddress(fromDiscovery(instance))),

    listDiscoverable: guarded(async () => {
      await load();
      if (deps.discoveryResource !== undefined) await deps.tokens.getToken(deps.discoveryResource, { interactive: true });
      const instances = await deps.discovery().instances();
      return instances.map((instance) => {
        try {
          const { key } = fromDiscovery(instance);
          return { instance, key, added: registry.get(key) !== undefined };
        } catch (error) {
          return { instance, key: undefined, added: false, problem: toAppError(error) };
        }
      });
    }),

    setSynchronizing: guarded(async (key, confirm) => {
      await load();
      return registry.setSynchronizing(key, confirm);
    }),

    remove: guarded(async (key, chooseSuccessor) => {
      await load();
      const removed = await registry.remove(key, chooseSuccessor);
      if (removed) services.delete(key);
      return removed;
    }),

    signOut: guarded(async (key) => {
      await load();
      const org = requireOrg(key);
      await deps.tokens.signOut(org.resource);
      state.setStatus(key, "needsSignIn");
    }),

    connect: guarded(async (key?: string) => {
      await load();
      const orgs = key === undefined ? registry.list().orgs : [requireOrg(key)];
      const operation = state.begin("connect", orgs.length, key);
      try {
        for (const org of orgs) state.setStatus(org.key, "connecting");
        // Sign-in first, as the person asked to connect: a prompt only where no token can be had silently.
        const signedIn = await Promise.all(
          orgs.map(async (org) => {
            try {
              await deps.tokens.getToken(org.resource, { interactive: true });
              return [org];
            } catch (error) {
              state.setStatus(org.key, statusOfError(error));
              return [];
            }
          }),
        );
        await check(signedIn.flat(), operation);
        const replayed = await replay(orgs, operation);
        return { statuses: Object.fromEntries(orgs.map((org) => [org.key, state.status(org.key)])), replayed };
      } finally {
        operation.end();
      }
    }),

    setPreferences: guarded(async (preferences: Partial<SessionPreferences>) => {
      await load();
      const defined: Partial<SessionPreferences> = {};
      if (preferences.saveCredentials !== undefined) defined.saveCredentials = preferences.saveCredentials;
      if (preferences.connectAutomatically !== undefined) defined.connectAutomatically = preferences.connectAutomatically;
      const saved = await settings.setPreferences(defined);
      return { saveCredentials: saved.saveCredentials, connectAutomatically: saved.connectAutomatically };
    }),

    track: guarded(async (itemIds: readonly string[], orgKey?: string) => {
      await load();
      const org = target(orgKey);
      const count = new Set(itemIds).size;
      if (count === 0) throw new AppError("invalidInput", "Select a message to track.", { messageKey: "tracking.noItems" });
      if (count > MAX_BULK_ITEMS) {
        throw new AppError("invalidInput", `Select at most ${MAX_BULK_ITEMS} messages to track at once.`, {
          messageKey: "tracking.tooManyItems",
          values: { limit: MAX_BULK_ITEMS, count },
        });
      }
      if (disconnected(org)) {
        const requests = [];
        for (const itemId of new Set(itemIds)) requests.push(await queue.enqueue({ kind: "track", itemId, orgKey: org.key }));
        return { kind: "queued" as const, org, requests };
      }
      const operation = state.begin("track", count, org.key);
      try {
        let outcomes: ItemOutcome<TrackResult>[];
        if (count === 1) {
          const outcome = await trackMessage(itemIds[0] as string, org, tracking).then(
            (value): ItemOutcome<TrackResult> => ({ ok: true, value }),
            (error: unknown): ItemOutcome<TrackResult> => ({ ok: false, error: toAppError(error) }),
          );
          outcomes = itemIds.map(() => outcome);
        } else {
          outcomes = await trackMany(itemIds, org, tracking, (progress) => operation.update(progress));
        }
        for (const outcome of outcomes) if (!outcome.ok) noteFailure(org.key, outcome.error);
        return { kind: "sent" as const, org, outcomes };
      } finally {
        operation.end();
      }
    }),

    untrack: guarded(async (itemId, orgKey, confirm) => {
      await load();
      const org = target(orgKey);
      if (disconnected(org)) {
        const { tracked } = await trackedStateIn(deps.mailbox, itemId, org);
        const trackWaiting = settings.current().queue.some((q) => q.kind === "track" && q.itemId === itemId && q.orgKey === org.key);
        if (!tracked && !trackWaiting) {
          throw new AppError("notFound", `This message is not tracked in ${org.friendlyName}.`, { messageKey: "tracking.notTracked", values: { org: org.friendlyName } });
        }
        return { kind: "queued" as const, org, request: await queue.enqueue({ kind: "untrack", itemId, orgKey: org.key }) };
      }
      const operation = state.begin("untrack", 1, org.key);
      try {
        return { kind: "done" as const, result: await untrackMessage(itemId, org, tracking, confirm) };
      } catch (error) {
        noteFailure(org.key, error);
        throw error;
      } finally {
        operation.end();
      }
    }),

    discardQueued: guarded(async (id: string) => {
      await load();
      await queue.discard(id);
      state.forgetQueued(id);
    }),

    validationPreview: guarded(async (itemId: string, orgKey?: string) => {
      await load();
      const org = target(orgKey);
      const metadata = validationMetadataOf(await deps.mailbox.getMetadata(itemId));
      return { org, metadata, sentence: describeValidationPayload(metadata, org.friendlyName) };
    }),

    suggestRegarding: guarded(async (itemId: string, orgKey?: string, text?: string) => {
      await load();
      const org = target(orgKey);
      requireConnected(org);
      return suggestRecords(await deps.mailbox.getMetadata(itemId), org, tracking, text);
    }),

    setRegarding: guarded(async (itemId, record, orgKey?: string) => {
      await load();
      const org = target(orgKey);
      requireConnected(org);
      await setRegarding(itemId, org, record, tracking);
    }),
  };
}
