import type { Configuration, IPublicClientApplication } from "@azure/msal-browser";
import { BrowserAuthError } from "@azure/msal-browser";
import { createPca, type PcaFactories } from "../../../src/auth/create-pca";

const CONFIGURATION: Configuration = { auth: { clientId: "c", authority: "https://localhost:5555/organizations" } };

function factories(nestedFails = false, standardFails = false) {
  const nestedClient = { kind: "nested" } as unknown as IPublicClientApplication;
  const standardClient = { kind: "standard" } as unknown as IPublicClientApplication;
  const used: string[] = [];
  const made: PcaFactories = {
    nestable: async (configuration) => {
      used.push(`nestable:${configuration.auth.clientId}`);
      if (nestedFails) throw new Error("bridge did not answer");
      return nestedClient;
    },
    standard: async (configuration) => {
      used.push(`standard:${configuration.auth.clientId}`);
      if (standardFails) throw new BrowserAuthError("non_browser_environment", "c");
      return standardClient;
    },
  };
  return { made, used, nestedClient, standardClient };
}

describe("choosing the MSAL client", () => {
  test("NestedAppAuth 1.1 supported: nested app auth", async () => {
    const { made, used, nestedClient } = factories();
    expect(await createPca(CONFIGURATION, true, made)).toEqual({ pca: nestedClient, mode: "nestedAppAuth" });
    expect(used).toEqual(["nestable:c"]);
  });

  test("not supported: the standard client (popup), nested never tried", async () => {
    const { made, used, standardClient } = factories();
    expect(await createPca(CONFIGURATION, false, made)).toEqual({ pca: standardClient, mode: "standard" });
    expect(used).toEqual(["standard:c"]);
  });

  test("nested app auth that fails to start falls back to the standard client", async () => {
    const { made, used, standardClient } = factories(true);
    expect(await createPca(CONFIGURATION, true, made)).toEqual({ pca: standardClient, mode: "standard" });
    expect(used).toEqual(["nestable:c", "standard:c"]);
  });

  test("no client at all is an AppError", async () => {
    const { made } = factories(true, true);
    await expect(createPca(CONFIGURATION, true, made)).rejects.toMatchObject({ kind: "auth", code: "non_browser_environment" });
  });
});
