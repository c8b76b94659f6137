import { AppError } from "../../../../src/core/errors";
import { fromDiscovery } from "../../../../src/core/orgs/discovered";
import { parseOrgUrl } from "../../../../src/core/orgs/org-url";
import type { DiscoveredOrg } from "../../../../src/core/ports";

function instance(fields: Partial<DiscoveredOrg>): DiscoveredOrg {
  return {
    url: "https://contoso.crm4.dynamics.com/",
    apiUrl: "https://contoso.api.crm4.dynamics.com",
    friendlyName: "Contoso Sales",
    uniqueName: "org1a2b3c",
    urlName: "contoso",
    version: "9.2.25011.1",
    state: "enabled",
    ...fields,
  };
}

describe("fromDiscovery", () => {
  test("uses Url, so the token resource and the Web API share one prefix", () => {
    const address = fromDiscovery(instance({}));
    expect(address).toEqual(parseOrgUrl("https://contoso.crm4.dynamics.com"));
    expect(address.webApiUrl).toBe("https://contoso.crm4.dynamics.com/api/data/v9.2/");
    expect(address.resource).toBe("https://contoso.crm4.dynamics.com");
  });

  test("an org found by discovery and the same org pasted from the browser have one key", () => {
    const pasted = parseOrgUrl("https://contoso.crm4.dynamics.com/main.aspx?appid=1&pagetype=entitylist&etn=contact");
    expect(fromDiscovery(instance({})).key).toBe(pasted.key);
    expect(fromDiscovery(instance({ url: "https://localhost:5555/contoso", apiUrl: "https://localhost:5555/contoso" })).key).toBe(
      parseOrgUrl("https://localhost:5555/contoso/main.aspx?appid=x").key,
    );
  });

  test("a listed address the URL rules refuse is an invalidInput error naming the org", () => {
    let error: unknown;
    try {
      fromDiscovery(instance({ url: "https://contoso.crm.dynamics.com.evil.test/" }));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ kind: "invalidInput", messageKey: "orgs.discoveredUrl", values: { friendlyName: "Contoso Sales" } });
    expect((error as AppError).message).toContain("only looks like a Dynamics 365 address");
  });
});
