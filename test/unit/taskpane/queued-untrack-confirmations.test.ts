import { CONTOSO } from "./support/pane";
import type { UntrackPlan } from "../../../src/core/session";
import { createQueuedUntrackConfirmations } from "../../../src/taskpane/app/queued-untrack-confirmations";

const plan = (itemId: string): UntrackPlan => ({ action: "delete", itemId, org: CONTOSO, activityId: `a-${itemId}`, message: "" });

describe("queued untrack confirmations", () => {
  test("asks one question at a time, oldest first, and tells listeners", async () => {
    const confirmations = createQueuedUntrackConfirmations();
    const changes = jest.fn();
    const stop = confirmations.subscribe(changes);
    expect(confirmations.current()).toBeUndefined();
    const first = confirmations.ask(plan("m1"));
    const second = confirmations.ask(plan("m2"));
    expect(confirmations.current()?.itemId).toBe("m1");
    confirmations.answer(true);
    expect(confirmations.current()?.itemId).toBe("m2");
    confirmations.answer(false);
    expect(await first).toBe(true);
    expect(await second).toBe(false);
    expect(confirmations.current()).toBeUndefined();
    expect(changes).toHaveBeenCalledTimes(4);
    stop();
    confirmations.answer(true);
    void confirmations.ask(plan("m3"));
    expect(changes).toHaveBeenCalledTimes(4);
  });
});
