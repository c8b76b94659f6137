import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { AppError, type AppErrorKind } from "../../../src/core/errors";
import { parseOrgUrl, type OrgUrlProblem } from "../../../src/core/orgs";
import { REASON_CODES, type ReasonName } from "../../../src/core/tracking";
import { DE_PARTS, de } from "../../../src/i18n/de";
import { EN_PARTS, en, isMessageKey } from "../../../src/i18n/en";
import { createStringCatalog, describeError, format, languageOf, loadStrings, STRING_PARTS, translate, type MessageKey, type StringPart, type Strings } from "../../../src/i18n";
import { ALL_PARTS } from "../../../src/i18n/parts";
import { commandsPart } from "../../../src/i18n/parts/commands";
import { errorsPart } from "../../../src/i18n/parts/errors";
import { panePart } from "../../../src/i18n/parts/pane";

const SRC = join(__dirname, "..", "..", "..", "src");
const placeholders = (template: string): string[] => [...new Set([...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1] as string))].sort();
const camel = (name: string): string => `${name.charAt(0).toLowerCase()}${name.slice(1)}`;

/** Every kind, problem and reason, checked complete by the compiler (a new one fails to compile here until it has a string). */
const KINDS: Record<AppErrorKind, true> = {
  auth: true, forbidden: true, notFound: true, conflict: true, throttled: true, offline: true, timeout: true,
  invalidInput: true, rejectedByOrg: true, office: true, cancelled: true, unknown: true,
};
const ORG_URL_PROBLEMS: Record<OrgUrlProblem, true> = {
  empty: true, tooLong: true, controlCharacters: true, whitespace: true, scheme: true, insecure: true, malformed: true,
  userInfo: true, port: true, nonAsciiHost: true, lookAlike: true, notAnOrg: true, discoveryAddress: true, ipAddress: true,
  invalidHost: true, bareWord: true, singleLabelHost: true, orgName: true,
};
const REASONS = Object.keys(REASON_CODES) as ReasonName[];

/** Message keys built from a template in src/, and the keys each stands for. */
const DYNAMIC_KEYS: Record<string, string[]> = {
  "orgUrl.${problem}": Object.keys(ORG_URL_PROBLEMS).map((problem) => `orgUrl.${problem}`),
  "tracking.reason.${name.charAt(0).toLowerCase()}${name.slice(1)}": REASONS.map((name) => `tracking.reason.${camel(name)}`),
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith(".d.ts") ? [path] : [];
  });
}

/** Every `messageKey: "…"` (or template) written in src/, with the file it is in. */
function messageKeysInSource(): { key: string; file: string }[] {
  const found: { key: string; file: string }[] = [];
  for (const file of sourceFiles(SRC)) {
    if (relative(SRC, file).startsWith("i18n")) continue;
    const text = readFileSync(file, "utf8");
    for (const match of text.matchAll(/messageKey:\s*(["'`])((?:(?!\1).)*)\1/g)) {
      const raw = match[2] as string;
      const keys = match[1] === "`" && raw.includes("${") ? DYNAMIC_KEYS[raw] : [raw];
      if (keys === undefined) throw new Error(`${relative(SRC, file)} builds a message key from a template this test does not know: ${raw}`);
      for (const key of keys) found.push({ key, file: relative(SRC, file) });
    }
  }
  return found;
}

describe("string resources", () => {
  test("the parts hold each key once, and German has exactly the English keys in each part", () => {
    expect(Object.keys(EN_PARTS).sort()).toEqual([...STRING_PARTS].sort());
    const seen = new Map<string, StringPart>();
    for (const part of STRING_PARTS) {
      for (const key of Object.keys(EN_PARTS[part])) {
        expect([key, seen.get(key)]).toEqual([key, undefined]);
        seen.set(key, part);
      }
      expect([part, Object.keys(DE_PARTS[part]).sort()]).toEqual([part, Object.keys(EN_PARTS[part]).sort()]);
    }
    expect(seen.size).toBe(Object.keys(en).length);
    expect(Object.keys(EN_PARTS.base).filter((key) => key.startsWith("error."))).toHaveLength(12);
  });

  test("German has exactly the English keys, none empty, with the same placeholders", () => {
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as MessageKey[]) {
      expect([key, en[key].trim().length > 0, de[key].trim().length > 0]).toEqual([key, true, true]);
      expect([key, placeholders(de[key])]).toEqual([key, placeholders(en[key])]);
    }
  });

  test("every AppError messageKey used in src/ has a string", () => {
    const used = messageKeysInSource();
    expect(used.length).toBeGreaterThan(60);
    const missing = used.filter(({ key }) => !isMessageKey(key)).map(({ key, file }) => `${key} (${file})`);
    expect(missing).toEqual([]);
  });

  test("every error kind, pasted-address problem and reason code has a string; accepted verdicts have their own", () => {
    for (const kind of Object.keys(KINDS)) expect(isMessageKey(`error.${kind}`)).toBe(true);
    for (const key of DYNAMIC_KEYS["orgUrl.${problem}"] ?? []) expect(isMessageKey(key)).toBe(true);
    for (const name of REASONS) {
      expect(isMessageKey(`tracking.reason.${camel(name)}`)).toBe(true);
      expect(isMessageKey(`tracking.accepted.${camel(name)}`)).toBe(true);
    }
  });

  test("what the ribbon commands say fits Outlook's notification bar (150 characters before values)", () => {
    const keys = (Object.keys(en) as MessageKey[]).filter((key) => key.startsWith("commands."));
    expect(keys.length).toBeGreaterThan(20);
    for (const key of keys) {
      for (const text of [en[key], de[key]]) expect([key, text.replace(/\{\w+\}/g, "").length <= 150]).toEqual([key, true]);
    }
  });

  test("the accessible names the tests and the product rely on are exact in English", () => {
    expect([en["orgs.add"], en["orgs.add.online"], en["orgs.add.url"], en["orgs.connect"], en["orgs.synchronize"], en["orgs.remove"]]).toEqual([
      "Add organization",
      "Dynamics 365 (online)",
      "Organization URL",
      "Connect",
      "Synchronize",
      "Remove",
    ]);
    expect([en["common.ok"], en["common.cancel"], en["message.track"], en["message.untrack"], en["settings.saveCredentials"], en["settings.connectAutomatically"], en["orgs.signOut"]]).toEqual([
      "OK",
      "Cancel",
      "Track",
      "Untrack",
      "Save my credentials on this device",
      "Connect automatically",
      "Sign out",
    ]);
    expect(en["orgs.confirmSynchronizing.title"]).toBe("Change your synchronizing or primary organization?");
  });

  test("the pasted-address messages say what src/core/orgs says", () => {
    const problems: [string, RegExp][] = [
      ["http://crm.contoso.example/Contoso", /http:\/\//],
      ["https://globaldisco.crm.dynamics.com", /discovery service/],
      ["https://user:pw@contoso.crm.dynamics.com", /user name or password/],
    ];
    for (const [input, expected] of problems) {
      let error: AppError | undefined;
      try {
        parseOrgUrl(input);
      } catch (caught) {
        error = caught as AppError;
      }
      expect(error).toBeInstanceOf(AppError);
      const text = describeError(en, error as AppError);
      expect(text).toMatch(expected);
      expect(text).toBe(error?.message);
    }
  });
});

describe("i18n helpers", () => {
  test("format fills placeholders, numbers in the language's digits, unknown ones empty", () => {
    expect(format("{org} has {count} items{none}", { org: "Contoso", count: 2048 })).toBe("Contoso has 2,048 items");
    expect(format("{count}", { count: 2048 }, "de")).toBe("2.048");
    expect(translate(en, "orgs.notice.added", { org: "Fabrikam" })).toBe("Fabrikam was added.");
  });

  test("describeError uses the message key, else the kind's string, else the error's own message", () => {
    expect(describeError(en, new AppError("offline", "x", { messageKey: "dataverse.timeout", values: { seconds: 30 } }))).toBe("The organization did not answer within 30 seconds.");
    expect(describeError(de, new AppError("forbidden", "x", { messageKey: "some.unknownKey" }))).toBe("Sie haben keine Berechtigung dafür.");
    expect(describeError(en, { kind: "strange", messageKey: "nope", message: "Plain English." })).toBe("Plain English.");
    expect(describeError(en, { kind: "strange", messageKey: "nope", message: " " })).toBe(en["error.unknown"]);
  });

  test("languageOf maps Office's display language; loadStrings loads a language's parts on demand", async () => {
    expect(languageOf("de-AT")).toBe("de");
    expect(languageOf("DE_de")).toBe("de");
    expect(languageOf("fr-FR")).toBe("en");
    expect(languageOf(undefined)).toBe("en");
    expect(await loadStrings("de", ALL_PARTS)).toEqual(de);
    expect(await loadStrings("en", ALL_PARTS)).toEqual(en);
  });

  test("loadStrings loads the base part and the parts asked for, no other", async () => {
    const commands = await loadStrings("de", { errors: errorsPart, commands: commandsPart });
    expect(Object.keys(commands).sort()).toEqual(Object.keys({ ...DE_PARTS.base, ...DE_PARTS.errors, ...DE_PARTS.commands }).sort());
    expect(commands["commands.track.progress"]).toBe(de["commands.track.progress"]);
    expect("orgs.add" in commands).toBe(false);
    expect(Object.keys(await loadStrings("en", {})).sort()).toEqual(Object.keys(EN_PARTS.base).sort());
  });

  test("an error whose words are not loaded yet reads as its kind; a string whose part is not loaded is empty", async () => {
    const pane = await loadStrings("de", { pane: panePart });
    const error = new AppError("offline", "x", { messageKey: "dataverse.timeout", values: { seconds: 30 } });
    expect(describeError(pane, error)).toBe(de["error.offline"]);
    expect(describeError(await loadStrings("de", { pane: panePart, errors: errorsPart }), error)).toBe("Die Organisation hat nicht innerhalb von 30 Sekunden geantwortet.");
    expect(translate(pane, "settings.title")).toBe("");
    expect(translate(pane, "orgs.add")).toBe(de["orgs.add"]);
  });
});

describe("string catalog (the task pane's strings, growing part by part)", () => {
  const catalogOf = (loader: (parts: readonly Exclude<StringPart, "base">[]) => Promise<Partial<Strings>>) =>
    createStringCatalog("en", { ...EN_PARTS.base, ...EN_PARTS.pane }, ["pane"], loader);

  test("loads missing parts once, tells its listeners, and keeps the same strings object until a part arrives", async () => {
    const asked: string[] = [];
    const catalog = catalogOf(async (parts) => {
      asked.push(parts.join(","));
      return loadStrings("en", Object.fromEntries(parts.map((part) => [part, ALL_PARTS[part]])));
    });
    const first = catalog.strings();
    let told = 0;
    const stop = catalog.subscribe(() => (told += 1));
    expect(catalog.has(["pane"])).toBe(true);
    expect(catalog.has(["views"])).toBe(false);
    const loading = catalog.load(["views", "errors"]);
    expect(catalog.load(["errors", "views"])).toBe(loading);
    expect(catalog.strings()).toBe(first);
    await loading;
    expect(asked).toEqual(["errors,views"]);
    expect(told).toBe(1);
    expect(catalog.has(["views", "errors", "pane"])).toBe(true);
    expect(catalog.strings()["settings.title"]).toBe("Settings");
    await catalog.load(["views"]);
    expect(asked).toHaveLength(1);
    stop();
    await catalog.load(["commands"]);
    expect(told).toBe(1);
  });

  test("a part that cannot load rejects, and the next load tries again", async () => {
    let attempts = 0;
    const catalog = catalogOf(async (parts) => {
      attempts += 1;
      if (attempts === 1) throw new Error("chunk failed");
      return loadStrings("en", Object.fromEntries(parts.map((part) => [part, ALL_PARTS[part]])));
    });
    await expect(catalog.load(["views"])).rejects.toThrow("chunk failed");
    expect(catalog.has(["views"])).toBe(false);
    await catalog.load(["views"]);
    expect([attempts, catalog.has(["views"])]).toEqual([2, true]);
  });
});
