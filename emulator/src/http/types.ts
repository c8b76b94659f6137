import type { IncomingHttpHeaders } from "node:http";

/** A request as every emulator handler sees it: the body already read, headers lower-cased. */
export interface EmulatorRequest {
  method: string;
  /** Absolute URL of the request, built from the Host header (so links point back at this server). */
  url: URL;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** Address of the peer, used to keep the admin API on loopback. */
  remoteAddress: string;
}

/** A complete answer. Handlers return it; the server adapter writes it. */
export interface EmulatorResponse {
  status: number;
  headers: Record<string, string>;
  body?: string | Buffer;
}

/** What a handler may do instead of answering: close the connection without a response (fault injection). */
export interface DroppedConnection {
  status: "drop";
}

export type HandlerResult = EmulatorResponse | DroppedConnection;

export type Handler = (req: EmulatorRequest) => HandlerResult | Promise<HandlerResult>;

export function isDropped(result: HandlerResult): result is DroppedConnection {
  return result.status === "drop";
}

/** Reads one header as a single string (first value when repeated). */
export function header(req: Pick<EmulatorRequest, "headers">, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
