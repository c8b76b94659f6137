import { startEmulator, type TestEmulator } from "../../support/emulator-harness";
import { ALEX, clearFaults, copiesOf, delivery, incoming, injectFaults, session, type Session } from "./fixture";
import { rejection } from "../../support/rejection";

// Retries against faults injected in the emulator (POST /_emulator/faults): only 429/503/504 and
// network failures are retried, Retry-After is honoured, and however often a delivery is retried
// the org holds one copy.

let emu: TestEmulator;
let alex: Session;
const DELIVER = "/contoso/api/data/v9.2/emails/Microsoft.Dynamics.CRM.DeliverIncomingEmail";

beforeAll(async () => {
  emu = await startEmulator();
  alex = session(emu, ALEX);
  await alex.service.whoAmI();
});
afterAll(async () => emu.stop());
beforeEach(() => {
  alex.wire.reset();
  alex.sleeps.length = 0;
});
afterEach(async () => clearFaults(emu));

test("429 with Retry-After, 503 twice, a dropped connection: every delivery succeeds and the org holds ONE copy", async () => {
  const [a, b, c] = [delivery(incoming()), delivery(incoming()), delivery(incoming())] as const;

  await injectFaults(emu, [{ path: DELIVER, status: 429, retryAfter: 2, count: 1 }]);
  const idA = await alex.service.deliver(a);
  expect(alex.wire.count()).toBe(2);
  expect(alex.sleeps).toEqual([2000]);

  alex.wire.reset();
  await injectFaults(emu, [{ path: DELIVER, status: 503, count: 2 }]);
  const idB = await alex.service.deliver(b);
  expect(alex.wire.count()).toBe(3);

  alex.wire.reset();
  await injectFaults(emu, [{ path: DELIVER, drop: true, count: 1 }]);
  const idC = await alex.service.deliver(c);
  expect(alex.wire.count()).toBe(2);

  // A retry of the whole track (a second click, another device) under more faults: the same ids.
  await injectFaults(emu, [{ path: DELIVER, status: 503, count: 1 }, { path: DELIVER, drop: true, count: 1 }]);
  await expect(Promise.all([alex.service.deliver(a), alex.service.deliver(b), alex.service.deliver(c)])).resolves.toEqual([idA, idB, idC]);
  expect(new Set([idA, idB, idC]).size).toBe(3);

  for (const [message, id] of [[a, idA], [b, idB], [c, idC]] as const) {
    await expect(copiesOf(emu, message.internetMessageId)).resolves.toEqual([expect.objectContaining({ activityid: id })]);
  }
});

test("a real 1 s Retry-After is waited for", async () => {
  const slow = session(emu, ALEX, "contoso", { realSleep: true });
  await injectFaults(emu, [{ path: DELIVER, status: 429, retryAfter: 1, count: 1 }]);
  const started = Date.now();
  const message = delivery(incoming());
  const id = await slow.service.deliver(message);
  expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  expect(slow.wire.count()).toBe(2);
  await expect(copiesOf(emu, message.internetMessageId)).resolves.toEqual([expect.objectContaining({ activityid: id })]);
});

test("a Retry-After above the bound gives up at once with throttled and the seconds to wait", async () => {
  await injectFaults(emu, [{ path: DELIVER, status: 429, retryAfter: 120, count: 1 }]);
  const error = await rejection(alex.service.deliver(delivery(incoming())));
  expect(error).toMatchObject({ kind: "throttled", status: 429, retryAfterSeconds: 120, code: "0x80072322" });
  expect(alex.wire.count()).toBe(1);
  expect(alex.sleeps).toEqual([]);
});

test("throttling that never ends stops after 3 retries", async () => {
  await injectFaults(emu, [{ path: DELIVER, status: 429, retryAfter: 1 }]);
  const message = delivery(incoming());
  const error = await rejection(alex.service.deliver(message));
  expect(error.kind).toBe("throttled");
  expect(alex.wire.count()).toBe(4);
  expect(alex.sleeps).toEqual([1000, 1000, 1000]);
  await expect(copiesOf(emu, message.internetMessageId)).resolves.toEqual([]);
});

test("504 is retried with back-off; 500 and 400 are not retried", async () => {
  await injectFaults(emu, [{ path: DELIVER, status: 504, count: 1 }]);
  await alex.service.deliver(delivery(incoming()));
  expect(alex.wire.count()).toBe(2);
  expect(alex.sleeps).toHaveLength(1);
  expect(alex.sleeps[0]).toBeGreaterThan(0);

  for (const status of [500, 400]) {
    alex.wire.reset();
    await injectFaults(emu, [{ path: DELIVER, status, count: 1 }]);
    const error = await rejection(alex.service.deliver(delivery(incoming())));
    expect(error.kind).toBe(status === 400 ? "invalidInput" : "unknown");
    expect(alex.wire.count()).toBe(1);
  }
});

test("network failures are retried 3 times, then offline", async () => {
  await injectFaults(emu, [{ path: DELIVER, drop: true }]);
  const error = await rejection(alex.service.deliver(delivery(incoming())));
  expect(error.kind).toBe("offline");
  expect(alex.wire.count()).toBe(4);
});

test("a request that times out is aborted and not retried", async () => {
  const impatient = session(emu, ALEX, "contoso", { timeoutMs: 300 });
  await impatient.service.whoAmI();
  impatient.wire.reset();
  await injectFaults(emu, [{ path: "/contoso/api/data/v9.2/WhoAmI", delayMs: 1500, count: 1 }]);
  const error = await rejection(impatient.service.whoAmI());
  expect(error.kind).toBe("timeout");
  expect(impatient.wire.count()).toBe(1);
  await new Promise((resolve) => setTimeout(resolve, 1300)); // let the delayed request finish before the next test
});

test("a throttled $batch is retried whole and still stores one copy per message", async () => {
  const messages = [incoming(), incoming(), incoming()].map((m) => delivery(m));
  await injectFaults(emu, [{ path: "/contoso/api/data/v9.2/$batch", status: 429, retryAfter: 1, count: 1 }, { path: "/contoso/api/data/v9.2/$batch", drop: true, count: 1 }]);
  const outcomes = await alex.service.deliverMany(messages);
  expect(alex.wire.count()).toBe(3);
  expect(outcomes.every((o) => o.ok)).toBe(true);
  for (const m of messages) await expect(copiesOf(emu, m.internetMessageId)).resolves.toHaveLength(1);
  const again = await alex.service.deliverMany(messages);
  expect(again.map((o) => (o.ok ? o.value : "failed"))).toEqual(outcomes.map((o) => (o.ok ? o.value : "failed")));
});
