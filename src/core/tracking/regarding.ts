import { AppError } from "../errors";
import type { Org } from "../orgs/types";
import type { MailMetadata, RecordRef } from "../ports";
import { trackedStateIn, type TrackingDeps } from "./marks";

const recordKey = (r: RecordRef): string => `${r.table}:${r.id.toLowerCase()}`;
const sameAddress = (a: string | undefined, b: string): boolean => a !== undefined && a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * Returns records to set a tracked copy regarding, best first: those whose email address is the
 * sender's, then the recipients' (one round trip), then, when `text` is given, the contacts,
 * accounts, leads and opportunities matching it by name or email (one more); no record twice.
 * Throws what the org service throws (AppError).
 */
export async function suggestRecords(mail: MailMetadata, org: Org, deps: Pick<TrackingDeps, "serviceFor">, text?: string): Promise<RecordRef[]> {
  const service = deps.serviceFor(org);
  const sender = mail.from.emailAddress.trim();
  const recipients = [...mail.to, ...mail.cc, ...mail.bcc].map((a) => a.emailAddress.trim());
  const addresses = [...new Set([sender, ...recipients].filter((a) => a.length > 0).map((a) => a.toLowerCase()))];
  const byEmail = addresses.length > 0 ? await service.recordsByEmail(addresses) : [];
  const rank = (r: RecordRef): number => {
    if (sameAddress(r.emailAddress, sender)) return 0;
    const i = recipients.findIndex((a) => sameAddress(r.emailAddress, a));
    return i < 0 ? recipients.length + 1 : i + 1;
  };
  const ordered = byEmail.map((record, i) => ({ record, i })).sort((a, b) => rank(a.record) - rank(b.record) || a.i - b.i).map((x) => x.record);
  const searched = text !== undefined && text.trim().length > 0 ? await service.searchRecords(text.trim()) : [];
  const seen = new Set<string>();
  return [...ordered, ...searched].filter((r) => {
    const key = recordKey(r);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Links the item's tracked copy in the org to a record (`regardingobjectid`): one round trip when
 * the item's mark records the copy's id, two when only its category marks it (the copy is found
 * by its message id first). Throws AppError `notFound` when the item is not tracked in that org
 * (`tracking.notTracked`) or the org has no copy the person can see (`tracking.noVisibleCopy`),
 * else what the org service throws (`forbidden` without AppendTo on the record, …).
 */
export async function setRegarding(itemId: string, org: Org, record: RecordRef, deps: TrackingDeps): Promise<void> {
  const state = await trackedStateIn(deps.mailbox, itemId, org);
  if (!state.tracked) {
    throw new AppError("notFound", `Track this message to ${org.friendlyName} before setting what it is regarding.`, {
      messageKey: "tracking.notTracked",
      values: { org: org.friendlyName },
    });
  }
  const service = deps.serviceFor(org);
  let activityId = state.activityId;
  if (activityId === undefined) {
    const copy = await service.findTrackedEmail((await deps.mailbox.getMetadata(itemId)).internetMessageId);
    if (copy === undefined) {
      throw new AppError("notFound", `${org.friendlyName} has no copy of this message that you can see.`, {
        messageKey: "tracking.noVisibleCopy",
        values: { org: org.friendlyName },
      });
    }
    activityId = copy.activityId;
  }
  await service.setRegarding(activityId, record);
}
