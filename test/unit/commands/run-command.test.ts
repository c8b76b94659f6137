import { runCommand, type CommandOutcome, type RunCommandDeps } from "../../../src/commands/run-command";
import { AppError } from "../../../src/core/errors";
import { showItemNotification } from "../../../src/office/notifications";
import { installOfficeFake, type OfficeFake } from "../../../src/simulator/host/office-fake";
import { countingEvent, received } from "./commands-fixture";

const deps: RunCommandDeps = { notify: showItemNotification, describeError: (error) => (error instanceof Error ? `Described: ${error.message}` : "Described") };

describe("runCommand: one wrapper for every ribbon function", () => {
  let fake: OfficeFake;
  beforeEach(() => {
    fake = installOfficeFake({ messages: [received("m1")], openItemId: "m1" });
  });
  afterEach(() => fake.uninstall());

  test("success: progress, then the outcome replaces it in the bar; completed exactly once, after the outcome was shown", async () => {
    const event = countingEvent();
    const seenWhileWorking: string[] = [];
    const outcome = await runCommand(
      event,
      async (progress) => {
        await progress("Tracking…");
        seenWhileWorking.push(...fake.notifications("m1").map((n) => `${n.type}: ${n.message}`));
        expect(event.count()).toBe(0);
        return { kind: "info", text: "Tracked to Contoso Sales." };
      },
      {
        ...deps,
        notify: async (notification) => {
          const shown = await showItemNotification(notification);
          if (notification.kind !== "progress") expect(event.count()).toBe(0);
          return shown;
        },
      },
    );
    expect(seenWhileWorking).toEqual(["progressIndicator: Tracking…"]);
    expect(outcome).toEqual({ kind: "info", text: "Tracked to Contoso Sales." });
    expect(fake.notifications("m1")).toEqual([expect.objectContaining({ type: "informationalMessage", message: "Tracked to Contoso Sales." })]);
    expect(event.count()).toBe(1);
  });

  test("an error outcome is an error notification; completed exactly once", async () => {
    const event = countingEvent();
    await runCommand(event, async () => ({ kind: "error", text: "Not tracked: None of the recipients is a user of Contoso Sales." }), deps);
    expect(fake.notifications("m1")).toEqual([expect.objectContaining({ type: "errorMessage", message: "Not tracked: None of the recipients is a user of Contoso Sales." })]);
    expect(event.count()).toBe(1);
  });

  test("a thrown error is described in the bar and the event still completes exactly once", async () => {
    const event = countingEvent();
    const outcome = await runCommand(
      event,
      async () => {
        throw new AppError("unknown", "boom");
      },
      deps,
    );
    expect(outcome).toEqual({ kind: "error", text: "Described: boom" });
    expect(fake.notifications("m1")).toEqual([expect.objectContaining({ type: "errorMessage", message: "Described: boom" })]);
    expect(event.count()).toBe(1);
  });

  test("a failing notification bar (progress and outcome) costs neither the work nor the completion", async () => {
    fake.failNext("notificationMessages.replaceAsync", { code: 9030, name: "NumberOfNotificationMessagesExceeded" }, 2);
    const event = countingEvent();
    let worked = false;
    const outcome = await runCommand(
      event,
      async (progress) => {
        await progress("Tracking…");
        worked = true;
        return { kind: "info", text: "Tracked." };
      },
      deps,
    );
    expect(worked).toBe(true);
    expect(outcome.text).toBe("Tracked.");
    expect(fake.notifications("m1")).toEqual([]);
    expect(event.count()).toBe(1);
  });

  test("with no open message (several selected) there is no bar: nothing shown, still completed once", async () => {
    fake.open(undefined);
    const event = countingEvent();
    await runCommand(event, async () => ({ kind: "info", text: "Tracked 3 of 3 messages." }), deps);
    expect(fake.count("notificationMessages.replaceAsync")).toBe(0);
    expect(event.count()).toBe(1);
  });

  test("a describer that throws and a completed() that throws are both survived", async () => {
    const event = {
      calls: 0,
      completed() {
        this.calls += 1;
        throw new Error("Outlook dropped the event");
      },
    };
    const outcome: CommandOutcome = await runCommand(
      event,
      async () => {
        throw new Error("first");
      },
      {
        ...deps,
        describeError: () => {
          throw new Error("second");
        },
      },
    );
    expect(outcome.kind).toBe("error");
    expect(outcome.text).not.toBe("");
    expect(event.calls).toBe(1);
  });
});
