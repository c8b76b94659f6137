import { AppError } from "../../src/core/errors";
import type { SettingsStore } from "../../src/core/ports";

/**
 * A SettingsStore in memory for tests: it enforces its limit as roamingSettings does (so a test
 * can prove the repository checks the size before calling it), counts loads and saves, can fail
 * its next load or save, and can delay saves to let concurrent updates interleave.
 */
export class MemorySettingsStore implements SettingsStore {
  loads = 0;
  saves = 0;
  /** Every document saved, in order. */
  readonly history: string[] = [];
  failNextLoad: AppError | undefined;
  failNextSave: AppError | undefined;
  /** Milliseconds each save waits before storing (0: a microtask). */
  saveDelayMs = 0;

  /**
   * `raw`: the document's own UTF-8 bytes count; `roamingSettings`: the document stored as a JSON
   * string under a key, as Outlook counts its 32 KB (every quote escaped, the key included).
   */
  constructor(
    public content: string | undefined = undefined,
    readonly limitBytes = 32 * 1024,
    readonly counts: "raw" | "roamingSettings" = "raw",
  ) {}

  /** The bytes a document takes in this store. */
  sizeOf(document: string): number {
    return Buffer.byteLength(this.counts === "raw" ? document : JSON.stringify({ "orgtrack.settings": document }), "utf8");
  }

  /** Returns the stored text; throws the AppError of `failNextLoad` once when set. */
  async load(): Promise<string | undefined> {
    this.loads++;
    const failure = this.failNextLoad;
    this.failNextLoad = undefined;
    if (failure) throw failure;
    return this.content;
  }

  /** Stores the text; throws `failNextSave` once when set, AppError `invalidInput` over the limit. */
  async save(document: string): Promise<void> {
    this.saves++;
    if (this.saveDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.saveDelayMs));
    const failure = this.failNextSave;
    this.failNextSave = undefined;
    if (failure) throw failure;
    if (this.sizeOf(document) > this.limitBytes) {
      throw new AppError("invalidInput", "The store refused a document over its limit.", { messageKey: "store.overLimit" });
    }
    this.content = document;
    this.history.push(document);
  }
}
