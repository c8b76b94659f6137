import { ErrorCodes, type ODataError } from "../../../emulator/src/http/odata-error";
import {
  type BatchPart,
  type BatchResponsePart,
  MAX_BATCH_REQUESTS,
  parseBatchRequest,
  parseBatchResponse,
  reasonPhrase,
  resolveContentIdReferences,
  serializeBatchRequest,
  serializeBatchResponse,
} from "../../../emulator/src/odata/multipart";
import { odataErrorOf } from "../../support/odata-errors";

const CT = 'multipart/mixed; boundary="batch_AAA"';
const EMAIL_ID = "11111111-2222-3333-4444-555555555555";
const CONTACT_ID = "99999999-8888-7777-6666-555555555555";

/** Joins lines with CRLF, as a real client writes a batch body. */
function crlf(...lines: string[]): Buffer {
  return Buffer.from(lines.join("\r\n"), "utf8");
}

function httpPart(requestLine: string, headers: string[] = [], body = "", mimeHeaders: string[] = []): string[] {
  return [
    "Content-Type: application/http",
    "Content-Transfer-Encoding: binary",
    ...mimeHeaders,
    "",
    requestLine,
    ...headers,
    "",
    body,
  ];
}

function batchOf(...parts: string[][]): Buffer {
  return crlf(...parts.flatMap((p) => ["--batch_AAA", ...p]), "--batch_AAA--", "");
}

function changeset(boundary: string, ...parts: string[][]): string[] {
  return [
    `Content-Type: multipart/mixed; boundary=${boundary}`,
    "",
    ...parts.flatMap((p) => [`--${boundary}`, ...p]),
    `--${boundary}--`,
  ];
}

function expectBadRequest(fn: () => unknown, message: RegExp): ODataError {
  const error = odataErrorOf(fn);
  expect(error.status).toBe(400);
  expect(error.message).toMatch(message);
  return error;
}

/** The spec's §1.10 example, verbatim apart from the placeholders. */
const SPEC_EXAMPLE = [
  "--batch_AAA",
  'Content-Type: multipart/mixed; boundary="changeset_BBB"',
  "",
  "--changeset_BBB",
  "Content-Type: application/http",
  "Content-Transfer-Encoding: binary",
  "Content-ID: 1",
  "",
  `PATCH /api/data/v9.2/emails(${EMAIL_ID}) HTTP/1.1`,
  "Content-Type: application/json; type=entry",
  "",
  `{"regardingobjectid_contact@odata.bind":"/contacts(${CONTACT_ID})"}`,
  "--changeset_BBB--",
  "--batch_AAA",
  "Content-Type: application/http",
  "Content-Transfer-Encoding: binary",
  "",
  "GET /api/data/v9.2/WhoAmI HTTP/1.1",
  "Accept: application/json",
  "",
  "--batch_AAA--",
  "",
];

describe("parseBatchRequest", () => {
  it("parses the spec example into a change set and a plain request", () => {
    const parts = parseBatchRequest(CT, crlf(...SPEC_EXAMPLE));
    expect(parts).toEqual<BatchPart[]>([
      {
        kind: "changeset",
        boundary: "changeset_BBB",
        requests: [
          {
            method: "PATCH",
            url: `/api/data/v9.2/emails(${EMAIL_ID})`,
            headers: { "content-type": "application/json; type=entry" },
            body: `{"regardingobjectid_contact@odata.bind":"/contacts(${CONTACT_ID})"}`,
            contentId: "1",
          },
        ],
      },
      {
        kind: "request",
        request: { method: "GET", url: "/api/data/v9.2/WhoAmI", headers: { accept: "application/json" }, body: "" },
      },
    ]);
  });

  it("accepts an unquoted boundary, other parameters and upper-case media type", () => {
    const body = batchOf(httpPart("GET /api/data/v9.2/WhoAmI HTTP/1.1"));
    const parts = parseBatchRequest("Multipart/Mixed;charset=utf-8; Boundary=batch_AAA", body);
    expect(parts).toHaveLength(1);
    expect(parts[0]).toMatchObject({ kind: "request", request: { method: "GET", url: "/api/data/v9.2/WhoAmI" } });
  });

  it("reads Content-ID from the MIME part headers or from the inner request headers", () => {
    const body = batchOf(
      changeset(
        "changeset_X",
        httpPart("POST /api/data/v9.2/contacts HTTP/1.1", ["Content-Type: application/json"], "{}", ["Content-ID: 1"]),
        httpPart("POST /api/data/v9.2/contacts HTTP/1.1", ["Content-ID: 2", "Content-Type: application/json"], "{}"),
      ),
    );
    const [part] = parseBatchRequest(CT, body);
    if (part?.kind !== "changeset") throw new Error("expected a change set");
    expect(part.requests.map((r) => r.contentId)).toEqual(["1", "2"]);
    expect(part.requests[1]?.headers).toEqual({ "content-type": "application/json" });
  });

  it("keeps absolute, relative and Content-ID reference URLs as written", () => {
    const urls = [
      "https://contoso.crm.dynamics.com/api/data/v9.2/contacts?$select=fullname",
      "/api/data/v9.2/emails",
      `emails(${EMAIL_ID})`,
    ];
    const parts = parseBatchRequest(CT, batchOf(...urls.map((u) => httpPart(`GET ${u} HTTP/1.1`))));
    expect(parts.map((p) => (p.kind === "request" ? p.request.url : ""))).toEqual(urls);

    const withReference = batchOf(
      changeset(
        "changeset_R",
        httpPart("POST /api/data/v9.2/accounts HTTP/1.1", [], '{"name":"A"}', ["Content-ID: 1"]),
        httpPart("PATCH $1 HTTP/1.1", [], '{"name":"B"}', ["Content-ID: 2"]),
      ),
    );
    const [cs] = parseBatchRequest(CT, withReference);
    expect(cs?.kind === "changeset" ? cs.requests[1]?.url : undefined).toBe("$1");
  });

  it("accepts URLs with unencoded spaces in the query", () => {
    const parts = parseBatchRequest(CT, batchOf(httpPart("GET contacts?$filter=fullname eq 'A B' HTTP/1.1")));
    expect(parts[0]).toMatchObject({ request: { url: "contacts?$filter=fullname eq 'A B'" } });
  });

  it("does not split on boundary-like text inside JSON string values", () => {
    const json = '{"subject":"--batch_AAA","description":"x\\r\\n--batch_AAA--\\r\\n--changeset_BBB"}';
    const multiLine = '{\r\n  "subject": "a",\r\n  "description": "--batch_AAAB is not our boundary"\r\n}';
    const body = batchOf(
      httpPart("POST /api/data/v9.2/emails HTTP/1.1", ["Content-Type: application/json"], json),
      httpPart("POST /api/data/v9.2/emails HTTP/1.1", ["Content-Type: application/json", "X-Note: ends with --batch_AAA"], multiLine),
    );
    const parts = parseBatchRequest(CT, body);
    expect(parts.map((p) => (p.kind === "request" ? p.request.body : ""))).toEqual([json, multiLine]);
    expect(parts[1]).toMatchObject({ request: { headers: { "x-note": "ends with --batch_AAA" } } });
  });

  it("returns an empty body for DELETE and GET parts with no body", () => {
    const body = batchOf(
      httpPart(`DELETE /api/data/v9.2/emails(${EMAIL_ID}) HTTP/1.1`),
      ["Content-Type: application/http", "", "GET /api/data/v9.2/WhoAmI HTTP/1.1"],
      httpPart("GET /api/data/v9.2/WhoAmI HTTP/1.1", ["Accept: application/json"], "\r\n"),
    );
    const parts = parseBatchRequest(CT, body);
    expect(parts).toHaveLength(3);
    for (const part of parts) expect(part).toMatchObject({ kind: "request", request: { body: "" } });
    expect(parts.every((p) => p.kind === "request" && !("contentId" in p.request))).toBe(true);
    expect(parts[0]).toMatchObject({ request: { method: "DELETE", headers: {} } });
  });

  it("ignores the preamble and the epilogue", () => {
    const body = crlf(
      "This is a preamble.",
      "--batch_AAA",
      ...httpPart("GET /api/data/v9.2/WhoAmI HTTP/1.1"),
      "--batch_AAA--",
      "epilogue text",
    );
    expect(parseBatchRequest(CT, body)).toHaveLength(1);
  });

  it("lower-cases inner header names, trims values and unfolds continuation lines", () => {
    const body = batchOf(
      httpPart("POST /api/data/v9.2/emails HTTP/1.1", [
        "Content-Type:   application/json  ",
        "Prefer: return=representation,",
        '  odata.include-annotations="*"',
        "MSCRM.SuppressDuplicateDetection: false",
      ], "{}"),
    );
    expect(parseBatchRequest(CT, body)[0]).toMatchObject({
      request: {
        headers: {
          "content-type": "application/json",
          prefer: 'return=representation, odata.include-annotations="*"',
          "mscrm.suppressduplicatedetection": "false",
        },
      },
    });
  });

  it("rejects an LF-only body with a message that CRLF is required", () => {
    const lfOnly = Buffer.from(SPEC_EXAMPLE.join("\n"), "utf8");
    expectBadRequest(() => parseBatchRequest(CT, lfOnly), /CRLF/);
  });

  it("rejects a body whose part headers use bare LF even when other lines use CRLF", () => {
    const mixed = Buffer.from(
      "--batch_AAA\r\nContent-Type: application/http\nContent-Transfer-Encoding: binary\r\n\r\n" +
        "GET /api/data/v9.2/WhoAmI HTTP/1.1\r\n\r\n--batch_AAA--\r\n",
    );
    expectBadRequest(() => parseBatchRequest(CT, mixed), /CRLF/);
    const lfDelimiter = Buffer.from(
      "--batch_AAA\r\nContent-Type: application/http\r\n\r\nGET /api/data/v9.2/WhoAmI HTTP/1.1\r\n\r\n\n--batch_AAA--\n",
    );
    expectBadRequest(() => parseBatchRequest(CT, lfDelimiter), /CRLF/);
  });

  it("rejects a JSON batch with a clear message", () => {
    const jsonBatch = Buffer.from(JSON.stringify({ requests: [{ id: "1", method: "GET", url: "WhoAmI" }] }));
    expectBadRequest(() => parseBatchRequest("application/json", jsonBatch), /JSON batch.*not supported/);
    expectBadRequest(() => parseBatchRequest("application/json; odata.metadata=minimal", jsonBatch), /JSON batch/);
  });

  it("rejects a missing or wrong Content-Type and a missing boundary", () => {
    const body = crlf(...SPEC_EXAMPLE);
    expectBadRequest(() => parseBatchRequest(undefined, body), /Content-Type.*multipart\/mixed/);
    expectBadRequest(() => parseBatchRequest("text/plain", body), /'text\/plain' is not supported/);
    expectBadRequest(() => parseBatchRequest("multipart/mixed", body), /missing its boundary/);
    expectBadRequest(() => parseBatchRequest('multipart/mixed; boundary=""', body), /missing its boundary/);
  });

  it("rejects GET inside a change set", () => {
    const body = batchOf(changeset("changeset_G", httpPart("GET /api/data/v9.2/WhoAmI HTTP/1.1", [], "", ["Content-ID: 1"])));
    expectBadRequest(() => parseBatchRequest(CT, body), /GET requests are not allowed inside a change set/);
  });

  it("rejects a change set nested in a change set", () => {
    const inner = changeset("changeset_IN", httpPart("DELETE contacts(1) HTTP/1.1", [], "", ["Content-ID: 1"]));
    const body = batchOf(changeset("changeset_OUT", inner));
    expectBadRequest(() => parseBatchRequest(CT, body), /cannot be nested/);
  });

  it("rejects a duplicate or missing Content-ID in a change set", () => {
    const duplicate = batchOf(
      changeset(
        "changeset_D",
        httpPart("POST contacts HTTP/1.1", [], "{}", ["Content-ID: 1"]),
        httpPart("POST contacts HTTP/1.1", ["Content-ID: 1"], "{}"),
      ),
    );
    expectBadRequest(() => parseBatchRequest(CT, duplicate), /Content-ID '1' is used more than once/);
    const missing = batchOf(changeset("changeset_M", httpPart("POST contacts HTTP/1.1", [], "{}")));
    expectBadRequest(() => parseBatchRequest(CT, missing), /must have a Content-ID/);
  });

  it("allows the same Content-ID in two different change sets", () => {
    const body = batchOf(
      changeset("changeset_1", httpPart("POST contacts HTTP/1.1", [], "{}", ["Content-ID: 1"])),
      changeset("changeset_2", httpPart("POST contacts HTTP/1.1", [], "{}", ["Content-ID: 1"])),
    );
    expect(parseBatchRequest(CT, body)).toHaveLength(2);
  });

  it("accepts exactly 1000 requests and rejects 1001 with BatchTooLarge", () => {
    const get = httpPart("GET /api/data/v9.2/WhoAmI HTTP/1.1");
    const thousand = Array.from({ length: MAX_BATCH_REQUESTS }, () => get);
    expect(parseBatchRequest(CT, batchOf(...thousand))).toHaveLength(1000);

    const error = odataErrorOf(() => parseBatchRequest(CT, batchOf(...thousand, get)));
    expect(error.status).toBe(400);
    expect(error.code).toBe(ErrorCodes.BatchTooLarge);
    expect(error.message).toMatch(/^The batch request contains more than 1000 requests/);
  });

  it("counts change set members toward the 1000-request limit", () => {
    const get = httpPart("GET /api/data/v9.2/WhoAmI HTTP/1.1");
    const cs = changeset(
      "changeset_L",
      httpPart("POST contacts HTTP/1.1", [], "{}", ["Content-ID: 1"]),
      httpPart("POST contacts HTTP/1.1", [], "{}", ["Content-ID: 2"]),
    );
    const body = batchOf(...Array.from({ length: 999 }, () => get), cs);
    expect(odataErrorOf(() => parseBatchRequest(CT, body)).code).toBe(ErrorCodes.BatchTooLarge);
  });

  it("rejects a body without its closing boundary", () => {
    const body = crlf("--batch_AAA", ...httpPart("GET /api/data/v9.2/WhoAmI HTTP/1.1"));
    expectBadRequest(() => parseBatchRequest(CT, body), /missing its closing boundary '--batch_AAA--'/);
    const openChangeset = crlf(
      "--batch_AAA",
      "Content-Type: multipart/mixed; boundary=changeset_C",
      "",
      "--changeset_C",
      ...httpPart("POST contacts HTTP/1.1", [], "{}", ["Content-ID: 1"]),
      "--batch_AAA--",
    );
    expectBadRequest(() => parseBatchRequest(CT, openChangeset), /change set body is missing its closing boundary/);
  });

  it("rejects a part without a request line", () => {
    const body = batchOf(["Content-Type: application/http", "", "hello there", "", "{}"]);
    expectBadRequest(() => parseBatchRequest(CT, body), /HTTP request line/);
    const empty = batchOf(["Content-Type: application/http", ""]);
    expectBadRequest(() => parseBatchRequest(CT, empty), /HTTP request line/);
  });

  it("rejects an unknown method, a lower-case method and a wrong HTTP version", () => {
    expectBadRequest(() => parseBatchRequest(CT, batchOf(httpPart("FETCH contacts HTTP/1.1"))), /method 'FETCH'/);
    expectBadRequest(() => parseBatchRequest(CT, batchOf(httpPart("get contacts HTTP/1.1"))), /method 'get'/);
    expectBadRequest(() => parseBatchRequest(CT, batchOf(httpPart("GET contacts HTTP/2.0"))), /version 'HTTP\/2.0'/);
  });

  it("rejects garbage and an empty body", () => {
    expectBadRequest(() => parseBatchRequest(CT, Buffer.from("garbage\r\nmore garbage")), /opening boundary/);
    expectBadRequest(() => parseBatchRequest(CT, Buffer.alloc(0)), /empty/);
    expectBadRequest(() => parseBatchRequest(CT, Buffer.from([0xff, 0xfe, 0x00, 0x0d])), /opening boundary/);
  });

  it("rejects parts with a missing or unsupported Content-Type and malformed headers", () => {
    const noType = batchOf(["Content-Transfer-Encoding: binary", "", "GET contacts HTTP/1.1", ""]);
    expectBadRequest(() => parseBatchRequest(CT, noType), /missing its Content-Type/);
    const textPart = batchOf(["Content-Type: text/plain", "", "GET contacts HTTP/1.1", ""]);
    expectBadRequest(() => parseBatchRequest(CT, textPart), /unsupported Content-Type 'text\/plain'/);
    const badHeader = batchOf(httpPart("GET contacts HTTP/1.1", ["this is not a header"]));
    expectBadRequest(() => parseBatchRequest(CT, badHeader), /Malformed header line 'this is not a header'/);
  });

  it("rejects a batch nested in a batch", () => {
    const body = batchOf(httpPart("POST /api/data/v9.2/$batch HTTP/1.1", ["Content-Type: multipart/mixed; boundary=b2"], ""));
    expectBadRequest(() => parseBatchRequest(CT, body), /cannot contain other batch requests/);
  });
});

describe("resolveContentIdReferences", () => {
  const ids = new Map([
    ["1", `https://contoso.crm.dynamics.com/api/data/v9.2/emails(${EMAIL_ID})`],
    ["2", `/api/data/v9.2/contacts(${CONTACT_ID})`],
  ]);

  it("replaces a reference at the start of a URL", () => {
    expect(resolveContentIdReferences("$1", ids)).toBe(ids.get("1"));
    expect(resolveContentIdReferences("$2/parentcustomerid_account/$ref", ids)).toBe(
      `/api/data/v9.2/contacts(${CONTACT_ID})/parentcustomerid_account/$ref`,
    );
    expect(resolveContentIdReferences("$1?$select=subject", ids)).toBe(`${ids.get("1")}?$select=subject`);
  });

  it("leaves URLs without a leading reference unchanged", () => {
    for (const url of ["/api/data/v9.2/$batch", "contacts?$top=1", "$metadata", "$10abc", "emails($1)"]) {
      expect(resolveContentIdReferences(url, ids)).toBe(url);
    }
  });

  it("replaces references in @odata.bind and @odata.id values, keeping the rest of the JSON as written", () => {
    const body = '{\r\n  "regardingobjectid_contact@odata.bind": "$2",\r\n  "subject": "$1",\r\n  "n": 1\r\n}';
    expect(resolveContentIdReferences(body, ids)).toBe(
      `{\r\n  "regardingobjectid_contact@odata.bind": "/api/data/v9.2/contacts(${CONTACT_ID})",\r\n  "subject": "$1",\r\n  "n": 1\r\n}`,
    );
    expect(resolveContentIdReferences('{"@odata.id":"$1"}', ids)).toBe(`{"@odata.id":"${ids.get("1")}"}`);
  });

  it("replaces references in bind arrays and nested deep-insert objects", () => {
    const body = JSON.stringify({
      "email_activity_parties": [{ "partyid_contact@odata.bind": "$2", participationtypemask: 2 }],
      "contacts@odata.bind": ["$2", "/contacts(x)"],
      description: "$2",
    });
    const resolved = JSON.parse(resolveContentIdReferences(body, ids)) as Record<string, unknown>;
    const contact = ids.get("2");
    expect(resolved).toEqual({
      email_activity_parties: [{ "partyid_contact@odata.bind": contact, participationtypemask: 2 }],
      "contacts@odata.bind": [contact, "/contacts(x)"],
      description: "$2",
    });
  });

  it("throws 400 for an undeclared reference in a URL or in a bind value", () => {
    expectBadRequest(
      () => resolveContentIdReferences("$3/$ref", ids),
      /^Content-ID Reference: '\$3' does not exist in the batch context\.$/,
    );
    const error = expectBadRequest(
      () => resolveContentIdReferences('{"parentcustomerid_account@odata.bind":"$7"}', new Map()),
      /^Content-ID Reference: '\$7' does not exist in the batch context\.$/,
    );
    expect(error.code).toBe(ErrorCodes.ODataLayer);
  });

  it("escapes the replacement for JSON", () => {
    const odd = new Map([["1", 'https://h/api/data/v9.2/accounts(name=\'a"b\')']]);
    const resolved = resolveContentIdReferences('{"x@odata.bind":"$1"}', odd);
    expect(JSON.parse(resolved)).toEqual({ "x@odata.bind": odd.get("1") });
  });
});

describe("serializeBatchResponse", () => {
  it("writes the exact multipart layout with CRLF and reason phrases", () => {
    const { contentType, body } = serializeBatchResponse(
      [
        {
          kind: "response",
          response: { status: 200, headers: { "Content-Type": "application/json", "OData-Version": "4.0" }, body: '{"a":1}' },
        },
        { kind: "response", response: { status: 404, headers: {} } },
      ],
      "batchresponse_fixed",
    );
    expect(contentType).toBe("multipart/mixed; boundary=batchresponse_fixed");
    expect(body).toBe(
      [
        "--batchresponse_fixed",
        "Content-Type: application/http",
        "Content-Transfer-Encoding: binary",
        "",
        "HTTP/1.1 200 OK",
        "Content-Type: application/json",
        "OData-Version: 4.0",
        "",
        '{"a":1}',
        "--batchresponse_fixed",
        "Content-Type: application/http",
        "Content-Transfer-Encoding: binary",
        "",
        "HTTP/1.1 404 Not Found",
        "",
        "",
        "--batchresponse_fixed--",
        "",
      ].join("\r\n"),
    );
  });

  it("uses batchresponse_/changesetresponse_ GUID boundaries and echoes Content-ID in change sets", () => {
    const { contentType, body } = serializeBatchResponse([
      {
        kind: "changeset",
        responses: [
          { status: 204, headers: { "OData-EntityId": `https://h/api/data/v9.2/emails(${EMAIL_ID})` }, contentId: "1" },
          { status: 201, headers: {}, body: "{}", contentId: "2" },
        ],
      },
    ]);
    const guid = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    expect(contentType).toMatch(new RegExp(`^multipart/mixed; boundary=batchresponse_${guid}$`));
    expect(body).toMatch(new RegExp(`Content-Type: multipart/mixed; boundary=changesetresponse_${guid}\r\n`));
    expect(body).toContain("Content-ID: 1\r\n\r\nHTTP/1.1 204 No Content\r\n");
    expect(body).toContain("Content-ID: 2\r\n\r\nHTTP/1.1 201 Created\r\n");
    expect(body.replace(/\r\n/g, "")).not.toContain("\n");
  });

  it("round-trips through parseBatchResponse", () => {
    const parts: BatchResponsePart[] = [
      {
        kind: "changeset",
        responses: [
          { status: 204, headers: { "odata-version": "4.0", location: "https://h/api/data/v9.2/contacts(1)" }, contentId: "1" },
          { status: 204, headers: { "odata-version": "4.0" }, contentId: "2" },
        ],
      },
      {
        kind: "response",
        response: {
          status: 400,
          headers: { "content-type": "application/json; odata.metadata=minimal" },
          body: '{"error":{"code":"0x80044331","message":"--batchresponse_x in a string"}}',
        },
      },
      { kind: "response", response: { status: 304, headers: { etag: 'W/"123"' } } },
    ];
    const serialized = serializeBatchResponse(parts);
    expect(parseBatchResponse(serialized.contentType, Buffer.from(serialized.body))).toEqual(parts);
  });

  it("has a reason phrase for every common status", () => {
    const expected: Record<number, string> = {
      200: "OK",
      201: "Created",
      204: "No Content",
      304: "Not Modified",
      400: "Bad Request",
      401: "Unauthorized",
      403: "Forbidden",
      404: "Not Found",
      405: "Method Not Allowed",
      409: "Conflict",
      412: "Precondition Failed",
      413: "Payload Too Large",
      429: "Too Many Requests",
      500: "Internal Server Error",
      501: "Not Implemented",
      503: "Service Unavailable",
    };
    for (const [status, phrase] of Object.entries(expected)) expect(reasonPhrase(Number(status))).toBe(phrase);
    expect(reasonPhrase(599)).toBe("Unknown");
  });
});

describe("serializeBatchRequest / parseBatchResponse", () => {
  const requestParts: BatchPart[] = [
    {
      kind: "changeset",
      boundary: "changeset_123",
      requests: [
        {
          method: "POST",
          url: "/api/data/v9.2/emails",
          headers: { "content-type": "application/json; type=entry" },
          body: '{"subject":"line1\\r\\n--batch_rt","description":"a\r\n--changeset_123 at line start"}',
          contentId: "1",
        },
        {
          method: "PATCH",
          url: "$1",
          headers: { "content-type": "application/json", "if-match": "*" },
          body: '{"regardingobjectid_contact@odata.bind":"$2"}',
          contentId: "2",
        },
        { method: "DELETE", url: `https://contoso.crm.dynamics.com/api/data/v9.2/tasks(${EMAIL_ID})`, headers: {}, body: "", contentId: "3" },
      ],
    },
    { kind: "request", request: { method: "GET", url: "WhoAmI", headers: { accept: "application/json" }, body: "" } },
    { kind: "request", request: { method: "POST", url: "emails", headers: {}, body: "{}", contentId: "9" } },
  ];

  it("round-trips a batch request with change sets, references and awkward bodies", () => {
    const { contentType, body } = serializeBatchRequest(requestParts, "batch_rt");
    expect(contentType).toBe("multipart/mixed; boundary=batch_rt");
    expect(parseBatchRequest(contentType, Buffer.from(body))).toEqual(requestParts);
  });

  it("writes CRLF line endings only, with Content-ID in the MIME part headers", () => {
    const { body } = serializeBatchRequest(requestParts, "batch_rt");
    expect(body.replace(/\r\n/g, "")).not.toContain("\n");
    expect(body).toContain(
      "--changeset_123\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: 1\r\n\r\nPOST /api/data/v9.2/emails HTTP/1.1\r\n",
    );
    expect(body.endsWith("--batch_rt--\r\n")).toBe(true);
  });

  it("parses a Dataverse-style batch response", () => {
    const text = crlf(
      "--batchresponse_c1bd45c1-dd81-470d-b897-e965846aad2f",
      "Content-Type: multipart/mixed; boundary=changesetresponse_ff83b4f1-ab48-430c-b81c-926a2c596abc",
      "",
      "--changesetresponse_ff83b4f1-ab48-430c-b81c-926a2c596abc",
      "Content-Type: application/http",
      "Content-Transfer-Encoding: binary",
      "Content-ID: 1",
      "",
      "HTTP/1.1 204 No Content",
      "OData-Version: 4.0",
      `Location: https://h/api/data/v9.2/emails(${EMAIL_ID})`,
      `OData-EntityId: https://h/api/data/v9.2/emails(${EMAIL_ID})`,
      "",
      "",
      "--changesetresponse_ff83b4f1-ab48-430c-b81c-926a2c596abc--",
      "--batchresponse_c1bd45c1-dd81-470d-b897-e965846aad2f",
      "Content-Type: application/http",
      "Content-Transfer-Encoding: binary",
      "",
      "HTTP/1.1 200 OK",
      "Content-Type: application/json; odata.metadata=minimal",
      "OData-Version: 4.0",
      "",
      '{"UserId":"u"}',
      "--batchresponse_c1bd45c1-dd81-470d-b897-e965846aad2f--",
      "",
    );
    const parts = parseBatchResponse("multipart/mixed; boundary=batchresponse_c1bd45c1-dd81-470d-b897-e965846aad2f", text);
    expect(parts).toEqual<BatchResponsePart[]>([
      {
        kind: "changeset",
        responses: [
          {
            status: 204,
            contentId: "1",
            headers: {
              "odata-version": "4.0",
              location: `https://h/api/data/v9.2/emails(${EMAIL_ID})`,
              "odata-entityid": `https://h/api/data/v9.2/emails(${EMAIL_ID})`,
            },
          },
        ],
      },
      {
        kind: "response",
        response: {
          status: 200,
          headers: { "content-type": "application/json; odata.metadata=minimal", "odata-version": "4.0" },
          body: '{"UserId":"u"}',
        },
      },
    ]);
  });

  it("rejects a response part without a status line", () => {
    const text = crlf("--b", "Content-Type: application/http", "", "HTTP/1.1 OK", "", "--b--");
    expectBadRequest(() => parseBatchResponse("multipart/mixed; boundary=b", text), /HTTP status line/);
  });
});
