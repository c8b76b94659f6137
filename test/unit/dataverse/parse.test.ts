import { parseJson, readPages } from "../../../src/dataverse/behaviors/parse";
import { answer, stubSend } from "./stub-send";

const base = "https://x.example/org/api/data/v9.2/";

describe("parseJson", () => {
  test("returns the JSON body", () => {
    expect(parseJson(answer(200, { a: 1 }))).toEqual({ a: 1 });
  });
  test.each(["", "  ", "<html>", "{"])("throws AppError unknown for %j", (body) => {
    expect(() => parseJson({ status: 200, headers: {}, body })).toThrow(expect.objectContaining({ kind: "unknown", messageKey: "dataverse.unreadableAnswer" }));
  });
});

describe("readPages: follows @odata.nextLink", () => {
  test("reads every page in order with the same headers", async () => {
    const stub = stubSend(answer(200, { value: [1, 2], "@odata.nextLink": `${base}contacts?$skiptoken=a` }), answer(200, { value: [3], "@odata.nextLink": `${base}contacts?$skiptoken=b` }), answer(200, { value: [4] }));
    const result = await readPages<number>(stub.send, { method: "GET", url: `${base}contacts`, headers: { Prefer: "odata.maxpagesize=2" } });
    expect(result).toEqual({ value: [1, 2, 3, 4], complete: true });
    expect(stub.requests.map((r) => r.url)).toEqual([`${base}contacts`, `${base}contacts?$skiptoken=a`, `${base}contacts?$skiptoken=b`]);
    expect(stub.requests.every((r) => r.headers.Prefer === "odata.maxpagesize=2")).toBe(true);
  });

  test("stops at maxPages and says the read is incomplete", async () => {
    const stub = stubSend(answer(200, { value: [1], "@odata.nextLink": `${base}next` }));
    await expect(readPages<number>(stub.send, { method: "GET", url: base, headers: {} }, { maxPages: 3 })).resolves.toEqual({ value: [1, 1, 1], complete: false });
    expect(stub.requests).toHaveLength(3);
  });

  test("an answer without a value array is unreadable", async () => {
    await expect(readPages(stubSend(answer(200, { UserId: "x" })).send, { method: "GET", url: base, headers: {} })).rejects.toMatchObject({ kind: "unknown" });
  });
});
