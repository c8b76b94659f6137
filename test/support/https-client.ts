import https from "node:https";

/** The test-and-tools client of the demo seed (allowed to use the password grant). */
export const TEST_CLIENT_ID = "0e9c4b71-2d3a-4c5f-8e6b-9a1d2f3c4b5e";
/** The password of every user of the demo seed. */
export const DEMO_PASSWORD = "OrgTrack-Demo-1";

export interface HttpResult {
  status: number;
  headers: Record<string, string>;
  text: string;
  /** The body parsed as JSON (throws when it is not JSON). */
  json<T = Record<string, unknown>>(): T;
}

/** How to reach the emulator over verified TLS: the CA to trust, or an agent that trusts it (see keepAliveAgent). */
export interface HttpTransport {
  /** The CA to trust: the emulator's generated certificate (TLS is verified, not switched off). */
  ca?: string | Buffer;
  agent?: https.Agent;
}

export interface HttpOptions extends HttpTransport {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** Returns a keep-alive agent that trusts the emulator's certificate (TLS stays verified). */
export function keepAliveAgent(ca: Buffer | string, maxSockets = 1): https.Agent {
  return new https.Agent({ ca, keepAlive: true, maxSockets });
}

/** Sends one HTTPS request and returns the whole response; rejects on network errors only (ECONNRESET, ECONNREFUSED, …). */
export function httpsRequest(url: string, options: HttpOptions): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const req = https.request(
      target,
      {
        method: options.method ?? "GET",
        headers: {
          ...(options.body !== undefined ? { "Content-Length": String(Buffer.byteLength(options.body)) } : {}),
          ...options.headers,
        },
        ...(options.ca !== undefined ? { ca: options.ca } : {}),
        ...(options.agent ? { agent: options.agent } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(res.headers)) {
            if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
          }
          resolve({
            status: res.statusCode ?? 0,
            headers,
            text,
            json: <T>() => JSON.parse(text) as T,
          });
        });
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

/**
 * Returns an access token for a demo user from the password grant of the test client, for `scope`
 * (e.g. `https://localhost:41234/contoso/.default`); throws on any answer other than 200.
 */
export async function passwordToken(baseUrl: string, transport: HttpTransport, email: string, scope: string): Promise<string> {
  const result = await httpsRequest(`${baseUrl}/organizations/oauth2/v2.0/token`, {
    ...transport,
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "password", client_id: TEST_CLIENT_ID, username: email, password: DEMO_PASSWORD, scope }).toString(),
  });
  if (result.status !== 200) throw new Error(`Token request for ${email} failed: ${result.status} ${result.text}`);
  return result.json<{ access_token: string }>().access_token;
}
