import { createEmulator, type Emulator } from "../../../emulator/src/app";
import type { ServiceProtection } from "../../../emulator/src/context";
import { ErrorCodes, ODataError } from "../../../emulator/src/http/odata-error";
import type { EmulatorResponse } from "../../../emulator/src/http/types";
import {
  parseBatchResponse,
  serializeBatchRequest,
  type BatchPart,
  type BatchResponsePart,
  type InnerRequest,
} from "../../../emulator/src/odata/multipart";
import { DEMO_SEED_FILE, readSeedFile } from "../../../emulator/src/seed/validate";
import { securityFor } from "../../../emulator/src/web-api";
import { handleBatch } from "../../../emulator/src/web-api/batch";
import type { WebApiCall } from "../../../emulator/src/web-api/call";
import { dispatch } from "../../../emulator/src/web-api/dispatch";
import { odataErrorOf } from "../../support/odata-errors";
import { changeSetOf, jsonOf, responseOf } from "../../support/batch-parts";

const ORIGIN = "https://localhost:5555";
const ORG_URL = `${ORIGIN}/contoso`;
const API_ROOT = `${ORG_URL}/api/data/v9.2/`;
const ALEX = "alex.wu@contoso.example";

let emulator: Emulator;
beforeEach(() => {
  emulator = createEmulator({ seed: readSeedFile(DEMO_SEED_FILE), dataFile: ":memory:" });
});
afterEach(() => emulator.close());

/** A Web API call by Alex to contoso, as handleWebApi builds one after authentication. */
function callOf(method: string, path: string, options: { headers?: Record<string, string>; body?: string; protection?: ServiceProtection } = {}): WebApiCall {
  const ctx = options.protection ? { ...emulator.context, protection: options.protection } : emulator.context;
  const org = ctx.directory.orgs.get("contoso");
  const oid = ctx.directory.usersByEmail.get(ALEX)?.oid ?? "";
  const member = org?.membersByOid.get(oid);
  if (!org || !member) throw new Error("the demo seed has no Alex in contoso");
  const [pathOnly = "", query = ""] = path.split("?");
  return {
    ctx,
    org,
    member,
    security: securityFor(org),
    method,
    path: pathOnly,
    query: new URLSearchParams(query),
    headers: { authorization: "Bearer outer-token", ...options.headers },
    body: Buffer.from(options.body ?? "", "utf8"),
    orgUrl: ORG_URL,
    apiRoot: API_ROOT,
    inBatch: false,
  };
}

function get(url: string, contentId?: string): InnerRequest {
  return { method: "GET", url, headers: { accept: "application/json" }, body: "", ...(contentId ? { contentId } : {}) };
}

function send(method: string, url: string, body: unknown, contentId?: string): InnerRequest {
  return {
    method,
    url,
    headers: { "content-type": "application/json; type=entry" },
    body: body === undefined ? "" : JSON.stringify(body),
    ...(contentId ? { contentId } : {}),
  };
}

const single = (request: InnerRequest): BatchPart => ({ kind: "request", request });
const changeSet = (...requests: InnerRequest[]): BatchPart => ({ kind: "changeset", boundary: "changeset_CS", requests });

interface BatchResult {
  response: EmulatorResponse;
  parts: BatchResponsePart[];
}

function runBatch(parts: BatchPart[], options: { prefer?: string; protection?: ServiceProtection } = {}): BatchResult {
  const batch = serializeBatchRequest(parts, "batch_T");
  const headers: Record<string, string> = { "content-type": batch.contentType, ...(options.prefer ? { prefer: options.prefer } : {}) };
  const response = dispatch(callOf("POST", "$batch", { headers, body: batch.body, ...(options.protection ? { protection: options.protection } : {}) }));
  return { response, parts: parseBatchResponse(response.headers["Content-Type"], String(response.body)) };
}

function contactCount(): number {
  return emulator.context.store.list(emulatorOrgId(), "contact").length;
}

/** The key the store files contoso's rows under (its URL name). */
function emulatorOrgId(): string {
  return "contoso";
}

describe("$batch: plain requests", () => {
  test("answers each GET in order with the multipart response headers", () => {
    const { response, parts } = runBatch([single(get("WhoAmI")), single(get("contacts?$select=fullname"))]);
    expect(response.status).toBe(200);
    expect(response.headers["Content-Type"]).toMatch(/^multipart\/mixed; boundary=batchresponse_[0-9a-f-]{36}$/);
    expect(response.headers["OData-Version"]).toBe("4.0");
    expect(response.headers["Preference-Applied"]).toBeUndefined();
    expect(parts).toHaveLength(2);
    const whoAmI = responseOf(parts[0]);
    expect(whoAmI.status).toBe(200);
    expect(jsonOf(whoAmI).UserId).toBe(callOf("GET", "").member.systemUserId);
    expect(whoAmI.headers["req_id"]).toMatch(/^[0-9a-f-]{36}$/);
    const contacts = jsonOf<{ value: { fullname: string }[] }>(responseOf(parts[1]));
    expect(contacts.value.map((c) => c.fullname)).toContain("Nancy Anderson");
  });

  test.each([
    ["absolute", `${API_ROOT}WhoAmI`],
    ["root-relative with the org", "/contoso/api/data/v9.2/WhoAmI"],
    ["root-relative without the org", "/api/data/v9.2/WhoAmI"],
    ["relative to the Web API root", "WhoAmI()"],
    ["org segment in another case", "/Contoso/api/data/v9.2/WhoAmI"],
  ])("accepts a %s URL", (_name, url) => {
    const { parts } = runBatch([single(get(url))]);
    expect(responseOf(parts[0]).status).toBe(200);
  });

  test.each([
    ["another org", "/fabrikam/api/data/v9.2/WhoAmI", 400, /another organization/],
    ["another org, absolute", `${ORIGIN}/fabrikam/api/data/v9.2/WhoAmI`, 400, /another organization/],
    ["another host", "https://contoso.crm.dynamics.com/api/data/v9.2/WhoAmI", 400, /another host/],
    ["another port", "https://localhost:1/contoso/api/data/v9.2/WhoAmI", 400, /another host/],
    ["another API version", "/contoso/api/data/v9.1/WhoAmI", 404, /Resource not found/],
    ["a path outside the Web API", "/contoso/main.aspx", 404, /Resource not found/],
  ])("answers a URL of %s with an error for that part only", (_name, url, status, message) => {
    const { response, parts } = runBatch([single(get(url)), single(get("WhoAmI"))], { prefer: "odata.continue-on-error" });
    expect(response.status).toBe(200);
    const failed = responseOf(parts[0]);
    expect(failed.status).toBe(status);
    expect(jsonOf<{ error: { message: string } }>(failed).error.message).toMatch(message);
    expect(responseOf(parts[1]).status).toBe(200);
  });

  test("echoes a top-level Content-ID, and a $n reference outside a change set is an error", () => {
    const { parts } = runBatch([single(get("WhoAmI", "7")), single(send("PATCH", "$7", { jobtitle: "x" }))], { prefer: "odata.continue-on-error" });
    expect(responseOf(parts[0]).contentId).toBe("7");
    const failed = responseOf(parts[1]);
    expect(failed.status).toBe(400);
    expect(jsonOf<{ error: { message: string } }>(failed).error.message).toBe("Content-ID Reference: '$7' does not exist in the batch context.");
  });
});

describe("$batch: change sets", () => {
  test("creates rows atomically and resolves $n in URLs and @odata.bind values", () => {
    const before = contactCount();
    const { response, parts } = runBatch([
      changeSet(
        send("POST", "contacts", { firstname: "Ada", lastname: "One" }, "1"),
        send("POST", "contacts", { firstname: "Bea", lastname: "Two" }, "2"),
        send("POST", "/contoso/api/data/v9.2/contacts", { firstname: "Cy", lastname: "Three" }, "3"),
        send("PATCH", "$1", { jobtitle: "Buyer" }, "4"),
        send("POST", "emails", { subject: "About Ada", "regardingobjectid_contact@odata.bind": "$1" }, "5"),
      ),
      single(get("contacts?$select=fullname,jobtitle&$filter=lastname eq 'One'")),
    ]);
    expect(response.status).toBe(200);
    const created = changeSetOf(parts[0]);
    expect(created.map((r) => [r.contentId, r.status])).toEqual([["1", 204], ["2", 204], ["3", 204], ["4", 204], ["5", 204]]);
    expect(contactCount()).toBe(before + 3);
    const adaUrl = created[0]?.headers["odata-entityid"] ?? "";
    expect(adaUrl).toMatch(/^https:\/\/localhost:5555\/contoso\/api\/data\/v9\.2\/contacts\([0-9a-f-]{36}\)$/);
    expect(created[3]?.headers["odata-entityid"]).toBe(adaUrl);
    const ada = jsonOf<{ value: { jobtitle: string }[] }>(responseOf(parts[1])).value;
    expect(ada.map((c) => c.jobtitle)).toEqual(["Buyer"]);
    const emailUrl = created[4]?.headers["odata-entityid"] ?? "";
    const emailId = /\(([^)]+)\)$/.exec(emailUrl)?.[1] ?? "";
    const email = emulator.context.store.get(emulatorOrgId(), "email", emailId);
    expect(email?.data["_regardingobjectid_value"]).toBe(/\(([^)]+)\)$/.exec(adaUrl)?.[1]);
  });

  test("rolls the whole change set back when its third request fails, answering with that error only", () => {
    const before = contactCount();
    const { response, parts } = runBatch([
      changeSet(
        send("POST", "contacts", { firstname: "Ada", lastname: "Rollback" }, "1"),
        send("POST", "contacts", { firstname: "Bea", lastname: "Rollback" }, "2"),
        send("POST", "contacts", { firstname: "Cy", nosuchcolumn: "x" }, "3"),
      ),
      single(get("WhoAmI")),
    ]);
    expect(response.status).toBe(400);
    expect(parts).toHaveLength(1);
    const failed = responseOf(parts[0]);
    expect(failed.status).toBe(400);
    expect(failed.contentId).toBe("3");
    expect(jsonOf<{ error: { message: string } }>(failed).error.message).toMatch(/nosuchcolumn/);
    expect(contactCount()).toBe(before);
  });

  test("an undeclared reference fails the change set", () => {
    const { parts } = runBatch([changeSet(send("POST", "contacts", { lastname: "A" }, "1"), send("PATCH", "$9", { jobtitle: "x" }, "2"))]);
    const failed = responseOf(parts[0]);
    expect(failed.status).toBe(400);
    expect(jsonOf<{ error: { message: string } }>(failed).error.message).toBe("Content-ID Reference: '$9' does not exist in the batch context.");
    expect(emulator.context.store.list(emulatorOrgId(), "contact").some((c) => c.data["lastname"] === "A")).toBe(false);
  });
});

describe("$batch: errors", () => {
  test("without continue-on-error stops at the first failure: 400 with the parts up to it", () => {
    const { response, parts } = runBatch([
      single(send("POST", "contacts", { lastname: "Before" })),
      single(send("POST", "contacts", { nosuchcolumn: "x" })),
      single(send("POST", "contacts", { lastname: "After" })),
    ]);
    expect(response.status).toBe(400);
    expect(parts.map((p) => responseOf(p).status)).toEqual([204, 400]);
    const lastNames = emulator.context.store.list(emulatorOrgId(), "contact").map((c) => c.data["lastname"]);
    expect(lastNames).toContain("Before");
    expect(lastNames).not.toContain("After");
  });

  test("with continue-on-error runs every part: 200, Preference-Applied, each part with its status", () => {
    const { response, parts } = runBatch(
      [
        single(send("POST", "contacts", { lastname: "Before" })),
        changeSet(send("POST", "contacts", { nosuchcolumn: "x" }, "1")),
        single(send("POST", "contacts", { lastname: "After" })),
      ],
      { prefer: 'return=representation, odata.continue-on-error' },
    );
    expect(response.status).toBe(200);
    expect(response.headers["Preference-Applied"]).toBe("odata.continue-on-error");
    expect(parts.map((p) => responseOf(p).status)).toEqual([204, 400, 204]);
    expect(emulator.context.store.list(emulatorOrgId(), "contact").map((c) => c.data["lastname"])).toContain("After");
  });

  test("odata.continue-on-error=false is the default behaviour", () => {
    const { response, parts } = runBatch([single(get("nosuchset")), single(get("WhoAmI"))], { prefer: "odata.continue-on-error=false" });
    expect(response.status).toBe(400);
    expect(response.headers["Preference-Applied"]).toBeUndefined();
    expect(parts).toHaveLength(1);
  });

  test("refuses a malformed batch as a whole (the codec's 400)", () => {
    const lf = serializeBatchRequest([single(get("WhoAmI"))], "batch_T").body.replace(/\r\n/g, "\n");
    expect(odataErrorOf(() => handleBatch(callOf("POST", "$batch", { headers: { "content-type": "multipart/mixed; boundary=batch_T" }, body: lf }))).status).toBe(400);
    expect(odataErrorOf(() => handleBatch(callOf("POST", "$batch", { headers: { "content-type": "application/json" }, body: '{"requests":[]}' }))).status).toBe(400);
  });

  test("refuses more than 1000 requests before running any", () => {
    const parts = Array.from({ length: 1001 }, () => single(send("POST", "contacts", { lastname: "Flood" })));
    const batch = serializeBatchRequest(parts, "batch_T");
    const error = odataErrorOf(() => handleBatch(callOf("POST", "$batch", { headers: { "content-type": batch.contentType }, body: batch.body })));
    expect(error.code).toBe(ErrorCodes.BatchTooLarge);
    expect(contactCount()).toBe(3);
  });

  test("refuses a nested $batch", () => {
    const batch = serializeBatchRequest([single(send("POST", "$batch", undefined))], "batch_T");
    expect(odataErrorOf(() => handleBatch(callOf("POST", "$batch", { headers: { "content-type": batch.contentType }, body: batch.body }))).status).toBe(400);
  });
});

describe("$batch: service protection", () => {
  test("counts every inner request for the caller before running any", () => {
    const counted: [string, number][] = [];
    const protection: ServiceProtection = {
      admit: () => ({ headers: {}, release: () => undefined }),
      count: (user, n) => void counted.push([user, n]),
    };
    runBatch([single(get("WhoAmI")), changeSet(send("POST", "contacts", { lastname: "A" }, "1"), send("POST", "contacts", { lastname: "B" }, "2"))], { protection });
    expect(counted).toEqual([[emulator.context.directory.usersByEmail.get(ALEX)?.oid, 3]]);
  });

  test("a 429 from the count refuses the whole batch and runs nothing", () => {
    const protection: ServiceProtection = {
      admit: () => ({ headers: {}, release: () => undefined }),
      count: () => {
        throw new ODataError(429, ErrorCodes.ThrottleRequests, "Number of requests exceeded the limit.", { "Retry-After": "5" });
      },
    };
    const batch = serializeBatchRequest([single(send("POST", "contacts", { lastname: "Throttled" }))], "batch_T");
    const error = odataErrorOf(() => handleBatch(callOf("POST", "$batch", { headers: { "content-type": batch.contentType }, body: batch.body, protection })));
    expect(error.status).toBe(429);
    expect(contactCount()).toBe(3);
  });
});
