import { AppError } from "../../../src/core/errors";
import { bearerToken } from "../../../src/dataverse/behaviors/bearer-token";
import { compose } from "../../../src/dataverse/pipeline";
import { stubSend, stubTokens } from "./stub-send";

const R = "https://localhost:5555/contoso";
const get = (url: string) => ({ method: "GET" as const, url, headers: {} });

describe("bearerToken behavior", () => {
  test("attaches the token of the resource and replaces any Authorization the caller set", async () => {
    const stub = stubSend(200);
    const tokens = stubTokens();
    await compose(stub.send, [bearerToken({ tokens, resource: `${R}/` })])({ method: "GET", url: `${R}/api/data/v9.2/WhoAmI`, headers: { authorization: "Bearer stolen" } });
    expect(stub.requests[0]?.headers).toEqual({ Authorization: "Bearer t1" });
    expect(tokens.calls).toEqual([{ resource: R, options: {} }]);
  });

  test("a URL outside the resource is refused before a token is asked for or anything is sent", async () => {
    const stub = stubSend(200);
    const tokens = stubTokens();
    const send = compose(stub.send, [bearerToken({ tokens, resource: R })]);
    await expect(send(get("https://localhost:5555/fabrikam/api/data/v9.2/WhoAmI"))).rejects.toMatchObject({ kind: "invalidInput", messageKey: "dataverse.tokenScope" });
    expect(stub.requests).toEqual([]);
    expect(tokens.calls).toEqual([]);
  });

  test("sends the normalised URL it checked", async () => {
    const stub = stubSend(200);
    await compose(stub.send, [bearerToken({ tokens: stubTokens(), resource: R })])(get("https://LOCALHOST:5555/contoso/api/data/v9.2/./WhoAmI"));
    expect(stub.requests[0]?.url).toBe("https://localhost:5555/contoso/api/data/v9.2/WhoAmI");
  });

  test("401 → one forced refresh → one more attempt with the new token", async () => {
    const stub = stubSend(401, 200);
    const tokens = stubTokens();
    const response = await compose(stub.send, [bearerToken({ tokens, resource: R })])(get(`${R}/api/data/v9.2/WhoAmI`));
    expect(response.status).toBe(200);
    expect(stub.requests.map((r) => r.headers.Authorization)).toEqual(["Bearer t1", "Bearer t2"]);
    expect(tokens.calls.map((c) => c.options)).toEqual([{}, { forceRefresh: true }]);
  });

  test("401 twice → the second 401 is returned: exactly 2 attempts, never a loop", async () => {
    const stub = stubSend(401);
    const tokens = stubTokens();
    const response = await compose(stub.send, [bearerToken({ tokens, resource: R })])(get(`${R}/api/data/v9.2/WhoAmI`));
    expect(response.status).toBe(401);
    expect(stub.requests).toHaveLength(2);
    expect(tokens.calls).toHaveLength(2);
  });

  test("a provider that needs interaction stops the request", async () => {
    const stub = stubSend(200);
    const tokens = { getToken: async () => Promise.reject(new AppError("auth", "sign in")), signOut: async () => {} };
    await expect(compose(stub.send, [bearerToken({ tokens, resource: R })])(get(`${R}/x`))).rejects.toMatchObject({ kind: "auth" });
    expect(stub.requests).toEqual([]);
  });

  test("a resource that is not an https URL is refused when the behavior is made", () => {
    for (const resource of ["http://contoso.crm.dynamics.com", "not a url", "https://u:p@contoso.crm.dynamics.com", "https://contoso.crm.dynamics.com/?x=1", "javascript:alert(1)"]) {
      expect(() => bearerToken({ tokens: stubTokens(), resource })).toThrow(expect.objectContaining({ kind: "invalidInput" }));
    }
  });
});
