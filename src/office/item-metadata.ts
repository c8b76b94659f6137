import { AppError } from "../core/errors";
import type { Clock, MailAddress, MailMetadata } from "../core/ports";
import type { OutlookAddress, OutlookReadItem } from "./outlook-item";

/**
 * Returns the metadata of a message in read mode. Direction: outgoing when the sender is the
 * mailbox user (a message in Sent Items), incoming otherwise. Bcc is empty: read mode does not
 * show it. Date: `dateTimeCreated` (when the message was received or sent), else
 * `dateTimeModified`, else the clock. Throws AppError `invalidInput` (`office.noMessageId`) when
 * Outlook gives no Internet Message-ID.
 */
export function readMetadata(item: OutlookReadItem, itemId: string, mailboxUser: string | undefined, clock: Clock): MailMetadata {
  const internetMessageId = (item.internetMessageId ?? "").trim();
  if (internetMessageId === "") {
    throw new AppError("invalidInput", "Outlook gives this message no Internet Message-ID, so it cannot be tracked.", { messageKey: "office.noMessageId" });
  }
  const from = toAddress(item.from ?? item.sender ?? undefined);
  const user = normalize(mailboxUser);
  const direction = user !== "" && normalize(from.emailAddress) === user ? "outgoing" : "incoming";
  return {
    itemId,
    internetMessageId,
    subject: item.subject,
    from,
    to: toAddresses(item.to),
    cc: toAddresses(item.cc),
    bcc: [],
    direction,
    date: isoDate(item.dateTimeCreated) ?? isoDate(item.dateTimeModified) ?? new Date(clock()).toISOString(),
  };
}

function toAddress(address: OutlookAddress | undefined): MailAddress {
  const emailAddress = (address?.emailAddress ?? "").trim();
  const displayName = (address?.displayName ?? "").trim();
  return displayName === "" || displayName === emailAddress ? { emailAddress } : { emailAddress, displayName };
}

function toAddresses(addresses: readonly OutlookAddress[] | null | undefined): MailAddress[] {
  return (addresses ?? []).map(toAddress).filter((address) => address.emailAddress !== "");
}

function normalize(address: string | undefined): string {
  return (address ?? "").trim().toLowerCase();
}

/** A Date (from any frame: the simulator's host lives in another one) or a date string, as ISO 8601. */
function isoDate(value: unknown): string | undefined {
  const time =
    typeof value === "string" ? Date.parse(value) : typeof (value as Date | null | undefined)?.getTime === "function" ? (value as Date).getTime() : Number.NaN;
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}
