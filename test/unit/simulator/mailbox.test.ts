import fixture from "../../../src/simulator/fixtures/mailbox.json";
import { parseMailbox, parseMessages } from "../../../src/simulator/mailbox";
import { forgetSavedMailbox, loadSavedMailbox, saveMailbox, SIMULATOR_STATE_KEY } from "../../../src/simulator/persistence";

class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem = (key: string): string | null => this.items.get(key) ?? null;
  setItem = (key: string, value: string): void => void this.items.set(key, value);
  removeItem = (key: string): void => void this.items.delete(key);
}

describe("mailbox documents", () => {
  test("the built-in fixture is Alex Wu's mailbox: received mail, a refused newsletter, internal and sent mail", () => {
    const mailbox = parseMailbox(fixture);
    expect(mailbox.user).toEqual({ displayName: "Alex Wu", emailAddress: "alex.wu@contoso.example" });
    expect(mailbox.messages.length).toBeGreaterThanOrEqual(10);
    const byId = new Map(mailbox.messages.map((message) => [message.itemId, message]));
    expect(byId.get("msg-nancy-quote")?.from.emailAddress).toBe("nancy@adventure-works.example");
    expect(byId.get("msg-newsletter")?.to?.map((to) => to.emailAddress)).toEqual(["subscribers@tailspintoys.example"]);
    expect(byId.get("msg-sent-quote")?.from.emailAddress).toBe("alex.wu@contoso.example");
    expect(new Set(mailbox.messages.map((message) => message.internetMessageId)).size).toBe(mailbox.messages.length);
  });

  test("an array of messages is a mailbox too", () => {
    expect(parseMailbox([{ itemId: "a", internetMessageId: "<a@x>", subject: "A", from: { emailAddress: "x@y.example" } }]).messages).toEqual([
      { itemId: "a", internetMessageId: "<a@x>", subject: "A", from: { emailAddress: "x@y.example" }, to: [], cc: [] },
    ]);
  });

  test.each([
    [{}, "messages must be an array"],
    [[1], "messages[0] is not an object"],
    [[{ internetMessageId: "<a@x>", from: { emailAddress: "x@y" } }], "messages[0].itemId must be a non-empty string"],
    [[{ itemId: "a", from: { emailAddress: "x@y" } }], "messages[0].internetMessageId"],
    [[{ itemId: "a", internetMessageId: "<a@x>" }], "messages[0].from must be"],
    [[{ itemId: "a", internetMessageId: "<a@x>", from: { emailAddress: "x@y" }, to: [{}] }], "messages[0].to[0].emailAddress"],
    [[{ itemId: "a", internetMessageId: "<a@x>", from: { emailAddress: "x@y" }, dateTimeCreated: "yesterday" }], "is not a date"],
    [[{ itemId: "a", internetMessageId: "<a@x>", from: { emailAddress: "x@y" }, categories: [1] }], "categories must be an array of strings"],
    [[{ itemId: "a", internetMessageId: "<a@x>", from: { emailAddress: "x@y" }, mode: "draft" }], 'mode must be "read" or "compose"'],
    [
      [
        { itemId: "a", internetMessageId: "<a@x>", from: { emailAddress: "x@y" } },
        { itemId: "a", internetMessageId: "<b@x>", from: { emailAddress: "x@y" } },
      ],
      'itemId "a" is used twice',
    ],
  ])("a malformed mailbox is refused with the reason (%#)", (json, reason) => {
    expect(() => parseMessages(json)).toThrow(reason);
  });

  test("the mailbox survives a reload: saved, loaded, forgotten; an unreadable save is dropped", () => {
    const storage = new MemoryStorage();
    const mailbox = parseMailbox(fixture);
    const saved = { user: mailbox.user ?? { displayName: "", emailAddress: "" }, messages: mailbox.messages.slice(0, 2), masterCategories: [{ displayName: "Tracked to Contoso Sales", color: "Preset4" }], roamingSettings: { "orgtrack.settings": "{}" } };
    expect(saveMailbox(storage, saved)).toBe(true);
    expect(loadSavedMailbox(storage)).toEqual(saved);
    forgetSavedMailbox(storage);
    expect(loadSavedMailbox(storage)).toBeUndefined();
    storage.setItem(SIMULATOR_STATE_KEY, "{not json");
    expect(loadSavedMailbox(storage)).toBeUndefined();
    expect(storage.getItem(SIMULATOR_STATE_KEY)).toBeNull();
    expect(loadSavedMailbox(undefined)).toBeUndefined();
  });
});
