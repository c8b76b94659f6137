import https from "node:https";
import { DynamicsWebApi, type RequestError } from "dynamics-web-api";
import { startEmulator, type TestEmulator } from "../../support/emulator-harness";

// The third-party client dynamics-web-api (v2) against the emulator, unchanged: if it works against
// Dataverse it must work here. TLS stays verified: the library builds its own https.Agent (once, on the
// first request, reading `https.Agent` through a live getter), so the test swaps in an Agent subclass that
// trusts the emulator's certificate, and puts the original back afterwards.

const ALEX = "alex.wu@contoso.example";

type Row = Record<string, unknown>;

interface WhoAmIResponse {
  UserId: string;
  BusinessUnitId: string;
  OrganizationId: string;
}

const OriginalAgent = https.Agent;
const agents: https.Agent[] = [];

let emu: TestEmulator;
let client: DynamicsWebApi;
let token: string;
let alexUserId: string;

beforeAll(async () => {
  emu = await startEmulator();
  const ca = emu.ca;
  class TrustingAgent extends OriginalAgent {
    constructor(options?: https.AgentOptions) {
      super({ ...options, ca });
      agents.push(this);
    }
  }
  https.Agent = TrustingAgent;
  token = await emu.tokenFor(ALEX, emu.orgUrl("contoso"));
  // The trailing slash matters: the library resolves "api/data/v9.2" against serverUrl with `new URL`,
  // which would replace a last path segment ("/contoso") — Dataverse URLs have none, the emulator's do.
  client = new DynamicsWebApi({
    serverUrl: `${emu.orgUrl("contoso")}/`,
    dataApi: { version: "9.2" },
    onTokenRefresh: async () => token,
  });
  alexUserId = String(emu.emulator.context.store.findByAddress("contoso", ALEX).find((m) => m.table === "systemuser")?.id);
});

afterAll(async () => {
  https.Agent = OriginalAgent;
  for (const agent of agents) agent.destroy();
  await emu.stop();
});

/** The error a rejected library call carries (the library rejects with a RequestError, or an array of results for a failed batch). */
async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to be rejected");
}

function isRequestError(value: unknown): value is RequestError {
  return value instanceof Error && "status" in value;
}

/** A message id without a GUID in it (see the report: the library leaves such string parameters unquoted). */
function messageId(label: string): string {
  return `<dwa-${label}-${Date.now().toString(36)}${Math.random().toString(36).slice(2)}@mail.example>`;
}

describe("dynamics-web-api against the emulator", () => {
  test("the library trusts the emulator through its own agent, with verification on", async () => {
    const whoAmI = await client.callFunction<WhoAmIResponse>("WhoAmI");
    expect(whoAmI.UserId).toBe(alexUserId);
    expect(agents.length).toBeGreaterThan(0);
    expect(agents.every((a) => a.options.rejectUnauthorized !== false)).toBe(true);
  });

  test("serverUrl needs its trailing slash: without it the library drops the org segment and the emulator answers 404", async () => {
    const withoutSlash = new DynamicsWebApi({ serverUrl: emu.orgUrl("contoso"), dataApi: { version: "9.2" }, onTokenRefresh: async () => token });
    const error = await rejectionOf(withoutSlash.callFunction("WhoAmI"));
    expect(isRequestError(error)).toBe(true);
    expect((error as RequestError).status).toBe(404);
    expect((error as RequestError).message).toBe("Resource not found for the segment '/api/data/v9.2/WhoAmI()'.");
  });

  test("WhoAmI through callFunction with a request object", async () => {
    const whoAmI = await client.callFunction<WhoAmIResponse>({ name: "WhoAmI" });
    expect(whoAmI).toMatchObject({ UserId: alexUserId, BusinessUnitId: expect.any(String), OrganizationId: expect.any(String) });
  });

  test("create, retrieve with select and expand, update", async () => {
    const id = await client.create<Row, string>({
      collection: "contacts",
      data: { firstname: "Dwa", lastname: "Crud", jobtitle: "Tester", "ownerid@odata.bind": `/systemusers(${alexUserId})` },
    });
    expect(id).toMatch(/^[0-9a-f-]{36}$/);

    const created = await client.retrieve<Row>({
      collection: "contacts",
      key: id,
      select: ["fullname", "jobtitle"],
      expand: [{ property: "owninguser", select: ["fullname"] }],
    });
    expect(created.fullname).toBe("Dwa Crud");
    expect(created.jobtitle).toBe("Tester");
    expect((created.owninguser as Row | undefined)?.fullname).toBe("Alex Wu");
    expect(created.oDataContext).toEqual(expect.stringContaining("$metadata#contacts"));

    const updated = await client.update<Row, Row>({ collection: "contacts", key: id, data: { jobtitle: "Lead tester" }, returnRepresentation: true, select: ["jobtitle"] });
    expect(updated.jobtitle).toBe("Lead tester");
    await client.update({ collection: "contacts", key: id, data: { telephone1: "+1 425 555 0199" } });
    const reread = await client.retrieve<Row>({ collection: "contacts", key: id, select: ["jobtitle", "telephone1"] });
    expect(reread).toMatchObject({ jobtitle: "Lead tester", telephone1: "+1 425 555 0199" });

  });

  test("delete (of an email: the demo roles may delete activities, not contacts)", async () => {
    const id = await client.create<Row, string>({ collection: "emails", data: { subject: "Dwa delete me" } });
    expect(await client.deleteRecord({ collection: "emails", key: id })).toBe(true);
    const error = await rejectionOf(client.retrieve({ collection: "emails", key: id, select: ["subject"] }));
    expect(isRequestError(error)).toBe(true);
    expect((error as RequestError).status).toBe(404);
  });

  test("create with returnRepresentation returns the row", async () => {
    const row = await client.create<Row, Row>({ collection: "contacts", data: { firstname: "Dwa", lastname: "Representation" }, returnRepresentation: true, select: ["fullname"] });
    expect(row.fullname).toBe("Dwa Representation");
    expect(row.contactid).toEqual(expect.stringMatching(/^[0-9a-f-]{36}$/));
  });

  test("retrieveMultiple with select, filter, orderBy, top and expand", async () => {
    await client.create({ collection: "contacts", data: { firstname: "Dwa", lastname: "Multiple" } });
    const result = await client.retrieveMultiple<Row>({
      collection: "contacts",
      select: ["fullname", "emailaddress1"],
      filter: "startswith(emailaddress1,'nancy@') or lastname eq 'Multiple'",
      orderBy: ["fullname desc"],
      top: 10,
      expand: [{ property: "createdby", select: ["fullname"] }],
    });
    expect(result.value.map((c) => c.fullname)).toEqual(["Nancy Anderson", "Dwa Multiple"]);
    expect((result.value[1]?.createdby as Row | undefined)?.fullname).toBe("Alex Wu");
  });

  test("a write of an unknown column rejects with the Dataverse error", async () => {
    const error = await rejectionOf(client.create({ collection: "contacts", data: { nosuchcolumn: 1 } }));
    expect(isRequestError(error)).toBe(true);
    expect((error as RequestError).status).toBe(400);
    expect((error as RequestError).message).toMatch(/nosuchcolumn/);
  });

  test("CheckIncomingEmail through callFunction with parameters, DeliverIncomingEmail through callAction on emails", async () => {
    const id = messageId("track");
    const parameters = { MessageId: id, Subject: "Quarterly", From: "nancy@adventure-works.example", To: ALEX, Cc: "", Bcc: "" };
    const before = await client.callFunction<{ ShouldDeliver: boolean; ReasonCode: number }>({ name: "CheckIncomingEmail", parameters });
    expect(before.ShouldDeliver).toBe(true);

    const delivered = await client.callAction<{ EmailId: string }>({
      collection: "emails",
      actionName: "Microsoft.Dynamics.CRM.DeliverIncomingEmail",
      action: {
        MessageId: id,
        Subject: "Quarterly",
        From: "nancy@adventure-works.example",
        To: ALEX,
        Cc: "",
        Bcc: "",
        ReceivedOn: "2025-03-04T10:11:12Z",
        SubmittedBy: "",
        Importance: "normal",
        Body: "<p>Numbers attached.</p>",
        Attachments: [],
      },
    });
    expect(delivered.EmailId).toMatch(/^[0-9a-f-]{36}$/);

    const email = await client.retrieve<Row>({ collection: "emails", key: delivered.EmailId, select: ["subject", "messageid"] });
    expect(email).toMatchObject({ subject: "Quarterly", messageid: id });

    const after = await client.callFunction<{ ShouldDeliver: boolean }>({ name: "CheckIncomingEmail", parameters });
    expect(after.ShouldDeliver).toBe(false);
  });

  test("$batch: a change set with Content-ID references, then GETs, in one request", async () => {
    client.startBatch();
    await client.create({ collection: "contacts", data: { firstname: "Batch", lastname: "Dwa" }, contentId: "1" });
    await client.update({ contentId: "$1", data: { jobtitle: "Referenced" } });
    await client.create({ collection: "emails", data: { subject: "Batch email", "regardingobjectid_contact@odata.bind": "$1" } });
    await client.retrieveMultiple({ collection: "contacts", select: ["fullname", "jobtitle"], filter: "lastname eq 'Dwa'" });
    await client.callFunction("WhoAmI");
    const results = await client.executeBatch();

    expect(results).toHaveLength(5);
    const [contactId, , emailId, contacts, whoAmI] = results as [string, unknown, string, { value: Row[] }, WhoAmIResponse];
    expect(contactId).toMatch(/^[0-9a-f-]{36}$/);
    expect(emailId).toMatch(/^[0-9a-f-]{36}$/);
    expect(contacts.value).toEqual([expect.objectContaining({ fullname: "Batch Dwa", jobtitle: "Referenced" })]);
    expect(whoAmI.UserId).toBe(alexUserId);

    const email = await client.retrieve<Row>({ collection: "emails", key: emailId, select: ["_regardingobjectid_value"] });
    expect(email._regardingobjectid_value).toBe(contactId);
  });

  test("$batch with continueOnError resolves with each result, errors included", async () => {
    client.startBatch();
    await client.create({ collection: "contacts", data: { lastname: "DwaFirst" }, inChangeSet: false });
    await client.create({ collection: "contacts", data: { nosuchcolumn: 1 }, inChangeSet: false });
    await client.create({ collection: "contacts", data: { lastname: "DwaLast" }, inChangeSet: false });
    const results = await client.executeBatch({ continueOnError: true });

    expect(results).toHaveLength(3);
    expect(results[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(isRequestError(results[1])).toBe(true);
    expect((results[1] as RequestError).status).toBe(400);
    expect(results[2]).toMatch(/^[0-9a-f-]{36}$/);
  });

  test("$batch without continueOnError rejects with the results up to the failure", async () => {
    client.startBatch();
    await client.create({ collection: "contacts", data: { lastname: "DwaStopFirst" }, inChangeSet: false });
    await client.create({ collection: "contacts", data: { nosuchcolumn: 1 }, inChangeSet: false });
    await client.create({ collection: "contacts", data: { lastname: "DwaStopLast" }, inChangeSet: false });
    const error = await rejectionOf(client.executeBatch());

    expect(Array.isArray(error)).toBe(true);
    const results = error as unknown[];
    expect(results).toHaveLength(2);
    expect(results[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect((results[1] as RequestError).status).toBe(400);
    const last = await client.retrieveMultiple<Row>({ collection: "contacts", select: ["fullname"], filter: "lastname eq 'DwaStopLast'" });
    expect(last.value).toEqual([]);
  });

  test("$batch of CheckIncomingEmail and DeliverIncomingEmail calls (the bulk-track path)", async () => {
    const ids = Array.from({ length: 20 }, (_, i) => messageId(`bulk${i}`));
    client.startBatch();
    for (const [i, id] of ids.entries()) {
      await client.callFunction({ name: "CheckIncomingEmail", parameters: { MessageId: id, Subject: `Bulk-${i}`, From: "nancy@adventure-works.example", To: ALEX, Cc: "", Bcc: "" } });
      await client.callAction({
        collection: "emails",
        actionName: "Microsoft.Dynamics.CRM.DeliverIncomingEmail",
        inChangeSet: false,
        action: { MessageId: id, Subject: `Bulk-${i}`, From: "nancy@adventure-works.example", To: ALEX, Cc: "", Bcc: "", ReceivedOn: "2025-03-04T10:11:12Z", SubmittedBy: "", Importance: "normal", Body: "", Attachments: [] },
      });
    }
    const results = (await client.executeBatch({ continueOnError: true })) as Row[];

    expect(results).toHaveLength(40);
    expect(results.filter((_, i) => i % 2 === 0).map((r) => [r.ShouldDeliver, r.ReasonCode])).toEqual(ids.map(() => [true, 6]));
    expect(results.filter((_, i) => i % 2 === 1).every((r) => typeof r.EmailId === "string")).toBe(true);
  });
});
