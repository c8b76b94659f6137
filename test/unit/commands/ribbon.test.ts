import { readFileSync } from "node:fs";
import path from "node:path";
import { COMMAND_STRINGS, createCommandText, type CommandMessageKey } from "../../../src/commands/messages";
import { RIBBON_COMMANDS, registerRibbonCommands, type RibbonFunction } from "../../../src/commands/ribbon";
import type { UntrackDeps } from "../../../src/commands/untrack-command";
import { AppError } from "../../../src/core/errors";
import { de } from "../../../src/i18n/de";
import { en } from "../../../src/i18n/en";
import { LANGUAGES, loadStrings } from "../../../src/i18n";
import { showItemNotification } from "../../../src/office/notifications";
import { installOfficeFake } from "../../../src/simulator/host/office-fake";
import { received } from "./commands-fixture";

const MANIFEST = readFileSync(path.join(__dirname, "..", "..", "..", "manifest.xml"), "utf8");

describe("the ribbon's function table", () => {
  test("holds exactly the FunctionNames of manifest.xml's ExecuteFunction buttons", () => {
    const inManifest = [...MANIFEST.matchAll(/<FunctionName>\s*([^<\s]+)\s*<\/FunctionName>/g)].map((match) => match[1]).sort();
    expect(Object.keys(RIBBON_COMMANDS).sort()).toEqual(inManifest);
    expect(inManifest).toEqual(["trackMessage", "untrackMessage"]);
  });

  test("registers every command; one pressed before the composition failed reports why and completes once", async () => {
    const fake = installOfficeFake({ messages: [received("m1")], openItemId: "m1" });
    try {
      const registered = new Map<string, RibbonFunction>();
      const ready = Promise.reject<() => UntrackDeps>(new AppError("notFound", "The add-in has no configuration (config.json) where it is hosted.", { messageKey: "config.missing" }));
      ready.catch(() => undefined);
      const text = createCommandText();
      registerRibbonCommands({ associate: (name, action) => registered.set(name, action) }, ready, () => ({ notify: showItemNotification, describeError: (error) => text.describeError(error) }));
      expect([...registered.keys()].sort()).toEqual(["trackMessage", "untrackMessage"]);
      let completions = 0;
      registered.get("trackMessage")?.({ completed: () => void (completions += 1) });
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(completions).toBe(1);
      expect(fake.notifications("m1")).toEqual([expect.objectContaining({ type: "errorMessage", message: en["config.missing"] })]);
    } finally {
      fake.uninstall();
    }
  });
});

describe("what the commands say", () => {
  test("the strings of Office's display language; an error by its key, then its kind, then its own message", async () => {
    const text = createCommandText(await loadStrings("de", COMMAND_STRINGS));
    expect(text.say("commands.track.stored", { org: "Contoso Sales" })).toBe("In Contoso Sales nachverfolgt.");
    expect(text.describeError(new AppError("offline", "The organization could not be reached.", { messageKey: "no.such.key" }))).toBe(de["error.offline"]);
    expect(createCommandText().describeError(new AppError("rejectedByOrg", "x", { messageKey: "tracking.reason.noRecipientMatch", values: { org: "Contoso Sales" } }))).toBe(
      "None of the recipients is a user of Contoso Sales.",
    );
    expect(createCommandText().describeError(new TypeError("x is undefined"))).toBe("Something went wrong: x is undefined");
  });

  test("every message fits Outlook's 150-character notification with long names, in every language", async () => {
    const values = { org: "Contoso Sales and Marketing (Europe)", count: 100, done: 99, failed: 1, reason: "" };
    for (const language of LANGUAGES) {
      const strings = await loadStrings(language, COMMAND_STRINGS);
      for (const key of Object.keys(strings).filter((candidate) => candidate.startsWith("commands."))) {
        const text = createCommandText(strings).say(key as CommandMessageKey, values);
        expect(`${language} ${key}: ${text.length <= 150}`).toBe(`${language} ${key}: true`);
      }
    }
  });

  test("every key the commands use has a string in every language", async () => {
    const used = new Set<string>();
    for (const file of ["track-command.ts", "untrack-command.ts", "messages.ts"]) {
      const source = readFileSync(path.join(__dirname, "..", "..", "..", "src", "commands", file), "utf8");
      for (const match of source.matchAll(/"(commands\.[\w.]+)"/g)) used.add(match[1] as string);
    }
    expect(used.size).toBeGreaterThan(20);
    for (const language of LANGUAGES) {
      const strings = await loadStrings(language, COMMAND_STRINGS);
      for (const key of used) expect(`${language} ${key}: ${key in strings}`).toBe(`${language} ${key}: true`);
    }
  });
});
