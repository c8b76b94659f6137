import { AppError } from "../../core/errors";
import type { HttpRequest, HttpResponse } from "../../core/ports";
import type { OrgAddress } from "../../core/orgs/types";
import { decodeBatchResponse, encodeBatch, type BatchPart, type BatchResponsePart } from "../batch";
import { parseJson, readPages, type Collection, type PageOptions } from "../behaviors/parse";
import { mapError } from "../map-error";
import { createPipeline, type Send, type TransportDeps } from "../pipeline";
import { resourceScope } from "../resource-scope";

/** What the Web API services need from the composition root. */
export type WebApiDeps = TransportDeps;

/** The typed calls of one org's Web API; paths are relative to its Web API root. */
export interface WebApiClient {
  readonly org: OrgAddress;
  /** The pipeline: resolves with successful answers, throws AppError. */
  readonly send: Send;
  /** Returns the absolute URL of a path below the Web API root. */
  url(path: string): string;
  /** GETs a path and returns its JSON body; throws AppError. */
  getJson<T>(path: string, headers?: Record<string, string>): Promise<T>;
  /** GETs a collection, following `@odata.nextLink`; throws AppError. */
  getCollection<T>(path: string, options?: PageOptions & { headers?: Record<string, string> }): Promise<Collection<T>>;
  /** Sends a JSON body (POST/PATCH) or none (DELETE) and returns the answer; throws AppError. */
  write(method: "POST" | "PATCH" | "DELETE", path: string, body?: unknown, headers?: Record<string, string>): Promise<HttpResponse>;
  /** Posts one `$batch` (continue-on-error unless told otherwise) and returns its parts; throws AppError when the envelope fails. */
  batch(parts: readonly BatchPart[], options?: { continueOnError?: boolean }): Promise<BatchResponsePart[]>;
}

/** Returns the Web API client of an org; throws AppError `invalidInput` when the org's Web API root is not below its token resource. */
export function createWebApiClient(org: OrgAddress, deps: WebApiDeps): WebApiClient {
  const scope = resourceScope(org.resource);
  const root = org.webApiUrl.endsWith("/") ? org.webApiUrl : `${org.webApiUrl}/`;
  scope.check(root);
  const common = {
    send: deps.send,
    tokens: deps.tokens,
    resource: org.resource,
    ...(deps.timeoutMs !== undefined ? { timeoutMs: deps.timeoutMs } : {}),
    ...(deps.now ? { now: deps.now } : {}),
    retry: { ...deps.retry, ...(deps.sleep ? { sleep: deps.sleep } : {}), ...(deps.now ? { now: deps.now } : {}) },
  };
  const send = createPipeline(common);
  const raw = createPipeline({ ...common, mapErrors: false });
  const now = deps.now ?? Date.now;
  const url = (path: string): string => root + path;
  const request = (method: HttpRequest["method"], path: string, headers: Record<string, string> = {}, body?: string): HttpRequest => ({
    method,
    url: url(path),
    headers,
    ...(body !== undefined ? { body } : {}),
  });

  return {
    org,
    send,
    url,
    async getJson<T>(path: string, headers?: Record<string, string>): Promise<T> {
      return parseJson<T>(await send(request("GET", path, headers)));
    },
    getCollection<T>(path: string, options: PageOptions & { headers?: Record<string, string> } = {}): Promise<Collection<T>> {
      return readPages<T>(send, request("GET", path, options.headers), options);
    },
    write(method, path, body, headers) {
      return send(request(method, path, headers, body === undefined ? undefined : JSON.stringify(body)));
    },
    async batch(parts, options = {}) {
      for (const part of parts) {
        for (const inner of part.kind === "request" ? [part.request] : part.requests) {
          // `$1…` refers to an earlier request of the same change set (its URL, already checked).
          if (!(part.kind === "changeSet" && /^\$\d+(?:[/?]|$)/.test(inner.url))) scope.check(inner.url);
        }
      }
      const encoded = encodeBatch(parts);
      const continueOnError = options.continueOnError ?? true;
      const response = await raw(
        request("POST", "$batch", { "Content-Type": encoded.contentType, ...(continueOnError ? { Prefer: "odata.continue-on-error" } : {}) }, encoded.body),
      );
      const contentType = response.headers["content-type"] ?? "";
      const multipart = contentType.toLowerCase().startsWith("multipart/mixed");
      if (multipart && (response.status === 200 || response.status === 400)) return decodeBatchResponse(contentType, response.body);
      if (response.status >= 200 && response.status < 300) throw new AppError("unknown", "The batch answer is not multipart.", { messageKey: "dataverse.unreadableAnswer", status: response.status });
      throw mapError(response, now());
    },
  };
}
