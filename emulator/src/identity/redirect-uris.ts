import type { SeedClient } from "../seed/types";

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * True when a requested redirect URI matches a registered one. The rule is Entra's: an exact string
 * match, except that for a loopback host (`localhost`, `127.0.0.1`, `[::1]`, over http or https) the
 * port is ignored, as Entra does for native apps: a registered `https://localhost/callback` accepts
 * `https://localhost:49152/callback`, and `https://localhost:3000/x` accepts `https://localhost:4000/x`.
 * Scheme, host, path and query must still be equal; a URI with a fragment never matches.
 */
export function redirectUriMatches(registered: string, requested: string): boolean {
  if (registered === requested) return !requested.includes("#");
  const a = parseHttpUrl(registered);
  const b = parseHttpUrl(requested);
  if (!a || !b || b.hash !== "" || requested.includes("#")) return false;
  if (!LOOPBACK_HOSTS.has(a.hostname) || !LOOPBACK_HOSTS.has(b.hostname)) return false;
  return a.protocol === b.protocol && a.hostname === b.hostname && a.pathname === b.pathname && a.search === b.search;
}

/** True when the redirect URI is registered for the client (see redirectUriMatches). */
export function isRegisteredRedirectUri(client: SeedClient, uri: string): boolean {
  return client.redirectUris.some((registered) => redirectUriMatches(registered, uri));
}

function parseHttpUrl(value: string): URL | undefined {
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:" ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * True when a web origin (`https://localhost:41234`) is the origin of a redirect URI registered for any
 * of the clients, with the same loopback rule (any port for localhost / 127.0.0.1 / [::1]). Meant for
 * CORS, so a page served on a free test port gets the same answers as one on the registered port.
 */
export function isRegisteredOrigin(clients: Iterable<SeedClient>, origin: string): boolean {
  const candidate = parseHttpUrl(origin);
  if (!candidate || candidate.origin !== origin) return false;
  for (const client of clients) {
    for (const uri of client.redirectUris) {
      const registered = parseHttpUrl(uri);
      if (!registered) continue;
      if (registered.origin === origin) return true;
      if (LOOPBACK_HOSTS.has(registered.hostname) && registered.protocol === candidate.protocol && registered.hostname === candidate.hostname) return true;
    }
  }
  return false;
}
