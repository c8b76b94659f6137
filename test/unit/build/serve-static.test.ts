import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureLocalhostCertificate } from "../../../emulator/src/http/certificates";
import { cacheControlFor, contentTypeFor, startStaticServer, type StaticServer } from "../../../scripts/serve-static";
import { httpsRequest } from "../../support/https-client";

describe("static server", () => {
  let root: string;
  let server: StaticServer;
  let ca: string | Buffer;

  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), "orgtrack-static-"));
    mkdirSync(path.join(root, "assets"));
    writeFileSync(path.join(root, "taskpane.html"), "<!doctype html><title>pane</title>");
    writeFileSync(path.join(root, "simulator.html"), "<!doctype html><title>simulator</title>");
    writeFileSync(path.join(root, "auth-redirect.html"), "<!doctype html><title>bridge</title>");
    writeFileSync(path.join(root, "taskpane.0123abcd.js"), "console.log(1);");
    writeFileSync(path.join(root, "office-sim.js"), "window.x = 1;");
    writeFileSync(path.join(root, "manifest.xml"), "<OfficeApp/>");
    writeFileSync(path.join(root, "config.json"), '{"from":"disk"}');
    writeFileSync(path.join(root, "assets", "icon-16.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    writeFileSync(path.join(os.tmpdir(), "orgtrack-outside.txt"), "secret");
    const tls = await ensureLocalhostCertificate();
    ca = tls.cert;
    server = await startStaticServer({ root, tls, files: { "/config.json": '{"version":1,"from":"memory"}' } });
  });
  afterAll(async () => {
    await server.close();
    rmSync(root, { recursive: true, force: true });
    rmSync(path.join(os.tmpdir(), "orgtrack-outside.txt"), { force: true });
  });

  const get = (pathname: string, method = "GET") => httpsRequest(`${server.url}${pathname}`, { ca, method });

  test("listens on a free loopback port over verified TLS", () => {
    expect(server.url).toMatch(/^https:\/\/localhost:\d+$/);
    expect(server.port).toBeGreaterThan(0);
  });

  test.each([
    ["/taskpane.html", "text/html; charset=utf-8", "no-cache"],
    ["/taskpane.0123abcd.js", "text/javascript; charset=utf-8", "public, max-age=31536000, immutable"],
    ["/office-sim.js", "text/javascript; charset=utf-8", "no-cache"],
    ["/manifest.xml", "text/xml; charset=utf-8", "no-cache"],
    ["/assets/icon-16.png", "image/png", "no-cache"],
    ["/auth-redirect.html", "text/html; charset=utf-8", "no-store"],
  ])("%s is served as %s with Cache-Control %s", async (pathname, type, cache) => {
    const response = await get(pathname);
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toBe(type);
    expect(response.headers["cache-control"]).toBe(cache);
    expect(response.headers["x-content-type-options"]).toBe("nosniff");
    expect(response.headers["cross-origin-opener-policy"]).toBeUndefined();
  });

  test("config.json comes from memory when given, never from a cache", async () => {
    const response = await get("/config.json");
    expect(response.json()).toEqual({ version: 1, from: "memory" });
    expect(response.headers["cache-control"]).toBe("no-store");
    expect(response.headers["content-type"]).toBe("application/json; charset=utf-8");
  });

  test("HEAD answers the headers without a body", async () => {
    const response = await get("/taskpane.html", "HEAD");
    expect(response.status).toBe(200);
    expect(response.headers["content-length"]).toBe(String("<!doctype html><title>pane</title>".length));
    expect(response.text).toBe("");
  });

  test("the root leads to the simulator", async () => {
    const response = await get("/");
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe("/simulator.html");
  });

  test("a missing file is 404, a folder too", async () => {
    expect((await get("/nothing.html")).status).toBe(404);
    expect((await get("/assets")).status).toBe(404);
  });

  test("nothing outside the root is served", async () => {
    const response = await get("/..%2forgtrack-outside.txt");
    expect(response.status).toBe(400);
    expect(response.text).not.toContain("secret");
    expect((await get("/assets/..%2f..%2forgtrack-outside.txt")).status).toBe(400);
  });

  test("only GET and HEAD are answered", async () => {
    const response = await get("/taskpane.html", "POST");
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe("GET, HEAD");
  });

  test("a port in use is reported, not ignored", async () => {
    const tls = await ensureLocalhostCertificate();
    await expect(startStaticServer({ root, tls, port: server.port })).rejects.toThrow(/EADDRINUSE/);
  });

  test("content types and cache rules by file name", () => {
    expect(contentTypeFor("x/unknown.bin")).toBe("application/octet-stream");
    expect(contentTypeFor("manifest.JSON")).toBe("application/json; charset=utf-8");
    expect(cacheControlFor("chunks/msal.9f8e7d6c.js")).toBe("public, max-age=31536000, immutable");
    expect(cacheControlFor("config.json")).toBe("no-store");
  });
});
