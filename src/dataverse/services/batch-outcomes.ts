import { AppError, isAppError } from "../../core/errors";
import type { ItemOutcome, RecordRef } from "../../core/ports";
import { MAX_BATCH_REQUESTS, type BatchPart, type BatchResponse, type BatchResponsePart } from "../batch";
import { mapError } from "../map-error";
import { toRecordRef, type RegardingTable } from "./record-search";
import type { WebApiClient } from "./web-api-client";

/**
 * Turning one `$batch` answer into one outcome per item: items that cannot be sent fail alone
 * before the batch, each answer is read or mapped to its AppError, and an answer the org did not
 * give fails as "not run". More than 1000 items go in consecutive batches of 1000.
 */

function unreadable(what: string): AppError {
  return new AppError("unknown", `The organization's ${what} could not be read.`, { messageKey: "dataverse.unreadableAnswer" });
}

function parseBody(response: BatchResponse): unknown {
  try {
    return JSON.parse(response.body) as unknown;
  } catch (cause) {
    throw new AppError("unknown", "A batch answer could not be read.", { messageKey: "dataverse.unreadableAnswer", cause });
  }
}

function notRun(): AppError {
  return new AppError("unknown", "The organization did not run this request of the batch.", { messageKey: "dataverse.batchPartMissing" });
}

/** Returns the single answer of the top-level part at an index (a change set answers with its first). */
function answerAt(parts: readonly BatchResponsePart[], index: number): BatchResponse | undefined {
  const part = parts[index];
  return part?.kind === "response" ? part.response : part?.responses[0];
}

/** How one kind of bulk call turns items into batch parts and answers into values. */
export interface BulkCall<I, P, T> {
  /** Prepares an item (throws AppError for an item that cannot be sent: that item fails alone). */
  prepare(item: I): P;
  /** The batch request of a prepared item. */
  part(prepared: P): BatchPart;
  /** Reads a successful answer (throws AppError for an unreadable one). */
  read(answer: unknown, prepared: P): T;
}

/** Runs one `$batch` for the items and returns one outcome per item, in order. */
async function bulk<I, P, T>(client: WebApiClient, items: readonly I[], call: BulkCall<I, P, T>, now: () => number): Promise<ItemOutcome<T>[]> {
  const result: ItemOutcome<T>[] = items.map(() => ({ ok: false, error: notRun() }));
  const prepared: { index: number; value: P }[] = [];
  items.forEach((item, index) => {
    try {
      prepared.push({ index, value: call.prepare(item) });
    } catch (error) {
      result[index] = { ok: false, error: isAppError(error) ? error : new AppError("invalidInput", "The message cannot be sent.", { cause: error }) };
    }
  });
  if (prepared.length === 0) return result;
  const parts = await client.batch(prepared.map((p) => call.part(p.value)));
  prepared.forEach((p, i) => {
    const answer = answerAt(parts, i);
    if (!answer) return;
    if (answer.status >= 400) {
      result[p.index] = { ok: false, error: mapError({ status: answer.status, headers: answer.headers, body: answer.body }, now()) };
      return;
    }
    try {
      result[p.index] = { ok: true, value: call.read(parseBody(answer), p.value) };
    } catch (error) {
      result[p.index] = { ok: false, error: isAppError(error) ? error : unreadable("answer") };
    }
  });
  return result;
}

/** Returns the records of one search `$batch` (one GET per table, in order); throws the AppError of a failed or missing answer. */
export function collectRecords(tables: readonly RegardingTable[], parts: readonly BatchResponsePart[], addresses: readonly string[], now: () => number): RecordRef[] {
  const records: RecordRef[] = [];
  tables.forEach((table, i) => {
    const response = answerAt(parts, i);
    if (!response) throw notRun();
    if (response.status >= 400) throw mapError({ status: response.status, headers: response.headers, body: response.body }, now());
    const rows = (parseBody(response) as { value?: unknown }).value;
    if (!Array.isArray(rows)) throw unreadable("search answer");
    for (const row of rows) {
      const ref = typeof row === "object" && row !== null ? toRecordRef(table, row as Record<string, unknown>, addresses) : undefined;
      if (ref) records.push(ref);
    }
  });
  return records;
}

/** Returns one outcome per item, in order, from one `$batch` per 1000 items; throws the AppError of a failed envelope. */
export async function bulkInChunks<I, P, T>(client: WebApiClient, items: readonly I[], call: BulkCall<I, P, T>, now: () => number): Promise<ItemOutcome<T>[]> {
  const result: ItemOutcome<T>[] = [];
  for (let start = 0; start < items.length; start += MAX_BATCH_REQUESTS) result.push(...(await bulk(client, items.slice(start, start + MAX_BATCH_REQUESTS), call, now)));
  return result;
}
