import { AppError } from "../../../../src/core/errors";
import type { Org } from "../../../../src/core/orgs/types";
import { MemorySettingsStore } from "../../../support/memory-settings-store";
import { rejection } from "../../../support/rejection";
import { CONTOSO, CONTOSO_URL, FABRIKAM, FABRIKAM_URL, fixture, instance, savedSettings } from "./fixture";

// The session's start and its organization actions, over fakes: what the UI sees (snapshot),
// what goes out (token requests, org calls) and what is saved.

describe("start", () => {
  test("with 'Connect automatically' off: no token request and no org call at all; every org is notChecked", async () => {
    const store = await savedSettings([{ url: CONTOSO_URL }, { url: FABRIKAM_URL }], { connectAutomatically: false });
    const f = fixture({ store });
    const snapshot = await f.session.start();
    expect(snapshot.loaded).toBe(true);
    expect(snapshot.orgs.map((org) => [org.friendlyName, org.status, org.synchronizing])).toEqual([
      ["Contoso Sales", "notChecked", true],
      ["Fabrikam Support", "notChecked", false],
    ]);
    expect(snapshot.preferences).toEqual({ saveCredentials: false, connectAutomatically: false });
    expect(f.tokens.asked).toHaveLength(0);
    expect(f.orgCalls()).toBe(0);
    expect(f.services.size).toBe(0);
  });

  test("with it on: every org is checked at once (all WhoAmI under way before any answers), connecting → connected / needsSignIn", async () => {
    const store = await savedSettings([{ url: CONTOSO_URL }, { url: FABRIKAM_URL }], { connectAutomatically: true });
    const f = fixture({ store });
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    f.service(CONTOSO).gate = gate;
    f.service(FABRIKAM).gate = gate;
    f.service(FABRIKAM).failNext("whoAmI", new AppError("auth", "Sign-in is needed."));

    const starting = f.session.start();
    await new Promise((resolve) => setImmediate(resolve));
    expect(f.service(CONTOSO).whoAmIStarted).toBe(1);
    expect(f.service(FABRIKAM).whoAmIStarted).toBe(1);
    expect(f.session.snapshot().orgs.map((org) => org.status)).toEqual(["connecting", "connecting"]);
    expect(f.session.snapshot().operations).toEqual([expect.objectContaining({ kind: "connect", done: 0, total: 2 })]);
    release();
    const snapshot = await starting;
    expect(Object.fromEntries(snapshot.orgs.map((org) => [org.key, org.status]))).toEqual({ [CONTOSO.key]: "connected", [FABRIKAM.key]: "needsSignIn" });
    expect(snapshot.operations).toEqual([]);
    // Silent only: nobody asked for a sign-in prompt at start.
    expect(f.tokens.asked.every((asked) => asked.options.interactive !== true)).toBe(true);
  });

  test("a second start returns the first one's promise: the orgs are checked once", async () => {
    const store = await savedSettings([{ url: CONTOSO_URL }], { connectAutomatically: true });
    const f = fixture({ store });
    const a = f.session.start();
    const b = f.session.start();
    expect(b).toBe(a);
    await a;
    expect(f.service(CONTOSO).whoAmIStarted).toBe(1);
  });

  test("a corrupted store is reported through the snapshot and the session starts on defaults; it never throws", async () => {
    const f = fixture({ store: new MemorySettingsStore("{ this is not json") });
    const snapshot = await f.session.start();
    expect(snapshot.settingsProblem).toMatchObject({ kind: "invalidInput", messageKey: "settings.corrupted" });
    expect(snapshot.orgs).toEqual([]);
    expect(snapshot.loaded).toBe(true);
    // Recovered: the next change saves a valid document.
    await f.session.setPreferences({ connectAutomatically: false });
    expect(JSON.parse(f.store.content ?? "")).toMatchObject({ version: 2, connectAutomatically: false, orgs: [] });
  });

  test("a store the host cannot read is reported too, and the session still starts", async () => {
    const store = new MemorySettingsStore();
    store.failNextLoad = new AppError("office", "roamingSettings failed.");
    const f = fixture({ store });
    const snapshot = await f.session.start();
    expect(snapshot.settingsProblem).toMatchObject({ kind: "office" });
    expect(snapshot.loaded).toBe(true);
  });

  test("a repaired store (one org entry damaged) keeps the valid org and says what was left out", async () => {
    const store = await savedSettings([{ url: CONTOSO_URL }], { connectAutomatically: false });
    const document = JSON.parse(store.content ?? "") as { orgs: unknown[] };
    document.orgs.push({ url: "javascript:alert(1)", friendlyName: "Evil" });
    store.content = JSON.stringify(document);
    const snapshot = await fixture({ store }).session.start();
    expect(snapshot.settingsProblem).toMatchObject({ messageKey: "settings.repaired" });
    expect(snapshot.orgs.map((org) => org.key)).toEqual([CONTOSO.key]);
  });
});

describe("adding organizations", () => {
  test("a refused address is an AppError invalidInput with its reason, and nothing goes out", async () => {
    const f = fixture();
    await f.session.start();
    for (const [text, key] of [
      ["", "orgUrl.empty"],
      ["http://contoso.crm.dynamics.com", "orgUrl.insecure"],
      ["https://contoso.crm.dynamics.com.evil.test", "orgUrl.lookAlike"],
      ["https://crm.dynamics.com@evil.test", "orgUrl.userInfo"],
    ] as const) {
      await expect(rejection(f.session.addOrgFromUrl(text))).resolves.toMatchObject({ kind: "invalidInput", messageKey: key });
    }
    expect(f.tokens.asked).toHaveLength(0);
    expect(f.orgCalls()).toBe(0);
    expect(f.session.snapshot().orgs).toEqual([]);
  });

  test("by pasted address: sign-in (a prompt allowed), WhoAmI and details; the first org synchronizes; the same org twice is one", async () => {
    const f = fixture();
    await f.session.start();
    const contoso = await f.session.addOrgFromUrl(`${CONTOSO_URL}/main.aspx?appid=1&pagetype=entitylist`);
    expect(contoso).toMatchObject({ key: CONTOSO.key, friendlyName: "Contoso Sales", userId: "11111111-1111-1111-1111-111111111111" });
    expect(f.tokens.asked).toEqual([{ resource: CONTOSO.resource, options: { interactive: true } }]);
    expect(f.service(CONTOSO).calls.map((c) => c.method).sort()).toEqual(["details", "whoAmI"]);

    await f.session.addOrgFromUrl(`${FABRIKAM_URL}/main.aspx?appid=2`);
    await f.session.addOrgFromUrl("contoso.crm4.dynamics.com");
    const snapshot = f.session.snapshot();
    expect(snapshot.orgs.map((org) => [org.key, org.status, org.synchronizing])).toEqual([
      [CONTOSO.key, "connected", true],
      [FABRIKAM.key, "connected", false],
    ]);
    expect(snapshot.synchronizingKey).toBe(CONTOSO.key);
    expect(JSON.parse(f.store.content ?? "")).toMatchObject({ synchronizingKey: CONTOSO.key, orgs: [{ key: CONTOSO.key }, { key: FABRIKAM.key }] });
    expect(snapshot.operations).toEqual([]);
  });

  test("a connection that fails is thrown as its AppError and nothing is added", async () => {
    const f = fixture();
    await f.session.start();
    f.tokens.refuse.set(CONTOSO.resource, new AppError("cancelled", "The person closed the sign-in window."));
    await expect(rejection(f.session.addOrgFromUrl(CONTOSO_URL))).resolves.toMatchObject({ kind: "cancelled" });
    f.tokens.refuse.clear();
    f.service(CONTOSO).failNext("details", new AppError("forbidden", "Not a member.", { status: 403 }));
    await expect(rejection(f.session.addOrgFromUrl(CONTOSO_URL))).resolves.toMatchObject({ kind: "forbidden" });
    expect(f.session.snapshot().orgs).toEqual([]);
    expect(f.store.saves).toBe(0);
  });

  test("from Global Discovery: the list says which orgs are added already; an unusable address is flagged, not thrown", async () => {
    const f = fixture({ deps: { discoveryResource: "https://globaldisco.crm.dynamics.com" } });
    await f.session.start();
    f.discovery.list = [instance(CONTOSO_URL, "Contoso Sales"), instance(FABRIKAM_URL, "Fabrikam Support"), instance("https://contoso.crm.dynamics.com.evil.test", "Evil")];
    await f.session.addOrgFromUrl(CONTOSO_URL);
    const listed = await f.session.listDiscoverable();
    expect(f.tokens.asked.at(-1)).toEqual({ resource: "https://globaldisco.crm.dynamics.com", options: { interactive: true } });
    expect(listed.map((d) => [d.instance.friendlyName, d.key, d.added])).toEqual([
      ["Contoso Sales", CONTOSO.key, true],
      ["Fabrikam Support", FABRIKAM.key, false],
      ["Evil", undefined, false],
    ]);
    expect(listed[2]?.problem).toMatchObject({ kind: "invalidInput", messageKey: "orgs.discoveredUrl" });

    const fabrikam = await f.session.addDiscovered((listed[1] as (typeof listed)[number]).instance);
    expect(fabrikam.friendlyName).toBe("Fabrikam Support");
    expect(f.session.snapshot().orgs.map((org) => org.key)).toEqual([CONTOSO.key, FABRIKAM.key]);
    await expect(rejection(f.session.addDiscovered((listed[2] as (typeof listed)[number]).instance))).resolves.toMatchObject({ messageKey: "orgs.discoveredUrl" });
  });
});

describe("synchronizing org, removal, sign-out, preferences", () => {
  async function twoOrgs() {
    const f = fixture({ store: await savedSettings([{ url: CONTOSO_URL }, { url: FABRIKAM_URL }], { connectAutomatically: true }) });
    await f.session.start();
    return f;
  }

  test("changing the synchronizing org asks first: Cancel changes nothing, OK switches and is saved", async () => {
    const f = await twoOrgs();
    const asked: [string, string][] = [];
    const answer = (ok: boolean) => async (from: Org, to: Org) => {
      asked.push([from.friendlyName, to.friendlyName]);
      return ok;
    };
    await expect(f.session.setSynchronizing(FABRIKAM.key, answer(false))).resolves.toBe(false);
    expect(f.session.snapshot().synchronizingKey).toBe(CONTOSO.key);
    await expect(f.session.setSynchronizing(FABRIKAM.key, answer(true))).resolves.toBe(true);
    expect(asked).toEqual([
      ["Contoso Sales", "Fabrikam Support"],
      ["Contoso Sales", "Fabrikam Support"],
    ]);
    expect(f.session.snapshot().orgs.map((org) => org.synchronizing)).toEqual([false, true]);
    expect(JSON.parse(f.store.content ?? "")).toMatchObject({ synchronizingKey: FABRIKAM.key });
    await expect(rejection(f.session.setSynchronizing("https://nowhere.crm.dynamics.com", answer(true)))).resolves.toMatchObject({ kind: "notFound" });
  });

  test("removing the synchronizing org asks who takes over (cancel keeps it); the last org needs no answer", async () => {
    const f = await twoOrgs();
    const offered: string[][] = [];
    await expect(
      f.session.remove(CONTOSO.key, async (candidates) => {
        offered.push(candidates.map((org) => org.key));
        return "cancel";
      }),
    ).resolves.toBe(false);
    expect(f.session.snapshot().orgs).toHaveLength(2);
    await expect(f.session.remove(CONTOSO.key, async () => FABRIKAM.key)).resolves.toBe(true);
    expect(offered).toEqual([[FABRIKAM.key]]);
    expect(f.session.snapshot()).toMatchObject({ synchronizingKey: FABRIKAM.key, orgs: [expect.objectContaining({ key: FABRIKAM.key, synchronizing: true })] });
    const neverAsked = jest.fn(async () => undefined);
    await expect(f.session.remove(FABRIKAM.key, neverAsked)).resolves.toBe(true);
    expect(neverAsked).not.toHaveBeenCalled();
    expect(f.session.snapshot()).toMatchObject({ orgs: [], synchronizingKey: undefined });
  });

  test("signing out of one org forgets its tokens and marks it needsSignIn; the other stays connected", async () => {
    const f = await twoOrgs();
    await f.session.signOut(CONTOSO.key);
    expect(f.tokens.signedOut).toEqual([CONTOSO.resource]);
    expect(f.session.snapshot().orgs.map((org) => [org.key, org.status])).toEqual([
      [CONTOSO.key, "needsSignIn"],
      [FABRIKAM.key, "connected"],
    ]);
  });

  test("preferences are saved and shown; an option left out keeps its value", async () => {
    const f = await twoOrgs();
    await expect(f.session.setPreferences({ saveCredentials: true })).resolves.toEqual({ saveCredentials: true, connectAutomatically: true });
    await expect(f.session.setPreferences({ connectAutomatically: false, saveCredentials: undefined })).resolves.toEqual({ saveCredentials: true, connectAutomatically: false });
    expect(f.session.snapshot().preferences).toEqual({ saveCredentials: true, connectAutomatically: false });
    expect(JSON.parse(f.store.content ?? "")).toMatchObject({ saveCredentials: true, connectAutomatically: false });
  });

  test("connect(key) signs in with a prompt allowed and checks only that org; a refused sign-in is that org's status", async () => {
    const f = fixture({ store: await savedSettings([{ url: CONTOSO_URL }, { url: FABRIKAM_URL }], { connectAutomatically: false }) });
    await f.session.start();
    const result = await f.session.connect(CONTOSO.key);
    expect(result).toEqual({ statuses: { [CONTOSO.key]: "connected" }, replayed: [] });
    expect(f.tokens.asked).toEqual([{ resource: CONTOSO.resource, options: { interactive: true } }]);
    expect(f.service(FABRIKAM).calls).toHaveLength(0);
    f.tokens.refuse.set(FABRIKAM.resource, new AppError("auth", "Sign-in is needed."));
    await expect(f.session.connect()).resolves.toMatchObject({ statuses: { [CONTOSO.key]: "connected", [FABRIKAM.key]: "needsSignIn" } });
    await expect(rejection(f.session.connect("https://nowhere.crm.dynamics.com"))).resolves.toMatchObject({ kind: "notFound" });
  });
});

describe("the snapshot", () => {
  test("is the same object until something changes; listeners hear each change and can unsubscribe; a failing listener harms nobody", async () => {
    const f = fixture();
    const first = f.session.snapshot();
    expect(f.session.snapshot()).toBe(first);
    const heard: number[] = [];
    f.session.subscribe(() => {
      throw new Error("a UI bug");
    });
    const unsubscribe = f.session.subscribe((snapshot) => heard.push(snapshot.orgs.length));
    await f.session.start();
    await f.session.addOrgFromUrl(CONTOSO_URL);
    expect(f.session.snapshot()).not.toBe(first);
    expect(heard.at(-1)).toBe(1);
    const count = heard.length;
    unsubscribe();
    await f.session.setPreferences({ saveCredentials: true });
    expect(heard).toHaveLength(count);
    expect(f.session.snapshot().settingsUsage.bytes).toBeGreaterThan(0);
    expect(f.session.snapshot().settingsUsage.limitBytes).toBe(32 * 1024);
  });
});
