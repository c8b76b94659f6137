import { AppError } from "../../../src/core/errors";
import type { TokenProvider } from "../../../src/core/ports";
import { createDeferredTokenProvider } from "../../../src/taskpane/auth/deferred-token-provider";

function provider(name: string): TokenProvider & { signedOut: string[] } {
  const signedOut: string[] = [];
  return {
    signedOut,
    getToken: async (resource) => `${name}:${resource}`,
    signOut: async (resource) => void signedOut.push(resource),
  };
}

describe("deferred token provider", () => {
  test("loads the real provider only on first use, once, and delegates to it", async () => {
    const real = provider("msal");
    const load = jest.fn(async () => real);
    const tokens = createDeferredTokenProvider(load);
    expect(load).not.toHaveBeenCalled();
    expect(await Promise.all([tokens.getToken("https://a"), tokens.getToken("https://b")])).toEqual(["msal:https://a", "msal:https://b"]);
    await tokens.signOut("https://a");
    expect(real.signedOut).toEqual(["https://a"]);
    expect(load).toHaveBeenCalledTimes(1);
  });

  test("warmUp starts loading without waiting; a failed load is reported as an AppError and retried on the next request", async () => {
    const load = jest
      .fn<Promise<TokenProvider>, []>()
      .mockRejectedValueOnce(new Error("chunk failed"))
      .mockResolvedValueOnce(provider("second"));
    const tokens = createDeferredTokenProvider(load);
    tokens.warmUp();
    expect(load).toHaveBeenCalledTimes(1);
    await expect(tokens.getToken("https://a")).rejects.toBeInstanceOf(AppError);
    expect(await tokens.getToken("https://a")).toBe("second:https://a");
    expect(load).toHaveBeenCalledTimes(2);
  });

  test("reset makes the next request load a new provider (the token cache moved)", async () => {
    let count = 0;
    const tokens = createDeferredTokenProvider(async () => provider(`p${++count}`));
    expect(await tokens.getToken("https://a")).toBe("p1:https://a");
    tokens.reset();
    expect(await tokens.getToken("https://a")).toBe("p2:https://a");
  });
});
