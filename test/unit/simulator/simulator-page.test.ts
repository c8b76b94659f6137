/**
 * @jest-environment jsdom
 * @jest-environment-options {"url": "https://localhost:41234/simulator.html"}
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { TextEncoder } from "node:util";
import { getByRole, queryByRole, within } from "@testing-library/dom";
import userEvent from "@testing-library/user-event";
import fixture from "../../../src/simulator/fixtures/mailbox.json";
import { parseMailbox } from "../../../src/simulator/mailbox";
import { parseManifest } from "../../../src/simulator/manifest";
import { startSimulator, type Simulator, type SimulatorOptions } from "../../../src/simulator/simulator";

// Jest's jsdom environment lacks TextEncoder, which the Office fake uses to measure roaming settings (browsers have it).
if (typeof globalThis.TextEncoder === "undefined") Object.assign(globalThis, { TextEncoder });

const MANIFEST = parseManifest(readFileSync(path.join(__dirname, "..", "..", "..", "manifest.xml"), "utf8"), new DOMParser());

class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem = (key: string): string | null => this.items.get(key) ?? null;
  setItem = (key: string, value: string): void => void this.items.set(key, value);
  removeItem = (key: string): void => void this.items.delete(key);
}

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 5));

describe("the Outlook simulator page", () => {
  let simulator: Simulator;
  let root: HTMLElement;
  let storage: MemoryStorage;

  const start = (options: Partial<SimulatorOptions> = {}): Simulator => {
    root = document.createElement("div");
    document.body.replaceChildren(root);
    simulator = startSimulator({ window, root, mailbox: parseMailbox(fixture), manifest: MANIFEST, storage, associateTimeoutMs: 200, ...options });
    return simulator;
  };
  const ribbonButton = (name: string): HTMLButtonElement => getByRole(root, "button", { name }) as HTMLButtonElement;
  const option = (name: RegExp): HTMLElement => getByRole(getByRole(root, "listbox", { name: "Messages" }), "option", { name });

  beforeEach(() => {
    storage = new MemoryStorage();
  });
  afterEach(() => simulator.host.fake.uninstall());

  test("shows the mailbox and the manifest's ribbon, disabled until a message is selected", () => {
    start();
    const list = getByRole(root, "listbox", { name: "Messages" });
    expect(within(list).getAllByRole("option")).toHaveLength(parseMailbox(fixture).messages.length);
    expect(getByRole(root, "group", { name: "OrgTrack" })).toBeTruthy();
    for (const name of ["Track", "Untrack", "OrgTrack"]) expect(ribbonButton(name).disabled).toBe(true);
    expect(getByRole(root, "region", { name: "Reading pane" }).textContent).toContain("Select a message to read it.");
    expect(root.querySelector('iframe[title="Add-in commands"]')?.getAttribute("src")).toBe("https://localhost:41234/commands.html");
  });

  test("a click opens a message in the reading pane; Ctrl-click selects several; buttons follow SupportsMultiSelect", async () => {
    start();
    const user = userEvent.setup();
    await user.click(option(/Nancy Anderson\s*Quote for 50 touring bikes/));
    await settle();
    const reading = getByRole(root, "region", { name: "Reading pane" });
    expect(getByRole(reading, "heading", { name: "Quote for 50 touring bikes" })).toBeTruthy();
    expect(within(reading).getByLabelText("From").textContent).toBe("Nancy Anderson <nancy@adventure-works.example>");
    expect(ribbonButton("Track").disabled).toBe(false);
    expect(simulator.hook.selection()).toEqual(["msg-nancy-quote"]);

    await user.keyboard("{Control>}");
    await user.click(option(/Yvonne McKay\s*Litware renewal/));
    await user.keyboard("{/Control}");
    await settle();
    expect(simulator.hook.selection()).toEqual(["msg-nancy-quote", "msg-yvonne-renewal"]);
    expect(getByRole(reading, "heading", { name: "2 messages selected" })).toBeTruthy();
    const track = MANIFEST.buttons.find((button) => button.defaultLabel === "Track");
    expect(ribbonButton("Track").disabled).toBe(track?.action.supportsMultiSelect !== true);
    expect(ribbonButton("OrgTrack").disabled).toBe(false);
  });

  test("the keyboard moves the selection; Shift extends it", async () => {
    start();
    const user = userEvent.setup();
    getByRole(root, "listbox", { name: "Messages" }).focus();
    await user.keyboard("{ArrowDown}");
    await settle();
    expect(simulator.hook.selection()).toEqual(["msg-nancy-quote"]);
    await user.keyboard("{ArrowDown}");
    await user.keyboard("{Shift>}{ArrowDown}{/Shift}");
    await settle();
    expect(simulator.hook.selection()).toEqual(["msg-yvonne-renewal", "msg-pat-pricing"]);
  });

  test("runCommand presses a ribbon button: the associated function runs, its notification shows, completed once", async () => {
    start();
    const commandsFrame = { location: { href: "https://localhost:41234/commands.html", origin: "https://localhost:41234" }, addEventListener: () => undefined } as unknown as Window;
    const office = simulator.host.officeFor(commandsFrame) as {
      actions: { associate(name: string, action: (event: { completed(): void }) => void): void };
      context: { mailbox: { item: { notificationMessages: { replaceAsync(key: string, details: object, callback: () => void): void } } } };
    };
    for (const name of ["trackMessage", "untrackMessage"]) {
      office.actions.associate(name, (event) => {
        office.context.mailbox.item.notificationMessages.replaceAsync("orgtrack", { type: "informationalMessage", message: `${name} done`, icon: "Icon.16x16", persistent: false }, () => event.completed());
      });
    }
    await simulator.hook.ready;
    simulator.hook.selectItems(["msg-pat-pricing"]);
    const result = await simulator.hook.runCommand("Track");
    expect(result).toMatchObject({ label: "Track", functionName: "trackMessage", status: "completed", completions: 1 });
    expect(result.notifications).toEqual([expect.objectContaining({ message: "trackMessage done" })]);
    await settle();
    expect(getByRole(root, "status", { name: "Notifications" }).textContent).toContain("trackMessage done");
    expect(getByRole(root, "log", { name: "Command log" }).textContent).toContain("Track: completed");
    expect(simulator.hook.getItem("msg-pat-pricing").notifications).toHaveLength(1);
  });

  test("runCommand refuses an unknown label, a disabled button, and reports a function that never registered", async () => {
    start();
    await expect(simulator.hook.runCommand("Track")).rejects.toThrow("Track is disabled: Select a message first.");
    simulator.hook.selectItems(["msg-pat-pricing"]);
    await expect(simulator.hook.runCommand("Archive")).rejects.toThrow('no button "Archive" (it has: Track, Untrack, OrgTrack)');
    await expect(simulator.hook.runCommand("Untrack")).rejects.toThrow("did the commands page load?");
    expect(simulator.hook.commandLog()).toEqual([expect.objectContaining({ label: "Untrack", status: "failed" })]);
    await expect(simulator.hook.ready).rejects.toThrow("did the commands page load?");
  });

  test("the task pane opens beside the reading pane, from the manifest's page on this server", async () => {
    start();
    simulator.hook.selectItems(["msg-pat-pricing"]);
    await settle();
    await userEvent.setup().click(ribbonButton("OrgTrack"));
    const pane = getByRole(root, "complementary", { name: "Task pane" });
    expect(pane.hidden).toBe(false);
    expect(pane.querySelector('iframe[title="OrgTrack"]')?.getAttribute("src")).toBe("https://localhost:41234/taskpane.html");
    await userEvent.setup().click(getByRole(root, "button", { name: "Close task pane" }));
    expect(queryByRole(root, "complementary", { name: "Task pane" })).toBeNull();
  });

  test("loadMailbox replaces the list; setUser changes the owner; getItem reports the item", async () => {
    start();
    simulator.hook.loadMailbox([{ itemId: "x1", internetMessageId: "<x1@x.example>", subject: "Only one", from: { emailAddress: "pat@wingtiptoys.example" }, categories: ["Follow up"] }]);
    simulator.hook.setUser({ displayName: "Morgan Lee", emailAddress: "morgan.lee@contoso.example" });
    await settle();
    expect(within(getByRole(root, "listbox", { name: "Messages" })).getAllByRole("option").map((row) => row.textContent)).toEqual([expect.stringContaining("Only one")]);
    expect(getByRole(root, "banner").textContent).toContain("Morgan Lee <morgan.lee@contoso.example>");
    expect(simulator.hook.getItem("x1")).toEqual({ itemId: "x1", subject: "Only one", categories: ["Follow up"], customProperties: {}, notifications: [] });
    expect(() => simulator.hook.selectItems(["msg-pat-pricing"])).toThrow('no message "msg-pat-pricing"');
    expect(() => simulator.hook.loadMailbox([{ itemId: "" }])).toThrow("messages[0].itemId");
  });

  test("the mailbox, its categories and the roaming settings survive a reload of the page", async () => {
    start();
    const pane = { location: { href: "https://localhost:41234/taskpane.html", origin: "https://localhost:41234" }, addEventListener: () => undefined } as unknown as Window;
    const office = simulator.host.officeFor(pane) as { context: { roamingSettings: { set(k: string, v: string): void; saveAsync(cb: () => void): void } } };
    office.context.roamingSettings.set("orgtrack.settings", '{"version":2}');
    await new Promise<void>((resolve) => office.context.roamingSettings.saveAsync(() => resolve()));
    simulator.host.fake.addMasterCategory({ displayName: "Tracked to Contoso Sales", color: "Preset4" });
    simulator.hook.selectItems(["msg-pat-pricing"]);
    await new Promise<void>((resolve) =>
      (simulator.host.officeFor(pane) as { context: { mailbox: { item: { categories: { addAsync(n: string[], cb: () => void): void } } } } }).context.mailbox.item.categories.addAsync(["Tracked to Contoso Sales"], () => resolve()),
    );
    await settle();
    simulator.host.fake.uninstall();
    start();
    expect(simulator.hook.getItem("msg-pat-pricing").categories).toEqual(["Tracked to Contoso Sales"]);
    expect(simulator.hook.roamingSettings()).toEqual({ "orgtrack.settings": '{"version":2}' });
    simulator.host.fake.uninstall();
    start({ restore: false });
    expect(simulator.hook.getItem("msg-pat-pricing").categories).toEqual([]);
  });

  test("a manifest that cannot be read is shown instead of the ribbon, and ready rejects with it", async () => {
    start({ manifest: new Error("manifest.xml answered HTTP 404.") });
    expect(getByRole(root, "alert").textContent).toContain("manifest.xml answered HTTP 404.");
    await expect(simulator.hook.ready).rejects.toThrow("HTTP 404");
  });
});
