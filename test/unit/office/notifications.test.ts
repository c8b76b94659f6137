import { clearItemNotification, NOTIFICATION_KEY, showItemNotification } from "../../../src/office/notifications";
import { installOfficeFake, type FakeMessage, type OfficeFake } from "../../../src/simulator/host/office-fake";

const message: FakeMessage = { itemId: "m1", internetMessageId: "<m1@x>", subject: "Hello", from: { emailAddress: "pat@fabrikam.example" } };
const other: FakeMessage = { ...message, itemId: "m2", internetMessageId: "<m2@x>" };

describe("the open message's notification bar", () => {
  let fake: OfficeFake;
  beforeEach(() => {
    fake = installOfficeFake({ messages: [message, other], openItemId: "m1" });
  });
  afterEach(() => fake.uninstall());

  test("each notification replaces OrgTrack's previous one; info carries the manifest icon", async () => {
    expect(await showItemNotification({ kind: "progress", text: "Tracking…" })).toBe(true);
    await showItemNotification({ kind: "info", text: "Tracked to Contoso." });
    expect(fake.notifications("m1")).toEqual([{ key: NOTIFICATION_KEY, type: "informationalMessage", message: "Tracked to Contoso.", icon: "Icon.16x16", persistent: false }]);
    await showItemNotification({ kind: "error", text: "Contoso refused this message." });
    expect(fake.notifications("m1")).toEqual([{ key: NOTIFICATION_KEY, type: "errorMessage", message: "Contoso refused this message." }]);
    expect(await clearItemNotification()).toBe(true);
    expect(fake.notifications("m1")).toEqual([]);
  });

  test("text past Outlook's 150 characters is cut with an ellipsis", async () => {
    await showItemNotification({ kind: "error", text: "x".repeat(200) });
    const [shown] = fake.notifications("m1");
    expect(shown?.message).toHaveLength(150);
    expect(shown?.message.endsWith("…")).toBe(true);
  });

  test("with no open message there is no bar: false, no call", async () => {
    fake.open(undefined);
    expect(await showItemNotification({ kind: "info", text: "x" })).toBe(false);
    expect(fake.count("notificationMessages.replaceAsync")).toBe(0);
  });

  test("a failure is AppError office with its code", async () => {
    fake.failNext("notificationMessages.replaceAsync", { code: 9030, name: "NumberOfNotificationMessagesExceeded" });
    await expect(showItemNotification({ kind: "error", text: "x" })).rejects.toMatchObject({ kind: "office", code: "9030" });
  });
});
