import { AppError } from "../../src/core/errors";
import type { HttpSend, TokenProvider, TokenRequestOptions } from "../../src/core/ports";
import { DEMO_PASSWORD, TEST_CLIENT_ID } from "./emulator-harness";
import { createNodeHttpSend } from "./node-http-send";

/** One call of `getToken`, as the provider recorded it. */
export interface TokenRequestRecord {
  resource: string;
  forceRefresh: boolean;
}

/** A TokenProvider for tests that also tells what it was asked for. */
export interface PasswordTokenProvider extends TokenProvider {
  /** Every `getToken` call, in order. */
  readonly asked: TokenRequestRecord[];
  /** How many tokens were fetched from the token endpoint. */
  fetched(): number;
}

/** Where and as whom the provider signs in. */
export interface PasswordTokenOptions {
  /** The emulator's base URL (`https://localhost:<port>`). */
  baseUrl: string;
  ca: string | Buffer;
  email: string;
  password?: string;
  clientId?: string;
  /** Default `organizations`. */
  tenant?: string;
  /** Default: a node:https send trusting `ca`. */
  send?: HttpSend;
}

const normalise = (resource: string): string => resource.trim().replace(/\/+$/, "");

/**
 * Returns a TokenProvider over the emulator's password grant for the test client: one cached
 * token per resource, `forceRefresh` fetches a new one, `signOut` forgets the resource. A refused
 * grant throws AppError `auth`. It records which resources it was asked for.
 */
export function createPasswordTokenProvider(options: PasswordTokenOptions): PasswordTokenProvider {
  const send = options.send ?? createNodeHttpSend({ ca: options.ca });
  const cache = new Map<string, string>();
  const asked: TokenRequestRecord[] = [];
  let fetched = 0;
  const tokenUrl = `${normalise(options.baseUrl)}/${options.tenant ?? "organizations"}/oauth2/v2.0/token`;

  async function fetchToken(resource: string): Promise<string> {
    fetched += 1;
    const response = await send({
      method: "POST",
      url: tokenUrl,
      headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
      body: new URLSearchParams({
        grant_type: "password",
        client_id: options.clientId ?? TEST_CLIENT_ID,
        username: options.email,
        password: options.password ?? DEMO_PASSWORD,
        scope: `${resource}/.default offline_access`,
      }).toString(),
    });
    if (response.status !== 200) throw new AppError("auth", `The token endpoint refused the grant (HTTP ${response.status}).`, { status: response.status });
    const token = (JSON.parse(response.body) as { access_token?: unknown }).access_token;
    if (typeof token !== "string") throw new AppError("auth", "The token endpoint gave no access token.");
    return token;
  }

  return {
    asked,
    fetched: () => fetched,
    async getToken(resource: string, requestOptions: TokenRequestOptions = {}): Promise<string> {
      const key = normalise(resource);
      asked.push({ resource: key, forceRefresh: requestOptions.forceRefresh === true });
      const cached = cache.get(key);
      if (cached && !requestOptions.forceRefresh) return cached;
      const token = await fetchToken(key);
      cache.set(key, token);
      return token;
    },
    async signOut(resource: string): Promise<void> {
      cache.delete(normalise(resource));
    },
  };
}
