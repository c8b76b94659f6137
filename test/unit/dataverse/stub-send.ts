import { AppError } from "../../../src/core/errors";
import type { HttpRequest, HttpResponse, HttpSend, TokenProvider, TokenRequestOptions } from "../../../src/core/ports";

/** What a scripted send answers: a response, a status, or a thrown error. */
export type Scripted = HttpResponse | number | AppError | ((request: HttpRequest) => HttpResponse | Promise<HttpResponse>);

/** A stub of the HttpSend port for unit tests: answers from a script, in order, and records every request. */
export interface StubSend {
  send: HttpSend;
  requests: HttpRequest[];
}

/** Returns a response with a JSON body (or none for `undefined`). */
export function answer(status: number, body?: unknown, headers: Record<string, string> = {}): HttpResponse {
  return { status, headers: body === undefined ? headers : { "content-type": "application/json", ...headers }, body: body === undefined ? "" : JSON.stringify(body) };
}

/** Returns a send that answers each request with the next scripted item (the last one repeats). */
export function stubSend(...script: Scripted[]): StubSend {
  const requests: HttpRequest[] = [];
  const send: HttpSend = async (request) => {
    requests.push(request);
    const item = script.length > 1 ? script.shift() : script[0];
    if (item === undefined) throw new Error("the stub has no answer");
    if (item instanceof AppError) throw item;
    if (typeof item === "number") return answer(item, item >= 400 ? { error: { code: "0x0", message: "stub" } } : undefined);
    if (typeof item === "function") return item(request);
    return item;
  };
  return { send, requests };
}

/** A TokenProvider stub: token `t1`, then `t2`, … on each forced refresh; records the calls. */
export function stubTokens(): TokenProvider & { calls: { resource: string; options: TokenRequestOptions }[] } {
  const calls: { resource: string; options: TokenRequestOptions }[] = [];
  let version = 1;
  return {
    calls,
    async getToken(resource, options = {}) {
      calls.push({ resource, options });
      if (options.forceRefresh) version += 1;
      return `t${version}`;
    },
    async signOut() {},
  };
}
