import { AppError } from "../../core/errors";
import type { HttpRequest, HttpResponse } from "../../core/ports";
import type { Send } from "../pipeline";

function unreadable(cause?: unknown): AppError {
  return new AppError("unknown", "The organization's answer could not be read.", { messageKey: "dataverse.unreadableAnswer", cause });
}

/** Returns the JSON body of an answer; throws AppError `unknown` when it is empty or not JSON. */
export function parseJson<T>(response: HttpResponse): T {
  if (!response.body.trim()) throw unreadable();
  try {
    return JSON.parse(response.body) as T;
  } catch (error) {
    throw unreadable(error);
  }
}

/** A collection read: the rows, and whether every page was read. */
export interface Collection<T> {
  value: T[];
  /** False when a next page existed beyond `maxPages`. */
  complete: boolean;
}

/** How far to follow `@odata.nextLink`. */
export interface PageOptions {
  /** Default 10. */
  maxPages?: number;
}

interface Page<T> {
  value?: T[];
  "@odata.nextLink"?: string;
}

/**
 * Reads a collection with `send`, following `@odata.nextLink` verbatim (same headers, so a
 * `Prefer: odata.maxpagesize` stays) up to `maxPages` pages; returns the rows in order. Throws
 * the AppError of a failed page, AppError `unknown` for an answer that is not a collection.
 */
export async function readPages<T>(send: Send, request: HttpRequest, options: PageOptions = {}): Promise<Collection<T>> {
  const maxPages = Math.max(1, options.maxPages ?? 10);
  const value: T[] = [];
  let next: HttpRequest | undefined = request;
  for (let page = 0; next; page += 1) {
    if (page >= maxPages) return { value, complete: false };
    const body: Page<T> = parseJson<Page<T>>(await send(next));
    if (!Array.isArray(body.value)) throw unreadable();
    value.push(...body.value);
    const link = body["@odata.nextLink"];
    next = typeof link === "string" && link ? { method: "GET", url: link, headers: { ...request.headers }, ...(request.signal ? { signal: request.signal } : {}) } : undefined;
  }
  return { value, complete: true };
}
