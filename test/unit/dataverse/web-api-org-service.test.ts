import { AppError } from "../../../src/core/errors";
import type { DeliveryRequest, HttpRequest, ValidationMetadata } from "../../../src/core/ports";
import type { OrgAddress } from "../../../src/core/orgs/types";
import { decodeBatchRequest } from "../../../src/dataverse/batch";
import { createOrgService } from "../../../src/dataverse/web-api-org-service";
import { batchAnswer } from "./batch-stub";
import { answer, stubSend, stubTokens, type Scripted } from "./stub-send";

const ORG: OrgAddress = {
  key: "https://contoso.crm4.dynamics.com",
  url: "https://contoso.crm4.dynamics.com",
  webApiUrl: "https://contoso.crm4.dynamics.com/api/data/v9.2/",
  resource: "https://contoso.crm4.dynamics.com",
  deployment: "online",
};
const API = ORG.webApiUrl;
const ID = "6bcbf6bf-1f2a-4ab9-9901-2605b314d72d";

function service(...script: Scripted[]) {
  const stub = stubSend(...script);
  const tokens = stubTokens();
  return { stub, tokens, service: createOrgService(ORG, { send: stub.send, tokens, sleep: async () => undefined }) };
}

const metadata = (i: number, overrides: Partial<ValidationMetadata> = {}): ValidationMetadata => ({
  internetMessageId: `<m${i}@x>`,
  subject: `S${i}`,
  from: "s@x.example",
  to: ["alex@contoso.example"],
  cc: [],
  bcc: [],
  direction: "incoming",
  ...overrides,
});
const delivery = (i: number, overrides: Partial<ValidationMetadata> = {}): DeliveryRequest => ({ ...metadata(i, overrides), body: `<p>${i}</p>`, date: "2025-01-01T00:00:00Z" });
const parts = (request: HttpRequest | undefined) => decodeBatchRequest(request?.headers["Content-Type"] ?? "", request?.body ?? "");

describe("single calls: one request each, the documented URL and $select", () => {
  test("whoAmI", async () => {
    const { stub, service: s, tokens } = service(answer(200, { UserId: "u", BusinessUnitId: "b", OrganizationId: "o" }));
    await expect(s.whoAmI()).resolves.toEqual({ userId: "u", businessUnitId: "b", organizationId: "o" });
    expect(stub.requests.map((r) => `${r.method} ${r.url}`)).toEqual([`GET ${API}WhoAmI`]);
    expect(tokens.calls.map((c) => c.resource)).toEqual([ORG.resource]);
  });

  test("whoAmI with a bad answer is unreadable", async () => {
    await expect(service(answer(200, { UserId: 1 })).service.whoAmI()).rejects.toMatchObject({ kind: "unknown" });
  });

  test("details reads name and version", async () => {
    const { stub, service: s } = service(answer(200, { value: [{ name: "Contoso", version: "9.2.1" }] }));
    await expect(s.details()).resolves.toEqual({ friendlyName: "Contoso", version: "9.2.1" });
    expect(stub.requests[0]?.url).toBe(`${API}organizations?$select=name,version`);
    await expect(service(answer(200, { value: [] })).service.details()).rejects.toMatchObject({ kind: "unknown" });
  });

  test("validate sends one GET without a body", async () => {
    const { stub, service: s } = service(answer(200, { ShouldDeliver: true, ReasonCode: 6 }));
    await expect(s.validate(metadata(1))).resolves.toEqual({ accepted: true, reasonCode: 6 });
    expect(stub.requests).toHaveLength(1);
    expect(stub.requests[0]).toMatchObject({ method: "GET", url: expect.stringMatching(new RegExp(`^${API.replace(/\./g, "\\.")}CheckIncomingEmail\\(`)) });
    expect(stub.requests[0]?.body).toBeUndefined();
  });

  test("deliver posts the action and returns the EmailId", async () => {
    const { stub, service: s } = service(answer(200, { EmailId: ID.toUpperCase() }));
    await expect(s.deliver(delivery(1))).resolves.toBe(ID);
    expect(stub.requests[0]).toMatchObject({ method: "POST", url: `${API}emails/Microsoft.Dynamics.CRM.DeliverIncomingEmail`, headers: { "Content-Type": "application/json" } });
    expect(JSON.parse(stub.requests[0]?.body ?? "")).toMatchObject({ MessageId: "<m1@x>", Body: "<p>1</p>", Attachments: [] });
  });

  test("emailOwner reads _ownerid_value; 404 → undefined; 403 → forbidden", async () => {
    const ok = service(answer(200, { _ownerid_value: "owner" }));
    await expect(ok.service.emailOwner(ID)).resolves.toBe("owner");
    expect(ok.stub.requests[0]?.url).toBe(`${API}emails(${ID})?$select=_ownerid_value`);
    await expect(service(404).service.emailOwner(ID)).resolves.toBeUndefined();
    await expect(service(answer(403, { error: { code: "0x80048306", message: "m" } })).service.emailOwner(ID)).rejects.toMatchObject({ kind: "forbidden", code: "0x80048306" });
  });

  test("deleteEmail sends DELETE; 404 counts as deleted; 403 is forbidden; a bad id never leaves", async () => {
    const ok = service(204);
    await ok.service.deleteEmail(ID);
    expect(ok.stub.requests.map((r) => `${r.method} ${r.url}`)).toEqual([`DELETE ${API}emails(${ID})`]);
    await expect(service(404).service.deleteEmail(ID)).resolves.toBeUndefined();
    await expect(service(answer(403, { error: { code: "0x80040220", message: "m" } })).service.deleteEmail(ID)).rejects.toMatchObject({ kind: "forbidden", code: "0x80040220" });
    const bad = service(204);
    await expect(bad.service.deleteEmail("1) or (1")).rejects.toMatchObject({ kind: "invalidInput" });
    expect(bad.stub.requests).toEqual([]);
  });

  test("setRegarding PATCHes the bind with If-Match: *", async () => {
    const { stub, service: s } = service(204);
    await s.setRegarding(ID, { table: "lead", id: ID, name: "Pat" });
    expect(stub.requests[0]).toMatchObject({ method: "PATCH", url: `${API}emails(${ID})`, headers: { "If-Match": "*" } });
    expect(JSON.parse(stub.requests[0]?.body ?? "")).toEqual({ "regardingobjectid_lead@odata.bind": `/leads(${ID})` });
  });

  test("an org whose Web API is not below its resource is refused at creation", () => {
    expect(() => createOrgService({ ...ORG, webApiUrl: "https://contoso.api.crm4.dynamics.com/api/data/v9.2/" }, { send: stubSend(200).send, tokens: stubTokens() })).toThrow(
      expect.objectContaining({ kind: "invalidInput" }),
    );
  });
});

describe("bulk calls: one $batch, one outcome per item in order", () => {
  test("validateMany: GET parts, continue-on-error, per-part errors and local refusals", async () => {
    const { stub, service: s } = service((request) =>
      batchAnswer(request, (_, i) => (i === 1 ? { status: 403, body: { error: { code: "0x80040220", message: "m" } } } : { status: 200, body: { ShouldDeliver: i === 0, ReasonCode: i === 0 ? 6 : 7 } })),
    );
    const outcomes = await s.validateMany([metadata(0), metadata(1), metadata(2, { internetMessageId: "" }), metadata(3)]);
    expect(stub.requests).toHaveLength(1);
    const request = stub.requests[0];
    expect(request).toMatchObject({ method: "POST", url: `${API}$batch`, headers: { Prefer: "odata.continue-on-error" } });
    const sent = parts(request);
    expect(sent).toHaveLength(3);
    expect(sent.every((p) => p.kind === "request" && p.request.method === "GET" && p.request.body === undefined)).toBe(true);
    expect(outcomes).toEqual([
      { ok: true, value: { accepted: true, reasonCode: 6 } },
      { ok: false, error: expect.objectContaining({ kind: "forbidden", code: "0x80040220" }) },
      { ok: false, error: expect.objectContaining({ kind: "invalidInput" }) },
      { ok: true, value: { accepted: false, reasonCode: 7 } },
    ]);
  });

  test("validateMany reads promote answers for sent mail", async () => {
    const { service: s } = service((request) => batchAnswer(request, () => ({ status: 200, body: { ShouldPromote: true, ReasonCode: -1 } })));
    await expect(s.validateMany([metadata(0, { direction: "outgoing" })])).resolves.toEqual([{ ok: true, value: { accepted: true, reasonCode: -1 } }]);
  });

  test("deliverMany: POST parts with bodies; an unreadable answer fails its item only", async () => {
    const { stub, service: s } = service((request) => batchAnswer(request, (_, i) => ({ status: 200, body: i === 1 ? { nope: 1 } : { EmailId: ID } })));
    const outcomes = await s.deliverMany([delivery(0), delivery(1, { direction: "outgoing" })]);
    const sent = parts(stub.requests[0]);
    expect(sent.map((p) => (p.kind === "request" ? `${p.request.method} ${p.request.url}` : "changeSet"))).toEqual([
      `POST ${API}emails/Microsoft.Dynamics.CRM.DeliverIncomingEmail`,
      `POST ${API}emails/Microsoft.Dynamics.CRM.DeliverPromoteEmail`,
    ]);
    expect(sent[0]?.kind === "request" && JSON.parse(sent[0].request.body ?? "")).toMatchObject({ Body: "<p>0</p>" });
    expect(outcomes).toEqual([{ ok: true, value: ID }, { ok: false, error: expect.objectContaining({ kind: "unknown" }) }]);
  });

  test("parts the org did not answer fail as not run", async () => {
    const { service: s } = service((request) => batchAnswer(request, (_, i) => (i === 0 ? { status: 200, body: { EmailId: ID } } : undefined)));
    const outcomes = await s.deliverMany([delivery(0), delivery(1)]);
    expect(outcomes[1]).toEqual({ ok: false, error: expect.objectContaining({ messageKey: "dataverse.batchPartMissing" }) });
  });

  test("more than 1000 items go in chunks of 1000", async () => {
    const { stub, service: s } = service((request) => batchAnswer(request, () => ({ status: 200, body: { ShouldDeliver: true, ReasonCode: 6 } })));
    const outcomes = await s.validateMany(Array.from({ length: 1001 }, (_, i) => metadata(i)));
    expect(outcomes).toHaveLength(1001);
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(stub.requests.map((r) => parts(r).length)).toEqual([1000, 1]);
  });

  test("a failed envelope throws its AppError; nothing to send makes no request", async () => {
    await expect(service(answer(429, { error: { code: "0x80072322", message: "m" } }, { "retry-after": "999" })).service.validateMany([metadata(0)])).rejects.toMatchObject({
      kind: "throttled",
      retryAfterSeconds: 999,
    });
    const none = service(200);
    await expect(none.service.deliverMany([delivery(0, { internetMessageId: " " })])).resolves.toEqual([{ ok: false, error: expect.any(AppError) }]);
    expect(none.stub.requests).toEqual([]);
  });

  test("searchRecords: one batch of 4 GETs with $select; results of every table", async () => {
    const rows: Record<string, unknown>[] = [
      { contactid: "c", fullname: "Nancy", emailaddress1: "n@x" },
      { accountid: "a", name: "Adventure Works" },
      { leadid: "l", fullname: "Pat" },
      { opportunityid: "o", name: "Deal" },
    ];
    const { stub, service: s } = service((request) => batchAnswer(request, (_, i) => ({ status: 200, body: { value: [rows[i]] } })));
    await expect(s.searchRecords(" n ")).resolves.toEqual([
      { table: "contact", id: "c", name: "Nancy", emailAddress: "n@x" },
      { table: "account", id: "a", name: "Adventure Works" },
      { table: "lead", id: "l", name: "Pat" },
      { table: "opportunity", id: "o", name: "Deal" },
    ]);
    expect(stub.requests).toHaveLength(1);
    const sent = parts(stub.requests[0]);
    expect(sent.map((p) => (p.kind === "request" ? new URL(p.request.url).pathname.split("/").pop() : ""))).toEqual(["contacts", "accounts", "leads", "opportunities"]);
    expect(sent.every((p) => p.kind === "request" && p.request.url.includes("$select="))).toBe(true);
  });

  test("searchRecords throws the error of a failed table read", async () => {
    const { service: s } = service((request) => batchAnswer(request, (_, i) => (i === 2 ? { status: 403, body: { error: { code: "0x80040220", message: "m" } } } : { status: 200, body: { value: [] } })));
    await expect(s.searchRecords("x")).rejects.toMatchObject({ kind: "forbidden" });
  });

  test("recordsByEmail: contacts, accounts, leads in one batch", async () => {
    const { stub, service: s } = service((request) => batchAnswer(request, () => ({ status: 200, body: { value: [] } })));
    await expect(s.recordsByEmail(["A@x", "a@x"])).resolves.toEqual([]);
    expect(parts(stub.requests[0])).toHaveLength(3);
  });
});
