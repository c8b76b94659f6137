import { AppError, isAppError } from "../errors";
import type { DiscoveredOrg } from "../ports";
import { parseOrgUrl } from "./org-url";
import type { OrgAddress } from "./types";

/**
 * The address of an org listed by Global Discovery. Its `Url` is used, not its `ApiUrl`: the
 * token resource and the Web API then share one prefix (a token is only sent below the URL it was
 * issued for), and an org added from the list and by its pasted address gets the same key.
 * Throws AppError `invalidInput` (`orgs.discoveredUrl`) when discovery returned an address that is
 * not an org address by the rules of `parseOrgUrl`.
 */
export function fromDiscovery(instance: DiscoveredOrg): OrgAddress {
  try {
    return parseOrgUrl(instance.url);
  } catch (error) {
    if (!isAppError(error)) throw error;
    throw new AppError("invalidInput", `Global Discovery listed "${instance.friendlyName}" with an address OrgTrack cannot use: ${error.message}`, {
      messageKey: "orgs.discoveredUrl",
      values: { friendlyName: instance.friendlyName, ...error.values },
      cause: error,
    });
  }
}
