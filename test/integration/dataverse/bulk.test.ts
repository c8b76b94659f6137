import type { ValidationMetadata } from "../../../src/core/ports";
import { startEmulator, type TestEmulator } from "../../support/emulator-harness";
import { ADVENTURE_WORKS, CASEY, copiesOf, delivery, incoming, NANCY, PAT, session, type Session } from "./fixture";

// Bulk track of 100 messages as Casey, whose filtering method is 2 (mail from leads, contacts and
// accounts only): one $batch validates all, one $batch stores those accepted.

let emu: TestEmulator;
let casey: Session;
beforeAll(async () => {
  emu = await startEmulator();
  casey = session(emu, CASEY);
  await casey.service.whoAmI();
});
afterAll(async () => emu.stop());

const KNOWN = [NANCY, PAT, ADVENTURE_WORKS];

function hundred(): { messages: ValidationMetadata[]; known: boolean[] } {
  const messages: ValidationMetadata[] = [];
  const known: boolean[] = [];
  for (let i = 0; i < 100; i += 1) {
    const isKnown = i % 3 !== 0;
    known.push(isKnown);
    messages.push(incoming({ to: [CASEY], from: isKnown ? (KNOWN[i % KNOWN.length] ?? NANCY) : `unknown${i}@elsewhere.example`, subject: `Bulk ${i} ${Math.random().toString(36).slice(2, 8)}` }));
  }
  return { messages, known };
}

test("validate 100 and deliver the accepted in 2 round trips, one outcome per item in order", async () => {
  const { messages, known } = hundred();
  casey.wire.reset();
  const verdicts = await casey.service.validateMany(messages);
  expect(verdicts).toHaveLength(100);
  verdicts.forEach((outcome, i) => {
    expect(outcome).toEqual({ ok: true, value: known[i] ? { accepted: true, reasonCode: 5 } : { accepted: false, reasonCode: 7 } });
  });
  const accepted = messages.filter((_, i) => verdicts[i]?.ok === true && verdicts[i].value.accepted);
  expect(accepted.length).toBe(known.filter(Boolean).length);
  const stored = await casey.service.deliverMany(accepted.map((m) => delivery(m)));
  expect(casey.wire.count()).toBe(2);
  expect(casey.wire.requests.map((r) => r.url)).toEqual([`${emu.apiRoot("contoso")}$batch`, `${emu.apiRoot("contoso")}$batch`]);
  expect(casey.wire.requests[0]?.body).not.toContain("Hello</p>");
  const ids = stored.map((o) => (o.ok ? o.value : undefined));
  expect(ids.every((id) => typeof id === "string")).toBe(true);
  expect(new Set(ids).size).toBe(accepted.length);

  // Again (a retry): the same ids, and the org still holds one copy of each.
  const again = await casey.service.deliverMany(accepted.map((m) => delivery(m)));
  expect(again.map((o) => (o.ok ? o.value : undefined))).toEqual(ids);
  await expect(copiesOf(emu, accepted[0]?.internetMessageId ?? "")).resolves.toHaveLength(1);
  const revalidated = await casey.service.validateMany(accepted.slice(0, 3));
  expect(revalidated).toEqual([0, 1, 2].map(() => ({ ok: true, value: { accepted: false, reasonCode: 0 } })));
});

test("one bad item fails alone: an over-long subject is refused by the org, a missing message id before sending", async () => {
  const good = incoming({ to: [CASEY], from: NANCY });
  const tooLong = incoming({ to: [CASEY], from: NANCY, subject: "x".repeat(801) });
  const noId = incoming({ to: [CASEY], from: NANCY, internetMessageId: " " });
  casey.wire.reset();
  const verdicts = await casey.service.validateMany([good, tooLong, noId]);
  expect(casey.wire.count()).toBe(1);
  expect(verdicts[0]).toEqual({ ok: true, value: { accepted: true, reasonCode: 5 } });
  expect(verdicts[1]).toEqual({ ok: false, error: expect.objectContaining({ kind: "invalidInput", code: "0x80044331", messageKey: "dataverse.valueTooLong" }) });
  expect(verdicts[2]).toEqual({ ok: false, error: expect.objectContaining({ kind: "invalidInput", messageKey: "tracking.missingField" }) });

  const stored = await casey.service.deliverMany([delivery(good), delivery(tooLong), delivery(noId)]);
  expect(stored[0]).toEqual({ ok: true, value: expect.stringMatching(/^[0-9a-f-]{36}$/) });
  expect(stored[1]).toEqual({ ok: false, error: expect.objectContaining({ kind: "invalidInput", code: "0x80044331" }) });
  expect(stored[2]).toEqual({ ok: false, error: expect.objectContaining({ kind: "invalidInput" }) });
  await expect(copiesOf(emu, good.internetMessageId)).resolves.toHaveLength(1);
});

test("empty input makes no request", async () => {
  casey.wire.reset();
  await expect(casey.service.validateMany([])).resolves.toEqual([]);
  await expect(casey.service.deliverMany([])).resolves.toEqual([]);
  expect(casey.wire.count()).toBe(0);
});
