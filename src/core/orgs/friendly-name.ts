import type { OrgAddress } from "./types";

/** The name shown for an org that has none yet: the on-premises org name, else the host (`contoso.crm4.dynamics.com`). Never throws. */
export function defaultFriendlyName(address: Pick<OrgAddress, "url">): string {
  const withoutScheme = address.url.replace(/^[a-z]+:\/\//i, "");
  const slash = withoutScheme.indexOf("/");
  return slash < 0 ? withoutScheme : withoutScheme.slice(slash + 1);
}
