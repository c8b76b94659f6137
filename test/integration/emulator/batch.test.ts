import {
  parseBatchResponse,
  serializeBatchRequest,
  type BatchPart,
  type BatchResponsePart,
  type InnerRequest,
} from "../../../emulator/src/odata/multipart";
import { startEmulator, type TestEmulator } from "../../support/emulator-harness";
import { changeSetOf, jsonOf, responseOf } from "../../support/batch-parts";
import type { HttpResult } from "../../support/https-client";
import { checkParameters, deliverBody, functionPath } from "./tracking-client";

// $batch over HTTPS against the demo seed (spec §1.10; each inner request counts toward §6's limits).

const ALEX = "alex.wu@contoso.example";

type Row = Record<string, unknown>;

let emu: TestEmulator;
let token: string;

beforeAll(async () => {
  emu = await startEmulator();
  token = await emu.tokenFor(ALEX, emu.orgUrl("contoso"));
});
afterAll(async () => emu.stop());

function get(url: string): InnerRequest {
  return { method: "GET", url, headers: { Accept: "application/json" }, body: "" };
}

function send(method: string, url: string, body: Row, contentId?: string): InnerRequest {
  return {
    method,
    url,
    headers: { "Content-Type": "application/json; type=entry" },
    body: JSON.stringify(body),
    ...(contentId !== undefined ? { contentId } : {}),
  };
}

const single = (request: InnerRequest): BatchPart => ({ kind: "request", request });
const changeSet = (...requests: InnerRequest[]): BatchPart => ({ kind: "changeset", boundary: `changeset_${Math.random().toString(36).slice(2)}`, requests });

/** Posts a raw `$batch` body with its Content-Type to contoso as Alex. */
function postRaw(contentType: string, body: string, headers: Record<string, string> = {}, target: TestEmulator = emu, bearer = token): Promise<HttpResult> {
  return target.request(`${target.apiRoot("contoso")}$batch`, {
    method: "POST",
    token: bearer,
    headers: { "Content-Type": contentType, "OData-Version": "4.0", "OData-MaxVersion": "4.0", ...headers },
    body,
  });
}

interface BatchAnswer {
  res: HttpResult;
  parts: BatchResponsePart[];
}

async function postBatch(parts: BatchPart[], options: { prefer?: string; target?: TestEmulator; bearer?: string } = {}): Promise<BatchAnswer> {
  const batch = serializeBatchRequest(parts, `batch_${Math.random().toString(36).slice(2)}`);
  const res = await postRaw(batch.contentType, batch.body, options.prefer ? { Prefer: options.prefer } : {}, options.target, options.bearer);
  const isMultipart = (res.headers["content-type"] ?? "").startsWith("multipart/mixed");
  return { res, parts: isMultipart ? parseBatchResponse(res.headers["content-type"], res.text) : [] };
}

function idOf(entityUrl: string | undefined): string {
  const id = /\(([0-9a-f-]{36})\)$/.exec(entityUrl ?? "")?.[1];
  if (!id) throw new Error(`not an entity URL: ${String(entityUrl)}`);
  return id;
}

/** Reads contacts by last name over the Web API (not through a batch). */
async function contactsNamed(lastname: string): Promise<Row[]> {
  const res = await emu.request(`${emu.apiRoot("contoso")}contacts?$select=fullname,jobtitle&$filter=lastname eq '${lastname}'`, { token });
  expect(res.status).toBe(200);
  return res.json<{ value: Row[] }>().value;
}

describe("$batch over HTTPS", () => {
  test("answers GETs (WhoAmI, a contact query) in one multipart response", async () => {
    const { res, parts } = await postBatch([single(get(`${emu.apiRoot("contoso")}WhoAmI`)), single(get("/contoso/api/data/v9.2/contacts?$select=fullname"))]);
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^multipart\/mixed; boundary=batchresponse_[0-9a-f-]{36}$/);
    expect(res.headers["odata-version"]).toBe("4.0");
    expect(res.headers["req_id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.text).toContain("\r\n");
    expect(res.text.replace(/\r\n/g, "")).not.toContain("\n");
    const whoAmI = responseOf(parts[0]);
    expect(whoAmI.status).toBe(200);
    expect(jsonOf(whoAmI)["@odata.context"]).toBe(`${emu.apiRoot("contoso")}$metadata#Microsoft.Dynamics.CRM.WhoAmIResponse`);
    const contacts = responseOf(parts[1]);
    expect(contacts.status).toBe(200);
    expect(jsonOf<{ value: Row[] }>(contacts).value.map((c) => c.fullname)).toEqual(expect.arrayContaining(["Nancy Anderson"]));
  });

  test("a change set creates three contacts and resolves $1 in a URL and in @odata.bind", async () => {
    const { res, parts } = await postBatch([
      changeSet(
        send("POST", "contacts", { firstname: "Ada", lastname: "Changeset" }, "1"),
        send("POST", "/api/data/v9.2/contacts", { firstname: "Bea", lastname: "Changeset" }, "2"),
        send("POST", `${emu.apiRoot("contoso")}contacts`, { firstname: "Cy", lastname: "Changeset" }, "3"),
        send("PATCH", "$1", { jobtitle: "Buyer" }, "4"),
        send("POST", "emails", { subject: "About Ada", "regardingobjectid_contact@odata.bind": "$1" }, "5"),
      ),
    ]);
    expect(res.status).toBe(200);
    const responses = changeSetOf(parts[0]);
    expect(responses.map((r) => [r.contentId, r.status])).toEqual([["1", 204], ["2", 204], ["3", 204], ["4", 204], ["5", 204]]);
    const adaId = idOf(responses[0]?.headers["odata-entityid"]);
    const created = await contactsNamed("Changeset");
    expect(created.map((c) => c.fullname).sort()).toEqual(["Ada Changeset", "Bea Changeset", "Cy Changeset"]);
    expect(created.find((c) => c.fullname === "Ada Changeset")?.jobtitle).toBe("Buyer");
    const emailId = idOf(responses[4]?.headers["odata-entityid"]);
    const email = await emu.request(`${emu.apiRoot("contoso")}emails(${emailId})?$select=subject,_regardingobjectid_value`, { token });
    expect(email.json<Row>()._regardingobjectid_value).toBe(adaId);
  });

  test("a change set whose third request fails leaves nothing behind", async () => {
    const { res, parts } = await postBatch([
      changeSet(
        send("POST", "contacts", { firstname: "Ada", lastname: "Rolledback" }, "1"),
        send("POST", "contacts", { firstname: "Bea", lastname: "Rolledback" }, "2"),
        send("POST", "contacts", { firstname: "Cy", lastname: "Rolledback", nosuchcolumn: 1 }, "3"),
      ),
    ]);
    expect(res.status).toBe(400);
    expect(parts).toHaveLength(1);
    const failure = responseOf(parts[0]);
    expect(failure.status).toBe(400);
    expect(failure.contentId).toBe("3");
    expect(jsonOf<{ error: { message: string } }>(failure).error.message).toMatch(/nosuchcolumn/);
    expect(await contactsNamed("Rolledback")).toEqual([]);
  });

  test("with Prefer: odata.continue-on-error a failing middle request does not stop the batch", async () => {
    const { res, parts } = await postBatch(
      [
        single(send("POST", "contacts", { lastname: "ContinueFirst" })),
        single(send("POST", "contacts", { lastname: "ContinueMiddle", nosuchcolumn: 1 })),
        single(send("POST", "contacts", { lastname: "ContinueLast" })),
      ],
      { prefer: "odata.continue-on-error" },
    );
    expect(res.status).toBe(200);
    expect(res.headers["preference-applied"]).toBe("odata.continue-on-error");
    expect(parts.map((p) => responseOf(p).status)).toEqual([204, 400, 204]);
    expect(await contactsNamed("ContinueFirst")).toHaveLength(1);
    expect(await contactsNamed("ContinueLast")).toHaveLength(1);
  });

  test("without it the batch stops at the first failure: 400 with the parts up to the error", async () => {
    const { res, parts } = await postBatch([
      single(send("POST", "contacts", { lastname: "StopFirst" })),
      single(send("POST", "contacts", { lastname: "StopMiddle", nosuchcolumn: 1 })),
      single(send("POST", "contacts", { lastname: "StopLast" })),
    ]);
    expect(res.status).toBe(400);
    expect(res.headers["preference-applied"]).toBeUndefined();
    expect(parts.map((p) => responseOf(p).status)).toEqual([204, 400]);
    expect(await contactsNamed("StopFirst")).toHaveLength(1);
    expect(await contactsNamed("StopLast")).toEqual([]);
  });

  test("an inner request for another org fails that part only", async () => {
    const { res, parts } = await postBatch([single(get(`${emu.apiRoot("fabrikam")}WhoAmI`)), single(get("WhoAmI"))], { prefer: "odata.continue-on-error" });
    expect(res.status).toBe(200);
    const foreign = responseOf(parts[0]);
    expect(foreign.status).toBe(400);
    expect(jsonOf<{ error: { message: string } }>(foreign).error.message).toMatch(/another organization/);
    expect(responseOf(parts[1]).status).toBe(200);
  });

  test("refuses an LF-only body with 400", async () => {
    const batch = serializeBatchRequest([single(get("WhoAmI"))], "batch_LF");
    const res = await postRaw(batch.contentType, batch.body.replace(/\r\n/g, "\n"));
    expect(res.status).toBe(400);
    expect(res.json<{ error: { message: string } }>().error.message).toMatch(/CRLF/);
  });

  test("refuses a JSON batch with 400", async () => {
    const res = await postRaw("application/json", JSON.stringify({ requests: [{ id: "1", method: "GET", url: "WhoAmI" }] }));
    expect(res.status).toBe(400);
    expect(res.json<{ error: { message: string } }>().error.message).toMatch(/JSON batch/);
  });

  test("refuses 1001 requests with 400 and runs none of them", async () => {
    const parts = Array.from({ length: 1001 }, () => single(send("POST", "contacts", { lastname: "TooMany" })));
    const { res } = await postBatch(parts);
    expect(res.status).toBe(400);
    expect(res.json<{ error: { code: string } }>().error.code).toBe("0x80060891");
    expect(await contactsNamed("TooMany")).toEqual([]);
  });

  test("tracks 100 messages in one batch: CheckIncomingEmail then DeliverIncomingEmail for each", async () => {
    const messages = Array.from({ length: 100 }, (_, i) => deliverBody({ Subject: `Bulk ${i}`, From: "nancy@adventure-works.example" }));
    const checkOf = (m: Row): InnerRequest =>
      get(functionPath("CheckIncomingEmail", checkParameters({ MessageId: String(m.MessageId), Subject: String(m.Subject), From: String(m.From), To: String(m.To) })));
    const { res, parts } = await postBatch(
      messages.flatMap((m) => [single(checkOf(m)), single(send("POST", "emails/Microsoft.Dynamics.CRM.DeliverIncomingEmail", m))]),
      { prefer: "odata.continue-on-error" },
    );
    expect(res.status).toBe(200);
    expect(parts).toHaveLength(200);
    const responses = parts.map(responseOf);
    const failures = responses.filter((r) => r.status !== 200).map((r) => r.body);
    expect(failures).toEqual([]);
    const checks = responses.filter((_, i) => i % 2 === 0).map((r) => jsonOf<{ ShouldDeliver: boolean }>(r).ShouldDeliver);
    expect(checks).toEqual(Array.from({ length: 100 }, () => true));
    const emailIds = responses.filter((_, i) => i % 2 === 1).map((r) => jsonOf<{ EmailId: string }>(r).EmailId);
    expect(new Set(emailIds).size).toBe(100);
    const stored = emailIds.map((id) => emu.emulator.context.store.get("contoso", "email", id)?.data.subject);
    expect(stored).toEqual(messages.map((m) => m.Subject));

    // Asking again: every message is now a duplicate.
    const again = await postBatch(messages.map((m) => single(checkOf(m))));
    expect(again.res.status).toBe(200);
    expect(again.parts.map((p) => jsonOf<{ ShouldDeliver: boolean }>(responseOf(p)).ShouldDeliver)).toEqual(Array.from({ length: 100 }, () => false));
  });
});

describe("$batch and service protection", () => {
  let limited: TestEmulator;
  beforeAll(async () => {
    limited = await startEmulator({ limits: { requestsPerWindow: 5 } });
  });
  afterAll(async () => limited.stop());

  test("each inner request counts: 10 GETs over a limit of 5 requests → 429 with Retry-After", async () => {
    const bearer = await limited.tokenFor(ALEX, limited.orgUrl("contoso"));
    const { res } = await postBatch(
      Array.from({ length: 10 }, () => single(get("WhoAmI"))),
      { target: limited, bearer },
    );
    expect(res.status).toBe(429);
    expect(Number(res.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    expect(res.json<{ error: { code: string } }>().error.code).toBe("0x80072322");
  });

  test("a batch within the limit runs", async () => {
    limited.emulator.reset();
    const bearer = await limited.tokenFor(ALEX, limited.orgUrl("contoso"));
    const { res, parts } = await postBatch(
      Array.from({ length: 3 }, () => single(get("WhoAmI"))),
      { target: limited, bearer },
    );
    expect(res.status).toBe(200);
    expect(parts).toHaveLength(3);
  });
});
