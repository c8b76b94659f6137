import type { AppError } from "../errors";
import type { OrgStatus } from "../orgs/types";
import type { SettingsUsage } from "../settings/repository";
import type { SettingsDocument } from "../settings/types";
import type { QueuedError, ReplayedRequest } from "../tracking/queue";
import type { OperationProgress, SessionSnapshot } from "./types";

/** A running operation: `update` reports its progress, `end` removes it from the snapshot. */
export interface Operation {
  update(progress: Pick<OperationProgress, "phase" | "done" | "total">): void;
  end(): void;
}

/** The session's observable state: what is not in the settings document, and the snapshot made of both. */
export interface SessionState {
  snapshot(): SessionSnapshot;
  subscribe(listener: (snapshot: SessionSnapshot) => void): () => void;
  /** Takes the settings as they are now (after a load or any change). */
  setSettings(settings: SettingsDocument, usage: SettingsUsage): void;
  setLoaded(): void;
  setProblem(problem: AppError): void;
  status(key: string): OrgStatus;
  setStatus(key: string, status: OrgStatus): void;
  /** Keeps the errors of a replay for the requests that stay queued; forgets those that left. */
  noteReplay(results: readonly ReplayedRequest[]): void;
  forgetQueued(id: string): void;
  begin(kind: OperationProgress["kind"], total: number, orgKey?: string): Operation;
}

/** Returns an empty state over default settings (orgs "notChecked" until told otherwise); never throws. */
export function createSessionState(initial: SettingsDocument, usage: SettingsUsage): SessionState {
  let settings = initial;
  let settingsUsage = usage;
  let loaded = false;
  let problem: AppError | undefined;
  const statuses = new Map<string, OrgStatus>();
  const queueErrors = new Map<string, QueuedError>();
  const operations = new Map<number, OperationProgress>();
  const listeners = new Set<(snapshot: SessionSnapshot) => void>();
  let nextOperation = 1;
  let current = build();

  function build(): SessionSnapshot {
    return {
      loaded,
      orgs: settings.orgs.map((org) => ({ ...org, status: statuses.get(org.key) ?? "notChecked", synchronizing: org.key === settings.synchronizingKey })),
      synchronizingKey: settings.synchronizingKey,
      preferences: { saveCredentials: settings.saveCredentials, connectAutomatically: settings.connectAutomatically },
      queue: settings.queue.map((request) => {
        const lastError = queueErrors.get(request.id);
        return lastError ? { ...request, lastError } : { ...request };
      }),
      settingsProblem: problem,
      settingsUsage,
      operations: [...operations.values()].map((operation) => ({ ...operation })),
    };
  }

  function changed(): void {
    current = build();
    for (const listener of [...listeners]) {
      try {
        listener(current);
      } catch {
        // A failing listener (a UI bug) must not stop the session nor the other listeners.
      }
    }
  }

  return {
    snapshot: () => current,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    setSettings(next, nextUsage) {
      settings = next;
      settingsUsage = nextUsage;
      changed();
    },
    setLoaded() {
      loaded = true;
      changed();
    },
    setProblem(next) {
      problem = next;
      changed();
    },
    status: (key) => statuses.get(key) ?? "notChecked",
    setStatus(key, status) {
      if (statuses.get(key) === status) return;
      statuses.set(key, status);
      changed();
    },
    noteReplay(results) {
      for (const { request, outcome, removed } of results) {
        if (removed || outcome.ok) queueErrors.delete(request.id);
        else queueErrors.set(request.id, { kind: outcome.error.kind, messageKey: outcome.error.messageKey, message: outcome.error.message });
      }
      changed();
    },
    forgetQueued(id) {
      if (queueErrors.delete(id)) changed();
    },
    begin(kind, total, orgKey) {
      const id = nextOperation++;
      operations.set(id, { id, kind, ...(orgKey === undefined ? {} : { orgKey }), phase: "started", done: 0, total });
      changed();
      return {
        update(progress) {
          const operation = operations.get(id);
          if (!operation) return;
          operations.set(id, { ...operation, ...progress });
          changed();
        },
        end() {
          if (operations.delete(id)) changed();
        },
      };
    },
  };
}
