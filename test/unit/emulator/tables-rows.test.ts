import { ODataError } from "../../../emulator/src/http/odata-error";
import { table } from "../../../emulator/src/model/tables";
import { handleCollection, handleEntity } from "../../../emulator/src/web-api/entities";
import { createRow, updateRow } from "../../../emulator/src/web-api/tables/row-writes";
import { parseWriteBody } from "../../../emulator/src/web-api/tables/write-values";
import { tablesFixture, type TablesFixture } from "./tables-support";

const ALEX = "alex.wu@contoso.example";
const MORGAN = "morgan.lee@contoso.example";
const email = table("email");
const contact = table("contact");

let fx: TablesFixture;
beforeEach(() => {
  fx = tablesFixture();
});
afterEach(() => fx.close());

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof ODataError) return `${error.status} ${error.code}`;
    throw error;
  }
  return "no error";
}

const count = (logicalName: string): number => fx.store.list(fx.org.urlName, logicalName).length;

describe("createRow", () => {
  test("fills Dataverse's defaults: owner, owning business unit, audit columns, state, email columns", () => {
    const alex = fx.member(ALEX);
    const record = createRow(fx.call(ALEX), email, parseWriteBody(email, { subject: "Hi" }));
    expect(record.data).toMatchObject({
      subject: "Hi",
      _ownerid_value: alex.systemUserId,
      _owninguser_value: alex.systemUserId,
      _owningbusinessunit_value: alex.businessUnitId,
      _createdby_value: alex.systemUserId,
      _modifiedby_value: alex.systemUserId,
      createdon: "2025-03-04T05:06:07Z",
      modifiedon: "2025-03-04T05:06:07Z",
      statecode: 0,
      statuscode: 1,
      directioncode: true,
      activitytypecode: "email",
      prioritycode: 1,
    });
    expect(record.data.__lookups).toMatchObject({ ownerid: "systemuser", owningbusinessunit: "businessunit" });
  });

  test("computes a contact's full name on create and when a name part changes", () => {
    const created = createRow(fx.call(ALEX), contact, parseWriteBody(contact, { firstname: "Ada", lastname: "Lovelace", fullname: "ignored" }));
    expect(created.data.fullname).toBe("Ada Lovelace");
    const updated = updateRow(fx.call(ALEX), contact, created, parseWriteBody(contact, { firstname: "Augusta" }));
    expect(updated.data.fullname).toBe("Augusta Lovelace");
    expect(updated.version).toBeGreaterThan(created.version);
  });

  test("defaults the status of a new state and refuses a status of another state", () => {
    const created = createRow(fx.call(ALEX), email, parseWriteBody(email, { subject: "s" }));
    const completed = updateRow(fx.call(ALEX), email, created, parseWriteBody(email, { statecode: 1 }));
    expect(completed.data).toMatchObject({ statecode: 1, statuscode: 2 });
    expect(codeOf(() => updateRow(fx.call(ALEX), email, completed, parseWriteBody(email, { statecode: 0, statuscode: 3 })))).toBe("400 0x80040203");
  });

  test("checks privileges unless the writer is trusted", () => {
    const forMorgan = parseWriteBody(email, { subject: "s", "ownerid@odata.bind": `/systemusers(${fx.member(MORGAN).systemUserId})` });
    expect(codeOf(() => createRow(fx.call(ALEX), email, forMorgan))).toBe("403 0x80048306");
    const record = createRow(fx.call(ALEX), email, forMorgan, { trusted: true });
    expect(record.data._owningbusinessunit_value).toBe(fx.member(MORGAN).businessUnitId);
  });

  test("writes nothing when a party insert fails (one transaction)", () => {
    const partyId = "0b5a3a1e-6c2d-4f57-9d0e-111111111111";
    createRow(fx.call(ALEX), email, parseWriteBody(email, { subject: "first", email_activity_parties: [{ activitypartyid: partyId, addressused: "a@x.example", participationtypemask: 2 }] }));
    const before = { emails: count("email"), parties: count("activityparty") };
    const second = parseWriteBody(email, { subject: "second", email_activity_parties: [{ activitypartyid: partyId, addressused: "b@x.example", participationtypemask: 2 }] });
    expect(codeOf(() => createRow(fx.call(ALEX), email, second))).toBe("412 0x80040237");
    expect({ emails: count("email"), parties: count("activityparty") }).toEqual(before);
  });

  test("refuses a second email with the same message id", () => {
    createRow(fx.call(ALEX), email, parseWriteBody(email, { messageid: "<same@x>" }));
    expect(codeOf(() => createRow(fx.call(ALEX), email, parseWriteBody(email, { messageid: "<same@x>" })))).toBe("412 0x80040237");
    expect(count("email")).toBe(1);
  });
});

describe("the handlers with a hand-built call", () => {
  test("POST then PATCH then GET through handleCollection and handleEntity", () => {
    const created = handleCollection(fx.call(ALEX, { method: "POST", body: { subject: "a" } }), email);
    expect(created.status).toBe(204);
    const id = /emails\(([^)]+)\)/.exec(created.headers["OData-EntityId"] ?? "")?.[1] ?? "";
    const patched = handleEntity(fx.call(ALEX, { method: "PATCH", body: { subject: "b" }, headers: { Prefer: "return=representation" }, query: "$select=subject" }), email, id);
    expect(patched.status).toBe(200);
    expect(JSON.parse(String(patched.body))).toMatchObject({ subject: "b", activityid: id });
    const read = handleEntity(fx.call(MORGAN, { query: "$select=subject" }), email, id);
    expect(JSON.parse(String(read.body)).subject).toBe("b");
  });

  test("an upsert-create of usersettings is refused: each user has exactly one row", () => {
    expect(codeOf(() => handleEntity(fx.call(ALEX, { method: "PATCH", body: { timezonecode: 4 } }), table("usersettings"), "0b5a3a1e-6c2d-4f57-9d0e-222222222222"))).toBe(
      "404 0x80040217",
    );
  });
});
