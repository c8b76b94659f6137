import { createDiscoveryService, GLOBAL_DISCOVERY_URL, toDiscoveredOrg } from "../../../src/dataverse/discovery-service";
import { answer, stubSend, stubTokens } from "./stub-send";

describe("createDiscoveryService", () => {
  test("one GET of Instances with $select and a token for the discovery resource", async () => {
    const stub = stubSend(
      answer(200, {
        value: [{ Url: "https://contoso.crm4.dynamics.com/", ApiUrl: "https://contoso.api.crm4.dynamics.com", FriendlyName: "Contoso", UniqueName: "unq1", UrlName: "contoso", Version: "9.2.1", State: 0 }],
      }),
    );
    const tokens = stubTokens();
    const orgs = await createDiscoveryService({ discoveryUrl: `${GLOBAL_DISCOVERY_URL}/`, send: stub.send, tokens }).instances();
    expect(orgs).toEqual([
      { url: "https://contoso.crm4.dynamics.com", apiUrl: "https://contoso.api.crm4.dynamics.com", friendlyName: "Contoso", uniqueName: "unq1", urlName: "contoso", version: "9.2.1", state: "enabled" },
    ]);
    expect(stub.requests.map((r) => r.url)).toEqual([`${GLOBAL_DISCOVERY_URL}/api/discovery/v2.0/Instances?$select=Url,ApiUrl,FriendlyName,UniqueName,UrlName,Version,State`]);
    expect(tokens.calls.map((c) => c.resource)).toEqual([GLOBAL_DISCOVERY_URL]);
  });

  test("a nextLink to another host is refused (the discovery token stays at home)", async () => {
    const stub = stubSend(answer(200, { value: [], "@odata.nextLink": "https://evil.test/api/discovery/v2.0/Instances?$skiptoken=1" }));
    await expect(createDiscoveryService({ discoveryUrl: GLOBAL_DISCOVERY_URL, send: stub.send, tokens: stubTokens() }).instances()).rejects.toMatchObject({ kind: "invalidInput" });
    expect(stub.requests).toHaveLength(1);
  });

  test("errors are AppErrors; a row without a URL is unreadable", async () => {
    await expect(createDiscoveryService({ discoveryUrl: GLOBAL_DISCOVERY_URL, send: stubSend(401).send, tokens: stubTokens() }).instances()).rejects.toMatchObject({ kind: "auth" });
    await expect(createDiscoveryService({ discoveryUrl: GLOBAL_DISCOVERY_URL, send: stubSend(answer(200, { value: [{ FriendlyName: "x" }] })).send, tokens: stubTokens() }).instances()).rejects.toMatchObject({
      kind: "unknown",
    });
  });

  test("toDiscoveredOrg fills gaps and reads State", () => {
    expect(toDiscoveredOrg({ Url: "https://x.example", State: 1 })).toEqual({ url: "https://x.example", apiUrl: "https://x.example", friendlyName: "https://x.example", uniqueName: "", urlName: "", version: "", state: "disabled" });
  });
});
