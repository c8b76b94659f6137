import type { Language, StringPart, Strings } from "./types";

/**
 * A language's strings that grow as parts load (the task pane's): views read `strings()` and
 * re-render when `subscribe` tells them a part arrived; a view that needs a part waits for
 * `load` (the task pane's `lazyNamed` views do).
 */
export interface StringCatalog {
  readonly language: Language;
  /** The strings loaded so far: the same object until a part arrives, then a new one. */
  strings(): Strings;
  /** Returns true when every part named is loaded. */
  has(parts: readonly StringPart[]): boolean;
  /** Resolves once the parts are in `strings()` (the same promise for the same parts); rejects when a chunk cannot load, and a later call tries again. */
  load(parts: readonly StringPart[]): Promise<void>;
  /** Calls the listener after each part arrives; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
}

/**
 * Returns a catalog that starts with `initial` (the `loaded` parts, base included) and loads the
 * other parts with `loadParts` (given the missing parts; src/i18n's loadStrings with their
 * sources). Never throws.
 */
export function createStringCatalog(
  language: Language,
  initial: Strings,
  loaded: readonly StringPart[],
  loadParts: (parts: readonly Exclude<StringPart, "base">[]) => Promise<Partial<Strings>>,
): StringCatalog {
  let current = initial;
  const have = new Set<StringPart>(["base", ...loaded]);
  const loading = new Map<string, Promise<void>>();
  const listeners = new Set<() => void>();
  const has = (parts: readonly StringPart[]) => parts.every((part) => have.has(part));
  return {
    language,
    strings: () => current,
    has,
    load(parts) {
      const name = [...new Set(parts)].sort().join(",");
      let pending = loading.get(name);
      if (pending !== undefined) return pending;
      const missing = parts.filter((part): part is Exclude<StringPart, "base"> => !have.has(part));
      pending =
        missing.length === 0
          ? Promise.resolve()
          : loadParts([...new Set(missing)].sort()).then(
              (strings) => {
                current = { ...current, ...strings };
                for (const part of missing) have.add(part);
                for (const listener of [...listeners]) listener();
              },
              (error: unknown) => {
                loading.delete(name);
                throw error;
              },
            );
      loading.set(name, pending);
      return pending;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
