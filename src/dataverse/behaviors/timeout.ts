import { AppError } from "../../core/errors";
import type { Behavior } from "../pipeline";

/** The default time one attempt may take. */
export const DEFAULT_TIMEOUT_MS = 30_000;

function cancelled(cause?: unknown): AppError {
  return new AppError("cancelled", "The request was cancelled.", { messageKey: "dataverse.cancelled", cause });
}

/**
 * Returns a behavior that gives each attempt `ms` milliseconds (default 30 s): it aborts the request
 * through an AbortController (linked to the caller's signal) and throws AppError `timeout` when the
 * time is up, even if the underlying send ignores the signal. A caller's abort surfaces as the
 * send's AppError `cancelled` (or one made here when the caller aborted before sending).
 */
export function timeout(options: { ms?: number } = {}): Behavior {
  const ms = options.ms ?? DEFAULT_TIMEOUT_MS;
  return (next) => async (request) => {
    const outer = request.signal;
    if (outer?.aborted) throw cancelled(outer.reason);
    const controller = new AbortController();
    const forward = (): void => controller.abort(outer?.reason);
    outer?.addEventListener("abort", forward, { once: true });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new AppError("timeout", `The organization did not answer within ${Math.round(ms / 1000)} s.`, {
          messageKey: "dataverse.timeout",
          values: { seconds: Math.round(ms / 1000) },
        });
        reject(error);
        controller.abort(error);
      }, ms);
    });
    try {
      return await Promise.race([next({ ...request, signal: controller.signal }), expired]);
    } finally {
      clearTimeout(timer);
      outer?.removeEventListener("abort", forward);
    }
  };
}
