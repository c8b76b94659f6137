import { AppError, toAppError } from "../errors";
import type { SettingsStore } from "../ports";
import { decodeSettings, isQueuedRequest, normaliseSettings, type DecodedSettings } from "./decode";
import { defaultSettings, type QueuedRequest, type SettingsDocument } from "./types";

/** Options of a settings repository. */
export interface SettingsRepositoryOptions {
  /** Told of every problem found in the stored document (corrupted, repaired, newer version) and of failing listeners. */
  onProblem?: (problem: AppError) => void;
}

/** A change to the settings: returns the new document (the same object for "no change"); may throw an AppError to abort. */
export type SettingsChange = (current: SettingsDocument) => SettingsDocument;

/** How many bytes the settings take in the store (as `storedSettingsSize` counts them), and how many it accepts. */
export interface SettingsUsage {
  bytes: number;
  limitBytes: number;
}

/**
 * The settings document over a `SettingsStore`. Changes are serialised (two concurrent updates
 * both land) and each one is a read-modify-write of what the store holds at that moment, so a
 * change made by another window of the same store is not lost either. A document over the store's
 * size limit (counted as `storedSettingsSize`) is refused before the store is called: the stored
 * document stays as it was.
 */
export class SettingsRepository {
  private snapshot: SettingsDocument = defaultSettings();
  private snapshotText = JSON.stringify(this.snapshot);
  private bytes = 0;
  private tail: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<(settings: SettingsDocument) => void>();

  constructor(
    private readonly store: SettingsStore,
    private readonly options: SettingsRepositoryOptions = {},
  ) {}

  /** The stored settings (defaults when none), with any problem found; problems also go to `onProblem`. Throws AppError (`office`) only when the store cannot be read. */
  load(): Promise<DecodedSettings> {
    return this.serialise(async () => {
      const decoded = await this.read();
      this.accept(decoded.settings);
      return decoded;
    });
  }

  /** The settings as last loaded or saved (defaults before the first load). Never throws. */
  current(): SettingsDocument {
    return this.snapshot;
  }

  /** The size of the last loaded or saved document against the store's limit. Never throws. */
  usage(): SettingsUsage {
    return { bytes: this.bytes, limitBytes: this.store.limitBytes };
  }

  /**
   * Applies a change to the stored settings and saves them; returns the saved document.
   * Throws AppError `invalidInput` (`settings.tooLarge`) when the result would exceed the store's
   * limit, `conflict` (`settings.newerVersion`) when a newer OrgTrack wrote the settings, whatever
   * the change throws, and the store's errors; in every case the stored document is unchanged.
   */
  update(change: SettingsChange): Promise<SettingsDocument> {
    return this.serialise(async () => {
      const decoded = await this.read();
      if (!decoded.writable) {
        this.accept(decoded.settings);
        throw decoded.problem ?? new AppError("conflict", "The settings cannot be changed.", { messageKey: "settings.newerVersion" });
      }
      const changed = change(decoded.settings);
      if (changed === decoded.settings && decoded.migratedFrom === undefined && decoded.problem === undefined) {
        this.accept(decoded.settings);
        return this.snapshot;
      }
      const next = normaliseSettings(changed);
      const text = JSON.stringify(next);
      const bytes = storedSettingsSize(text);
      if (bytes > this.store.limitBytes) {
        this.accept(decoded.settings);
        throw new AppError(
          "invalidInput",
          `The settings would take ${bytes} bytes, more than the ${this.store.limitBytes} bytes kept for OrgTrack in this mailbox. Remove an organization or let waiting requests finish first.`,
          { messageKey: "settings.tooLarge", values: { sizeBytes: bytes, limitBytes: this.store.limitBytes } },
        );
      }
      await this.store.save(text);
      this.accept(next, bytes);
      return next;
    });
  }

  /** Sets "Save my credentials on this device" and/or "Connect automatically"; returns the saved document. Throws as `update`. */
  setPreferences(preferences: Partial<Pick<SettingsDocument, "saveCredentials" | "connectAutomatically">>): Promise<SettingsDocument> {
    return this.update((current) => ({ ...current, ...preferences }));
  }

  /** The waiting track/untrack requests as the store holds them now, oldest first. Throws AppError (`office`) when the store cannot be read. */
  readQueue(): Promise<readonly QueuedRequest[]> {
    return this.serialise(async () => {
      const decoded = await this.read();
      this.accept(decoded.settings);
      return this.snapshot.queue;
    });
  }

  /** Replaces the queue with what `change` makes of it, atomically with respect to every other change; returns the saved queue. Throws as `update`, and `invalidInput` for a malformed request. */
  async updateQueue(change: (queue: readonly QueuedRequest[]) => readonly QueuedRequest[]): Promise<readonly QueuedRequest[]> {
    const saved = await this.update((current) => {
      const queue = change(current.queue);
      if (queue === current.queue) return current;
      const bad = queue.find((request) => !isQueuedRequest(request));
      if (bad !== undefined) throw new AppError("invalidInput", "A waiting request is not well-formed.", { messageKey: "settings.invalidQueuedRequest" });
      const unique = queue.filter((request, index) => queue.findIndex((other) => other.id === request.id) === index);
      return { ...current, queue: unique };
    });
    return saved.queue;
  }

  /** Adds a request to the end of the queue unless one with its id is already there; returns the saved queue. Throws as `updateQueue`. */
  enqueue(request: QueuedRequest): Promise<readonly QueuedRequest[]> {
    return this.updateQueue((queue) => (queue.some((known) => known.id === request.id) ? queue : [...queue, request]));
  }

  /** Removes the requests with these ids (unknown ids are ignored); returns the saved queue. Throws as `update`. */
  removeFromQueue(ids: readonly string[]): Promise<readonly QueuedRequest[]> {
    return this.updateQueue((queue) => (queue.some((request) => ids.includes(request.id)) ? queue.filter((request) => !ids.includes(request.id)) : queue));
  }

  /** Calls the listener with the settings after every load and change; returns the unsubscribe function. */
  subscribe(listener: (settings: SettingsDocument) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  private async read(): Promise<DecodedSettings> {
    let text: string | undefined;
    try {
      text = await this.store.load();
    } catch (error) {
      throw toAppError(error);
    }
    const decoded = decodeSettings(text);
    this.bytes = text === undefined ? 0 : storedSettingsSize(text);
    if (decoded.problem) this.report(decoded.problem);
    return decoded;
  }

  /** Makes `settings` the current document; listeners hear of it only when its content changed (the object stays the same otherwise). */
  private accept(settings: SettingsDocument, bytes?: number): void {
    if (bytes !== undefined) this.bytes = bytes;
    const text = JSON.stringify(settings);
    if (text === this.snapshotText) return;
    this.snapshot = settings;
    this.snapshotText = text;
    for (const listener of [...this.listeners]) {
      try {
        listener(settings);
      } catch (error) {
        this.report(toAppError(error));
      }
    }
  }

  private report(problem: AppError): void {
    this.options.onProblem?.(problem);
  }

  private serialise<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/** Room left for the key a host stores the document under (`{"orgtrack.settings":…}`). */
const KEY_HEADROOM_BYTES = 64;

/**
 * The bytes a settings document counts for against a store's limit: its UTF-8 size as a JSON
 * string value (roamingSettings and localStorage keep it that way, every quote escaped) plus room
 * for the key. Never less than the document's own size, so a store that counts less still fits.
 */
export function storedSettingsSize(text: string): number {
  return new TextEncoder().encode(JSON.stringify(text)).byteLength + KEY_HEADROOM_BYTES;
}
