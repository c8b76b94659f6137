import { AppError } from "../../../src/core/errors";
import { retry, realSleep, type RetryOptions } from "../../../src/dataverse/behaviors/retry";
import { compose } from "../../../src/dataverse/pipeline";
import { answer, stubSend, type Scripted } from "./stub-send";

const request = { method: "POST" as const, url: "https://x.example/org/api", headers: {}, body: "{}" };

function run(script: Scripted[], options: RetryOptions = {}) {
  const stub = stubSend(...script);
  const sleeps: number[] = [];
  const send = compose(stub.send, [retry({ random: () => 0.5, ...options, sleep: async (ms) => void sleeps.push(ms) })]);
  return { stub, sleeps, result: send(request) };
}

describe("retry behavior", () => {
  test.each([429, 503, 504])("%i is retried, then the success is returned", async (status) => {
    const { stub, result } = run([status, 200]);
    await expect(result).resolves.toMatchObject({ status: 200 });
    expect(stub.requests).toHaveLength(2);
  });

  test.each([400, 401, 403, 404, 409, 412, 500, 502])("%i is not retried", async (status) => {
    const { stub, result, sleeps } = run([status, 200]);
    await expect(result).resolves.toMatchObject({ status });
    expect(stub.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  test("Retry-After seconds are honoured; x-ms-retry-after-ms too", async () => {
    const { sleeps, result } = run([answer(429, undefined, { "retry-after": "2" }), answer(503, undefined, { "x-ms-retry-after-ms": "250" }), 200]);
    await expect(result).resolves.toMatchObject({ status: 200 });
    expect(sleeps).toEqual([2000, 250]);
  });

  test("without Retry-After: exponential back-off with jitter", async () => {
    const { sleeps, result } = run([503, 503, 503, 200], { baseDelayMs: 100, random: () => 1 });
    await expect(result).resolves.toMatchObject({ status: 200 });
    expect(sleeps).toEqual([100, 200, 400]);
    const low = run([503, 200], { baseDelayMs: 100, random: () => 0 });
    await low.result;
    expect(low.sleeps).toEqual([50]);
  });

  test("at most 3 retries, then the last answer", async () => {
    const { stub, result, sleeps } = run([answer(429, undefined, { "retry-after": "1" })]);
    await expect(result).resolves.toMatchObject({ status: 429 });
    expect(stub.requests).toHaveLength(4);
    expect(sleeps).toEqual([1000, 1000, 1000]);
  });

  test("a Retry-After beyond the total bound gives up at once with that answer", async () => {
    const { stub, result, sleeps } = run([answer(429, undefined, { "retry-after": "61" }), 200]);
    await expect(result).resolves.toMatchObject({ status: 429, headers: { "retry-after": "61" } });
    expect(stub.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  test("the total wait is bounded across retries", async () => {
    const { stub, result, sleeps } = run([answer(429, undefined, { "retry-after": "25" })], { maxTotalWaitMs: 60_000 });
    await expect(result).resolves.toMatchObject({ status: 429 });
    expect(sleeps).toEqual([25_000, 25_000]);
    expect(stub.requests).toHaveLength(3);
  });

  test("network failures (offline) are retried, then rethrown", async () => {
    const offline = new AppError("offline", "down");
    const ok = run([offline, 200]);
    await expect(ok.result).resolves.toMatchObject({ status: 200 });
    const never = run([offline]);
    await expect(never.result).rejects.toBe(offline);
    expect(never.stub.requests).toHaveLength(4);
  });

  test.each(["cancelled", "timeout", "auth", "unknown"] as const)("a %s error is never retried", async (kind) => {
    const { stub, result } = run([new AppError(kind, kind), 200]);
    await expect(result).rejects.toMatchObject({ kind });
    expect(stub.requests).toHaveLength(1);
  });

  test("an aborted request stops waiting and is not sent again", async () => {
    const stub = stubSend(503, 200);
    const controller = new AbortController();
    const send = compose(stub.send, [retry({ baseDelayMs: 10_000, sleep: realSleep })]);
    const pending = send({ ...request, signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 10));
    controller.abort();
    await expect(pending).rejects.toMatchObject({ kind: "cancelled" });
    expect(stub.requests).toHaveLength(1);
  });

  test("realSleep waits", async () => {
    const started = Date.now();
    await realSleep(30);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
  });
});
