import type { HttpRequest, HttpResponse } from "../../../src/core/ports";
import { decodeBatchRequest, type BatchRequest } from "../../../src/dataverse/batch";

/** What a stubbed org answers to one request of a batch. */
export interface PartAnswer {
  status: number;
  body?: unknown;
}

/** Returns a multipart/mixed batch answer to a `$batch` request, one part per request (change sets flattened). */
export function batchAnswer(request: HttpRequest, answerFor: (inner: BatchRequest, index: number) => PartAnswer | undefined): HttpResponse {
  const parts = decodeBatchRequest(request.headers["Content-Type"] ?? "", request.body ?? "");
  const inner = parts.flatMap((p) => (p.kind === "request" ? [p.request] : p.requests));
  const boundary = "batchresponse_stub";
  const chunks: string[] = [];
  inner.forEach((r, i) => {
    const a = answerFor(r, i);
    if (!a) return;
    const body = a.body === undefined ? "" : JSON.stringify(a.body);
    chunks.push(
      `--${boundary}\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\nHTTP/1.1 ${a.status} X\r\nContent-Type: application/json\r\n\r\n${body}\r\n`,
    );
  });
  return { status: 200, headers: { "content-type": `multipart/mixed; boundary=${boundary}` }, body: `${chunks.join("")}--${boundary}--\r\n` };
}
