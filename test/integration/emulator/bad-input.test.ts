import { startEmulator, type RequestOptions, type TestEmulator } from "../../support/emulator-harness";
import type { HttpResult } from "../../support/https-client";

// Malformed and invalid table requests: each is refused with Dataverse's status and code, and leaves
// the database as it was.

const ALEX = "alex.wu@contoso.example";

let emu: TestEmulator;
let token: string;

function api(path: string, options: RequestOptions = {}): Promise<HttpResult> {
  return emu.request(`${emu.apiRoot("contoso")}${path}`, { ...options, token });
}

function errorOf(res: HttpResult): { status: number; code: string; message: string } {
  const body = res.json<{ error: { code: string; message: string } }>();
  return { status: res.status, code: body.error.code, message: body.error.message };
}

/** Every row of the org, as the store holds it: a failed request must leave it unchanged. */
function snapshot(): string {
  const { store } = emu.emulator.context;
  return ["email", "activityparty", "contact", "usersettings"].map((t) => JSON.stringify(store.list("contoso", t))).join("\n");
}

beforeAll(async () => {
  emu = await startEmulator();
  token = await emu.tokenFor(ALEX, emu.orgUrl("contoso"));
  await api("emails", { method: "POST", body: { activityid: "11111111-2222-4333-8444-555555555555", subject: "existing", messageid: "<existing@x>" } });
});
afterAll(async () => emu.stop());

describe("refused table requests leave the database unchanged", () => {
  const EXISTING = "11111111-2222-4333-8444-555555555555";
  const MISSING = "99999999-2222-4333-8444-555555555555";
  const cases: [string, string, string, RequestOptions, number, string, string][] = [
    ["malformed JSON", "POST", "emails", { body: '{"subject": "x",', headers: { "Content-Type": "application/json" } }, 400, "0x0", "The request body is not valid JSON"],
    ["a JSON array body", "POST", "emails", { body: "[1,2]", headers: { "Content-Type": "application/json" } }, 400, "0x0", "The request body must be a JSON object."],
    ["a JSON string body", "PATCH", `emails(${EXISTING})`, { body: '"subject"', headers: { "Content-Type": "application/json" } }, 400, "0x0", "The request body must be a JSON object."],
    ["an unknown property", "POST", "emails", { body: { subject: "x", colour: "red" } }, 400, "0x0", "Could not find a property named 'colour' on type 'Microsoft.Dynamics.CRM.email'."],
    ["a number for a string", "PATCH", `emails(${EXISTING})`, { body: { subject: 42 } }, 400, "0x0", "Cannot convert the literal '42' to the expected type 'Edm.String'."],
    ["a string for a boolean", "POST", "emails", { body: { directioncode: "true" } }, 400, "0x0", "Edm.Boolean"],
    ["a subject over 800 characters", "POST", "emails", { body: { subject: "s".repeat(801) } }, 400, "0x80044331", "exceeded the maximum allowed length of '800'"],
    ["a lookup value written directly", "PATCH", `emails(${EXISTING})`, { body: { _regardingobjectid_value: "3378ddf0-4dbe-5a9b-b882-2d93a9377876" } }, 400, "0x0", ""],
    ["a bind to an undeclared navigation property", "POST", "emails", { body: { "regarding@odata.bind": "/contacts(3378ddf0-4dbe-5a9b-b882-2d93a9377876)" } }, 400, "0x80048d19", ""],
    ["a bind to a row that does not exist", "POST", "emails", { body: { subject: "x", "regardingobjectid_contact@odata.bind": `/contacts(${MISSING})` } }, 404, "0x80040217", `contact With Id = ${MISSING} Does Not Exist`],
    ["a party bound to a row that does not exist", "POST", "emails", { body: { subject: "x", email_activity_parties: [{ "partyid_contact@odata.bind": `/contacts(${MISSING})`, participationtypemask: 2 }] } }, 404, "0x80040217", ""],
    ["a bad participation type", "POST", "emails", { body: { subject: "x", email_activity_parties: [{ addressused: "a@b.example", participationtypemask: 9 }] } }, 400, "0x80094006", ""],
    ["a duplicate message id", "POST", "emails", { body: { subject: "x", messageid: "<existing@x>" } }, 412, "0x80040237", ""],
    ["an invalid status for the state", "PATCH", `emails(${EXISTING})`, { body: { statecode: 1, statuscode: 1 } }, 400, "0x80040203", "1 is not a valid status code for state code EmailState.Completed"],
    ["a key that is not a GUID", "GET", "emails(12345)", {}, 400, "0x80060888", ""],
    ["a body key that differs from the URL", "PATCH", `emails(${MISSING})`, { body: { activityid: EXISTING, subject: "x" } }, 400, "0x0", ""],
    ["an unknown entity set", "GET", "Emails", {}, 404, "0x8006088a", "Resource not found for the segment 'Emails'."],
    ["an unknown property segment", "GET", `emails(${EXISTING})/colour`, {}, 404, "0x8006088a", ""],
    ["PUT on a row", "PUT", `emails(${EXISTING})`, { body: { subject: "x" } }, 405, "", ""],
    ["POST to a row's parties", "POST", `emails(${EXISTING})/email_activity_parties`, { body: { addressused: "a@b.example", participationtypemask: 2 } }, 405, "", ""],
    ["an unknown column in $select on a write", "POST", "emails?$select=colour", { body: { subject: "x" } }, 400, "0x0", "Could not find a property named 'colour'"],
  ];

  test.each(cases)("%s: %s %s", async (_label, method, path, options, status, code, message) => {
    const before = snapshot();
    const res = await api(path, { ...options, method });
    const error = errorOf(res);
    expect({ status: error.status, code: error.code }).toEqual({ status, code });
    expect(error.message).toContain(message);
    expect(snapshot()).toBe(before);
  });
});
