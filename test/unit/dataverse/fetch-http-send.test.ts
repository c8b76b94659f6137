import { createFetchHttpSend } from "../../../src/dataverse/fetch-http-send";

describe("createFetchHttpSend", () => {
  test("passes method, headers, body and signal; returns status, lower-case headers and text; never follows redirects or sends cookies", async () => {
    const calls: [string, RequestInit | undefined][] = [];
    const fake: typeof fetch = async (input, init) => {
      calls.push([String(input), init]);
      return new Response('{"a":1}', { status: 201, headers: { "OData-Version": "4.0" } });
    };
    const controller = new AbortController();
    const response = await createFetchHttpSend(fake)({ method: "POST", url: "https://x.example/api", headers: { Accept: "application/json" }, body: "{}", signal: controller.signal });
    expect(response).toEqual({ status: 201, headers: expect.objectContaining({ "odata-version": "4.0" }), body: '{"a":1}' });
    expect(calls[0]?.[0]).toBe("https://x.example/api");
    expect(calls[0]?.[1]).toMatchObject({ method: "POST", headers: { Accept: "application/json" }, body: "{}", signal: controller.signal, redirect: "error", credentials: "omit" });
  });

  test("any status resolves", async () => {
    const fake: typeof fetch = async () => new Response("", { status: 503 });
    await expect(createFetchHttpSend(fake)({ method: "GET", url: "https://x.example/", headers: {} })).resolves.toMatchObject({ status: 503 });
  });

  test("a network failure is offline; an abort is cancelled", async () => {
    const down: typeof fetch = async () => Promise.reject(new TypeError("Failed to fetch"));
    await expect(createFetchHttpSend(down)({ method: "GET", url: "https://x.example/", headers: {} })).rejects.toMatchObject({ kind: "offline" });
    const aborted: typeof fetch = async () => Promise.reject(new DOMException("aborted", "AbortError"));
    await expect(createFetchHttpSend(aborted)({ method: "GET", url: "https://x.example/", headers: {} })).rejects.toMatchObject({ kind: "cancelled" });
  });
});
