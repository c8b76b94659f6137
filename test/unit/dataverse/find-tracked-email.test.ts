import { AppError } from "../../../src/core/errors";
import type { OrgAddress } from "../../../src/core/orgs/types";
import { createOrgService } from "../../../src/dataverse/web-api-org-service";
import { answer, stubSend, stubTokens, type Scripted } from "./stub-send";

// OrgService.findTrackedEmail: the tracked copy of a message by its internet message id, in one
// request, for an item whose mark has no activity id.

const ORG: OrgAddress = {
  key: "https://contoso.crm4.dynamics.com",
  url: "https://contoso.crm4.dynamics.com",
  webApiUrl: "https://contoso.crm4.dynamics.com/api/data/v9.2/",
  resource: "https://contoso.crm4.dynamics.com",
  deployment: "online",
};
const API = ORG.webApiUrl;
const ID = "6bcbf6bf-1f2a-4ab9-9901-2605b314d72d";
const OWNER = "0d6c3b5e-1111-4a4a-9b9b-000000000001";

function service(...script: Scripted[]) {
  const stub = stubSend(...script);
  return { stub, service: createOrgService(ORG, { send: stub.send, tokens: stubTokens(), sleep: async () => undefined }) };
}

/** The $filter the request carried, decoded. */
const filterOf = (url: string | undefined): string | null => new URL(url ?? "").searchParams.get("$filter");

describe("findTrackedEmail", () => {
  test("one GET of emails with the message id filter, $select of id and owner, $top=1; returns both", async () => {
    const { stub, service: s } = service(answer(200, { value: [{ activityid: ID.toUpperCase(), _ownerid_value: OWNER }] }));
    await expect(s.findTrackedEmail("<m1@mail.example>")).resolves.toEqual({ activityId: ID, ownerId: OWNER });
    expect(stub.requests).toHaveLength(1);
    expect(stub.requests[0]).toMatchObject({ method: "GET" });
    expect(stub.requests[0]?.body).toBeUndefined();
    expect(stub.requests[0]?.url).toBe(`${API}emails?$filter=messageid%20eq%20%27%3Cm1@mail.example%3E%27&$select=activityid,_ownerid_value&$top=1`);
  });

  test("quotes in the message id are doubled, and &, #, + and spaces cannot break out of the filter", async () => {
    const { stub, service: s } = service(answer(200, { value: [] }));
    const tricky = "<o'brien+1 #x&$top=5'@mail.example>";
    await s.findTrackedEmail(tricky);
    const url = new URL(stub.requests[0]?.url ?? "");
    expect(filterOf(stub.requests[0]?.url)).toBe("messageid eq '<o''brien+1 #x&$top=5''@mail.example>'");
    expect([...url.searchParams.keys()]).toEqual(["$filter", "$select", "$top"]);
    expect(url.searchParams.get("$top")).toBe("1");
    expect(url.hash).toBe("");
  });

  test("the message id is sent exactly as given (the org stores it as delivered): no trimming, no case change", async () => {
    const { stub, service: s } = service(answer(200, { value: [] }));
    await s.findTrackedEmail(" <MixedCase@Mail.Example>");
    expect(filterOf(stub.requests[0]?.url)).toBe("messageid eq ' <MixedCase@Mail.Example>'");
  });

  test("no row (no copy, or none the person may read) → undefined", async () => {
    await expect(service(answer(200, { value: [] })).service.findTrackedEmail("<m1@x>")).resolves.toBeUndefined();
  });

  test("an empty message id is refused before anything is sent", async () => {
    const { stub, service: s } = service(answer(200, { value: [] }));
    await expect(s.findTrackedEmail("  ")).rejects.toMatchObject({ kind: "invalidInput", messageKey: "tracking.missingField" });
    expect(stub.requests).toEqual([]);
  });

  test.each([
    ["no value array", { rows: 1 }],
    ["a row without an owner", { value: [{ activityid: ID }] }],
    ["a row whose id is not a GUID", { value: [{ activityid: "1) or (1", _ownerid_value: OWNER }] }],
  ])("an unreadable answer (%s) is AppError unknown", async (_, body) => {
    await expect(service(answer(200, body)).service.findTrackedEmail("<m1@x>")).rejects.toMatchObject({ kind: "unknown", messageKey: "dataverse.unreadableAnswer" });
  });

  test("errors are mapped as for every call: 403 is forbidden; a dropped connection is retried, then offline", async () => {
    await expect(service(answer(403, { error: { code: "0x80040220", message: "m" } })).service.findTrackedEmail("<m1@x>")).rejects.toMatchObject({ kind: "forbidden", code: "0x80040220" });
    const offline = new AppError("offline", "The connection dropped.");
    const { stub, service: s } = service(offline);
    await expect(s.findTrackedEmail("<m1@x>")).rejects.toMatchObject({ kind: "offline" });
    expect(stub.requests.length).toBeGreaterThan(1); // a network error is retried (a GET), within the bound
  });
});
