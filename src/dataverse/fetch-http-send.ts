import { AppError } from "../core/errors";
import type { HttpSend } from "../core/ports";

/** Returns the browser's HttpSend over `fetch`: any status resolves; a network failure rejects with AppError `offline`, an abort with `cancelled`. */
export function createFetchHttpSend(fetchImpl: typeof fetch = (input, init) => globalThis.fetch(input, init)): HttpSend {
  return async (request) => {
    let response: Response;
    try {
      response = await fetchImpl(request.url, {
        method: request.method,
        headers: request.headers,
        ...(request.body !== undefined ? { body: request.body } : {}),
        ...(request.signal ? { signal: request.signal } : {}),
        credentials: "omit",
        cache: "no-store",
        redirect: "error",
      });
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        headers[name.toLowerCase()] = value;
      });
      return { status: response.status, headers, body: await response.text() };
    } catch (error) {
      if (request.signal?.aborted || (typeof error === "object" && error !== null && (error as { name?: unknown }).name === "AbortError")) {
        throw new AppError("cancelled", "The request was cancelled.", { messageKey: "dataverse.cancelled", cause: error });
      }
      throw new AppError("offline", "The organization could not be reached.", { messageKey: "dataverse.offline", cause: error });
    }
  };
}
