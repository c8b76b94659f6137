import type { Behavior } from "../pipeline";
import { mapError } from "../map-error";

/** Returns a behavior that resolves with answers below 400 and throws the mapped AppError (map-error.ts) for the others. */
export function errorMapping(options: { now?: () => number } = {}): Behavior {
  const now = options.now ?? Date.now;
  return (next) => async (request) => {
    const response = await next(request);
    if (response.status >= 200 && response.status < 400) return response;
    throw mapError(response, now());
  };
}
