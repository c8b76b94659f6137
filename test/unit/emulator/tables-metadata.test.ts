import { metadataDocument } from "../../../emulator/src/web-api/metadata";
import { annotationFilter } from "../../../emulator/src/web-api/tables/annotations";
import { checkWritePreconditions, isNotModified } from "../../../emulator/src/web-api/tables/conditions";
import { parseEntityReference } from "../../../emulator/src/web-api/tables/navigation";
import { table } from "../../../emulator/src/model/tables";
import { ODataError } from "../../../emulator/src/http/odata-error";
import { tablesFixture } from "./tables-support";

/** Returns the first nesting error of an XML text (tags only), or undefined when every tag closes in order. */
function tagBalanceError(xml: string): string | undefined {
  const stack: string[] = [];
  for (const match of xml.matchAll(/<(\/?)([A-Za-z_][\w:.-]*)[^>]*?(\/?)>/g)) {
    const [, closing, name, selfClosing] = match;
    if (selfClosing) continue;
    if (!closing) stack.push(name as string);
    else if (stack.pop() !== name) return `unexpected </${name}>`;
  }
  return stack.length === 0 ? undefined : `unclosed <${stack.join(">, <")}>`;
}

describe("$metadata", () => {
  test("is well-formed CSDL naming the tables, their keys and navigation properties", () => {
    const fx = tablesFixture();
    const res = metadataDocument(fx.call("alex.wu@contoso.example", { path: "$metadata" }));
    fx.close();
    const xml = String(res.body);
    expect(res.status).toBe(200);
    expect(res.headers["Content-Type"]).toBe("application/xml");
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
    expect(tagBalanceError(xml.replace(/^<\?xml[^>]*\?>/, ""))).toBeUndefined();
    expect(xml).toContain('<Schema Namespace="Microsoft.Dynamics.CRM" Alias="mscrm"');
    expect(xml).toContain('<EntityType Name="email" BaseType="mscrm.crmbaseentity"><Key><PropertyRef Name="activityid"/></Key>');
    expect(xml).toContain('<Property Name="subject" Type="Edm.String" MaxLength="800"/>');
    expect(xml).toContain('<Property Name="_regardingobjectid_value" Type="Edm.Guid"/>');
    expect(xml).toContain('<NavigationProperty Name="regardingobjectid_contact" Type="mscrm.contact"/>');
    expect(xml).toContain('<NavigationProperty Name="email_activity_parties" Type="Collection(mscrm.activityparty)"/>');
    expect(xml).toContain('<EntitySet Name="usersettingscollection" EntityType="Microsoft.Dynamics.CRM.usersettings">');
  });
});

describe("include-annotations patterns", () => {
  test.each([
    ["*", "OData.Community.Display.V1.FormattedValue", true],
    ["OData.Community.Display.V1.FormattedValue", "OData.Community.Display.V1.FormattedValue", true],
    ["OData.Community.Display.V1.FormattedValue", "Microsoft.Dynamics.CRM.lookuplogicalname", false],
    ["Microsoft.Dynamics.CRM.*", "Microsoft.Dynamics.CRM.lookuplogicalname", true],
    ["*,-Microsoft.Dynamics.CRM.associatednavigationproperty", "Microsoft.Dynamics.CRM.associatednavigationproperty", false],
    ["", "Microsoft.Dynamics.CRM.lookuplogicalname", false],
  ])("%j includes %s: %s", (pattern, name, expected) => {
    expect(annotationFilter(pattern)(name)).toBe(expected);
  });
});

describe("conditional writes", () => {
  const email = table("email");
  const row = { id: "a", data: {}, version: 12 };
  const codeOf = (headers: Record<string, string>, existing: typeof row | undefined): string => {
    try {
      checkWritePreconditions(headers, email, "a", existing);
      return "ok";
    } catch (error) {
      return error instanceof ODataError ? `${error.status} ${error.code}` : "other";
    }
  };

  test.each([
    [{}, row, "ok"],
    [{}, undefined, "ok"],
    [{ "if-match": "*" }, row, "ok"],
    [{ "if-match": "*" }, undefined, "404 0x80040217"],
    [{ "if-match": 'W/"12"' }, row, "ok"],
    [{ "if-match": '"12"' }, row, "ok"],
    [{ "if-match": 'W/"11"' }, row, "412 0x80060882"],
    [{ "if-match": 'W/"11", W/"12"' }, row, "ok"],
    [{ "if-none-match": "*" }, row, "412 0x80040237"],
    [{ "if-none-match": "*" }, undefined, "ok"],
  ])("%j on %j: %s", (headers, existing, expected) => {
    expect(codeOf(headers, existing)).toBe(expected);
  });

  test("304 only for the current version", () => {
    expect(isNotModified({ "if-none-match": 'W/"12"' }, row)).toBe(true);
    expect(isNotModified({ "if-none-match": 'W/"11"' }, row)).toBe(false);
    expect(isNotModified({ "if-none-match": "null" }, row)).toBe(false);
    expect(isNotModified({}, row)).toBe(false);
  });
});

describe("entity references", () => {
  const ID = "3378ddf0-4dbe-5a9b-b882-2d93a9377876";
  test.each([`/contacts(${ID})`, `contacts(${ID.toUpperCase()})`, `https://localhost:5555/contoso/api/data/v9.2/contacts(${ID})`, `/contacts(contactid=${ID})`])("%s", (text) => {
    expect(parseEntityReference(text, "x")).toEqual({ table: table("contact"), id: ID });
  });
});
