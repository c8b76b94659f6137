import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { setLookup } from "../../../emulator/src/model/record-values";
import { Store } from "../../../emulator/src/store/store";
import { correlate, findTrackingToken, normalizeSubject, noteStoredForCorrelation } from "../../../emulator/src/web-api/email-tracking/correlation";
import { storeOnce } from "../../../emulator/src/web-api/email-tracking/duplicates";
import type { TrackingSettings } from "../../../emulator/src/web-api/email-tracking/settings";

const SETTINGS: TrackingSettings = { correlationEnabled: true, ignoreInternalEmail: false, unresolveIfMultipleMatch: false, trackingPrefix: "CRM", minSharedAddresses: 2, maxSubjectCandidates: 20 };

describe("normalizeSubject", () => {
  test.each<[string, string]>([
    ["Quote", "quote"],
    ["RE: Quote", "quote"],
    ["Re: FW: aw: WG: Quote", "quote"],
    ["RE[2]: Quote", "quote"],
    ["Fwd:Quote", "quote"],
    ["  RE:   Touring   bike\r\n quote ", "touring bike quote"],
    ["Quote CRM:0001001", "quote"],
    ["RE: Quote: part 2", "quote: part 2"],
    ["Über GRÜSSE", "über grüsse"],
    ["RE: ", ""],
  ])("%j → %j", (subject, expected) => {
    expect(normalizeSubject(subject, "CRM")).toBe(expected);
  });
});

test.each<[string, string, string | undefined]>([
  ["Order CRM:0001001", "CRM", "CRM:0001001"],
  ["Order crm:42 and CRM:7", "CRM", "crm:42"],
  ["Order XCRM:0001001", "CRM", undefined],
  ["Order CRM:", "CRM", undefined],
  ["Order TRK.1:0001", "TRK.1", "TRK.1:0001"],
  ["Order TRKX1:0001", "TRK.1", undefined],
])("findTrackingToken(%j, %j) → %j", (subject, prefix, expected) => {
  expect(findTrackingToken(subject, prefix)).toBe(expected);
});

describe("correlate", () => {
  let store: Store;
  const org = "o";
  const email = (id: string, values: Record<string, unknown>, parties: string[] = []): void => {
    const data: Record<string, unknown> = { activityid: id, createdon: "2025-01-01T00:00:00Z", ...values };
    store.insert(org, "email", id, data);
    parties.forEach((address, i) => {
      const party: Record<string, unknown> = { activitypartyid: `${id}-${i}`, addressused: address, participationtypemask: 2 };
      setLookup(party, "activityid", "email", id);
      store.insert(org, "activityparty", `${id}-${i}`, party, id);
    });
  };

  beforeEach(() => {
    store = new Store(":memory:");
    const regarding: Record<string, unknown> = {};
    setLookup(regarding, "regardingobjectid", "account", "acc-1");
    email("e1", { subject: "Touring bikes", sender: "nancy@x.example", messageid: "<m1@x>", ...regarding }, ["alex@y.example"]);
    email("e2", { subject: "Invoice CRM:0001001", trackingtoken: "CRM:0001001", sender: "alex@y.example" }, ["pat@z.example"]);
    email("e3", { subject: "Touring bikes", sender: "other@q.example", createdon: "2025-02-01T00:00:00Z" }, ["alex@y.example"]);
  });
  afterEach(() => store.close());

  test("matches the same normalized subject with two shared participants, and inherits the regarding record", () => {
    expect(correlate(store, org, SETTINGS, { subject: "RE: touring BIKES", addresses: ["NANCY@x.example", "alex@y.example"] })).toEqual({
      emailId: "e1",
      method: 6,
      regarding: { table: "account", id: "acc-1" },
    });
  });

  test("does not match on the subject with one shared participant, or when correlation is off", () => {
    expect(correlate(store, org, SETTINGS, { subject: "RE: Touring bikes", addresses: ["stranger@s.example", "alex@y.example"] })).toBeUndefined();
    expect(correlate(store, org, { ...SETTINGS, correlationEnabled: false }, { subject: "RE: Touring bikes", addresses: ["nancy@x.example", "alex@y.example"] })).toBeUndefined();
    expect(correlate(store, org, { ...SETTINGS, minSharedAddresses: 1 }, { subject: "RE: Touring bikes", addresses: ["stranger@s.example", "alex@y.example"] })).toEqual(
      expect.objectContaining({ emailId: "e3", method: 6 }), // the most recent of two matches
    );
  });

  test("matches a tracking token whatever the subject and the participants", () => {
    expect(correlate(store, org, SETTINGS, { subject: "Something new crm:0001001", addresses: [] })).toEqual({ emailId: "e2", method: 4 });
    expect(correlate(store, org, SETTINGS, { subject: "Something new CRM:0001002", addresses: [] })).toBeUndefined();
  });

  test("matches In-Reply-To first", () => {
    expect(correlate(store, org, SETTINGS, { subject: "Invoice CRM:0001001", addresses: [], inReplyTo: " <m1@x> " })).toEqual(expect.objectContaining({ emailId: "e1", method: 3 }));
  });

  test("never matches an empty subject", () => {
    email("e4", { subject: "RE:", sender: "nancy@x.example" }, ["alex@y.example"]);
    expect(correlate(store, org, SETTINGS, { subject: "", addresses: ["nancy@x.example", "alex@y.example"] })).toBeUndefined();
  });

  test("matches subjects without any plain ASCII word, and non-ASCII case differences", () => {
    email("e5", { subject: "Größe", sender: "nancy@x.example" }, ["alex@y.example"]);
    email("e6", { subject: "Ünïcødé 👋", sender: "nancy@x.example" }, ["alex@y.example"]);
    expect(correlate(store, org, SETTINGS, { subject: "AW: Größe", addresses: ["nancy@x.example", "alex@y.example"] })?.emailId).toBe("e5");
    expect(correlate(store, org, SETTINGS, { subject: "RE: ünïcødé 👋", addresses: ["nancy@x.example", "alex@y.example"] })?.emailId).toBe("e6");
  });

  describe("sees every change, whoever made it", () => {
    const reply = { subject: "RE: Fleet", addresses: ["nancy@x.example", "alex@y.example"] };

    test("an email stored after the first lookup by another module", () => {
      expect(correlate(store, org, SETTINGS, reply)).toBeUndefined();
      email("late", { subject: "Fleet", sender: "nancy@x.example" }, ["alex@y.example"]);
      expect(correlate(store, org, SETTINGS, reply)?.emailId).toBe("late");
    });

    test("a subject or token changed, and an email deleted, since the last lookup", () => {
      expect(correlate(store, org, SETTINGS, { subject: "Invoice CRM:0001001", addresses: [] })?.emailId).toBe("e2");
      const e2 = store.get(org, "email", "e2")!;
      store.update(org, "email", "e2", { ...e2.data, subject: "Fleet", trackingtoken: "CRM:0009999" });
      expect(correlate(store, org, SETTINGS, { subject: "Invoice CRM:0001001", addresses: [] })).toBeUndefined();
      expect(correlate(store, org, SETTINGS, { subject: "x CRM:0009999", addresses: [] })?.emailId).toBe("e2");
      expect(correlate(store, org, SETTINGS, { subject: "Fleet", addresses: ["alex@y.example", "pat@z.example"] })?.emailId).toBe("e2");
      store.remove(org, "email", "e2");
      expect(correlate(store, org, SETTINGS, { subject: "x CRM:0009999", addresses: [] })).toBeUndefined();
    });

    test("an email stored through storeOnce and noted is found at once", () => {
      expect(correlate(store, org, SETTINGS, reply)).toBeUndefined();
      const result = storeOnce(
        store,
        org,
        "<fleet@x>",
        () => ({ id: "noted", data: { activityid: "noted", messageid: "<fleet@x>", subject: "Fleet", sender: "nancy@x.example", createdon: "2025-03-01T00:00:00Z" }, parties: [{ id: "np", data: { addressused: "alex@y.example" } }] }),
        (stored, plan) => noteStoredForCorrelation(store, org, SETTINGS, stored, plan),
      );
      expect(result.created).toBe(true);
      expect(correlate(store, org, SETTINGS, reply)?.emailId).toBe("noted");
    });

    test("only the newest emails with the subject are compared (maxSubjectCandidates)", () => {
      email("old", { subject: "Fleet", sender: "nancy@x.example", createdon: "2024-01-01T00:00:00Z" }, ["alex@y.example"]);
      for (let i = 0; i < 3; i++) email(`new${i}`, { subject: "Fleet", sender: "other@q.example", createdon: `2025-05-0${i + 1}T00:00:00Z` });
      expect(correlate(store, org, SETTINGS, reply)?.emailId).toBe("old");
      expect(correlate(store, org, { ...SETTINGS, maxSubjectCandidates: 3 }, reply)).toBeUndefined();
    });
  });

  test("an email another connection to the same file stored is found too", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "orgtrack-corr-"));
    const a = new Store(path.join(dir, "data.sqlite"));
    const b = new Store(path.join(dir, "data.sqlite"));
    try {
      const reply = { subject: "RE: Yachts", addresses: ["nancy@x.example", "alex@y.example"] };
      expect(correlate(a, org, SETTINGS, reply)).toBeUndefined();
      b.insert(org, "email", "y1", { activityid: "y1", subject: "Yachts", sender: "nancy@x.example", createdon: "2025-01-01T00:00:00Z" });
      b.insert(org, "activityparty", "y1p", { addressused: "alex@y.example" }, "y1");
      expect(correlate(a, org, SETTINGS, reply)?.emailId).toBe("y1");
    } finally {
      b.close();
      a.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
