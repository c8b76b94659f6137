import { ODataError } from "../../../emulator/src/http/odata-error";
import { DEFAULT_LIMITS } from "../../../emulator/src/seed/directory";
import type { SeedLimits } from "../../../emulator/src/seed/types";
import { createServiceProtection } from "../../../emulator/src/web-api/service-protection";
import { startEmulator, type TestEmulator } from "../../support/emulator-harness";
import type { HttpResult } from "../../support/https-client";
import { odataErrorOf } from "../../support/odata-errors";

const ALEX = "alex.wu@contoso.example";
const MORGAN = "morgan.lee@contoso.example";
const WHO_AM_I = "/contoso/api/data/v9.2/WhoAmI";
const BURST = "x-ms-ratelimit-burst-remaining-xrm-requests";
const TIME = "x-ms-ratelimit-time-remaining-xrm-requests";

interface ODataErrorBody {
  error: { code: string; message: string };
}

function expectThrottled(res: HttpResult, code: string, retryAfter: string): ODataErrorBody["error"] {
  expect(res.status).toBe(429);
  expect(res.headers["retry-after"]).toBe(retryAfter);
  expect(res.headers["content-type"]).toMatch(/^application\/json/);
  const { error } = res.json<ODataErrorBody>();
  expect(error.code).toBe(code);
  return error;
}

describe("service protection over HTTPS (5 requests per 2 s, 3 concurrent)", () => {
  let emu: TestEmulator;
  let clock = Date.now();
  let alex: string;
  let morgan: string;
  const whoAmI = (token = alex): Promise<HttpResult> => emu.request(WHO_AM_I, { token });

  beforeAll(async () => {
    emu = await startEmulator({ limits: { requestsPerWindow: 5, windowSeconds: 2, concurrentRequests: 3, retryAfterSeconds: 1 }, now: () => clock });
    alex = await emu.tokenFor(ALEX, emu.orgUrl("contoso"));
    morgan = await emu.tokenFor(MORGAN, emu.orgUrl("contoso"));
  });
  afterAll(async () => emu.stop());
  beforeEach(async () => {
    expect((await emu.request("/_emulator/faults", { method: "DELETE" })).status).toBe(204);
    emu.emulator.reset();
  });

  test("every admitted response reports the requests and execution time left", async () => {
    const remaining: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const res = await whoAmI();
      expect(res.status).toBe(200);
      remaining.push(res.headers[BURST] ?? "");
      expect(res.headers[TIME]).toBe(String(DEFAULT_LIMITS.executionTimeMs));
    }
    expect(remaining).toEqual(["4", "3", "2", "1", "0"]);
  });

  test("the 6th request in the window gets 429 0x80072322 with Retry-After until the oldest leaves", async () => {
    for (let i = 0; i < 5; i += 1) expect((await whoAmI()).status).toBe(200);
    const error = expectThrottled(await whoAmI(), "0x80072322", "2");
    expect(error.message).toBe("Number of requests exceeded the limit of 5 over time window of 2 seconds.");
    clock += 1500;
    expectThrottled(await whoAmI(), "0x80072322", "1");
    clock += 499;
    expectThrottled(await whoAmI(), "0x80072322", "1");
    clock += 1;
    const recovered = await whoAmI();
    expect(recovered.status).toBe(200);
    expect(recovered.headers[BURST]).toBe("4");
  });

  test("the window slides: only the requests older than the window are forgotten", async () => {
    for (let i = 0; i < 3; i += 1) expect((await whoAmI()).status).toBe(200);
    clock += 1000;
    for (let i = 0; i < 2; i += 1) expect((await whoAmI()).status).toBe(200);
    expectThrottled(await whoAmI(), "0x80072322", "1");
    clock += 1000;
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await whoAmI()).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  test("limits are per user: Morgan is admitted while Alex is throttled", async () => {
    for (let i = 0; i < 5; i += 1) expect((await whoAmI()).status).toBe(200);
    expect((await whoAmI()).status).toBe(429);
    const res = await whoAmI(morgan);
    expect(res.status).toBe(200);
    expect(res.headers[BURST]).toBe("4");
  });

  test("refused requests are not counted against the window", async () => {
    for (let i = 0; i < 5; i += 1) expect((await whoAmI()).status).toBe(200);
    for (let i = 0; i < 10; i += 1) expect((await whoAmI()).status).toBe(429);
    clock += 2000;
    expect((await whoAmI()).headers[BURST]).toBe("4");
  });

  test("POST /_emulator/reset forgets the counters", async () => {
    for (let i = 0; i < 5; i += 1) expect((await whoAmI()).status).toBe(200);
    expect((await whoAmI()).status).toBe(429);
    expect((await emu.request("/_emulator/reset", { method: "POST" })).status).toBe(204);
    expect((await whoAmI()).status).toBe(200);
  });

  test("a 4th request while 3 are in flight gets 429 0x80072326; the slots free when they finish", async () => {
    // An injected delay holds the admitted requests in flight; the refused one is answered at once.
    const fault = await emu.request("/_emulator/faults", { method: "POST", body: { path: WHO_AM_I, delayMs: 1200, count: 3 } });
    expect(fault.status).toBe(201);
    const results = await Promise.all([whoAmI(), whoAmI(), whoAmI(), whoAmI()]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 429]);
    const refused = results.find((r) => r.status === 429) as HttpResult;
    const error = expectThrottled(refused, "0x80072326", "1");
    expect(error.message).toBe("Number of concurrent requests exceeded the limit of 3.");
    expect((await whoAmI()).status).toBe(200);
  });

  test("a request answered by an injected fault still frees its concurrency slot", async () => {
    await emu.request("/_emulator/faults", { method: "POST", body: { path: WHO_AM_I, status: 503, count: 4 } });
    for (let i = 0; i < 4; i += 1) expect((await whoAmI()).status).toBe(503);
    clock += 2000;
    expect((await Promise.all([whoAmI(), whoAmI(), whoAmI()])).map((r) => r.status)).toEqual([200, 200, 200]);
  });

  test("each request inside a $batch counts; a batch that goes over the limit gets 429", async () => {
    const boundary = "batch_limits";
    const inner = (n: number): string =>
      Array.from({ length: n }, () => `--${boundary}\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\nGET ${WHO_AM_I} HTTP/1.1\r\nAccept: application/json\r\n\r\n`).join("") + `--${boundary}--\r\n`;
    const batch = (n: number): Promise<HttpResult> =>
      emu.request("/contoso/api/data/v9.2/$batch", { method: "POST", token: alex, headers: { "Content-Type": `multipart/mixed; boundary=${boundary}` }, body: inner(n) });
    const first = await batch(3);
    expect(first.status).toBe(200);
    // The $batch request itself and its 3 inner requests: 1 left of 5.
    expect(first.headers[BURST]).toBe("1");
    // The envelope is admitted (the 5th request), then its 2 inner requests do not fit.
    expectThrottled(await batch(2), "0x80072322", "2");
    expectThrottled(await whoAmI(), "0x80072322", "2");
    clock += 2000;
    expect((await whoAmI()).headers[BURST]).toBe("4");
  });

  test("requests without a valid token are refused before they count", async () => {
    for (let i = 0; i < 8; i += 1) expect((await emu.request(WHO_AM_I)).status).toBe(401);
    expect((await whoAmI()).headers[BURST]).toBe("4");
  });
});

describe("createServiceProtection", () => {
  const limits = (overrides: SeedLimits = {}): Required<SeedLimits> => ({ ...DEFAULT_LIMITS, ...overrides });

  test("uses Dataverse's messages for the default limits", () => {
    let t = 0;
    const protection = createServiceProtection(DEFAULT_LIMITS, () => t);
    protection.admit("u", 6000).release();
    const error = odataErrorOf(() => protection.admit("u", 1));
    expect([error.status, error.code, error.message]).toEqual([429, "0x80072322", "Number of requests exceeded the limit of 6000 over time window of 300 seconds."]);
    expect(error.headers["Retry-After"]).toBe("300");
    t += 299_001;
    expect(odataErrorOf(() => protection.admit("u", 1)).headers["Retry-After"]).toBe("1");
    t += 999;
    expect(protection.admit("u", 1).headers["x-ms-ratelimit-burst-remaining-xrm-requests"]).toBe("5999");
  });

  test("count() adds each inner request of a batch and refuses what goes over", () => {
    let t = 0;
    const protection = createServiceProtection(limits({ requestsPerWindow: 10, windowSeconds: 60 }), () => t);
    const admission = protection.admit("u", 1);
    protection.count("u", 8);
    const error = odataErrorOf(() => protection.count("u", 2));
    expect([error.status, error.code]).toEqual([429, "0x80072322"]);
    expect(error.headers["Retry-After"]).toBe("60");
    protection.count("u", 1);
    admission.release();
    expect(odataErrorOf(() => protection.admit("u", 1)).code).toBe("0x80072322");
    t += 60_000;
    expect(() => protection.count("u", 10)).not.toThrow();
  });

  test("Retry-After waits until enough requests leave the window for a batch", () => {
    let t = 0;
    const protection = createServiceProtection(limits({ requestsPerWindow: 10, windowSeconds: 10 }), () => t);
    protection.count("u", 4);
    t = 3000;
    protection.count("u", 4);
    t = 5000;
    // 8 in the window; 6 more need 4 to leave: those at t=0 leave at t=10 s.
    expect(odataErrorOf(() => protection.count("u", 6)).headers["Retry-After"]).toBe("5");
    // 8 more need 6 to leave: the requests of t=3 s are needed too, at t=13 s.
    expect(odataErrorOf(() => protection.count("u", 8)).headers["Retry-After"]).toBe("8");
    // More than the limit can never fit: wait the whole window.
    expect(odataErrorOf(() => protection.count("u", 11)).headers["Retry-After"]).toBe("10");
  });

  test("combined execution time over the window → 429 0x80072321", () => {
    let t = 0;
    const protection = createServiceProtection(limits({ executionTimeMs: 1000, windowSeconds: 10 }), () => t);
    const first = protection.admit("u", 1);
    t += 600;
    first.release();
    first.release(); // a second release changes nothing
    const second = protection.admit("u", 1);
    expect(second.headers["x-ms-ratelimit-time-remaining-xrm-requests"]).toBe("400");
    t += 400;
    second.release();
    const error = odataErrorOf(() => protection.admit("u", 1));
    expect([error.status, error.code]).toEqual([429, "0x80072321"]);
    expect(error.message).toBe(
      "Combined execution time of incoming requests exceeded limit of 1,000 milliseconds over time window of 10 seconds. Decrease number of concurrent requests or reduce the duration of requests and try again later.",
    );
    // The 600 ms that finished at t=600 leave the window at t=10.6 s; now is t=1 s.
    expect(error.headers["Retry-After"]).toBe("10");
    t = 10_600;
    expect(protection.admit("u", 1).headers["x-ms-ratelimit-time-remaining-xrm-requests"]).toBe("600");
  });

  test("concurrency is not windowed and uses retryAfterSeconds", () => {
    const protection = createServiceProtection(limits({ concurrentRequests: 2, retryAfterSeconds: 3 }), () => 0);
    const a = protection.admit("u", 1);
    protection.admit("u", 1);
    const error = odataErrorOf(() => protection.admit("u", 1));
    expect([error.code, error.message, error.headers["Retry-After"]]).toEqual(["0x80072326", "Number of concurrent requests exceeded the limit of 2.", "3"]);
    expect(() => protection.admit("other", 1).release()).not.toThrow();
    a.release();
    expect(() => protection.admit("u", 1)).not.toThrow();
  });

  test("reset() forgets every user's counters", () => {
    const protection = createServiceProtection(limits({ requestsPerWindow: 1 }), () => 0);
    protection.admit("u", 1).release();
    expect(() => protection.admit("u", 1)).toThrow(ODataError);
    protection.reset();
    expect(() => protection.admit("u", 1)).not.toThrow();
  });

  test("keeps every request of a long, busy window (the ring buffer grows)", () => {
    let t = 0;
    const protection = createServiceProtection(limits({ requestsPerWindow: 100_000, windowSeconds: 300, concurrentRequests: 1000 }), () => t);
    for (let i = 0; i < 100_000; i += 1) {
      t += 1;
      protection.admit("u", 1).release();
    }
    // The oldest (t = 1 ms) leaves at t = 300.001 s, 200.001 s from now.
    expect(odataErrorOf(() => protection.admit("u", 1)).headers["Retry-After"]).toBe("201");
    t = 300_001;
    expect(protection.admit("u", 1).headers["x-ms-ratelimit-burst-remaining-xrm-requests"]).toBe("0");
    expect(odataErrorOf(() => protection.admit("u", 1)).code).toBe("0x80072322");
    t = 300_003;
    expect(protection.admit("u", 1).headers["x-ms-ratelimit-burst-remaining-xrm-requests"]).toBe("1");
  });
});
