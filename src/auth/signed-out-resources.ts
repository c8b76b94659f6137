/**
 * The resources a person signed out of. MSAL 5 has no supported way to remove the cached tokens
 * of one resource (`clearCache` removes a whole account, i.e. every org), so signing out of one
 * org records it here: the provider then hands out no token for it, silent or cached, until the
 * person signs in to it again interactively (with `prompt=login`). The record lives in the same
 * storage as MSAL's cache, so it survives a restart exactly when the tokens do.
 */

/** The part of the Web Storage API used (localStorage or sessionStorage, or a fake). */
export interface FlagStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** The signed-out set of one app registration. */
export interface SignedOutResources {
  has(resource: string): boolean;
  add(resource: string): void;
  delete(resource: string): void;
}

/** Returns an in-memory FlagStorage (the default: nothing outlives the page). */
export function memoryFlagStorage(): FlagStorage {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

/**
 * Returns the signed-out set kept in `storage` under a key of this client id. Unreadable storage
 * counts as empty; a write the storage refuses still holds for this page (sign-out never fails).
 */
export function createSignedOutResources(storage: FlagStorage, clientId: string): SignedOutResources {
  const key = `orgtrack.auth.signedOut.${clientId}`;
  const thisPage = new Set<string>();
  const read = (): Set<string> => {
    try {
      const parsed: unknown = JSON.parse(storage.getItem(key) ?? "[]");
      return new Set(Array.isArray(parsed) ? parsed.filter((item): item is string => typeof item === "string") : []);
    } catch {
      return new Set();
    }
  };
  const write = (resources: Set<string>): void => {
    try {
      if (resources.size === 0) storage.removeItem(key);
      else storage.setItem(key, JSON.stringify([...resources].sort()));
    } catch {
      // Kept for this page only: the next start may connect silently again.
    }
  };
  const id = (resource: string): string => resource.toLowerCase();
  return {
    has: (resource) => thisPage.has(id(resource)) || read().has(id(resource)),
    add: (resource) => {
      thisPage.add(id(resource));
      const resources = read();
      resources.add(id(resource));
      write(resources);
    },
    delete: (resource) => {
      thisPage.delete(id(resource));
      const resources = read();
      if (resources.delete(id(resource))) write(resources);
    },
  };
}
