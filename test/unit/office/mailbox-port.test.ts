import { createOfficeMailboxPort } from "../../../src/office/mailbox-port";
import { MARK_PROPERTY } from "../../../src/office/item-mark";
import { installOfficeFake, type FakeMessage, type OfficeFake, type OfficeFakeOptions } from "../../../src/simulator/host/office-fake";

const USER = { displayName: "Alex Wu", emailAddress: "alex.wu@contoso.example" };

const received: FakeMessage = {
  itemId: "AAMk-received",
  internetMessageId: "<r1@fabrikam.example>",
  subject: "Quote for 20 bikes",
  from: { emailAddress: "pat@fabrikam.example", displayName: "Pat Fabrikam" },
  to: [{ emailAddress: "alex.wu@contoso.example", displayName: "Alex Wu" }, { emailAddress: "sales@contoso.example" }],
  cc: [{ emailAddress: "kim@fabrikam.example", displayName: "Kim" }],
  dateTimeCreated: "2025-03-04T10:15:00.000Z",
  bodyHtml: "<p>Hello</p>",
};

const sent: FakeMessage = {
  itemId: "AAMk-sent",
  internetMessageId: "<s1@contoso.example>",
  subject: "RE: Quote for 20 bikes",
  from: { emailAddress: "Alex.Wu@Contoso.example", displayName: "Alex Wu" },
  to: [{ emailAddress: "pat@fabrikam.example" }],
  dateTimeCreated: "2025-03-04T11:00:00.000Z",
  bodyHtml: "<p>Reply</p>",
};

const third: FakeMessage = { ...received, itemId: "AAMk-third", internetMessageId: "<r3@fabrikam.example>", subject: "Third" };
const draft: FakeMessage = { ...received, itemId: "AAMk-draft", internetMessageId: "", subject: "Draft", mode: "compose" };

describe("the Outlook MailboxPort", () => {
  let fake: OfficeFake;
  const install = (options: OfficeFakeOptions = {}): OfficeFake => {
    fake = installOfficeFake({ user: USER, messages: [received, sent, third, draft], openItemId: received.itemId, ...options });
    return fake;
  };
  afterEach(() => fake.uninstall());

  describe("metadata", () => {
    test("a received message: sender, To/Cc, subject, Message-ID, date, incoming; Bcc empty in read mode", async () => {
      install();
      const port = createOfficeMailboxPort();
      expect(port.currentItemId()).toBe(received.itemId);
      expect(port.isComposing()).toBe(false);
      expect(await port.getMetadata(received.itemId)).toEqual({
        itemId: received.itemId,
        internetMessageId: "<r1@fabrikam.example>",
        subject: "Quote for 20 bikes",
        from: { emailAddress: "pat@fabrikam.example", displayName: "Pat Fabrikam" },
        to: [{ emailAddress: "alex.wu@contoso.example", displayName: "Alex Wu" }, { emailAddress: "sales@contoso.example" }],
        cc: [{ emailAddress: "kim@fabrikam.example", displayName: "Kim" }],
        bcc: [],
        direction: "incoming",
        date: "2025-03-04T10:15:00.000Z",
      });
      expect(fake.count("body.getAsync")).toBe(0);
    });

    test("a message from the mailbox user (Sent Items) is outgoing, whatever the case of the address", async () => {
      install({ openItemId: sent.itemId });
      const metadata = await createOfficeMailboxPort().getMetadata(sent.itemId);
      expect(metadata.direction).toBe("outgoing");
      expect(metadata.from.emailAddress).toBe("Alex.Wu@Contoso.example");
    });

    test("the same message is incoming for another mailbox user", async () => {
      install({ openItemId: sent.itemId, user: { displayName: "Pat", emailAddress: "pat@fabrikam.example" } });
      expect((await createOfficeMailboxPort().getMetadata(sent.itemId)).direction).toBe("incoming");
    });

    test("the date falls back to dateTimeModified, then to the clock", async () => {
      install({ messages: [{ ...received, dateTimeCreated: undefined, dateTimeModified: "2025-01-02T03:04:05.000Z" }, { ...third, dateTimeCreated: undefined }] });
      const port = createOfficeMailboxPort({ clock: () => Date.parse("2030-01-01T00:00:00Z") });
      expect((await port.getMetadata(received.itemId)).date).toBe("2025-01-02T03:04:05.000Z");
      expect((await port.getMetadata(third.itemId)).date).toBe("2030-01-01T00:00:00.000Z");
    });

    test("a message without an Internet Message-ID is refused with a specific invalidInput", async () => {
      install({ messages: [{ ...received, internetMessageId: "  " }] });
      await expect(createOfficeMailboxPort().getMetadata(received.itemId)).rejects.toMatchObject({ kind: "invalidInput", messageKey: "office.noMessageId" });
    });

    test("compose mode: a draft being written has no item id, and a selected draft is refused without reading its fields", async () => {
      install();
      fake.compose({ ...received, subject: "New mail", bcc: [{ emailAddress: "hidden@contoso.example" }] });
      const port = createOfficeMailboxPort();
      expect(port.currentItemId()).toBeUndefined();
      expect(port.isComposing()).toBe(true);
      await expect(port.getMetadata(draft.itemId)).rejects.toMatchObject({ kind: "invalidInput", messageKey: "office.notSentYet" });
      expect(fake.calls.map((call) => call.operation)).toEqual(["loadItemByIdAsync", "unloadAsync"]);
    });

    test("an appointment is refused as not a message", async () => {
      install({ messages: [{ ...received, itemType: "appointment" }] });
      const port = createOfficeMailboxPort();
      expect(port.currentItemId()).toBeUndefined();
      expect(port.isComposing()).toBe(false);
      await expect(port.getMetadata(received.itemId)).rejects.toMatchObject({ kind: "invalidInput", messageKey: "office.notAMessage" });
    });
  });

  describe("body", () => {
    test("is read as HTML, only when asked", async () => {
      install();
      expect(await createOfficeMailboxPort().getBody(received.itemId)).toBe("<p>Hello</p>");
      expect(fake.count("body.getAsync")).toBe(1);
    });

    test("a failed read is AppError office with the Office error code", async () => {
      install();
      fake.failNext("body.getAsync", { code: 9041, name: "PermissionDenied" });
      await expect(createOfficeMailboxPort().getBody(received.itemId)).rejects.toMatchObject({ kind: "office", code: "9041" });
    });
  });

  describe("categories", () => {
    const name = "Tracked to Contoso";

    test("a missing category is created in the master list, then put on the message", async () => {
      install();
      await createOfficeMailboxPort().addCategory(received.itemId, name);
      expect(fake.masterCategories()).toEqual([{ displayName: name, color: "Preset4" }]);
      expect(fake.message(received.itemId).categories).toEqual([name]);
      expect(fake.count("masterCategories.addAsync")).toBe(1);
    });

    test("an existing master category is not created again, and a message that has it is left alone", async () => {
      install({ masterCategories: [{ displayName: name, color: "Preset1" }] });
      const port = createOfficeMailboxPort();
      await port.addCategory(received.itemId, name);
      await port.addCategory(received.itemId, name);
      expect(fake.count("masterCategories.addAsync")).toBe(0);
      expect(fake.count("categories.addAsync")).toBe(1);
      expect(fake.message(received.itemId).categories).toEqual([name]);
      expect(fake.masterCategories()).toEqual([{ displayName: name, color: "Preset1" }]);
    });

    test("names compare without case, and the message gets the master list's spelling", async () => {
      install({ masterCategories: [{ displayName: "TRACKED to contoso", color: "Preset1" }] });
      await createOfficeMailboxPort().addCategory(received.itemId, name);
      expect(fake.count("masterCategories.addAsync")).toBe(0);
      expect(fake.message(received.itemId).categories).toEqual(["TRACKED to contoso"]);
    });

    test("another device creating the master category at the same moment is not an error", async () => {
      install();
      fake.beforeNext("masterCategories.addAsync", () => fake.addMasterCategory({ displayName: "tracked to CONTOSO", color: "Preset9" }));
      await createOfficeMailboxPort().addCategory(received.itemId, name);
      expect(fake.masterCategories()).toEqual([{ displayName: "tracked to CONTOSO", color: "Preset9" }]);
      expect(fake.message(received.itemId).categories).toEqual(["tracked to CONTOSO"]);
    });

    test("any other master list failure is reported, and the message is not touched", async () => {
      install();
      fake.failNext("masterCategories.addAsync", { code: 9002, name: "InternalError" });
      await expect(createOfficeMailboxPort().addCategory(received.itemId, name)).rejects.toMatchObject({ kind: "office", code: "9002" });
      expect(fake.count("categories.addAsync")).toBe(0);
    });

    test("removal takes the category off the message, never out of the master list; absent is a no-op", async () => {
      install({ masterCategories: [{ displayName: name, color: "Preset4" }], messages: [{ ...received, categories: [name, "Red"] }] });
      const port = createOfficeMailboxPort();
      await port.removeCategory(received.itemId, "tracked to contoso");
      expect(fake.message(received.itemId).categories).toEqual(["Red"]);
      expect(fake.masterCategories()).toEqual([{ displayName: name, color: "Preset4" }]);
      await port.removeCategory(received.itemId, name);
      expect(fake.count("categories.removeAsync")).toBe(1);
    });

    test("getCategories lists the message's categories as Outlook spells them, on the open message and on a loaded one", async () => {
      install({
        masterCategories: [{ displayName: "TRACKED to contoso", color: "Preset1" }],
        messages: [{ ...received, categories: ["TRACKED to contoso", "Red"] }, sent],
      });
      const port = createOfficeMailboxPort();
      expect(await port.getCategories(received.itemId)).toEqual(["TRACKED to contoso", "Red"]);
      expect(await port.getCategories(sent.itemId)).toEqual([]);
      await port.addCategory(sent.itemId, "Tracked to Contoso");
      expect(await port.getCategories(sent.itemId)).toEqual(["TRACKED to contoso"]);
      expect(fake.calls.filter((call) => call.operation === "loadItemByIdAsync").every((call) => call.itemId === sent.itemId)).toBe(true);
      expect(fake.count("unloadAsync")).toBe(fake.count("loadItemByIdAsync"));
    });

    test("getCategories: a failed read is AppError office with its code; without Mailbox 1.8 the set is named, before any call", async () => {
      install();
      fake.failNext("categories.getAsync", { code: 9002, name: "InternalError" });
      await expect(createOfficeMailboxPort().getCategories(received.itemId)).rejects.toMatchObject({ kind: "office", code: "9002" });
      fake.uninstall();
      install({ requirementSets: { Mailbox: "1.7" } });
      await expect(createOfficeMailboxPort().getCategories(received.itemId)).rejects.toMatchObject({
        kind: "office",
        messageKey: "office.requirementMissing",
        values: { requirementSet: "Mailbox 1.8" },
      });
      expect(fake.calls).toEqual([]);
    });

    test("without Mailbox 1.8 the error says so, before any call", async () => {
      install({ requirementSets: { Mailbox: "1.7" } });
      await expect(createOfficeMailboxPort().addCategory(received.itemId, name)).rejects.toMatchObject({
        kind: "office",
        messageKey: "office.requirementMissing",
        message: expect.stringContaining("needs Outlook with Mailbox 1.8"),
      });
      expect(fake.calls).toEqual([]);
    });

    test("without the ReadWriteMailbox permission the error names it", async () => {
      install({ masterCategoriesAvailable: false });
      await expect(createOfficeMailboxPort().addCategory(received.itemId, name)).rejects.toMatchObject({
        kind: "office",
        messageKey: "office.permissionMissing",
        values: { permission: "ReadWriteMailbox" },
      });
    });
  });

  describe("tracking marks", () => {
    test("an unmarked message has an empty mark", async () => {
      install();
      expect(await createOfficeMailboxPort().getMark(received.itemId)).toEqual({ activities: {} });
    });

    test("marks are kept per org: adding a second org keeps the first, other custom properties stay", async () => {
      install({ messages: [{ ...received, customProperties: { other: "kept" } }] });
      const port = createOfficeMailboxPort();
      await port.setMark(received.itemId, { activities: { "https://contoso.crm.dynamics.com": "a-1" } });
      const first = await port.getMark(received.itemId);
      await port.setMark(received.itemId, { activities: { ...first.activities, "https://localhost:5555/fabrikam": "b-2" } });
      expect(await port.getMark(received.itemId)).toEqual({ activities: { "https://contoso.crm.dynamics.com": "a-1", "https://localhost:5555/fabrikam": "b-2" } });
      expect(fake.message(received.itemId).customProperties.other).toBe("kept");
      expect(JSON.parse(fake.message(received.itemId).customProperties[MARK_PROPERTY] ?? "")).toEqual({
        v: 1,
        activities: { "https://contoso.crm.dynamics.com": "a-1", "https://localhost:5555/fabrikam": "b-2" },
      });
    });

    test("an empty mark removes the property", async () => {
      install({ messages: [{ ...received, customProperties: { [MARK_PROPERTY]: '{"v":1,"activities":{"x":"y"}}' } }] });
      await createOfficeMailboxPort().setMark(received.itemId, { activities: {} });
      expect(fake.message(received.itemId).customProperties).toEqual({});
    });

    test.each([["not json"], ['{"v":1,"activities":["a"]}'], ['"text"'], ['{"v":1,"activities":{"org":42,"good":"id-1"}}']])(
      "a corrupted mark %s reads as what can be salvaged, never a crash",
      async (stored) => {
        install({ messages: [{ ...received, customProperties: { [MARK_PROPERTY]: stored } }] });
        const mark = await createOfficeMailboxPort().getMark(received.itemId);
        expect(mark).toEqual({ activities: stored.includes('"good"') ? { good: "id-1" } : {} });
      },
    );

    test("a mark past Outlook's 2,500 characters is refused before saving", async () => {
      install();
      const activities = Object.fromEntries(Array.from({ length: 40 }, (_, index) => [`https://org${index}.crm4.dynamics.com`, `00000000-0000-0000-0000-0000000000${String(index).padStart(2, "0")}`]));
      await expect(createOfficeMailboxPort().setMark(received.itemId, { activities })).rejects.toMatchObject({ kind: "invalidInput", messageKey: "office.markTooLarge" });
      expect(fake.count("customProperties.saveAsync")).toBe(0);
    });

    test("a failed save is AppError office with its code", async () => {
      install();
      fake.failNext("customProperties.saveAsync", { code: 9017, name: "GenericResponseError" });
      await expect(createOfficeMailboxPort().setMark(received.itemId, { activities: { org: "id" } })).rejects.toMatchObject({ kind: "office", code: "9017" });
      expect(fake.message(received.itemId).customProperties).toEqual({});
    });
  });

  describe("several selected messages", () => {
    test("lists the selection with Mailbox 1.13", async () => {
      install({ selectedItemIds: [received.itemId, sent.itemId, draft.itemId] });
      expect(await createOfficeMailboxPort().selectedMessages()).toEqual([
        { itemId: received.itemId, subject: received.subject, mode: "read" },
        { itemId: sent.itemId, subject: sent.subject, mode: "read" },
        { itemId: draft.itemId, subject: draft.subject, mode: "compose" },
      ]);
    });

    test("before Mailbox 1.13 the selection is the open message alone", async () => {
      install({ requirementSets: { Mailbox: "1.12" }, selectedItemIds: [received.itemId, sent.itemId] });
      expect(await createOfficeMailboxPort().selectedMessages()).toEqual([{ itemId: received.itemId, subject: received.subject, mode: "read" }]);
      expect(fake.count("getSelectedItemsAsync")).toBe(0);
    });

    test("a message that is not open is loaded, read, and unloaded; parallel requests load one at a time", async () => {
      install({ openItemId: undefined, selectedItemIds: [received.itemId, sent.itemId, third.itemId] });
      const port = createOfficeMailboxPort();
      const all = await Promise.all([received, sent, third].map((message) => port.getMetadata(message.itemId)));
      expect(all.map((metadata) => [metadata.internetMessageId, metadata.direction])).toEqual([
        ["<r1@fabrikam.example>", "incoming"],
        ["<s1@contoso.example>", "outgoing"],
        ["<r3@fabrikam.example>", "incoming"],
      ]);
      expect(fake.calls.map((call) => call.operation)).toEqual(["loadItemByIdAsync", "unloadAsync", "loadItemByIdAsync", "unloadAsync", "loadItemByIdAsync", "unloadAsync"]);
    });

    test("a loaded message is unloaded even when the work on it fails", async () => {
      install({ openItemId: undefined });
      fake.failNext("body.getAsync", { code: 9002 });
      const port = createOfficeMailboxPort();
      await expect(port.getBody(sent.itemId)).rejects.toMatchObject({ kind: "office" });
      expect(await port.getBody(third.itemId)).toBe("<p>Hello</p>");
      expect(fake.count("unloadAsync")).toBe(2);
    });

    test("a loaded message takes a category, but its mark cannot be saved: a specific error, nothing written", async () => {
      install({ openItemId: undefined });
      const port = createOfficeMailboxPort();
      await port.addCategory(sent.itemId, "Tracked to Contoso");
      expect(fake.message(sent.itemId).categories).toEqual(["Tracked to Contoso"]);
      await expect(port.setMark(sent.itemId, { activities: { org: "id" } })).rejects.toMatchObject({ kind: "office", messageKey: "office.markNeedsOpenMessage" });
      expect(fake.message(sent.itemId).customProperties).toEqual({});
      expect(await port.getMark(sent.itemId)).toEqual({ activities: {} });
    });

    test("without Mailbox 1.15 a message that is not open cannot be reached, and the error names the set", async () => {
      install({ requirementSets: { Mailbox: "1.14" } });
      await expect(createOfficeMailboxPort().getMetadata(sent.itemId)).rejects.toMatchObject({
        kind: "office",
        messageKey: "office.requirementMissing",
        values: { requirementSet: "Mailbox 1.15" },
      });
      expect(fake.count("loadItemByIdAsync")).toBe(0);
    });

    test("a failed load is AppError office with its code", async () => {
      install({ openItemId: undefined });
      fake.failNext("loadItemByIdAsync", { code: 9051, name: "ItemNotFound" });
      await expect(createOfficeMailboxPort().getMetadata(sent.itemId)).rejects.toMatchObject({ kind: "office", code: "9051" });
    });
  });
});
