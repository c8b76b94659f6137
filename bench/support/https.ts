import https from "node:https";

export interface Reply {
  status: number;
  headers: Record<string, string>;
  text: string;
}

export interface SendOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  agent: https.Agent;
}

/** Returns a keep-alive agent that trusts the emulator's certificate (TLS stays verified). */
export function keepAliveAgent(ca: Buffer | string, maxSockets = 1): https.Agent {
  return new https.Agent({ ca, keepAlive: true, maxSockets });
}

/** Sends one request and returns the whole response; rejects on network errors only (ECONNRESET, ECONNREFUSED, …). */
export function send(url: string, options: SendOptions): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.body !== undefined) headers["Content-Length"] = String(Buffer.byteLength(options.body));
    const req = https.request(url, { method: options.method ?? "GET", headers, agent: options.agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        const flat: Record<string, string> = {};
        for (const [name, value] of Object.entries(res.headers)) {
          if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(", ") : value;
        }
        resolve({ status: res.statusCode ?? 0, headers: flat, text: Buffer.concat(chunks).toString("utf8") });
      });
      res.on("error", reject);
    });
    req.on("error", reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

/** The test-and-tools client of the demo seed (allowed to use the password grant). */
export const TOOLS_CLIENT_ID = "0e9c4b71-2d3a-4c5f-8e6b-9a1d2f3c4b5e";
export const DEMO_PASSWORD = "OrgTrack-Demo-1";

/** Returns an access token for a user and a resource (an org URL) from the password grant; throws on any other answer than 200. */
export async function passwordToken(baseUrl: string, agent: https.Agent, email: string, resource: string, password = DEMO_PASSWORD): Promise<string> {
  const reply = await send(`${baseUrl}/organizations/oauth2/v2.0/token`, {
    method: "POST",
    agent,
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "password", client_id: TOOLS_CLIENT_ID, username: email, password, scope: `${resource}/.default` }).toString(),
  });
  if (reply.status !== 200) throw new Error(`Token request for ${email} failed: ${reply.status} ${reply.text}`);
  return (JSON.parse(reply.text) as { access_token: string }).access_token;
}
