import { filterVerdict } from "../../../emulator/src/web-api/email-tracking/filtering";
import type { PartyRecord } from "../../../emulator/src/web-api/email-tracking/address-resolution";

const record = (table: PartyRecord["table"]): PartyRecord => ({ table, id: "00000000-0000-0000-0000-000000000001", ownerId: undefined });

test.each<[number, PartyRecord | undefined, boolean, number]>([
  [0, undefined, true, 6],
  [0, record("systemuser"), true, 6],
  [1, record("contact"), false, 1],
  [2, record("contact"), true, 5],
  [2, record("account"), true, 5],
  [2, record("lead"), true, 5],
  [2, record("systemuser"), false, 7],
  [2, undefined, false, 7],
  [3, record("systemuser"), true, 5],
  [3, record("lead"), true, 5],
  [3, undefined, false, 7],
  [4, record("contact"), false, 7],
  [9, record("contact"), false, 7],
])("filter %i with sender %j → (%s, %i)", (method, sender, deliver, reason) => {
  expect(filterVerdict(method, sender)).toEqual({ deliver, reason });
});
