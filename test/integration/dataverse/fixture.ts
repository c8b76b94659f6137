import { randomUUID } from "node:crypto";
import type { DeliveryRequest, HttpSend, OrgService, ValidationMetadata } from "../../../src/core/ports";
import type { OrgAddress } from "../../../src/core/orgs/types";
import type { Sleep } from "../../../src/dataverse/behaviors/retry";
import { createOrgService } from "../../../src/dataverse/web-api-org-service";
import type { TestEmulator } from "../../support/emulator-harness";
import { countingSend, createNodeHttpSend, type CountingSend } from "../../support/node-http-send";
import { createPasswordTokenProvider, type PasswordTokenProvider } from "../../support/password-token-provider";

export const ALEX = "alex.wu@contoso.example";
export const MORGAN = "morgan.lee@contoso.example";
export const CASEY = "casey.kim@contoso.example";
export const DANA = "dana.ruiz@contoso.example";
export const RILEY = "riley.fox@contoso.example";
/** A contact of contoso owned by Alex. */
export const NANCY = "nancy@adventure-works.example";
/** An account of contoso owned by Alex. */
export const ADVENTURE_WORKS = "info@adventure-works.example";
/** A lead of contoso owned by Alex. */
export const PAT = "pat@wingtiptoys.example";

/** The OrgAddress of an emulator org (on-premises style: one host, the org in the path). */
export function orgAddress(emu: TestEmulator, org: string): OrgAddress {
  const url = emu.orgUrl(org);
  return { key: url.toLowerCase(), url, webApiUrl: emu.apiRoot(org), resource: url, deployment: "onPremises" };
}

/** A user signed in to one org through the real pipeline, with the round trips counted. */
export interface Session {
  service: OrgService;
  tokens: PasswordTokenProvider;
  wire: CountingSend;
  /** The sleeps the retry behavior asked for (ms). */
  sleeps: number[];
}

/** Returns a session of a user in an org over real HTTPS; sleeps are recorded and shortened to 1 ms unless `realSleep`. */
export function session(emu: TestEmulator, email: string, org = "contoso", options: { send?: HttpSend; realSleep?: boolean; timeoutMs?: number } = {}): Session {
  const wire = countingSend(options.send ?? createNodeHttpSend({ ca: emu.ca }));
  const tokens = createPasswordTokenProvider({ baseUrl: emu.url, ca: emu.ca, email });
  const sleeps: number[] = [];
  const sleep: Sleep = (ms) => {
    sleeps.push(ms);
    return new Promise((resolve) => setTimeout(resolve, options.realSleep ? ms : 1));
  };
  const service = createOrgService(orgAddress(emu, org), { send: wire.send, tokens, sleep, ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}) });
  return { service, tokens, wire, sleeps };
}

/** A fresh RFC 5322 message id. */
export function messageId(): string {
  return `<${randomUUID()}@mail.example>`;
}

/** Received mail to Alex from an outside sender, with a unique subject (so nothing correlates by accident). */
export function incoming(overrides: Partial<ValidationMetadata> = {}): ValidationMetadata {
  return {
    internetMessageId: messageId(),
    subject: `Quote ${randomUUID().slice(0, 8)}`,
    from: "someone@elsewhere.example",
    to: [ALEX],
    cc: [],
    bcc: [],
    direction: "incoming",
    ...overrides,
  };
}

/** A delivery request built from validation metadata. */
export function delivery(metadata: ValidationMetadata, body = "<p>Hello</p>"): DeliveryRequest {
  return { ...metadata, body, date: "2025-03-04T10:11:12Z" };
}

/** Returns the emails of an org with this message id, read as Morgan (Global read) through the Web API. */
export async function copiesOf(emu: TestEmulator, id: string, org = "contoso"): Promise<{ activityid: string }[]> {
  const token = await emu.tokenFor(MORGAN, emu.orgUrl(org));
  const filter = encodeURIComponent(`messageid eq '${id.replace(/'/g, "''")}'`);
  const res = await emu.request(`${emu.apiRoot(org)}emails?$select=activityid&$filter=${filter}`, { token });
  if (res.status !== 200) throw new Error(`emails query answered ${res.status}`);
  return res.json<{ value: { activityid: string }[] }>().value;
}

/** Injects faults through the emulator's admin API. */
export async function injectFaults(emu: TestEmulator, faults: Record<string, unknown>[]): Promise<void> {
  const res = await emu.request("/_emulator/faults", { method: "POST", body: faults });
  if (res.status !== 201) throw new Error(`fault injection answered ${res.status}: ${res.text}`);
}

/** Removes every injected fault. */
export async function clearFaults(emu: TestEmulator): Promise<void> {
  await emu.request("/_emulator/faults", { method: "DELETE" });
}
