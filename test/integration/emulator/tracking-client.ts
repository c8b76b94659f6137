import { randomUUID } from "node:crypto";
import type { StoredRecord } from "../../../emulator/src/model/types";
import type { Seed } from "../../../emulator/src/seed/types";
import { DEMO_SEED_FILE, readSeedFile } from "../../../emulator/src/seed/validate";
import type { TestEmulator } from "../../support/emulator-harness";
import type { HttpResult } from "../../support/https-client";

/** A value of a function parameter: strings are quoted OData literals, objects and arrays JSON. */
export type FunctionValue = string | number | boolean | null | readonly unknown[] | Record<string, unknown>;

/** The OData error body of a failed call. */
export interface ODataErrorBody {
  error: { code: string; message: string };
}

/** A signed-in user of one org, calling its Web API over HTTPS. */
export interface Caller {
  email: string;
  org: string;
  get(path: string): Promise<HttpResult>;
  post(path: string, body: unknown): Promise<HttpResult>;
}

/** Returns a caller for a user of an org (a real token from the emulator's token endpoint). */
export async function signIn(emu: TestEmulator, email: string, org = "contoso"): Promise<Caller> {
  const token = await emu.tokenFor(email, emu.orgUrl(org));
  const url = (path: string): string => emu.apiRoot(org) + path;
  return {
    email,
    org,
    get: (path) => emu.request(url(path), { token }),
    post: (path, body) => emu.request(url(path), { method: "POST", token, body: typeof body === "string" ? body : (body as object) }),
  };
}

/**
 * Returns `as(email, org)`: the caller of a user of an org (contoso by default), signed in once on the
 * emulator `emulator()` returns when first asked for, then reused.
 */
export function callerCache(emulator: () => TestEmulator): (email: string, org?: string) => Promise<Caller> {
  const callers = new Map<string, Caller>();
  return async (email, org = "contoso") => {
    const key = `${email}|${org}`;
    let caller = callers.get(key);
    if (!caller) {
      caller = await signIn(emulator(), email, org);
      callers.set(key, caller);
    }
    return caller;
  };
}

/** `Name(P1=@p1,…)?@p1=…`: a function call with every parameter passed as an alias, percent-encoded. */
export function functionPath(name: string, parameters: Record<string, FunctionValue>): string {
  const names = Object.keys(parameters);
  const list = names.map((p, i) => `${p}=@p${i}`).join(",");
  const query = names.map((p, i) => `@p${i}=${encodeURIComponent(literal(parameters[p] ?? null))}`).join("&");
  return `${name}(${list})${query ? `?${query}` : ""}`;
}

/** An OData literal: `'text'` with quotes doubled, numbers and booleans as is, objects as JSON. */
export function literal(value: FunctionValue): string {
  if (typeof value === "string") return `'${value.replace(/'/g, "''")}'`;
  if (typeof value === "number" || typeof value === "boolean" || value === null) return String(value);
  return JSON.stringify(value);
}

/** A fresh RFC 5322 message id. */
export function newMessageId(): string {
  return `<${randomUUID()}@mail.example>`;
}

/** A subject no other test uses, so that messages do not correlate by accident. */
export function uniqueSubject(): string {
  return `Hello ${randomUUID().slice(0, 8)}`;
}

/** The parameters of a DeliverIncomingEmail/DeliverPromoteEmail body, with sensible defaults. */
export function deliverBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    MessageId: newMessageId(),
    Subject: uniqueSubject(),
    From: "someone@elsewhere.example",
    To: "alex.wu@contoso.example",
    Cc: "",
    Bcc: "",
    ReceivedOn: "2025-03-04T10:11:12Z",
    SubmittedBy: "",
    Importance: "normal",
    Body: "<p>Hi</p>",
    Attachments: [],
    ...overrides,
  };
}

/** The CheckIncomingEmail parameters, with defaults. */
export function checkParameters(overrides: Record<string, FunctionValue> = {}): Record<string, FunctionValue> {
  return { MessageId: newMessageId(), Subject: uniqueSubject(), From: "someone@elsewhere.example", To: "alex.wu@contoso.example", Cc: "", Bcc: "", ...overrides };
}

/** Calls CheckIncomingEmail and returns `[ShouldDeliver, ReasonCode]`; fails the test on an error status. */
export async function checkIncoming(caller: Caller, overrides: Record<string, FunctionValue> = {}): Promise<[boolean, number]> {
  const res = await caller.get(functionPath("CheckIncomingEmail", checkParameters(overrides)));
  if (res.status !== 200) throw new Error(`CheckIncomingEmail answered ${res.status}: ${res.text}`);
  const body = res.json<{ ShouldDeliver: boolean; ReasonCode: number }>();
  return [body.ShouldDeliver, body.ReasonCode];
}

/** Posts a Deliver* action (default DeliverIncomingEmail on the collection) and returns the EmailId; fails on an error status. */
export async function deliver(caller: Caller, overrides: Record<string, unknown> = {}, path = "emails/Microsoft.Dynamics.CRM.DeliverIncomingEmail"): Promise<string> {
  const res = await caller.post(path, deliverBody(overrides));
  if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${res.text}`);
  return res.json<{ EmailId: string }>().EmailId;
}

/** The stored email row (read from the emulator's store, as the database holds it). */
export function storedEmail(emu: TestEmulator, org: string, id: string): StoredRecord | undefined {
  return emu.emulator.context.store.get(org, "email", id);
}

/** The stored activity parties of an email. */
export function storedParties(emu: TestEmulator, org: string, emailId: string): Record<string, unknown>[] {
  return emu.emulator.context.store.children(org, "activityparty", emailId).map((p) => p.data);
}

/** How many emails the org holds. */
export function emailCount(emu: TestEmulator, org: string): number {
  return emu.emulator.context.store.list(org, "email").length;
}

/** The id of the row of `table` with this email address (seed rows have derived ids). */
export function idByAddress(emu: TestEmulator, org: string, table: string, address: string): string {
  const match = emu.emulator.context.store.findByAddress(org, address).find((m) => m.table === table);
  if (!match) throw new Error(`No ${table} with that address in ${org}`);
  return match.id;
}

/** The systemuserid of a member of an org. */
export function userId(emu: TestEmulator, org: string, email: string): string {
  return idByAddress(emu, org, "systemuser", email);
}

/** The demo seed, to change for one test file. */
export function demoSeed(): Seed {
  return readSeedFile(DEMO_SEED_FILE);
}

/** Sets a stored row's column values (for states the Web API or the seed cannot set up). */
export function patchStored(emu: TestEmulator, org: string, table: string, id: string, values: Record<string, unknown>): void {
  const store = emu.emulator.context.store;
  const row = store.get(org, table, id);
  if (!row) throw new Error(`No ${table} ${id}`);
  store.update(org, table, id, { ...row.data, ...values });
}
