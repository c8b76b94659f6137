import https from "node:https";
import { AppError } from "../../src/core/errors";
import type { HttpSend } from "../../src/core/ports";

/**
 * A real HttpSend for Node tests: one HTTPS request per call over node:https, trusting the
 * emulator's certificate through `ca` (TLS is verified, not switched off). Any status resolves;
 * a dropped connection or other network failure rejects with AppError `offline`, an abort with
 * `cancelled`. No keep-alive, so a test leaves no socket behind.
 */
export function createNodeHttpSend(options: { ca: string | Buffer }): HttpSend {
  return (request) =>
    new Promise((resolve, reject) => {
      if (request.signal?.aborted) {
        reject(new AppError("cancelled", "The request was cancelled.", { cause: request.signal.reason }));
        return;
      }
      const headers: Record<string, string> = { ...request.headers };
      if (request.body !== undefined) headers["Content-Length"] = String(Buffer.byteLength(request.body));
      const req = https.request(new URL(request.url), { method: request.method, headers, ca: options.ca, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const responseHeaders: Record<string, string> = {};
          for (const [name, value] of Object.entries(res.headers)) {
            if (value !== undefined) responseHeaders[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
          }
          resolve({ status: res.statusCode ?? 0, headers: responseHeaders, body: Buffer.concat(chunks).toString("utf8") });
        });
        res.on("error", (error) => fail(error));
      });
      const fail = (error: unknown): void => {
        if (request.signal?.aborted) reject(new AppError("cancelled", "The request was cancelled.", { cause: error }));
        else reject(new AppError("offline", "The organization could not be reached.", { messageKey: "dataverse.offline", cause: error }));
      };
      const onAbort = (): void => {
        req.destroy(new Error("aborted"));
      };
      request.signal?.addEventListener("abort", onAbort, { once: true });
      req.on("error", fail);
      req.on("close", () => request.signal?.removeEventListener("abort", onAbort));
      if (request.body !== undefined) req.write(request.body);
      req.end();
    });
}

/** An HttpSend that counts what passes through it (round trips), with the requests it saw. */
export interface CountingSend {
  send: HttpSend;
  readonly requests: { method: string; url: string; headers: Record<string, string>; body?: string }[];
  /** How many requests went out since the last reset. */
  count(): number;
  reset(): void;
}

/** Returns a wrapper of `send` that records each request (method, URL, headers, body) before sending it. */
export function countingSend(send: HttpSend): CountingSend {
  const requests: CountingSend["requests"] = [];
  return {
    requests,
    send: (request) => {
      requests.push({ method: request.method, url: request.url, headers: { ...request.headers }, ...(request.body !== undefined ? { body: request.body } : {}) });
      return send(request);
    },
    count: () => requests.length,
    reset: () => {
      requests.length = 0;
    },
  };
}
