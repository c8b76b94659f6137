import { AppError } from "../../../src/core/errors";
import { openDialogForMessage, sendToParent } from "../../../src/office/dialog";
import { createOfficeMailboxPort } from "../../../src/office/mailbox-port";
import { showItemNotification } from "../../../src/office/notifications";
import { createRoamingSettingsStore } from "../../../src/office/roaming-settings-store";
import { createSimulatedOffice, DIALOG_ERROR, EVENT, type SimulatedOffice } from "../../../src/simulator/host/simulated-office";
import type { FakeMessage } from "../../../src/simulator/host/office-fake";

/** A stand-in for a frame's window: what the host reads of it. */
interface FakeFrame {
  location: { href: string; origin: string };
  closed: boolean;
  screen: { availWidth: number; availHeight: number };
  addEventListener(type: string, listener: () => void): void;
  hide(): void;
  close(): void;
}

function frame(href: string): FakeFrame & Window {
  const listeners: Array<() => void> = [];
  const self: FakeFrame = {
    location: { href, origin: new URL(href).origin },
    closed: false,
    screen: { availWidth: 1000, availHeight: 800 },
    addEventListener: (type, listener) => {
      if (type === "pagehide") listeners.push(listener);
    },
    hide: () => listeners.forEach((listener) => listener()),
    close: () => {
      self.closed = true;
    },
  };
  return self as FakeFrame & Window;
}

const message = (itemId: string): FakeMessage => ({
  itemId,
  internetMessageId: `<${itemId}@adventure-works.example>`,
  subject: `Subject ${itemId}`,
  from: { emailAddress: "nancy@adventure-works.example", displayName: "Nancy Anderson" },
  to: [{ emailAddress: "alex.wu@contoso.example" }],
  dateTimeCreated: "2025-03-03T09:12:00Z",
  bodyHtml: `<p>${itemId}</p>`,
});

const tick = (ms = 0): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `work` with the Office global of a frame (a new one, or the one given), as that frame's code sees it. */
async function inFrame<T>(host: SimulatedOffice, target: Window, work: () => Promise<T>, office: unknown = host.officeFor(target)): Promise<T> {
  const globals = globalThis as { Office?: unknown };
  const before = globals.Office;
  globals.Office = office;
  try {
    return await work();
  } finally {
    globals.Office = before;
  }
}

describe("the simulated Outlook host", () => {
  let host: SimulatedOffice;
  const user = { displayName: "Alex Wu", emailAddress: "alex.wu@contoso.example" };
  beforeEach(() => {
    host = createSimulatedOffice({ user, messages: [message("m1"), message("m2"), message("m3")] });
  });
  afterEach(() => host.fake.uninstall());

  test("each frame gets its own Office over one mailbox: the pane's category shows in the commands' frame", async () => {
    const pane = frame("https://localhost:3000/taskpane.html");
    const commands = frame("https://localhost:3000/commands.html");
    host.select(["m1"]);
    expect(host.officeFor(pane)).not.toBe(host.officeFor(commands));
    await inFrame(host, pane, () => createOfficeMailboxPort().addCategory("m1", "Tracked to Contoso Sales"));
    const seen = await inFrame(host, commands, () => createOfficeMailboxPort().getCategories("m1"));
    expect(seen).toEqual(["Tracked to Contoso Sales"]);
    expect(host.item("m1").categories).toEqual(["Tracked to Contoso Sales"]);
  });

  test("roaming settings saved by one frame are read by another", async () => {
    const pane = frame("https://localhost:3000/taskpane.html");
    const commands = frame("https://localhost:3000/commands.html");
    await inFrame(host, pane, () => createRoamingSettingsStore().save('{"version":2}'));
    expect(await inFrame(host, commands, () => createRoamingSettingsStore().load())).toBe('{"version":2}');
    expect(host.savedRoamingSettings()).toEqual({ "orgtrack.settings": '{"version":2}' });
  });

  test("one message selected opens it; several open none and are listed by getSelectedItemsAsync", async () => {
    const pane = frame("https://localhost:3000/taskpane.html");
    host.select(["m2"]);
    expect(await inFrame(host, pane, async () => createOfficeMailboxPort().currentItemId())).toBe("m2");
    host.select(["m1", "m3"]);
    const selected = await inFrame(host, pane, async () => {
      const port = createOfficeMailboxPort();
      return { open: port.currentItemId(), selected: (await port.selectedMessages()).map((m) => m.itemId) };
    });
    expect(selected).toEqual({ open: undefined, selected: ["m1", "m3"] });
    expect(host.openItemId()).toBeUndefined();
    expect(host.selection()).toEqual(["m1", "m3"]);
  });

  test("ItemChanged and SelectedItemsChanged reach every frame that subscribed, until it unsubscribes or navigates away", async () => {
    const pane = frame("https://localhost:3000/taskpane.html");
    const other = frame("https://localhost:3000/taskpane.html?second");
    const seen: string[] = [];
    type FrameMailbox = { addHandlerAsync(type: string, handler: () => void, callback: () => void): void; removeHandlerAsync(type: string, callback: () => void): void };
    const mailboxOf = (target: Window) => (host.officeFor(target) as { context: { mailbox: FrameMailbox } }).context.mailbox;
    await new Promise<void>((resolve) => mailboxOf(pane).addHandlerAsync(EVENT.ItemChanged, () => seen.push("pane:item"), resolve));
    await new Promise<void>((resolve) => mailboxOf(other).addHandlerAsync(EVENT.SelectedItemsChanged, () => seen.push("other:selection"), resolve));
    host.select(["m1"]);
    await tick();
    expect(seen.sort()).toEqual(["other:selection", "pane:item"]);
    seen.length = 0;
    host.select(["m1"]);
    await tick();
    expect(seen).toEqual([]);
    await new Promise<void>((resolve) => mailboxOf(pane).removeHandlerAsync(EVENT.ItemChanged, resolve));
    host.select(["m3"]);
    await tick();
    expect(seen).toEqual(["other:selection"]);
    seen.length = 0;
    other.hide();
    host.select(["m2"]);
    await tick();
    expect(seen).toEqual([]);
  });

  test("an event the simulator does not raise is refused, as Outlook refuses unknown events", async () => {
    const office = host.officeFor(frame("https://localhost:3000/taskpane.html")) as {
      context: { mailbox: { addHandlerAsync(type: string, handler: () => void, callback: (r: { status: string; error: { name: string } | null }) => void): void } };
    };
    const result = await new Promise<{ status: string; error: { name: string } | null }>((resolve) => office.context.mailbox.addHandlerAsync("olkNoSuchEvent", () => undefined, resolve));
    expect(result.status).toBe("failed");
    expect(result.error?.name).toBe("FakeUnknownEvent");
  });

  test("the notification bar belongs to the open message", async () => {
    const commands = frame("https://localhost:3000/commands.html");
    host.select(["m1"]);
    expect(await inFrame(host, commands, () => showItemNotification({ kind: "info", text: "Tracked to Contoso Sales." }))).toBe(true);
    expect(host.item("m1").notifications).toEqual([expect.objectContaining({ type: "informationalMessage", message: "Tracked to Contoso Sales." })]);
    host.select(["m1", "m2"]);
    expect(await inFrame(host, commands, () => showItemNotification({ kind: "info", text: "x" }))).toBe(false);
  });

  test("ExecuteFunction: the function the commands' frame associated runs with an event; completions are counted", async () => {
    const commands = frame("https://localhost:3000/commands.html");
    const office = host.officeFor(commands) as { actions: { associate(name: string, action: (event: { completed(): void; source: { id: string } }) => void): void } };
    const waiting = host.whenAssociated("trackMessage", 1000);
    const sources: string[] = [];
    office.actions.associate("trackMessage", (event) => {
      sources.push(event.source.id);
      event.completed();
      event.completed();
    });
    await waiting;
    expect(host.functionNames()).toEqual(["trackMessage"]);
    const run = host.invoke("trackMessage", "OrgTrack.Track");
    await run.done;
    expect(sources).toEqual(["OrgTrack.Track"]);
    expect(run.completions()).toBe(2);
    expect(() => host.invoke("nothing", "x")).toThrow('No function is associated with "nothing"');
    await expect(host.whenAssociated("untrackMessage", 20)).rejects.toThrow("did the commands page load?");
  });

  test("a function that never completes is reported after the timeout", async () => {
    const office = host.officeFor(frame("https://localhost:3000/commands.html")) as { actions: { associate(name: string, action: () => void): void } };
    office.actions.associate("trackMessage", () => undefined);
    await expect(host.invoke("trackMessage", "OrgTrack.Track", 30).done).rejects.toThrow("did not call event.completed() within 30 ms");
  });

  test("the display language, user profile and Office theme are the host's", async () => {
    host.fake.uninstall();
    host = createSimulatedOffice({ user, messages: [message("m1")], displayLanguage: "de-DE", theme: "dark" });
    const office = host.officeFor(frame("https://localhost:3000/taskpane.html")) as { context: { displayLanguage: string; officeTheme: { isDarkTheme: boolean }; mailbox: { userProfile: { emailAddress: string } } } };
    expect(office.context.displayLanguage).toBe("de-DE");
    expect(office.context.officeTheme.isDarkTheme).toBe(true);
    host.setUser({ displayName: "Morgan Lee", emailAddress: "morgan.lee@contoso.example" });
    expect(office.context.mailbox.userProfile.emailAddress).toBe("morgan.lee@contoso.example");
    host.setTheme("light");
    expect(office.context.officeTheme.isDarkTheme).toBe(false);
  });
});

describe("dialogs open a real window whose page answers with messageParent", () => {
  let host: SimulatedOffice;
  let opened: Array<{ url: string; features: string; window: FakeFrame & Window }>;
  let refuse = false;
  beforeEach(() => {
    opened = [];
    refuse = false;
    host = createSimulatedOffice({
      user: { displayName: "Alex Wu", emailAddress: "alex.wu@contoso.example" },
      messages: [message("m1")],
      dialogPollMs: 5,
      openWindow: (_frame, url, features) => {
        if (refuse) return null;
        const window = frame(url);
        opened.push({ url, features, window });
        return window;
      },
    });
  });
  afterEach(() => host.fake.uninstall());

  test("the page's message reaches the opener with its origin (src/office's openDialogForMessage over the host)", async () => {
    const pane = frame("https://localhost:3000/taskpane.html");
    const answer = inFrame(host, pane, () => openDialogForMessage({ url: "https://localhost:3000/sign-in-dialog.html#scope=x", expectedOrigin: "https://localhost:3000", width: 50, height: 50 }));
    await tick(5);
    const [dialog] = opened;
    if (dialog === undefined) throw new Error("no dialog window opened");
    expect(dialog.url).toBe("https://localhost:3000/sign-in-dialog.html#scope=x");
    expect(dialog.features).toBe("popup,width=500,height=400");
    await inFrame(host, dialog.window, async () => sendToParent('{"type":"orgtrack.auth"}'));
    expect(await answer).toBe('{"type":"orgtrack.auth"}');
    expect(dialog.window.closed).toBe(true);
  });

  test("the person closing the window is event 12006: AppError cancelled", async () => {
    const pane = frame("https://localhost:3000/taskpane.html");
    const answer = inFrame(host, pane, () => openDialogForMessage({ url: "https://localhost:3000/sign-in-dialog.html", expectedOrigin: "https://localhost:3000" }));
    await tick(5);
    opened[0]?.window.close();
    await expect(answer).rejects.toMatchObject({ kind: "cancelled", messageKey: "dialog.closed" });
  });

  test("another domain (12004), a second dialog (12007) and a blocked window (12011) fail as Office fails them", async () => {
    const pane = frame("https://localhost:3000/taskpane.html");
    await expect(inFrame(host, pane, () => openDialogForMessage({ url: "https://evil.example/x.html", expectedOrigin: "https://evil.example" }))).rejects.toMatchObject({ kind: "office", code: String(DIALOG_ERROR.domainNotTrusted) });
    const first = inFrame(host, pane, () => openDialogForMessage({ url: "https://localhost:3000/a.html", expectedOrigin: "https://localhost:3000" }));
    first.catch(() => undefined);
    await tick(5);
    await expect(inFrame(host, pane, () => openDialogForMessage({ url: "https://localhost:3000/b.html", expectedOrigin: "https://localhost:3000" }))).rejects.toMatchObject({ code: String(DIALOG_ERROR.alreadyOpen) });
    opened[0]?.window.close();
    await expect(first).rejects.toBeInstanceOf(AppError);
    refuse = true;
    await expect(inFrame(host, pane, () => openDialogForMessage({ url: "https://localhost:3000/c.html", expectedOrigin: "https://localhost:3000" }))).rejects.toMatchObject({ code: String(DIALOG_ERROR.popupBlocked) });
  });

  test("messageParent from a page that is not the open dialog throws, as Office does", async () => {
    const stranger = frame("https://localhost:3000/taskpane.html");
    await expect(inFrame(host, stranger, async () => sendToParent("x"))).rejects.toMatchObject({ kind: "office" });
  });
});
