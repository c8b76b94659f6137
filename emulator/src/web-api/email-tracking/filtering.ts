import type { PartyRecord } from "./address-resolution";
import { FilteringMethod, ReasonCode, type ReasonCodeValue } from "./reason-codes";

/** An answer of CheckIncomingEmail: deliver or not, and why. */
export interface Verdict {
  deliver: boolean;
  reason: ReasonCodeValue;
}

const CUSTOMER_TABLES: ReadonlySet<string> = new Set(["lead", "contact", "account"]);

/**
 * Applies a mailbox's incoming email filter (spec §3.11) to an uncorrelated message whose sender
 * resolved to `sender` (undefined when it did not): 0 all → (true, 6); 1 only replies → (false, 1);
 * 2 from leads/contacts/accounts and 3 from any email-enabled record → (true, 5) or (false, 7);
 * 4 none, or an unknown value → (false, 7).
 */
export function filterVerdict(method: number, sender: PartyRecord | undefined): Verdict {
  switch (method) {
    case FilteringMethod.AllEmail:
      return { deliver: true, reason: ReasonCode.AcceptAll };
    case FilteringMethod.InResponseToCrmEmail:
      return { deliver: false, reason: ReasonCode.NoCorrelationMatch };
    case FilteringMethod.FromLeadsContactsAccounts:
      return sender !== undefined && CUSTOMER_TABLES.has(sender.table)
        ? { deliver: true, reason: ReasonCode.SenderMatch }
        : { deliver: false, reason: ReasonCode.InvalidSender };
    case FilteringMethod.FromEmailEnabledRecords:
      return sender !== undefined ? { deliver: true, reason: ReasonCode.SenderMatch } : { deliver: false, reason: ReasonCode.InvalidSender };
    default:
      return { deliver: false, reason: ReasonCode.InvalidSender };
  }
}
