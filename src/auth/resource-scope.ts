import { AppError } from "../core/errors";

/**
 * One token per resource: an org's base URL (`https://contoso.crm4.dynamics.com`,
 * `https://localhost:5555/contoso`) or the Global Discovery URL. A resource is normalized once
 * here so that `…/Contoso/` and `…/contoso` do not become two caches, and a token MSAL hands back
 * is checked to belong to the resource it was asked for.
 */

/** Returns the resource as a token audience: HTTPS origin plus path, without a trailing slash. Throws AppError `invalidInput` (`auth.badResource`) for anything else. */
export function normalizeResource(resource: string): string {
  let url: URL;
  try {
    url = new URL(resource.trim());
  } catch {
    throw badResource("is not an absolute URL");
  }
  if (url.protocol !== "https:") throw badResource("must use HTTPS");
  if (url.username !== "" || url.password !== "") throw badResource("must not carry user info");
  if (url.search !== "" || url.hash !== "") throw badResource("must not carry a query or fragment");
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

/** Returns the scope asked for a resource: `<resource>/.default`. */
export function scopeFor(resource: string): string {
  return `${resource}/.default`;
}

/** Returns true when the scopes MSAL reports for a token are scopes of this resource (or report nothing to compare). */
export function scopesBelongTo(scopes: readonly string[] | undefined, resource: string): boolean {
  const urls = (scopes ?? []).filter((scope) => /^https?:\/\//i.test(scope));
  if (urls.length === 0) return true;
  const prefix = `${resource.toLowerCase()}/`;
  return urls.every((scope) => scope.toLowerCase().startsWith(prefix));
}

function badResource(problem: string): AppError {
  return new AppError("invalidInput", `A token resource ${problem}.`, { messageKey: "auth.badResource" });
}
