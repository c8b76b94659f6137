import { runRedirectBridge } from "../../../src/auth/redirect-bridge";

describe("the redirect bridge page", () => {
  test("hands the response to the main window", async () => {
    const broadcast = jest.fn(async () => undefined);
    await expect(runRedirectBridge(broadcast)).resolves.toBe("broadcast");
    expect(broadcast).toHaveBeenCalledTimes(1);
  });

  test("a page opened without a response does nothing and does not throw", async () => {
    await expect(runRedirectBridge(async () => Promise.reject(new Error("no_state_in_hash")))).resolves.toBe("nothingToDo");
  });

  test("the default is MSAL's own broadcastResponseToMainFrame (resolved at run time through the package exports)", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const bridge = require("@azure/msal-browser/redirect-bridge") as { broadcastResponseToMainFrame: unknown };
    expect(typeof bridge.broadcastResponseToMainFrame).toBe("function");
  });
});
