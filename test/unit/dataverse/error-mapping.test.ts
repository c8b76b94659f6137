import { errorMapping } from "../../../src/dataverse/behaviors/error-mapping";
import { compose } from "../../../src/dataverse/pipeline";
import { answer, stubSend } from "./stub-send";

const get = { method: "GET" as const, url: "https://x.example/", headers: {} };

describe("errorMapping behavior", () => {
  test.each([200, 201, 204, 304])("%i resolves", async (status) => {
    await expect(compose(stubSend(status).send, [errorMapping()])(get)).resolves.toMatchObject({ status });
  });

  test("an error answer throws the mapped AppError", async () => {
    const send = compose(stubSend(answer(403, { error: { code: "0x80040220", message: "missing prvReadActivity" } })).send, [errorMapping()]);
    await expect(send(get)).rejects.toMatchObject({ kind: "forbidden", code: "0x80040220", status: 403 });
  });

  test("an HTTP-date Retry-After is read with the injected clock", async () => {
    const now = Date.parse("2025-01-01T00:00:00Z");
    const send = compose(stubSend(answer(429, {}, { "retry-after": "Wed, 01 Jan 2025 00:00:30 GMT" })).send, [errorMapping({ now: () => now })]);
    await expect(send(get)).rejects.toMatchObject({ kind: "throttled", retryAfterSeconds: 30 });
  });
});
