import type { BadgeProps } from "@fluentui/react-components";
import type { OrgStatus } from "../../../core/orgs";
import type { MessageKey } from "../../../i18n";

/** Each connection status in words and as a Badge colour. */
export const ORG_STATUS: Record<OrgStatus, { label: MessageKey; color: NonNullable<BadgeProps["color"]> }> = {
  notChecked: { label: "orgs.status.notChecked", color: "subtle" },
  connecting: { label: "orgs.status.connecting", color: "informative" },
  connected: { label: "orgs.status.connected", color: "success" },
  needsSignIn: { label: "orgs.status.needsSignIn", color: "warning" },
  unreachable: { label: "orgs.status.unreachable", color: "danger" },
  noAccess: { label: "orgs.status.noAccess", color: "danger" },
};

/** Returns true when "Connect" makes sense for an org in this status (not connected, not connecting). */
export function canConnect(status: OrgStatus): boolean {
  return status !== "connected" && status !== "connecting";
}
