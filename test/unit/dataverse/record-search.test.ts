import { byEmailPath, distinctAddresses, REGARDING_TABLES, regardingBody, searchPath, toRecordRef } from "../../../src/dataverse/services/record-search";

const [contacts, accounts, , opportunities] = REGARDING_TABLES;
if (!contacts || !accounts || !opportunities) throw new Error("tables missing");

function decoded(path: string): Record<string, string> {
  return Object.fromEntries(new URL(`https://x.example/${path}`).searchParams);
}

describe("record search paths", () => {
  test("search by name or email: active rows, $select, $top, quotes doubled", () => {
    const path = searchPath(contacts, "O'Brien");
    expect(path.startsWith("contacts?")).toBe(true);
    expect(decoded(path)).toEqual({
      $select: "contactid,fullname,emailaddress1,emailaddress2,emailaddress3",
      $filter: "statecode eq 0 and (contains(fullname,'O''Brien') or contains(emailaddress1,'O''Brien'))",
      $top: "10",
    });
    expect(decoded(searchPath(opportunities, "bikes")).$filter).toBe("statecode eq 0 and (contains(name,'bikes'))");
  });

  test("by email: every email column against every address; none for opportunities", () => {
    const filter = decoded(byEmailPath(accounts, ["a@x", "b@y"]) ?? "").$filter;
    expect(filter).toBe("statecode eq 0 and (emailaddress1 eq 'a@x' or emailaddress1 eq 'b@y' or emailaddress2 eq 'a@x' or emailaddress2 eq 'b@y' or emailaddress3 eq 'a@x' or emailaddress3 eq 'b@y')");
    expect(byEmailPath(opportunities, ["a@x"])).toBeUndefined();
    expect(byEmailPath(accounts, [])).toBeUndefined();
  });

  test("distinctAddresses trims, lowercases, dedupes and caps", () => {
    expect(distinctAddresses([" A@x ", "a@x", "", "b@y"])).toEqual(["a@x", "b@y"]);
    expect(distinctAddresses(Array.from({ length: 80 }, (_, i) => `u${i}@x`))).toHaveLength(50);
  });

  test("toRecordRef prefers the matching email; rows without an id are skipped", () => {
    const row = { contactid: "c1", fullname: "Nancy Anderson", emailaddress1: "n@a.example", emailaddress2: "nancy@b.example" };
    expect(toRecordRef(contacts, row, ["NANCY@b.example"])).toEqual({ table: "contact", id: "c1", name: "Nancy Anderson", emailAddress: "nancy@b.example" });
    expect(toRecordRef(contacts, row)).toEqual({ table: "contact", id: "c1", name: "Nancy Anderson", emailAddress: "n@a.example" });
    expect(toRecordRef(opportunities, { opportunityid: "o1", name: "Deal" })).toEqual({ table: "opportunity", id: "o1", name: "Deal" });
    expect(toRecordRef(contacts, { fullname: "x" })).toBeUndefined();
  });

  test("regardingBody binds the table-specific navigation property", () => {
    expect(regardingBody({ table: "opportunity", id: "o1", name: "Deal" }, "o1")).toEqual({ "regardingobjectid_opportunity@odata.bind": "/opportunities(o1)" });
    expect(regardingBody({ table: "contact", id: "c1", name: "N" }, "c1")).toEqual({ "regardingobjectid_contact@odata.bind": "/contacts(c1)" });
  });
});
