import https from "node:https";
import type { Duplex } from "node:stream";
import type { AddressInfo } from "node:net";
import type { IncomingMessage, ServerResponse } from "node:http";
import { ErrorCodes, errorResponse, ODataError } from "./odata-error";
import { isDropped, type EmulatorRequest, type Handler } from "./types";

/** Largest request body accepted (Dataverse refuses large requests with 413). */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

export interface TlsFiles {
  key: string | Buffer;
  cert: string | Buffer;
}

export interface RunningServer {
  /** The base URL, e.g. `https://localhost:5555`. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Starts an HTTPS server for a handler on `host:port` (port 0 picks a free one). */
export async function listen(handler: Handler, tls: TlsFiles, port: number, host = "localhost"): Promise<RunningServer> {
  const sockets = new Set<Duplex>();
  const server = https.createServer({ key: tls.key, cert: tls.cert, keepAlive: true }, (req, res) => {
    void serve(handler, req, res);
  });
  server.keepAliveTimeout = 5000;
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const actualPort = (server.address() as AddressInfo).port;
  return {
    url: `https://${host}:${actualPort}`,
    port: actualPort,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

async function serve(handler: Handler, req: IncomingMessage, res: ServerResponse): Promise<void> {
  let body: Buffer;
  try {
    body = await readBody(req);
  } catch (error) {
    write(res, errorResponse(error));
    return;
  }
  const request: EmulatorRequest = {
    method: (req.method ?? "GET").toUpperCase(),
    url: new URL(req.url ?? "/", `https://${req.headers.host ?? "localhost"}`),
    headers: req.headers,
    body,
    remoteAddress: req.socket.remoteAddress ?? "",
  };
  let result;
  try {
    result = await handler(request);
  } catch (error) {
    result = errorResponse(error);
  }
  if (isDropped(result)) {
    req.socket.destroy();
    return;
  }
  write(res, result);
}

function write(res: ServerResponse, result: { status: number; headers: Record<string, string>; body?: string | Buffer }): void {
  if (res.headersSent) return;
  const body = result.body === undefined ? undefined : Buffer.isBuffer(result.body) ? result.body : Buffer.from(result.body, "utf8");
  res.writeHead(result.status, { ...result.headers, ...(body ? { "Content-Length": String(body.length) } : {}) });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"] ?? "0");
    if (declared > MAX_BODY_BYTES) {
      req.resume();
      reject(tooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.removeAllListeners("data");
        req.resume();
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function tooLarge(): ODataError {
  return new ODataError(413, ErrorCodes.RequestLengthTooLarge, `The request body is larger than the limit of ${MAX_BODY_BYTES} bytes.`);
}
