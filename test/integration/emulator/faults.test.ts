import type { EmulatorRequest, HandlerResult } from "../../../emulator/src/http/types";
import { startEmulator, type TestEmulator } from "../../support/emulator-harness";
import type { HttpResult } from "../../support/https-client";

const ALEX = "alex.wu@contoso.example";
const WHO_AM_I = "/contoso/api/data/v9.2/WhoAmI";
const DELIVER = "/contoso/api/data/v9.2/emails/Microsoft.Dynamics.CRM.DeliverIncomingEmail";

interface ODataErrorBody {
  error: { code: string; message: string };
}

interface FaultView {
  id: string;
  path: string;
  remaining?: number;
  hits: number;
  seed?: number;
}

let emu: TestEmulator;
let token: string;
const whoAmI = (): Promise<HttpResult> => emu.request(WHO_AM_I, { token });
const postFaults = (body: unknown): Promise<HttpResult> => emu.request("/_emulator/faults", { method: "POST", body });
async function addFault(spec: Record<string, unknown>): Promise<FaultView> {
  const res = await postFaults(spec);
  expect(res.status).toBe(201);
  const [fault] = res.json<{ value: FaultView[] }>().value;
  return fault as FaultView;
}
async function listFaults(): Promise<FaultView[]> {
  const res = await emu.request("/_emulator/faults");
  expect(res.status).toBe(200);
  return res.json<{ value: FaultView[] }>().value;
}
function errorOf(res: HttpResult): ODataErrorBody["error"] {
  return res.json<ODataErrorBody>().error;
}
/** Calls the emulator's handler directly, as a request from `remoteAddress` would reach it. */
function direct(remoteAddress: string, method: string, path: string): Promise<HandlerResult> {
  const req: EmulatorRequest = { method, url: new URL(emu.url + path), headers: {}, body: Buffer.alloc(0), remoteAddress };
  return emu.emulator.handle(req);
}

beforeAll(async () => {
  emu = await startEmulator();
  token = await emu.tokenFor(ALEX, emu.orgUrl("contoso"));
});
afterAll(async () => emu.stop());
afterEach(async () => {
  expect((await emu.request("/_emulator/faults", { method: "DELETE" })).status).toBe(204);
});

describe("injected faults", () => {
  test("a status with Retry-After for the next N matching requests, then normal answers", async () => {
    const fault = await addFault({ path: WHO_AM_I, status: 503, retryAfter: 7, count: 2 });
    expect(fault).toMatchObject({ id: expect.any(String), remaining: 2, hits: 0 });
    for (let i = 0; i < 2; i += 1) {
      const res = await whoAmI();
      expect(res.status).toBe(503);
      expect(res.headers["retry-after"]).toBe("7");
      expect(res.headers["content-type"]).toMatch(/^application\/json/);
      expect(errorOf(res)).toEqual({ code: expect.any(String), message: expect.stringContaining("503") });
    }
    expect((await whoAmI()).status).toBe(200);
    expect(await listFaults()).toEqual([]);
  });

  test("a 429 fault carries Dataverse's throttling code by default, or the body given", async () => {
    await addFault({ path: WHO_AM_I, status: 429, retryAfter: 2, count: 1 });
    const throttled = await whoAmI();
    expect([throttled.status, throttled.headers["retry-after"], errorOf(throttled).code]).toEqual([429, "2", "0x80072322"]);
    await addFault({ path: WHO_AM_I, status: 400, body: { code: "0x80040265", message: "Custom business error." }, count: 1 });
    const custom = await whoAmI();
    expect(custom.status).toBe(400);
    expect(custom.headers["retry-after"]).toBeUndefined();
    expect(errorOf(custom)).toEqual({ code: "0x80040265", message: "Custom business error." });
  });

  test("a delay holds the request, which then goes on normally", async () => {
    await addFault({ path: WHO_AM_I, delayMs: 600, count: 1 });
    let started = Date.now();
    const delayed = await whoAmI();
    expect(Date.now() - started).toBeGreaterThanOrEqual(590);
    expect(delayed.status).toBe(200);
    expect(delayed.json<{ UserId: string }>().UserId).toEqual(expect.any(String));
    started = Date.now();
    expect((await whoAmI()).status).toBe(200);
    expect(Date.now() - started).toBeLessThan(590);
  });

  test("a delay with a status waits, then answers with the status", async () => {
    await addFault({ path: WHO_AM_I, status: 504, delayMs: 300, count: 1 });
    const started = Date.now();
    expect((await whoAmI()).status).toBe(504);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  test("a dropped connection: the client sees the socket close without an answer", async () => {
    await addFault({ path: WHO_AM_I, drop: true, count: 1 });
    const failure: unknown = await whoAmI().then(
      (res) => res,
      (error: unknown) => error,
    );
    // (not toBeInstanceOf: errors from node's https module come from another realm under jest)
    expect(failure).toEqual(expect.objectContaining({ message: expect.any(String) }));
    const { code, message } = failure as NodeJS.ErrnoException;
    expect(code === "ECONNRESET" || /socket hang up/i.test(message)).toBe(true);
    expect((await whoAmI()).status).toBe(200);
  });

  test("a ratio applies to a reproducible share of the requests when seeded", async () => {
    const run = async (): Promise<number[]> => {
      await addFault({ path: WHO_AM_I, status: 500, ratio: 0.5, seed: 42 });
      const statuses: number[] = [];
      for (let i = 0; i < 24; i += 1) statuses.push((await whoAmI()).status);
      expect((await emu.request("/_emulator/faults", { method: "DELETE" })).status).toBe(204);
      return statuses;
    };
    const first = await run();
    expect(first).toContain(200);
    expect(first).toContain(500);
    expect(await run()).toEqual(first);
  });

  test("ratio 0 never applies; an unseeded ratio reports the seed it drew", async () => {
    await addFault({ path: WHO_AM_I, status: 500, ratio: 0 });
    for (let i = 0; i < 5; i += 1) expect((await whoAmI()).status).toBe(200);
    const unseeded = await addFault({ path: "/nowhere", status: 500, ratio: 0.5 });
    expect(unseeded.seed).toEqual(expect.any(Number));
  });

  test("a glob matches the paths under it, for the method given only", async () => {
    await addFault({ path: "/contoso/api/data/v9.2/emails*", method: "post", status: 503 });
    const deliver = await emu.request(DELIVER, { method: "POST", token, body: {} });
    expect(deliver.status).toBe(503);
    expect((await emu.request("/contoso/api/data/v9.2/emails?$top=1", { token })).status).not.toBe(503);
    expect((await whoAmI()).status).toBe(200);
    const fabrikam = await emu.tokenFor(ALEX, emu.orgUrl("fabrikam"));
    expect((await emu.request("/fabrikam/api/data/v9.2/emails/Microsoft.Dynamics.CRM.DeliverIncomingEmail", { method: "POST", token: fabrikam, body: {} })).status).not.toBe(503);
  });

  test("a path starting with ^ is a regular expression", async () => {
    await addFault({ path: "^/contoso/api/data/v9\\.2/Who", status: 502 });
    expect((await whoAmI()).status).toBe(502);
    expect((await emu.request("/fabrikam/api/data/v9.2/WhoAmI", { token: await emu.tokenFor(ALEX, emu.orgUrl("fabrikam")) })).status).toBe(200);
  });

  test("faults apply to identity endpoints too, before routing", async () => {
    await addFault({ path: "/organizations/oauth2/v2.0/token", method: "POST", status: 503, retryAfter: 1, count: 1 });
    const res = await emu.request("/organizations/oauth2/v2.0/token", { method: "POST", body: "grant_type=password" });
    expect([res.status, res.headers["retry-after"]]).toEqual([503, "1"]);
  });

  test("the first matching fault wins; hits and remaining are reported", async () => {
    const first = await addFault({ path: WHO_AM_I, status: 500, count: 3 });
    await addFault({ path: "*", status: 502 });
    expect((await whoAmI()).status).toBe(500);
    const [listed] = await listFaults();
    expect(listed).toMatchObject({ id: first.id, hits: 1, remaining: 2 });
  });

  test("the admin API itself never gets a fault", async () => {
    await addFault({ path: "*", status: 500 });
    expect((await emu.request("/_emulator/health")).status).toBe(200);
    expect((await whoAmI()).status).toBe(500);
  });

  test("DELETE /_emulator/faults clears them all; DELETE /_emulator/faults/<id> removes one", async () => {
    const res = await postFaults([
      { path: WHO_AM_I, status: 500 },
      { path: "/somewhere/else", status: 500 },
    ]);
    expect(res.status).toBe(201);
    const [a, b] = res.json<{ value: FaultView[] }>().value as [FaultView, FaultView];
    expect((await whoAmI()).status).toBe(500);
    expect((await emu.request(`/_emulator/faults/${a.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await emu.request(`/_emulator/faults/${a.id}`, { method: "DELETE" })).status).toBe(404);
    expect((await listFaults()).map((f) => f.id)).toEqual([b.id]);
    expect((await whoAmI()).status).toBe(200);
    await addFault({ path: WHO_AM_I, status: 500 });
    expect((await emu.request("/_emulator/faults", { method: "DELETE" })).status).toBe(204);
    expect(await listFaults()).toEqual([]);
    expect((await whoAmI()).status).toBe(200);
  });

  test("POST /_emulator/reset forgets the faults", async () => {
    await addFault({ path: WHO_AM_I, status: 500 });
    expect((await emu.request("/_emulator/reset", { method: "POST" })).status).toBe(204);
    expect(await listFaults()).toEqual([]);
    expect((await whoAmI()).status).toBe(200);
  });
});

describe("bad fault specs → 400 with a clear message, and nothing is added", () => {
  test.each([
    ["an invalid regular expression", { path: "^(unclosed", status: 500 }, /regular expression/],
    ["a status above 599", { path: "/x", status: 600 }, /status/],
    ["a status below 100", { path: "/x", status: 99 }, /status/],
    ["a ratio above 1", { path: "/x", status: 500, ratio: 1.5 }, /ratio/],
    ["a negative ratio", { path: "/x", status: 500, ratio: -0.1 }, /ratio/],
    ["a negative count", { path: "/x", status: 500, count: -1 }, /count/],
    ["a zero count", { path: "/x", status: 500, count: 0 }, /count/],
    ["a negative delay", { path: "/x", delayMs: -5 }, /delayMs/],
    ["a negative Retry-After", { path: "/x", status: 429, retryAfter: -1 }, /retryAfter/],
    ["no path", { status: 500 }, /path/],
    ["nothing to do", { path: "/x" }, /status', 'drop' or 'delayMs/],
    ["drop and status together", { path: "/x", drop: true, status: 500 }, /not both/],
    ["an unknown property", { path: "/x", status: 500, retry_after: 5 }, /retry_after/],
    ["a body that is not an OData error", { path: "/x", status: 500, body: "oops" }, /body/],
    ["not an object", 42, /JSON object/],
    ["an array of arrays", [["/x"]], /JSON object/],
  ])("%s", async (_name, spec, message) => {
    const res = await postFaults(spec);
    expect(res.status).toBe(400);
    expect(errorOf(res).message).toMatch(message);
    expect(await listFaults()).toEqual([]);
  });

  test("an array with one bad spec adds none of them", async () => {
    const res = await postFaults([{ path: "/a", status: 500 }, { path: "/b", status: 1000 }]);
    expect(res.status).toBe(400);
    expect(errorOf(res).message).toMatch(/^Fault 2: /);
    expect(await listFaults()).toEqual([]);
  });

  test("malformed JSON, an empty body and an empty array", async () => {
    for (const body of ["{not json", "", "[]"]) {
      const res = await emu.request("/_emulator/faults", { method: "POST", headers: { "Content-Type": "application/json" }, body });
      expect(res.status).toBe(400);
      expect(errorOf(res).message).toEqual(expect.any(String));
    }
  });
});

describe("the admin API", () => {
  test("GET /_emulator/health reports status and the orgs", async () => {
    const res = await emu.request("/_emulator/health");
    expect(res.status).toBe(200);
    const body = res.json<{ status: string; orgs: { name: string; url: string }[]; uptimeSeconds: number }>();
    expect(body.status).toBe("ok");
    expect(body.orgs.map((o) => o.url)).toEqual([emu.orgUrl("contoso"), emu.orgUrl("fabrikam")]);
    expect(body.uptimeSeconds).toEqual(expect.any(Number));
  });

  test("unknown paths → 404, wrong methods → 405 with Allow", async () => {
    expect((await emu.request("/_emulator/nothing")).status).toBe(404);
    expect((await emu.request("/_emulator")).status).toBe(404);
    expect((await emu.request("/_emulator/faults/a/b")).status).toBe(404);
    const wrong = await emu.request("/_emulator/reset");
    expect(wrong.status).toBe(405);
    expect(wrong.headers.allow).toBe("POST");
    expect((await emu.request("/_emulator/health", { method: "DELETE" })).status).toBe(405);
  });

  test.each(["10.0.0.5", "::ffff:10.0.0.5", "192.168.1.20", "fe80::1", ""])("refuses a caller at %j with 403", async (address) => {
    const result = await direct(address, "POST", "/_emulator/reset");
    expect(result.status).toBe(403);
    if (result.status === "drop") throw new Error("dropped");
    expect(JSON.parse(String(result.body))).toEqual({ error: { code: expect.any(String), message: expect.stringMatching(/loopback/) } });
  });

  test.each(["127.0.0.1", "::1", "::ffff:127.0.0.1"])("answers a caller at %s", async (address) => {
    expect((await direct(address, "GET", "/_emulator/health")).status).toBe(200);
  });
});
