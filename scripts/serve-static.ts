import { createReadStream, promises as fs } from "node:fs";
import https from "node:https";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";

/**
 * A static HTTPS server for the built add-in (dist/): what `npm start` serves on
 * https://localhost:3000 and what end-to-end tests start on a free port. It serves files with
 * their content type; `auth-redirect.html` and `config.json` with `Cache-Control: no-store`
 * (MSAL's redirect bridge and the configuration must never come from a cache), content-hashed
 * bundles as immutable, everything else revalidated. It sends no Cross-Origin-Opener-Policy
 * header (MSAL's popup needs its opener). GET and HEAD only; nothing outside `root`.
 */

/** What startStaticServer serves and where. */
export interface StaticServerOptions {
  /** The folder to serve (dist/). */
  root: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default `localhost`. */
  host?: string;
  tls: { key: string | Buffer; cert: string | Buffer };
  /** Files served from memory instead of `root`, by URL path (`{"/config.json": "{…}"}`): a test's or npm start's configuration. */
  files?: Readonly<Record<string, string | Buffer>>;
}

/** A running server. */
export interface StaticServer {
  /** `https://localhost:<port>` (no trailing slash). */
  url: string;
  port: number;
  /** Resolves when the server is closed (open connections are dropped). */
  close(): Promise<void>;
}

/** Served with `Cache-Control: no-store`. */
export const NO_STORE_FILES: readonly string[] = ["auth-redirect.html", "config.json"];

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".xml": "text/xml; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
};

/** Returns the Content-Type for a file name (application/octet-stream when unknown). */
export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream";
}

/** Returns the Cache-Control for a file name: no-store for the bridge and config, immutable for content-hashed names, else no-cache. */
export function cacheControlFor(file: string): string {
  const name = path.basename(file);
  if (NO_STORE_FILES.includes(name)) return "no-store";
  if (/\.[0-9a-f]{8}\.(js|mjs|css)$/.test(name)) return "public, max-age=31536000, immutable";
  return "no-cache";
}

/** Starts the server; resolves with its URL once it listens. Rejects when the port cannot be bound (e.g. EADDRINUSE). */
export async function startStaticServer(options: StaticServerOptions): Promise<StaticServer> {
  const root = path.resolve(options.root);
  const host = options.host ?? "localhost";
  const sockets = new Set<Duplex>();
  const server = https.createServer({ key: options.tls.key, cert: options.tls.cert }, (req, res) => {
    serve(root, options.files ?? {}, req, res).catch(() => {
      if (!res.headersSent) send(res, 500, "Internal error.");
      else res.destroy();
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `https://${host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

async function serve(root: string, files: Readonly<Record<string, string | Buffer>>, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const method = req.method ?? "GET";
  if (method !== "GET" && method !== "HEAD") {
    res.setHeader("Allow", "GET, HEAD");
    send(res, 405, "Method not allowed.");
    return;
  }
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(req.url ?? "/", "https://localhost").pathname);
  } catch {
    send(res, 400, "Bad request.");
    return;
  }
  if (pathname.includes("\0") || pathname.split("/").includes("..")) {
    send(res, 400, "Bad request.");
    return;
  }
  if (pathname === "/") {
    const start = (await isFile(path.join(root, "simulator.html"))) ? "/simulator.html" : "/taskpane.html";
    res.writeHead(302, { Location: start, "Cache-Control": "no-store" });
    res.end();
    return;
  }
  const inMemory = files[pathname];
  if (inMemory !== undefined) {
    const body = Buffer.isBuffer(inMemory) ? inMemory : Buffer.from(inMemory, "utf8");
    writeHead(res, pathname, body.length);
    res.end(method === "HEAD" ? undefined : body);
    return;
  }
  const file = path.resolve(root, `.${pathname}`);
  if (file !== root && !file.startsWith(root + path.sep)) {
    send(res, 400, "Bad request.");
    return;
  }
  const stat = await fs.stat(file).catch(() => undefined);
  if (stat === undefined || !stat.isFile()) {
    send(res, 404, "Not found.");
    return;
  }
  writeHead(res, file, stat.size);
  if (method === "HEAD") {
    res.end();
    return;
  }
  await new Promise<void>((resolve, reject) => {
    const stream = createReadStream(file);
    stream.on("error", reject);
    res.on("close", resolve);
    stream.pipe(res);
  });
}

function writeHead(res: ServerResponse, file: string, length: number): void {
  res.writeHead(200, {
    "Content-Type": contentTypeFor(file),
    "Content-Length": String(length),
    "Cache-Control": cacheControlFor(file),
    "X-Content-Type-Options": "nosniff",
  });
}

function send(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" });
  res.end(text);
}

async function isFile(file: string): Promise<boolean> {
  return (await fs.stat(file).catch(() => undefined))?.isFile() === true;
}
