import { table } from "../../model/tables";
import type { WebApiCall } from "../call";

const DELIVER = ["prvCreateActivity", "prvReadActivity", "prvWriteActivity", "prvAppendActivity", "prvShareActivity"] as const;

/** The privileges each email tracking message requires (spec §2.5), checked in this order. */
export const MESSAGE_PRIVILEGES: Readonly<Record<string, readonly string[]>> = {
  CheckIncomingEmail: ["prvReadActivity"],
  CheckPromoteEmail: ["prvReadActivity"],
  DeliverIncomingEmail: DELIVER,
  DeliverPromoteEmail: DELIVER,
  DeliverImmediatePromoteEmail: DELIVER,
};

/** Checks that the caller holds every privilege the message needs; throws 403 `0x80040220` naming the first one missing. */
export function requireMessagePrivileges(call: WebApiCall, message: string): void {
  for (const privilege of MESSAGE_PRIVILEGES[message] ?? []) {
    call.security.requirePrivilege(call.member, privilege, table("email"));
  }
}
