import { AppError } from "../../../src/core/errors";
import { compose, createPipeline, type Behavior } from "../../../src/dataverse/pipeline";
import { answer, stubSend, stubTokens } from "./stub-send";

const R = "https://contoso.crm.dynamics.com";

describe("compose", () => {
  test("the first behavior is outermost", async () => {
    const order: string[] = [];
    const tag =
      (name: string): Behavior =>
      (next) =>
      async (request) => {
        order.push(`${name}>`);
        const response = await next(request);
        order.push(`<${name}`);
        return response;
      };
    await compose(stubSend(200).send, [tag("a"), tag("b")])({ method: "GET", url: "u", headers: {} });
    expect(order).toEqual(["a>", "b>", "<b", "<a"]);
  });
});

describe("createPipeline: the fixed order", () => {
  const sleep = async (): Promise<void> => undefined;

  test("headers, token, retry of a 429, then success", async () => {
    const stub = stubSend(answer(429, {}, { "retry-after": "1" }), answer(200, { ok: true }));
    const tokens = stubTokens();
    const send = createPipeline({ send: stub.send, tokens, resource: R, retry: { sleep } });
    await expect(send({ method: "GET", url: `${R}/api/data/v9.2/WhoAmI`, headers: {} })).resolves.toMatchObject({ status: 200 });
    expect(stub.requests).toHaveLength(2);
    expect(stub.requests[1]?.headers).toMatchObject({ Authorization: "Bearer t1", "OData-Version": "4.0", "If-None-Match": "null" });
    expect(tokens.calls).toHaveLength(1);
  });

  test("a 401 refresh gets its own retries, and the final 401 is AppError auth", async () => {
    const stub = stubSend(401, 503, 401);
    const tokens = stubTokens();
    const send = createPipeline({ send: stub.send, tokens, resource: R, retry: { sleep } });
    await expect(send({ method: "GET", url: `${R}/api/data/v9.2/WhoAmI`, headers: {} })).rejects.toMatchObject({ kind: "auth", status: 401 });
    expect(stub.requests.map((r) => r.headers.Authorization)).toEqual(["Bearer t1", "Bearer t2", "Bearer t2"]);
  });

  test("an exhausted 429 is AppError throttled with the seconds to wait", async () => {
    const send = createPipeline({ send: stubSend(answer(429, { error: { code: "0x80072322", message: "m" } }, { "retry-after": "300" })).send, tokens: stubTokens(), resource: R, retry: { sleep } });
    await expect(send({ method: "GET", url: `${R}/x`, headers: {} })).rejects.toMatchObject({ kind: "throttled", retryAfterSeconds: 300, code: "0x80072322" });
  });

  test("mapErrors: false resolves error answers", async () => {
    const send = createPipeline({ send: stubSend(400).send, tokens: stubTokens(), resource: R, mapErrors: false });
    await expect(send({ method: "POST", url: `${R}/api/data/v9.2/$batch`, headers: {}, body: "x" })).resolves.toMatchObject({ status: 400 });
  });

  test("each attempt has its own timeout; a timeout is not retried", async () => {
    let calls = 0;
    const never = () => {
      calls += 1;
      return new Promise<never>(() => undefined);
    };
    const send = createPipeline({ send: never, tokens: stubTokens(), resource: R, timeoutMs: 10, retry: { sleep } });
    await expect(send({ method: "GET", url: `${R}/x`, headers: {} })).rejects.toMatchObject({ kind: "timeout" });
    expect(calls).toBe(1);
  });

  test("a foreign URL fails as invalidInput before the send", async () => {
    const stub = stubSend(200);
    const send = createPipeline({ send: stub.send, tokens: stubTokens(), resource: R });
    await expect(send({ method: "GET", url: "https://fabrikam.crm.dynamics.com/api/data/v9.2/WhoAmI", headers: {} })).rejects.toBeInstanceOf(AppError);
    expect(stub.requests).toEqual([]);
  });
});
