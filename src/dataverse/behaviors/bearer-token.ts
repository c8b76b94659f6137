import type { HttpRequest, TokenProvider } from "../../core/ports";
import type { Behavior } from "../pipeline";
import { resourceScope } from "../resource-scope";

function withToken(request: HttpRequest, url: string, token: string): HttpRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) if (name.toLowerCase() !== "authorization") headers[name] = value;
  headers.Authorization = `Bearer ${token}`;
  return { ...request, url, headers };
}

/**
 * Returns a behavior that attaches a bearer token for `resource` (silently, from the TokenProvider).
 * A URL outside the resource is refused with AppError `invalidInput` before any token is asked
 * for or anything is sent. A 401 gets ONE silent refresh (`forceRefresh`) and one more attempt;
 * a second 401 is returned as is (error mapping makes it AppError `auth`). Throws the provider's
 * AppError when it has no token; throws AppError `invalidInput` at creation for a bad resource.
 */
export function bearerToken(options: { tokens: TokenProvider; resource: string }): Behavior {
  const scope = resourceScope(options.resource);
  return (next) => async (request) => {
    const url = scope.check(request.url);
    const token = await options.tokens.getToken(scope.resource);
    const first = await next(withToken(request, url, token));
    if (first.status !== 401) return first;
    const refreshed = await options.tokens.getToken(scope.resource, { forceRefresh: true });
    return next(withToken(request, url, refreshed));
  };
}
