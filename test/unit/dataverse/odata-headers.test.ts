import { odataHeaders, withODataHeaders } from "../../../src/dataverse/behaviors/odata-headers";
import { compose } from "../../../src/dataverse/pipeline";
import { stubSend } from "./stub-send";

describe("odataHeaders behavior", () => {
  test("GET: Accept, OData versions and If-None-Match: null; no Content-Type", async () => {
    const stub = stubSend(200);
    await compose(stub.send, [odataHeaders()])({ method: "GET", url: "https://x.example/org/api/data/v9.2/WhoAmI", headers: {} });
    expect(stub.requests[0]?.headers).toEqual({ Accept: "application/json", "OData-MaxVersion": "4.0", "OData-Version": "4.0", "If-None-Match": "null" });
  });

  test("POST with a body: Content-Type, no If-None-Match", () => {
    const request = withODataHeaders({ method: "POST", url: "u", headers: {}, body: "{}" });
    expect(request.headers).toEqual({ Accept: "application/json", "OData-MaxVersion": "4.0", "OData-Version": "4.0", "Content-Type": "application/json" });
  });

  test("DELETE without a body: no Content-Type, no If-None-Match", () => {
    expect(withODataHeaders({ method: "DELETE", url: "u", headers: {} }).headers).toEqual({ Accept: "application/json", "OData-MaxVersion": "4.0", "OData-Version": "4.0" });
  });

  test("caller headers win (any case) and Prefer passes through", () => {
    const request = withODataHeaders({ method: "POST", url: "u", headers: { "content-type": "multipart/mixed; boundary=b", Prefer: "odata.continue-on-error" }, body: "x" });
    expect(request.headers).toEqual({
      "content-type": "multipart/mixed; boundary=b",
      Prefer: "odata.continue-on-error",
      Accept: "application/json",
      "OData-MaxVersion": "4.0",
      "OData-Version": "4.0",
    });
  });

  test("the caller's request object is not changed", () => {
    const original = { method: "GET" as const, url: "u", headers: {} };
    withODataHeaders(original);
    expect(original.headers).toEqual({});
  });
});
