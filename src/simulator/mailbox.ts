import type { FakeAddress, FakeCategory, FakeMessage, FakeUser } from "./host/office-fake";

/** A mailbox the simulator shows: its owner, messages and master category list (`fixtures/mailbox.json`, or `?mailbox=<url>`). */
export interface SimulatorMailbox {
  user?: FakeUser;
  messages: FakeMessage[];
  masterCategories?: FakeCategory[];
}

/** Returns the mailbox a JSON document describes: `{ user?, messages, masterCategories? }` or just the array of messages. Throws an Error naming the first problem. */
export function parseMailbox(json: unknown): SimulatorMailbox {
  if (Array.isArray(json)) return { messages: parseMessages(json) };
  if (!isObject(json)) throw new Error("A mailbox is an object with a messages array, or an array of messages.");
  const mailbox: SimulatorMailbox = { messages: parseMessages(json.messages) };
  if (json.user !== undefined) {
    const user = address(json.user, "user");
    mailbox.user = { emailAddress: user.emailAddress, displayName: user.displayName ?? user.emailAddress };
  }
  if (json.masterCategories !== undefined) {
    if (!Array.isArray(json.masterCategories)) throw new Error("masterCategories must be an array.");
    mailbox.masterCategories = json.masterCategories.map((category, index) => {
      if (!isObject(category) || typeof category.displayName !== "string" || category.displayName === "") throw new Error(`masterCategories[${index}] needs a displayName.`);
      return { displayName: category.displayName, color: typeof category.color === "string" ? category.color : "None" };
    });
  }
  return mailbox;
}

/** Returns the messages a JSON array describes (item ids unique); throws an Error naming the first problem. */
export function parseMessages(json: unknown): FakeMessage[] {
  if (!Array.isArray(json)) throw new Error("messages must be an array.");
  const seen = new Set<string>();
  return json.map((value, index) => {
    const where = `messages[${index}]`;
    if (!isObject(value)) throw new Error(`${where} is not an object.`);
    const itemId = text(value.itemId, `${where}.itemId`);
    if (seen.has(itemId)) throw new Error(`${where}.itemId "${itemId}" is used twice.`);
    seen.add(itemId);
    const message: FakeMessage = {
      itemId,
      internetMessageId: text(value.internetMessageId, `${where}.internetMessageId`),
      subject: typeof value.subject === "string" ? value.subject : "",
      from: address(value.from, `${where}.from`),
      to: addresses(value.to, `${where}.to`),
      cc: addresses(value.cc, `${where}.cc`),
    };
    if (value.dateTimeCreated !== undefined) {
      const date = text(value.dateTimeCreated, `${where}.dateTimeCreated`);
      if (Number.isNaN(Date.parse(date))) throw new Error(`${where}.dateTimeCreated is not a date.`);
      message.dateTimeCreated = date;
    }
    if (value.bodyHtml !== undefined) message.bodyHtml = text(value.bodyHtml, `${where}.bodyHtml`, true);
    if (value.categories !== undefined) message.categories = strings(value.categories, `${where}.categories`);
    if (value.customProperties !== undefined) {
      if (!isObject(value.customProperties)) throw new Error(`${where}.customProperties must be an object of strings.`);
      message.customProperties = Object.fromEntries(Object.entries(value.customProperties).map(([name, property]) => [name, text(property, `${where}.customProperties.${name}`, true)]));
    }
    if (value.mode !== undefined) {
      if (value.mode !== "read" && value.mode !== "compose") throw new Error(`${where}.mode must be "read" or "compose".`);
      message.mode = value.mode;
    }
    return message;
  });
}

function address(value: unknown, where: string): FakeAddress {
  if (!isObject(value)) throw new Error(`${where} must be { emailAddress, displayName? }.`);
  const emailAddress = text(value.emailAddress, `${where}.emailAddress`);
  return typeof value.displayName === "string" && value.displayName !== "" ? { emailAddress, displayName: value.displayName } : { emailAddress };
}

function addresses(value: unknown, where: string): FakeAddress[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new Error(`${where} must be an array of addresses.`);
  return value.map((entry, index) => address(entry, `${where}[${index}]`));
}

function strings(value: unknown, where: string): string[] {
  if (!Array.isArray(value) || !value.every((entry) => typeof entry === "string")) throw new Error(`${where} must be an array of strings.`);
  return [...(value as string[])];
}

function text(value: unknown, where: string, allowEmpty = false): string {
  if (typeof value !== "string" || (!allowEmpty && value.trim() === "")) throw new Error(`${where} must be a non-empty string.`);
  return value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
