import { AppError } from "../../../../src/core/errors";
import type { DeliveryRequest, ItemOutcome, ValidationMetadata } from "../../../../src/core/ports";
import { trackMany, type BulkProgress } from "../../../../src/core/tracking/bulk";
import type { TrackResult } from "../../../../src/core/tracking/tracker";
import { FakeMailbox } from "../../../support/fake-mailbox";
import { FakeOrgService, testOrg } from "./fake-org-service";

const contoso = testOrg("Contoso");

function setup(count: number) {
  const mailbox = new FakeMailbox();
  const service = new FakeOrgService(contoso);
  const ids = Array.from({ length: count }, (_, i) => mailbox.add(`m${i}`));
  return { mailbox, service, ids, deps: { mailbox, serviceFor: () => service } };
}

const refuseEveryThird = (m: ValidationMetadata) =>
  Number(/m(\d+)@/.exec(m.internetMessageId)?.[1]) % 3 === 0 ? { accepted: false, reasonCode: 3 } : { accepted: true, reasonCode: 6 };

const failed = (o: ItemOutcome<TrackResult> | undefined): AppError => {
  if (!o || o.ok) throw new Error("expected a failed outcome");
  return o.error;
};

describe("trackMany", () => {
  test("100 items with mixed verdicts: 2 round trips, one outcome per item in order", async () => {
    const { mailbox, service, ids, deps } = setup(100);
    service.rule = refuseEveryThird;
    const outcomes = await trackMany(ids, contoso, deps);

    expect(service.calls.map((c) => c.method)).toEqual(["validateMany", "deliverMany"]);
    expect(outcomes).toHaveLength(100);
    outcomes.forEach((outcome, i) => {
      if (i % 3 === 0) {
        expect(failed(outcome)).toMatchObject({ kind: "rejectedByOrg", messageKey: "tracking.reason.noRecipientMatch" });
        expect(mailbox.item(`m${i}`).mark.activities).toEqual({});
        expect(mailbox.callsOf("getBody", `m${i}`)).toHaveLength(0);
      } else {
        expect(outcome).toMatchObject({ ok: true, value: { itemId: `m${i}`, how: "stored" } });
        const value = (outcome as { ok: true; value: TrackResult }).value;
        expect(mailbox.item(`m${i}`).mark.activities).toEqual({ [contoso.key]: value.activityId });
        expect(mailbox.item(`m${i}`).categories).toEqual(["Tracked to Contoso Sales"]);
      }
    });
    const delivered = service.callsOf("deliverMany")[0]?.args[0] as DeliveryRequest[];
    expect(delivered).toHaveLength(66);
    expect(delivered.every((d) => d.body.startsWith("<p>Body of"))).toBe(true);
    expect(service.emails.size).toBe(66);
  });

  test("the validation batch carries metadata only, and no body is read before it is answered", async () => {
    const { mailbox, service, ids, deps } = setup(5);
    const validateMany = service.validateMany.bind(service);
    let bodiesReadBefore = -1;
    service.validateMany = (messages) => {
      bodiesReadBefore = mailbox.callsOf("getBody").length;
      return validateMany(messages);
    };
    await trackMany(ids, contoso, deps);
    expect(bodiesReadBefore).toBe(0);
    const sent = service.callsOf("validateMany")[0]?.args[0] as ValidationMetadata[];
    for (const meta of sent) expect(Object.keys(meta).sort()).toEqual(["bcc", "cc", "direction", "from", "internetMessageId", "subject", "to"]);
  });

  test("more than 100 items is invalidInput, before anything is read or sent", async () => {
    const { mailbox, service, ids, deps } = setup(101);
    await expect(trackMany(ids, contoso, deps)).rejects.toMatchObject({ kind: "invalidInput", messageKey: "tracking.tooManyItems", values: { limit: 100, count: 101 } });
    expect(service.roundTrips).toBe(0);
    expect(mailbox.calls).toHaveLength(0);
  });

  test("progress: validated n/N, stored n/N, marked one by one", async () => {
    const { service, ids, deps } = setup(6);
    service.rule = refuseEveryThird;
    const progress: BulkProgress[] = [];
    await trackMany(ids, contoso, deps, (p) => progress.push(p));
    expect(progress).toEqual([
      { phase: "validated", done: 6, total: 6 },
      { phase: "stored", done: 4, total: 4 },
      { phase: "marked", done: 1, total: 4 },
      { phase: "marked", done: 2, total: 4 },
      { phase: "marked", done: 3, total: 4 },
      { phase: "marked", done: 4, total: 4 },
    ]);
  });

  test("items already marked are not sent; Duplicates are linked without their body", async () => {
    const { mailbox, service, ids, deps } = setup(3);
    mailbox.item("m0").mark = { activities: { [contoso.key]: "existing-0" } };
    const elsewhere = service.seedEmail("<m1@mail.example>", "colleague");
    const outcomes = await trackMany(ids, contoso, deps);
    expect((service.callsOf("validateMany")[0]?.args[0] as ValidationMetadata[]).map((m) => m.internetMessageId)).toEqual(["<m1@mail.example>", "<m2@mail.example>"]);
    expect(outcomes[0]).toMatchObject({ ok: true, value: { activityId: "existing-0", how: "alreadyMarked" } });
    expect(outcomes[1]).toMatchObject({ ok: true, value: { activityId: elsewhere, how: "linkedExisting" } });
    expect(outcomes[2]).toMatchObject({ ok: true, value: { how: "stored" } });
    expect(mailbox.callsOf("getBody").map((c) => c.itemId)).toEqual(["m2"]);
    expect((service.callsOf("deliverMany")[0]?.args[0] as DeliveryRequest[]).map((d) => d.body)).toEqual(["", "<p>Body of m2</p>"]);
    expect(service.copiesOf("<m1@mail.example>")).toHaveLength(1);
  });

  test("when every item is refused there is one round trip and nothing is stored", async () => {
    const { service, ids, deps } = setup(4);
    service.rule = () => ({ accepted: false, reasonCode: 7 });
    const outcomes = await trackMany(ids, contoso, deps);
    expect(service.roundTrips).toBe(1);
    expect(outcomes.every((o) => !o.ok && o.error.kind === "rejectedByOrg")).toBe(true);
  });

  test("a failed validation round trip fails every item with its error; nothing is stored", async () => {
    const { service, ids, deps } = setup(3);
    const error = new AppError("throttled", "Too many requests.", { retryAfterSeconds: 30 });
    service.failNext("validateMany", error);
    const outcomes = await trackMany(ids, contoso, deps);
    expect(outcomes.map((o) => (o.ok ? "ok" : o.error))).toEqual([error, error, error]);
    expect(service.callsOf("deliverMany")).toHaveLength(0);
  });

  test("a per-item failure of either batch fails only that item", async () => {
    const { mailbox, service, ids, deps } = setup(3);
    const validateMany = service.validateMany.bind(service);
    service.validateMany = async (messages) => {
      const results = await validateMany(messages);
      results[0] = { ok: false, error: new AppError("invalidInput", "Subject too long.", { status: 400 }) };
      return results;
    };
    const deliverMany = service.deliverMany.bind(service);
    service.deliverMany = async (messages) => {
      const results = await deliverMany(messages);
      results[1] = { ok: false, error: new AppError("forbidden", "No create privilege.", { status: 403 }) };
      return results;
    };
    const outcomes = await trackMany(ids, contoso, deps);
    expect(failed(outcomes[0]).kind).toBe("invalidInput");
    expect(outcomes[1]).toMatchObject({ ok: true });
    expect(failed(outcomes[2]).kind).toBe("forbidden");
    expect(mailbox.item("m2").mark.activities).toEqual({});
  });

  test("a batch answering the wrong number of parts fails every item it carried", async () => {
    const { service, ids, deps } = setup(2);
    service.deliverMany = async () => [{ ok: true, value: "only-one" }];
    const outcomes = await trackMany(ids, contoso, deps);
    expect(outcomes.every((o) => !o.ok)).toBe(true);
  });

  test("mailbox failures affect only their item", async () => {
    const { mailbox, ids, deps } = setup(3);
    mailbox.failNext("getMetadata", { itemId: "m0" });
    mailbox.failNext("addCategory", { itemId: "m2" });
    const outcomes = await trackMany(ids, contoso, deps);
    expect(failed(outcomes[0]).kind).toBe("office");
    expect(outcomes[1]).toMatchObject({ ok: true });
    expect(failed(outcomes[2]).kind).toBe("office");
  });

  test("the same item twice is processed once and answered twice; no items, no round trip", async () => {
    const { service, deps } = setup(1);
    const outcomes = await trackMany(["m0", "m0"], contoso, deps);
    expect(outcomes).toHaveLength(2);
    expect(outcomes[0]).toBe(outcomes[1]);
    expect((service.callsOf("validateMany")[0]?.args[0] as unknown[]).length).toBe(1);
    const before = service.roundTrips;
    expect(await trackMany([], contoso, deps)).toEqual([]);
    expect(service.roundTrips).toBe(before);
  });
});

describe("trackMany where Outlook cannot save marks (the messages of a multiple selection)", () => {
  function selection(count: number, openItemId?: string) {
    const mailbox = FakeMailbox.withMultipleSelection(openItemId);
    const service = new FakeOrgService(contoso);
    const ids = Array.from({ length: count }, (_, i) => mailbox.add(`m${i}`));
    return { mailbox, service, ids, deps: { mailbox, serviceFor: () => service } };
  }

  test("100 items, none open: all ok in 2 round trips, each with its category and the copy's id in the result; no mark entries", async () => {
    const { mailbox, service, ids, deps } = selection(100);
    const progress: BulkProgress[] = [];
    const outcomes = await trackMany(ids, contoso, deps, (p) => progress.push(p));
    expect(service.calls.map((c) => c.method)).toEqual(["validateMany", "deliverMany"]);
    expect(outcomes.every((o) => o.ok && o.value.how === "stored" && o.value.activityId !== undefined)).toBe(true);
    for (const id of ids) expect(mailbox.item(id)).toMatchObject({ mark: { activities: {} }, categories: ["Tracked to Contoso Sales"] });
    expect(mailbox.callsOf("setMark")).toHaveLength(100);
    expect(progress.at(-1)).toEqual({ phase: "marked", done: 100, total: 100 });
    expect(service.emails.size).toBe(100);
  });

  test("the open message of the selection also gets its mark entry", async () => {
    const { mailbox, ids, deps } = selection(3, "m1");
    const outcomes = await trackMany(ids, contoso, deps);
    expect(outcomes[1]).toMatchObject({ ok: true, value: { activityId: mailbox.item("m1").mark.activities[contoso.key] } });
    expect(mailbox.item("m1").mark.activities[contoso.key]).toEqual(expect.any(String));
    expect(mailbox.item("m0").mark.activities).toEqual({});
    expect(mailbox.item("m2").mark.activities).toEqual({});
  });

  test("tracking the same selection again sends nothing: the categories say the items are tracked", async () => {
    const { mailbox, service, ids, deps } = selection(5);
    await trackMany(ids, contoso, deps);
    service.calls.length = 0;
    mailbox.calls.length = 0;
    const again = await trackMany(ids, contoso, deps);
    expect(service.roundTrips).toBe(0);
    expect(again.every((o) => o.ok && o.value.how === "alreadyMarked" && o.value.activityId === undefined)).toBe(true);
    expect(mailbox.callsOf("getMetadata")).toHaveLength(0);
    expect(mailbox.callsOf("getBody")).toHaveLength(0);
    expect(service.emails.size).toBe(5);
  });

  test("forced, the same selection is validated and linked again (Duplicate) in 2 round trips; still one copy each", async () => {
    const { service, ids, deps } = selection(5);
    const first = await trackMany(ids, contoso, deps);
    service.calls.length = 0;
    const forced = await trackMany(ids, contoso, deps, undefined, { force: true });
    expect(service.calls.map((c) => c.method)).toEqual(["validateMany", "deliverMany"]);
    const ids1 = first.map((o) => (o.ok ? o.value.activityId : "failed"));
    expect(forced.map((o) => (o.ok ? `${o.value.how} ${o.value.activityId}` : "failed"))).toEqual(ids1.map((id) => `linkedExisting ${id}`));
    expect(service.emails.size).toBe(5);
  });

  test("any other failure to save a mark fails only that item", async () => {
    const { mailbox, ids, deps } = selection(3, "m1");
    mailbox.failNext("setMark", { itemId: "m1", error: new AppError("office", "Saving failed.", { code: "9017" }) });
    const outcomes = await trackMany(ids, contoso, deps);
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, true]);
    expect(failed(outcomes[1])).toMatchObject({ kind: "office", code: "9017" });
    expect(mailbox.item("m1").categories).toEqual([]);
  });
});
