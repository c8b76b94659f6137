import { startEmulator, type TestEmulator } from "../../support/emulator-harness";
import { ALEX, CASEY, copiesOf, DANA, delivery, incoming, MORGAN, session, type Session } from "./fixture";

// OrgService.findTrackedEmail against the emulator over HTTPS: one request, found by the message
// id exactly as delivered, the owner as stored, and nothing for a person who may not read the copy.

let emu: TestEmulator;
let alex: Session;
let alexId: string;
beforeAll(async () => {
  emu = await startEmulator();
  alex = session(emu, ALEX);
  alexId = (await alex.service.whoAmI()).userId; // a cached token: the counts below are org requests only
});
afterAll(async () => emu.stop());

async function tracked(metadata = incoming({ cc: [MORGAN, CASEY, DANA] })): Promise<{ messageId: string; activityId: string }> {
  const activityId = await alex.service.deliver(delivery(metadata));
  return { messageId: metadata.internetMessageId, activityId };
}

describe("findTrackedEmail", () => {
  test("the owner finds the copy in one GET, with its activity id and owner", async () => {
    const { messageId, activityId } = await tracked();
    alex.wire.reset();
    await expect(alex.service.findTrackedEmail(messageId)).resolves.toEqual({ activityId, ownerId: alexId });
    expect(alex.wire.count()).toBe(1);
    expect(alex.wire.requests[0]).toMatchObject({ method: "GET" });
    expect(alex.wire.requests[0]?.url.startsWith(`${emu.apiRoot("contoso")}emails?$filter=`)).toBe(true);
  });

  test("a message id with quotes, &, #, + and spaces is found (no injection, no partial match; Dataverse compares strings case-insensitively)", async () => {
    const odd = `<o'brien+1 #x&y='z'-${Date.now()}@mail.example>`;
    const { activityId } = await tracked(incoming({ internetMessageId: odd }));
    await expect(alex.service.findTrackedEmail(odd)).resolves.toMatchObject({ activityId });
    await expect(alex.service.findTrackedEmail(odd.slice(0, -1))).resolves.toBeUndefined();
    await expect(alex.service.findTrackedEmail(odd.toUpperCase())).resolves.toMatchObject({ activityId });
  });

  test("a colleague with org-wide read (Morgan) finds Alex's copy with Alex as owner; Casey (user-level read) finds nothing", async () => {
    const { messageId, activityId } = await tracked();
    const morgan = session(emu, MORGAN);
    const morganId = (await morgan.service.whoAmI()).userId;
    const found = await morgan.service.findTrackedEmail(messageId);
    expect(found).toEqual({ activityId, ownerId: alexId });
    expect(found?.ownerId).not.toBe(morganId);
    await expect(session(emu, CASEY).service.findTrackedEmail(messageId)).resolves.toBeUndefined();
    await expect(copiesOf(emu, messageId)).resolves.toMatchObject([{ activityid: activityId }]);
  });

  test("a message never tracked, or whose copy was deleted, is not found", async () => {
    await expect(alex.service.findTrackedEmail(incoming().internetMessageId)).resolves.toBeUndefined();
    const { messageId, activityId } = await tracked();
    await alex.service.deleteEmail(activityId);
    await expect(alex.service.findTrackedEmail(messageId)).resolves.toBeUndefined();
  });
});
