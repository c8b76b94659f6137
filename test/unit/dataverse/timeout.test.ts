import { AppError } from "../../../src/core/errors";
import type { HttpRequest, HttpResponse } from "../../../src/core/ports";
import { timeout } from "../../../src/dataverse/behaviors/timeout";
import { compose } from "../../../src/dataverse/pipeline";

/** A send that answers after `ms`, or rejects with `cancelled` when its signal aborts. */
function slowSend(ms: number, seen: HttpRequest[] = []) {
  return (request: HttpRequest) =>
    new Promise<HttpResponse>((resolve, reject) => {
      seen.push(request);
      const timer = setTimeout(() => resolve({ status: 200, headers: {}, body: "" }), ms);
      request.signal?.addEventListener("abort", () => {
        clearTimeout(timer);
        reject(new AppError("cancelled", "aborted"));
      });
    });
}

const request = (signal?: AbortSignal): HttpRequest => ({ method: "GET", url: "https://x.example/", headers: {}, ...(signal ? { signal } : {}) });

describe("timeout behavior", () => {
  test("a slow answer becomes AppError timeout and the request is aborted", async () => {
    const seen: HttpRequest[] = [];
    const send = compose(slowSend(1_000, seen), [timeout({ ms: 20 })]);
    await expect(send(request())).rejects.toMatchObject({ kind: "timeout", messageKey: "dataverse.timeout" });
    expect(seen[0]?.signal?.aborted).toBe(true);
  });

  test("an answer in time passes through", async () => {
    const send = compose(slowSend(5), [timeout({ ms: 1_000 })]);
    await expect(send(request())).resolves.toMatchObject({ status: 200 });
  });

  test("a send that ignores the signal still times out", async () => {
    const never = () => new Promise<HttpResponse>(() => undefined);
    await expect(compose(never, [timeout({ ms: 20 })])(request())).rejects.toMatchObject({ kind: "timeout" });
  });

  test("the caller's abort cancels (not a timeout)", async () => {
    const controller = new AbortController();
    const pending = compose(slowSend(1_000), [timeout({ ms: 5_000 })])(request(controller.signal));
    controller.abort();
    await expect(pending).rejects.toMatchObject({ kind: "cancelled" });
  });

  test("an already aborted request is not sent", async () => {
    const seen: HttpRequest[] = [];
    const controller = new AbortController();
    controller.abort();
    await expect(compose(slowSend(1, seen), [timeout()])(request(controller.signal))).rejects.toMatchObject({ kind: "cancelled" });
    expect(seen).toEqual([]);
  });
});
