import { flattenResponses, type BatchPart } from "../../../src/dataverse/batch";
import { queryString } from "../../../src/dataverse/odata-query";
import { createWebApiClient, type WebApiClient } from "../../../src/dataverse/services/web-api-client";
import { startEmulator, type TestEmulator } from "../../support/emulator-harness";
import { countingSend, createNodeHttpSend, type CountingSend } from "../../support/node-http-send";
import { createPasswordTokenProvider } from "../../support/password-token-provider";
import { ALEX, orgAddress } from "./fixture";

// Our $batch builder and parser against the emulator's $batch (each written separately from the spec).

let emu: TestEmulator;
let client: WebApiClient;
let wire: CountingSend;
beforeAll(async () => {
  emu = await startEmulator();
  wire = countingSend(createNodeHttpSend({ ca: emu.ca }));
  client = createWebApiClient(orgAddress(emu, "contoso"), { send: wire.send, tokens: createPasswordTokenProvider({ baseUrl: emu.url, ca: emu.ca, email: ALEX }) });
});
afterAll(async () => emu.stop());
beforeEach(() => wire.reset());

const unique = (): string => Math.random().toString(36).slice(2, 10);

async function contactsNamed(lastname: string): Promise<{ contactid: string; firstname: string; jobtitle?: string }[]> {
  const { value } = await client.getCollection<{ contactid: string; firstname: string; jobtitle?: string }>(
    `contacts${queryString({ $select: "contactid,firstname,jobtitle", $filter: `lastname eq '${lastname}'`, $orderby: "firstname" })}`,
  );
  return value;
}

test("a change set creates two rows and updates one through a Content-ID reference; GETs around it see the results", async () => {
  const lastname = `Batch${unique()}`;
  const parts: BatchPart[] = [
    { kind: "request", request: { method: "GET", url: client.url("WhoAmI") } },
    {
      kind: "changeSet",
      requests: [
        { method: "POST", url: client.url("contacts"), body: JSON.stringify({ firstname: "Ann", lastname }), contentId: "1" },
        { method: "POST", url: client.url("contacts"), body: JSON.stringify({ firstname: "Bob", lastname }), contentId: "2" },
        { method: "PATCH", url: "$1", body: JSON.stringify({ jobtitle: "Buyer" }), contentId: "3" },
      ],
    },
    { kind: "request", request: { method: "GET", url: client.url(`contacts${queryString({ $select: "firstname", $filter: `lastname eq '${lastname}'` })}`) } },
  ];
  const answer = await client.batch(parts);
  expect(wire.count()).toBe(1);
  expect(answer.map((p) => p.kind)).toEqual(["response", "changeSet", "response"]);
  const [whoAmI, changeSet, query] = answer;
  expect(whoAmI?.kind === "response" && JSON.parse(whoAmI.response.body)).toMatchObject({ UserId: expect.any(String) });
  expect(changeSet?.kind === "changeSet" && changeSet.responses.map((r) => [r.status, r.contentId])).toEqual([
    [204, "1"],
    [204, "2"],
    [204, "3"],
  ]);
  expect(changeSet?.kind === "changeSet" && changeSet.responses[0]?.headers["odata-entityid"]).toMatch(/contacts\([0-9a-f-]{36}\)$/);
  expect(query?.kind === "response" && JSON.parse(query.response.body).value).toHaveLength(2);
  await expect(contactsNamed(lastname)).resolves.toEqual([
    expect.objectContaining({ firstname: "Ann", jobtitle: "Buyer" }),
    expect.objectContaining({ firstname: "Bob" }),
  ]);
});

test("a failing request rolls its change set back; with continue-on-error the other parts still run", async () => {
  const lastname = `Rollback${unique()}`;
  const answer = await client.batch([
    {
      kind: "changeSet",
      requests: [
        { method: "POST", url: client.url("contacts"), body: JSON.stringify({ firstname: "Cat", lastname }) },
        { method: "POST", url: client.url("contacts"), body: JSON.stringify({ firstname: "Dan", lastname, nosuchcolumn: 1 }) },
      ],
    },
    { kind: "request", request: { method: "GET", url: client.url("WhoAmI") } },
  ]);
  const [failed, after] = flattenResponses(answer);
  expect(failed?.status).toBe(400);
  expect(after?.status).toBe(200);
  await expect(contactsNamed(lastname)).resolves.toEqual([]);
});

test("without continue-on-error the batch stops at the first failure and its parts are still read", async () => {
  const answer = await client.batch(
    [
      { kind: "request", request: { method: "GET", url: client.url("emails(00000000-0000-0000-0000-0000000000aa)?$select=subject") } },
      { kind: "request", request: { method: "GET", url: client.url("WhoAmI") } },
    ],
    { continueOnError: false },
  );
  expect(flattenResponses(answer).map((r) => r.status)).toEqual([404]);
});

test("paging follows @odata.nextLink with the same Prefer header", async () => {
  const { value, complete } = await client.getCollection<{ systemuserid: string }>("systemusers?$select=systemuserid", { headers: { Prefer: "odata.maxpagesize=1" }, maxPages: 50 });
  expect(complete).toBe(true);
  expect(value.length).toBeGreaterThanOrEqual(4);
  expect(new Set(value.map((u) => u.systemuserid)).size).toBe(value.length);
  expect(wire.count()).toBe(value.length);
  expect(wire.requests.every((r) => r.headers.Prefer === "odata.maxpagesize=1")).toBe(true);
  wire.reset();
  const cut = await client.getCollection<{ systemuserid: string }>("systemusers?$select=systemuserid", { headers: { Prefer: "odata.maxpagesize=1" }, maxPages: 2 });
  expect(cut).toEqual({ value: [value[0], value[1]], complete: false });
  expect(wire.count()).toBe(2);
});
