import { boundaryOf, decodeBatchRequest, decodeBatchResponse, encodeBatch, flattenResponses, MAX_BATCH_REQUESTS, type BatchPart } from "../../../src/dataverse/batch";

const ROOT = "https://contoso.crm.dynamics.com/api/data/v9.2/";

describe("encodeBatch", () => {
  test("writes the documented layout with CRLF line endings", () => {
    const encoded = encodeBatch([{ kind: "request", request: { method: "GET", url: `${ROOT}WhoAmI` } }], { boundary: "batch_AAA" });
    expect(encoded.contentType).toBe("multipart/mixed; boundary=batch_AAA");
    expect(encoded.body).toBe(
      [
        "--batch_AAA",
        "Content-Type: application/http",
        "Content-Transfer-Encoding: binary",
        "",
        `GET ${ROOT}WhoAmI HTTP/1.1`,
        "Accept: application/json",
        "",
        "",
        "--batch_AAA--",
        "",
      ].join("\r\n"),
    );
    expect(encoded.body.replace(/\r\n/g, "")).not.toContain("\n");
  });

  test("a change set is a nested multipart with Content-IDs (assigned when absent) and typed JSON bodies", () => {
    const encoded = encodeBatch(
      [
        {
          kind: "changeSet",
          requests: [
            { method: "POST", url: `${ROOT}contacts`, body: '{"firstname":"Ann"}' },
            { method: "PATCH", url: "$1", body: '{"jobtitle":"Buyer"}' },
          ],
        },
      ],
      { boundary: "batch_B" },
    );
    const lines = encoded.body.split("\r\n");
    const changeSetHeader = lines.find((l) => l.startsWith("Content-Type: multipart/mixed; boundary=changeset_"));
    expect(changeSetHeader).toBeDefined();
    const inner = changeSetHeader?.split("boundary=")[1] ?? "";
    expect(lines.filter((l) => l === `--${inner}`)).toHaveLength(2);
    expect(lines.filter((l) => l === `--${inner}--`)).toHaveLength(1);
    expect(lines.filter((l) => /^Content-ID: \d$/.test(l))).toEqual(["Content-ID: 1", "Content-ID: 2"]);
    expect(lines.filter((l) => l === "Content-Type: application/json; type=entry")).toHaveLength(2);
    expect(lines).toContain("PATCH $1 HTTP/1.1");
  });

  test("a random boundary that does not occur in any body", () => {
    const a = encodeBatch([{ kind: "request", request: { method: "GET", url: `${ROOT}WhoAmI` } }]);
    const b = encodeBatch([{ kind: "request", request: { method: "GET", url: `${ROOT}WhoAmI` } }]);
    expect(a.boundary).toMatch(/^batch_[0-9a-f-]{36}$/);
    expect(a.boundary).not.toBe(b.boundary);
    expect(() => encodeBatch([{ kind: "request", request: { method: "POST", url: `${ROOT}x`, body: "--batch_X" } }], { boundary: "batch_X" })).toThrow(
      expect.objectContaining({ kind: "invalidInput" }),
    );
  });

  test.each<[string, BatchPart[]]>([
    ["empty", []],
    ["empty change set", [{ kind: "changeSet", requests: [] }]],
    ["GET in a change set", [{ kind: "changeSet", requests: [{ method: "GET", url: `${ROOT}WhoAmI` }] }]],
    ["duplicate Content-ID", [{ kind: "changeSet", requests: [{ method: "POST", url: `${ROOT}a`, body: "{}", contentId: "1" }, { method: "POST", url: `${ROOT}b`, body: "{}", contentId: "1" }] }]],
    ["CRLF in a URL", [{ kind: "request", request: { method: "GET", url: `${ROOT}WhoAmI HTTP/1.1\r\nX-Evil: 1` } }]],
    ["CRLF in a header", [{ kind: "request", request: { method: "GET", url: `${ROOT}WhoAmI`, headers: { Prefer: "a\r\nAuthorization: Bearer x" } } }]],
    ["bad header name", [{ kind: "request", request: { method: "GET", url: `${ROOT}WhoAmI`, headers: { "Bad Name": "x" } } }]],
    ["CRLF in a Content-ID", [{ kind: "request", request: { method: "GET", url: `${ROOT}WhoAmI`, contentId: "1\r\nX: y" } }]],
  ])("refuses: %s", (_, parts) => {
    expect(() => encodeBatch(parts)).toThrow(expect.objectContaining({ kind: "invalidInput", messageKey: "dataverse.badBatch" }));
  });

  test(`at most ${MAX_BATCH_REQUESTS} requests`, () => {
    const get = (i: number): BatchPart => ({ kind: "request", request: { method: "GET", url: `${ROOT}emails(${i})` } });
    expect(() => encodeBatch(Array.from({ length: MAX_BATCH_REQUESTS }, (_, i) => get(i)))).not.toThrow();
    expect(() => encodeBatch(Array.from({ length: MAX_BATCH_REQUESTS + 1 }, (_, i) => get(i)))).toThrow(expect.objectContaining({ kind: "invalidInput" }));
  });
});

describe("encode → decode round trip", () => {
  test("requests, change sets, headers, Content-IDs and bodies come back as sent", () => {
    const parts: BatchPart[] = [
      { kind: "request", request: { method: "GET", url: `${ROOT}CheckIncomingEmail(MessageId=@m)?@m=%27%3Ca%40b%3E%27`, headers: { Prefer: 'odata.include-annotations="*"' } } },
      {
        kind: "changeSet",
        requests: [
          { method: "POST", url: `${ROOT}emails/Microsoft.Dynamics.CRM.DeliverIncomingEmail`, body: JSON.stringify({ Subject: "two\r\nlines --batch", Body: "<p>\r\n\r\n</p>" }), contentId: "7" },
          { method: "DELETE", url: `${ROOT}emails(1)`, contentId: "8" },
        ],
      },
      { kind: "request", request: { method: "PATCH", url: `${ROOT}emails(2)`, headers: { "If-Match": "*" }, body: "{}\r\n" } },
    ];
    const encoded = encodeBatch(parts);
    const decoded = decodeBatchRequest(encoded.contentType, encoded.body);
    expect(decoded).toEqual([
      { kind: "request", request: { method: "GET", url: (parts[0] as { request: { url: string } }).request.url, headers: { prefer: 'odata.include-annotations="*"', accept: "application/json" } } },
      {
        kind: "changeSet",
        requests: [
          {
            method: "POST",
            url: `${ROOT}emails/Microsoft.Dynamics.CRM.DeliverIncomingEmail`,
            headers: { "content-type": "application/json; type=entry", accept: "application/json" },
            body: JSON.stringify({ Subject: "two\r\nlines --batch", Body: "<p>\r\n\r\n</p>" }),
            contentId: "7",
          },
          { method: "DELETE", url: `${ROOT}emails(1)`, headers: { accept: "application/json" }, contentId: "8" },
        ],
      },
      { kind: "request", request: { method: "PATCH", url: `${ROOT}emails(2)`, headers: { "if-match": "*", "content-type": "application/json; type=entry", accept: "application/json" }, body: "{}\r\n" } },
    ]);
  });
});

describe("decodeBatchResponse", () => {
  const body = [
    "--batchresponse_1d2",
    "Content-Type: application/http",
    "Content-Transfer-Encoding: binary",
    "",
    "HTTP/1.1 200 OK",
    "Content-Type: application/json; odata.metadata=minimal",
    "OData-Version: 4.0",
    "",
    '{"ShouldDeliver":true,"ReasonCode":6}',
    "--batchresponse_1d2",
    "Content-Type: multipart/mixed; boundary=changesetresponse_9f",
    "",
    "--changesetresponse_9f",
    "Content-Type: application/http",
    "Content-Transfer-Encoding: binary",
    "Content-ID: 1",
    "",
    "HTTP/1.1 204 No Content",
    "OData-Version: 4.0",
    "OData-EntityId: https://contoso.crm.dynamics.com/api/data/v9.2/contacts(00000000-0000-0000-0000-000000000001)",
    "",
    "",
    "--changesetresponse_9f--",
    "--batchresponse_1d2",
    "Content-Type: application/http",
    "Content-Transfer-Encoding: binary",
    "",
    "HTTP/1.1 403 Forbidden",
    "Content-Type: application/json",
    "",
    '{"error":{"code":"0x80048306","message":"no"}}',
    "--batchresponse_1d2--",
    "",
  ].join("\r\n");

  test("reads single answers and change-set answers in order", () => {
    const parts = decodeBatchResponse('multipart/mixed; boundary="batchresponse_1d2"', body);
    expect(parts).toEqual([
      { kind: "response", response: { status: 200, statusText: "OK", headers: { "content-type": "application/json; odata.metadata=minimal", "odata-version": "4.0" }, body: '{"ShouldDeliver":true,"ReasonCode":6}' } },
      {
        kind: "changeSet",
        responses: [
          {
            status: 204,
            statusText: "No Content",
            headers: { "odata-version": "4.0", "odata-entityid": "https://contoso.crm.dynamics.com/api/data/v9.2/contacts(00000000-0000-0000-0000-000000000001)" },
            body: "",
            contentId: "1",
          },
        ],
      },
      { kind: "response", response: { status: 403, statusText: "Forbidden", headers: { "content-type": "application/json" }, body: '{"error":{"code":"0x80048306","message":"no"}}' } },
    ]);
    expect(flattenResponses(parts).map((r) => r.status)).toEqual([200, 204, 403]);
  });

  test("tolerates a preamble, LF-only line endings and no blank line after a bodiless part", () => {
    const lf = `preamble\n${body.replace(/\r\n/g, "\n")}`;
    expect(flattenResponses(decodeBatchResponse("multipart/mixed;boundary=batchresponse_1d2", lf)).map((r) => r.status)).toEqual([200, 204, 403]);
  });

  test("a body cut short or without a boundary is unreadable", () => {
    expect(() => decodeBatchResponse("multipart/mixed; boundary=batchresponse_1d2", body.slice(0, 200))).toThrow(expect.objectContaining({ kind: "unknown" }));
    expect(() => decodeBatchResponse("multipart/mixed", body)).toThrow(expect.objectContaining({ kind: "unknown" }));
    expect(() => decodeBatchResponse("multipart/mixed; boundary=x", "--x\r\nContent-Type: application/http\r\n\r\nnot http\r\n--x--")).toThrow(expect.objectContaining({ kind: "unknown" }));
  });

  test("boundaryOf reads quoted and bare boundaries", () => {
    expect(boundaryOf('multipart/mixed; boundary="a b"')).toBe("a b");
    expect(boundaryOf("multipart/mixed;charset=x;BOUNDARY=abc")).toBe("abc");
  });
});
