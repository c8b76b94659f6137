import { ODataError } from "../../../emulator/src/http/odata-error";
import { table } from "../../../emulator/src/model/tables";
import { parseWriteBody } from "../../../emulator/src/web-api/tables/write-values";

const email = table("email");
const CONTACT = "3378ddf0-4dbe-5a9b-b882-2d93a9377876";
const USER = "9cb2fe39-c128-5df2-83ce-0debf9a4676c";

function failure(fn: () => unknown): { status: number; code: string; message: string } {
  try {
    fn();
  } catch (error) {
    if (error instanceof ODataError) return { status: error.status, code: error.code, message: error.message };
    throw error;
  }
  throw new Error("expected an ODataError");
}

describe("parseWriteBody", () => {
  test("converts column values and keeps lookups apart", () => {
    const plan = parseWriteBody(email, {
      "@odata.type": "Microsoft.Dynamics.CRM.email",
      activityid: "AAAAAAAA-0000-4000-8000-000000000001",
      subject: "Hello",
      directioncode: false,
      senton: "2025-01-02T03:04:05.678+01:00",
      prioritycode: 2,
      "regardingobjectid_contact@odata.bind": `/contacts(${CONTACT})`,
      "ownerid@odata.bind": `https://localhost:5555/contoso/api/data/v9.2/systemusers(${USER})`,
    });
    expect(plan.id).toBe("aaaaaaaa-0000-4000-8000-000000000001");
    expect(plan.values).toEqual({ subject: "Hello", directioncode: false, senton: "2025-01-02T02:04:05Z", prioritycode: 2 });
    expect(plan.lookups.map((l) => [l.column, l.navigation, l.reference?.table.logicalName, l.reference?.id])).toEqual([
      ["regardingobjectid", "regardingobjectid_contact", "contact", CONTACT],
      ["ownerid", "ownerid", "systemuser", USER],
    ]);
  });

  test("accepts the relationship-named regarding navigation and null to clear", () => {
    expect(parseWriteBody(email, { "regardingobjectid_account_email@odata.bind": null }).lookups).toEqual([
      { column: "regardingobjectid", navigation: "regardingobjectid_account_email" },
    ]);
  });

  test("ignores read-only columns unless asked to keep them", () => {
    const body = { subject: "x", createdon: "2020-01-01T00:00:00Z", versionnumber: 5, inreplyto: "<a@b>", "createdby@odata.bind": `/systemusers(${USER})` };
    expect(parseWriteBody(email, body).values).toEqual({ subject: "x" });
    expect(parseWriteBody(email, body).lookups).toEqual([]);
    expect(parseWriteBody(email, body, { allowReadOnly: true }).lookups.map((l) => l.column)).toEqual(["createdby"]);
    expect(parseWriteBody(email, body, { allowReadOnly: true }).values).toEqual({ subject: "x", createdon: "2020-01-01T00:00:00Z", versionnumber: 5, inreplyto: "<a@b>" });
  });

  const refusals: [Record<string, unknown>, number, string, string][] = [
    [{ subjet: "x" }, 400, "0x0", "Could not find a property named 'subjet' on type 'Microsoft.Dynamics.CRM.email'."],
    [{ subject: 5 }, 400, "0x0", "Cannot convert the literal '5' to the expected type 'Edm.String'."],
    [{ directioncode: "yes" }, 400, "0x0", "Cannot convert the literal 'yes' to the expected type 'Edm.Boolean'."],
    [{ prioritycode: 1.5 }, 400, "0x0", "Cannot convert the literal '1.5' to the expected type 'Edm.Int32'."],
    [{ senton: "yesterday" }, 400, "0x0", "Cannot convert the literal 'yesterday' to the expected type 'Edm.DateTimeOffset'."],
    [{ subject: "x".repeat(801) }, 400, "0x80044331", "exceeded the maximum allowed length of '800'"],
    [{ _regardingobjectid_value: CONTACT }, 400, "0x0", "Use Navigation properties instead"],
    [{ "regardingobjectid@odata.bind": `/contacts(${CONTACT})` }, 400, "0x80048d19", "An undeclared property 'regardingobjectid'"],
    [{ "regardingobjectid_contact@odata.bind": `/systemusers(${USER})` }, 400, "0x0", "cannot point at a row of 'systemusers'"],
    [{ "regardingobjectid_contact@odata.bind": "/contacts(42)" }, 400, "0x0", "is not a valid GUID"],
    [{ "regardingobjectid_contact@odata.bind": "contact" }, 400, "0x0", "is not a valid entity reference"],
    [{ "@odata.type": "Microsoft.Dynamics.CRM.contact" }, 400, "0x0", "could not be resolved"],
    [{ email_activity_parties: {} }, 400, "0x0", "must be a JSON array"],
    [{ email_activity_parties: [{ addressused: "a@b.c", participationtypemask: 5 }] }, 400, "0x80094006", "participationtypemask '5'"],
    [{ email_activity_parties: [{ addressused: "a@b.c" }] }, 400, "0x80094006", "'(missing)'"],
    [{ email_activity_parties: [{ participationtypemask: 2 }] }, 400, "0x0", "names neither a party"],
    [{ email_activity_parties: [{ participationtypemask: 2, addressused: "a@b.c", color: 1 }] }, 400, "0x0", "type 'Microsoft.Dynamics.CRM.activityparty'"],
    [{ email_activity_parties: [{ addressused: "a@b.c", participationtypemask: 1 }, { addressused: "d@b.c", participationtypemask: 1 }] }, 400, "0x80040203", "at most one sender"],
  ];
  test.each(refusals.map(([body, ...rest]) => [JSON.stringify(body).slice(0, 90), body, ...rest] as const))("refuses %s", (_label, body, status, code, message) => {
    const error = failure(() => parseWriteBody(email, body));
    expect(error.status).toBe(status);
    expect(error.code).toBe(code);
    expect(error.message).toContain(message);
  });

  test("reads deep-inserted parties", () => {
    const plan = parseWriteBody(email, {
      email_activity_parties: [
        { "partyid_systemuser@odata.bind": `/systemusers(${USER})`, participationtypemask: 1 },
        { addressused: " someone@unknown.example ", participationtypemask: 3 },
      ],
    });
    expect(plan.parties).toEqual([
      { participationtypemask: 1, party: { table: table("systemuser"), id: USER } },
      { participationtypemask: 3, addressused: "someone@unknown.example" },
    ]);
  });
});
