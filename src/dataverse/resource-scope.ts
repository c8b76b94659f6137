import { AppError } from "../core/errors";

/**
 * The security rule of the bearer token: a token issued for resource R is only ever sent to URLs
 * below R (`url` starts with `R + "/"` after both are normalised). Emulator orgs share one origin
 * (`https://localhost:5555/contoso`, `…/fabrikam`), so comparing origins alone is not enough.
 */

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** A normalised resource and the check of request URLs against it. */
export interface ResourceScope {
  /** The resource as tokens are asked for: origin + path, no trailing slash. */
  readonly resource: string;
  /** Returns the normalised URL when it lies below the resource; throws AppError `invalidInput` otherwise. */
  check(url: string): string;
}

function refused(reason: string, host: string): AppError {
  return new AppError("invalidInput", `Refused to send the sign-in token of this organization to another address (${reason}).`, {
    messageKey: "dataverse.tokenScope",
    values: { host },
  });
}

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

function secureScheme(url: URL): boolean {
  return url.protocol === "https:" || (url.protocol === "http:" && LOOPBACK.has(url.hostname));
}

/** Returns the scope of a resource URL; throws AppError `invalidInput` when the resource is not an https URL without user info, query or fragment. */
export function resourceScope(resource: string): ResourceScope {
  const parsed = parse(resource.trim());
  if (!parsed || !secureScheme(parsed) || parsed.username || parsed.password || parsed.search || parsed.hash) {
    throw new AppError("invalidInput", "The organization address cannot receive sign-in tokens.", { messageKey: "dataverse.badResource" });
  }
  const rootPath = parsed.pathname.replace(/\/+$/, "");
  const root = parsed.origin + rootPath;
  const prefix = `${root}/`.toLowerCase();
  return {
    resource: root,
    check(url: string): string {
      const target = parse(url);
      if (!target) throw refused("not a URL", "");
      if (target.username || target.password) throw refused("user info in the URL", target.hostname);
      if (target.protocol !== parsed.protocol) throw refused("another scheme", target.hostname);
      if (target.origin !== parsed.origin) throw refused("another host", target.hostname);
      if (/%2f|%5c/i.test(target.pathname)) throw refused("an encoded slash in the path", target.hostname);
      const normalised = target.origin + target.pathname;
      if (!normalised.toLowerCase().startsWith(prefix)) throw refused("outside the organization", target.hostname);
      return target.href;
    },
  };
}
