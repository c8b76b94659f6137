import { createNestablePublicClientApplication, createStandardPublicClientApplication, type Configuration, type IPublicClientApplication } from "@azure/msal-browser";
import { mapMsalError } from "./map-msal-error";

/** Which MSAL client runs: nested app auth through the Office host, or the standard browser client (popup). */
export type PcaMode = "nestedAppAuth" | "standard";

/** The two ways MSAL builds a client (both return it initialized); injectable for tests. */
export interface PcaFactories {
  nestable(configuration: Configuration): Promise<IPublicClientApplication>;
  standard(configuration: Configuration): Promise<IPublicClientApplication>;
}

const MSAL_FACTORIES: PcaFactories = {
  nestable: (configuration) => createNestablePublicClientApplication(configuration),
  standard: (configuration) => createStandardPublicClientApplication(configuration),
};

/**
 * Returns an initialized MSAL client and its mode: nested app auth when the host supports
 * requirement set NestedAppAuth 1.1 (`nestedAppAuthSupported`, checked by src/office), else the
 * standard client; a nested client that fails to start falls back to the standard one. Throws
 * AppError (see mapMsalError) when no client can start.
 */
export async function createPca(
  configuration: Configuration,
  nestedAppAuthSupported: boolean,
  factories: PcaFactories = MSAL_FACTORIES,
): Promise<{ pca: IPublicClientApplication; mode: PcaMode }> {
  if (nestedAppAuthSupported) {
    try {
      return { pca: await factories.nestable(configuration), mode: "nestedAppAuth" };
    } catch {
      // The host announced NAA but its bridge did not answer: the popup flow still works.
    }
  }
  try {
    return { pca: await factories.standard(configuration), mode: "standard" };
  } catch (error) {
    throw mapMsalError(error, configuration.auth.authority ?? "");
  }
}
