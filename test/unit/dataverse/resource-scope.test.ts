import { resourceScope } from "../../../src/dataverse/resource-scope";

describe("resourceScope: URLs below the resource only", () => {
  const cloud = resourceScope("https://contoso.crm4.dynamics.com");
  const emulator = resourceScope("https://localhost:5555/contoso/");
  const onPrem = resourceScope("https://crm.contoso.local/ContosoOrg");

  test.each([
    [cloud, "https://contoso.crm4.dynamics.com/api/data/v9.2/WhoAmI"],
    [cloud, "https://CONTOSO.crm4.dynamics.com:443/api/data/v9.2/WhoAmI"],
    [emulator, "https://localhost:5555/contoso/api/data/v9.2/emails(1)?$select=subject"],
    [onPrem, "https://crm.contoso.local/contosoorg/api/data/v9.2/WhoAmI"],
    [cloud, "https://contoso.crm4.dynamics.com"], // its root is "/" below the origin
  ])("allowed: %#", (scope, url) => {
    expect(scope.check(url)).toBe(new URL(url).href);
  });

  test.each([
    [cloud, "https://contoso.crm4.dynamics.com.evil.test/api/data/v9.2/WhoAmI"],
    [cloud, "https://evil.test/contoso.crm4.dynamics.com/api"],
    [cloud, "https://fabrikam.crm4.dynamics.com/api/data/v9.2/WhoAmI"],
    [cloud, "http://contoso.crm4.dynamics.com/api/data/v9.2/WhoAmI"],
    [cloud, "https://contoso.crm4.dynamics.com:8443/api/data/v9.2/WhoAmI"],
    [cloud, "https://x@contoso.crm4.dynamics.com/api/data/v9.2/WhoAmI"],
    [cloud, "https://contoso.crm4.dynamics.com@evil.test/api"],
    [cloud, "//contoso.crm4.dynamics.com/api"],
    [cloud, "api/data/v9.2/WhoAmI"],
    [emulator, "https://localhost:5555/fabrikam/api/data/v9.2/WhoAmI"],
    [emulator, "https://localhost:5555/contosoevil/api"],
    [emulator, "https://localhost:5555/contoso"],
    [emulator, "https://localhost:5555/contoso/../fabrikam/api"],
    [emulator, "https://localhost:5555/contoso/%2e%2e/fabrikam/api"],
    [emulator, "https://localhost:5555/contoso/x%2F..%2F..%2Ffabrikam"],
    [emulator, "https://localhost:5555/contoso\\..\\fabrikam/api"],
    [emulator, "https://localhost:5556/contoso/api"],
    [emulator, "https://127.0.0.1:5555/contoso/api"],
  ])("refused: %#", (scope, url) => {
    expect(() => scope.check(url)).toThrow(expect.objectContaining({ kind: "invalidInput", messageKey: "dataverse.tokenScope" }));
  });

  test("the resource is normalised: no trailing slash, host in lower case", () => {
    expect(resourceScope("https://Contoso.CRM.dynamics.com/").resource).toBe("https://contoso.crm.dynamics.com");
    expect(emulator.resource).toBe("https://localhost:5555/contoso");
  });

  test("http is allowed for loopback resources only", () => {
    expect(resourceScope("http://localhost:5555/contoso").check("http://localhost:5555/contoso/api")).toBe("http://localhost:5555/contoso/api");
    expect(() => resourceScope("http://crm.contoso.local/org")).toThrow(expect.objectContaining({ kind: "invalidInput" }));
  });
});
