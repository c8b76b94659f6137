import type { OrgAddress } from "../../../src/core/orgs/types";
import { createWebApiClient } from "../../../src/dataverse/services/web-api-client";
import { answer, stubSend, stubTokens } from "./stub-send";

const ORG: OrgAddress = {
  key: "https://crm.contoso.local/contosoorg",
  url: "https://crm.contoso.local/ContosoOrg",
  webApiUrl: "https://crm.contoso.local/ContosoOrg/api/data/v9.0",
  resource: "https://crm.contoso.local/ContosoOrg",
  deployment: "onPremises",
};
const API = "https://crm.contoso.local/ContosoOrg/api/data/v9.0/";
const get = { kind: "request" as const, request: { method: "GET" as const, url: `${API}WhoAmI` } };

const multipart = (status: number) => ({
  status,
  headers: { "content-type": "multipart/mixed; boundary=b" },
  body: "--b\r\nContent-Type: application/http\r\n\r\nHTTP/1.1 404 Not Found\r\n\r\n{}\r\n--b--\r\n",
});

describe("createWebApiClient", () => {
  test("paths are relative to the Web API root (a trailing slash is added)", () => {
    expect(createWebApiClient(ORG, { send: stubSend(200).send, tokens: stubTokens() }).url("WhoAmI")).toBe(`${API}WhoAmI`);
  });

  test("a 400 batch envelope with parts (no continue-on-error) is read, not thrown", async () => {
    const stub = stubSend(multipart(400));
    const client = createWebApiClient(ORG, { send: stub.send, tokens: stubTokens() });
    const parts = await client.batch([get], { continueOnError: false });
    expect(parts).toEqual([{ kind: "response", response: expect.objectContaining({ status: 404 }) }]);
    expect(stub.requests[0]?.headers.Prefer).toBeUndefined();
  });

  test("a batch answer that is not multipart is unreadable; a JSON error envelope is mapped", async () => {
    const plain = createWebApiClient(ORG, { send: stubSend(answer(200, { value: [] })).send, tokens: stubTokens() });
    await expect(plain.batch([get])).rejects.toMatchObject({ kind: "unknown", messageKey: "dataverse.unreadableAnswer" });
    const refused = createWebApiClient(ORG, { send: stubSend(answer(400, { error: { code: "0x80060891", message: "too many" } })).send, tokens: stubTokens() });
    await expect(refused.batch([get])).rejects.toMatchObject({ kind: "invalidInput", code: "0x80060891" });
  });

  test("a batch envelope 401 is refreshed once like any request", async () => {
    const stub = stubSend(401, multipart(200));
    const tokens = stubTokens();
    const parts = await createWebApiClient(ORG, { send: stub.send, tokens, sleep: async () => undefined }).batch([get]);
    expect(parts).toHaveLength(1);
    expect(tokens.calls.map((c) => c.options)).toEqual([{}, { forceRefresh: true }]);
  });

  test("inner URLs outside the org are refused before sending; $n references inside a change set are allowed", async () => {
    const stub = stubSend(multipart(200));
    const client = createWebApiClient(ORG, { send: stub.send, tokens: stubTokens() });
    await expect(client.batch([{ kind: "request", request: { method: "GET", url: "https://crm.contoso.local/OtherOrg/api/data/v9.0/WhoAmI" } }])).rejects.toMatchObject({ kind: "invalidInput" });
    await expect(client.batch([{ kind: "request", request: { method: "GET", url: "$1" } }])).rejects.toMatchObject({ kind: "invalidInput" });
    expect(stub.requests).toEqual([]);
    await client.batch([{ kind: "changeSet", requests: [{ method: "POST", url: `${API}contacts`, body: "{}" }, { method: "PATCH", url: "$1", body: "{}" }] }]);
    expect(stub.requests).toHaveLength(1);
  });
});
