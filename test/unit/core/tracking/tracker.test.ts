import { AppError, isAppError } from "../../../../src/core/errors";
import type { DeliveryRequest, ValidationMetadata } from "../../../../src/core/ports";
import { VALIDATION_FIELDS } from "../../../../src/core/tracking/metadata";
import { targetOrg, trackMessage } from "../../../../src/core/tracking/tracker";
import { FakeMailbox } from "../../../support/fake-mailbox";
import { copyIdOf, FakeOrgService, testOrg } from "./fake-org-service";

const contoso = testOrg("Contoso");
const fabrikam = testOrg("Fabrikam", { friendlyName: "Fabrikam Support" });

function setup() {
  const mailbox = new FakeMailbox();
  const services = new Map([
    [contoso.key, new FakeOrgService(contoso)],
    [fabrikam.key, new FakeOrgService(fabrikam)],
  ]);
  const service = (key: string): FakeOrgService => services.get(key) as FakeOrgService;
  const deps = { mailbox, serviceFor: (org: { key: string }) => service(org.key) };
  return { mailbox, deps, contosoService: service(contoso.key), fabrikamService: service(fabrikam.key) };
}

describe("trackMessage", () => {
  test("validates with the metadata only, then reads the body, stores and marks", async () => {
    const { mailbox, deps, contosoService } = setup();
    mailbox.add("m1", { subject: "Quote" }, "<p>the body</p>");

    const result = await trackMessage("m1", contoso, deps);

    expect(contosoService.calls.map((c) => c.method)).toEqual(["validate", "deliver"]);
    const validated = contosoService.callsOf("validate")[0]?.args[0] as ValidationMetadata;
    expect(Object.keys(validated).sort()).toEqual([...VALIDATION_FIELDS].sort());
    expect(JSON.stringify(validated)).not.toContain("the body");
    const delivered = contosoService.callsOf("deliver")[0]?.args[0] as DeliveryRequest;
    expect(delivered.body).toBe("<p>the body</p>");
    expect(delivered.subject).toBe("Quote");
    expect(result).toMatchObject({ itemId: "m1", org: contoso, how: "stored", reason: { code: 6, name: "AcceptAll" } });
    expect(contosoService.emails.get(copyIdOf(result))?.body).toBe("<p>the body</p>");
    expect(mailbox.item("m1").mark).toEqual({ activities: { [contoso.key]: result.activityId } });
    expect(mailbox.item("m1").categories).toEqual(["Tracked to Contoso Sales"]);
    expect(mailbox.masterCategories.has("Tracked to Contoso Sales")).toBe(true);
  });

  test("the body is not read before the org accepts", async () => {
    const { mailbox, deps, contosoService } = setup();
    mailbox.add("m1");
    const bodyReadsAtValidation: number[] = [];
    const validate = contosoService.validate.bind(contosoService);
    contosoService.validate = (message) => {
      bodyReadsAtValidation.push(mailbox.callsOf("getBody").length);
      return validate(message);
    };
    await trackMessage("m1", contoso, deps);
    expect(bodyReadsAtValidation).toEqual([0]);
    expect(mailbox.callsOf("getBody")).toHaveLength(1);
  });

  test.each([
    [1, "tracking.reason.noCorrelationMatch"],
    [3, "tracking.reason.noRecipientMatch"],
    [4, "tracking.reason.internalEmailReject"],
    [7, "tracking.reason.invalidSender"],
    [-1, "tracking.reason.unknown"],
  ])("a refusal with reason %i throws rejectedByOrg (%s); no body read, nothing stored or marked", async (reasonCode, key) => {
    const { mailbox, deps, contosoService } = setup();
    mailbox.add("m1");
    contosoService.rule = () => ({ accepted: false, reasonCode });
    const error = await trackMessage("m1", contoso, deps).catch((e: unknown) => e);
    expect(isAppError(error, "rejectedByOrg")).toBe(true);
    expect((error as AppError).messageKey).toBe(key);
    expect((error as AppError).message).toContain("Contoso Sales");
    expect(mailbox.callsOf("getBody")).toHaveLength(0);
    expect(contosoService.callsOf("deliver")).toHaveLength(0);
    expect(mailbox.item("m1").mark.activities).toEqual({});
    expect(mailbox.item("m1").categories).toEqual([]);
  });

  test("sent mail is validated as outgoing", async () => {
    const { mailbox, deps, contosoService } = setup();
    mailbox.add("sent", { direction: "outgoing", from: { emailAddress: "alex.wu@contoso.example" } });
    await trackMessage("sent", contoso, deps);
    expect((contosoService.callsOf("validate")[0]?.args[0] as ValidationMetadata).direction).toBe("outgoing");
    expect((contosoService.callsOf("deliver")[0]?.args[0] as DeliveryRequest).direction).toBe("outgoing");
  });

  test("tracked state is per org: a second org adds its own entry and category", async () => {
    const { mailbox, deps, fabrikamService } = setup();
    mailbox.add("m1");
    const first = await trackMessage("m1", contoso, deps);
    const second = await trackMessage("m1", fabrikam, deps);
    expect(second.how).toBe("stored");
    expect(fabrikamService.callsOf("deliver")).toHaveLength(1);
    expect(mailbox.item("m1").mark.activities).toEqual({ [contoso.key]: first.activityId, [fabrikam.key]: second.activityId });
    expect(mailbox.item("m1").categories).toEqual(["Tracked to Contoso Sales", "Tracked to Fabrikam Support"]);
  });

  test("an item already marked for the org is not sent again (no round trip)", async () => {
    const { mailbox, deps, contosoService } = setup();
    mailbox.add("m1");
    const first = await trackMessage("m1", contoso, deps);
    mailbox.item("m1").categories = []; // the person removed the category by hand
    const again = await trackMessage("m1", contoso, deps);
    expect(again).toMatchObject({ activityId: first.activityId, how: "alreadyMarked" });
    expect(contosoService.roundTrips).toBe(2);
    expect(mailbox.item("m1").categories).toEqual(["Tracked to Contoso Sales"]);
  });

  test("a double click runs once", async () => {
    const { mailbox, deps, contosoService } = setup();
    mailbox.add("m1");
    const [a, b] = await Promise.all([trackMessage("m1", contoso, deps), trackMessage("m1", contoso, deps)]);
    expect(a).toBe(b);
    expect(contosoService.calls.map((c) => c.method)).toEqual(["validate", "deliver"]);
    expect(contosoService.copiesOf("<m1@mail.example>")).toHaveLength(1);
  });

  test("a retry after a lost answer links the stored copy instead of making a second one", async () => {
    const { mailbox, deps, contosoService } = setup();
    mailbox.add("m1");
    const deliver = contosoService.deliver.bind(contosoService);
    let lose = true;
    contosoService.deliver = async (message) => {
      const id = await deliver(message);
      if (lose) {
        lose = false;
        throw new AppError("offline", "The connection dropped.");
      }
      return id;
    };
    await expect(trackMessage("m1", contoso, deps)).rejects.toMatchObject({ kind: "offline" });
    expect(mailbox.item("m1").mark.activities).toEqual({});

    const retry = await trackMessage("m1", contoso, deps);
    expect(retry.how).toBe("linkedExisting");
    expect(contosoService.copiesOf("<m1@mail.example>")).toHaveLength(1);
    expect(mailbox.item("m1").mark.activities[contoso.key]).toBe(contosoService.copiesOf("<m1@mail.example>")[0]?.id);
  });

  test("Duplicate for an unmarked item (tracked on another device or by a colleague): linked to the org's copy without reading or sending the body", async () => {
    const { mailbox, deps, contosoService } = setup();
    mailbox.add("m1");
    const existing = contosoService.seedEmail("<m1@mail.example>", "someone-else");
    const result = await trackMessage("m1", contoso, deps);
    expect(result).toMatchObject({ activityId: existing, how: "linkedExisting", reason: { code: 0, name: "Duplicate" } });
    expect(mailbox.callsOf("getBody")).toHaveLength(0);
    expect((contosoService.callsOf("deliver")[0]?.args[0] as DeliveryRequest).body).toBe("");
    expect(contosoService.copiesOf("<m1@mail.example>")).toHaveLength(1);
    expect(mailbox.item("m1").mark.activities).toEqual({ [contoso.key]: existing });
    expect(mailbox.item("m1").categories).toEqual(["Tracked to Contoso Sales"]);
  });

  test("an org that answers a duplicate delivery with a conflict: rejectedByOrg Duplicate, nothing marked", async () => {
    const { mailbox, deps, contosoService } = setup();
    mailbox.add("m1");
    contosoService.seedEmail("<m1@mail.example>", "someone-else");
    contosoService.failNext("deliver", new AppError("conflict", "Duplicate", { status: 412 }));
    await expect(trackMessage("m1", contoso, deps)).rejects.toMatchObject({ kind: "rejectedByOrg", messageKey: "tracking.reason.duplicate" });
    expect(mailbox.item("m1").mark.activities).toEqual({});
  });

  test("an entry another org wrote while this one was storing is kept", async () => {
    const { mailbox, deps, contosoService } = setup();
    mailbox.add("m1");
    const deliver = contosoService.deliver.bind(contosoService);
    contosoService.deliver = async (message) => {
      mailbox.item("m1").mark = { activities: { [fabrikam.key]: "fab-1" } };
      return deliver(message);
    };
    const result = await trackMessage("m1", contoso, deps);
    expect(mailbox.item("m1").mark.activities).toEqual({ [fabrikam.key]: "fab-1", [contoso.key]: result.activityId });
  });

  test.each([
    ["validate", new AppError("auth", "Sign in again.")],
    ["validate", new AppError("throttled", "Too many requests.", { retryAfterSeconds: 5 })],
    ["deliver", new AppError("forbidden", "Missing prvCreateActivity.", { code: "0x80040220" })],
  ] as const)("a failure of %s is thrown as is and nothing is marked", async (method, error) => {
    const { mailbox, deps, contosoService } = setup();
    mailbox.add("m1");
    contosoService.failNext(method, error);
    await expect(trackMessage("m1", contoso, deps)).rejects.toBe(error);
    expect(mailbox.callsOf("setMark")).toHaveLength(0);
    expect(mailbox.item("m1").categories).toEqual([]);
  });

  test("a mailbox failure is an AppError office", async () => {
    const { mailbox, deps } = setup();
    mailbox.add("m1");
    mailbox.failNext("getMetadata");
    await expect(trackMessage("m1", contoso, deps)).rejects.toMatchObject({ kind: "office" });
    await expect(trackMessage("gone", contoso, deps)).rejects.toMatchObject({ kind: "office" });
  });

  test("nothing is logged while tracking (no addresses, bodies or tokens in logs)", async () => {
    const { mailbox, deps, contosoService } = setup();
    mailbox.add("m1");
    mailbox.add("m2");
    contosoService.rule = (m) => (m.internetMessageId === "<m2@mail.example>" ? { accepted: false, reasonCode: 3 } : { accepted: true, reasonCode: 6 });
    const spies = (["log", "info", "warn", "error", "debug"] as const).map((name) => jest.spyOn(console, name).mockImplementation(() => undefined));
    try {
      await trackMessage("m1", contoso, deps);
      await trackMessage("m2", contoso, deps).catch(() => undefined);
      for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });
});

describe("trackMessage where Outlook cannot save the mark (a message of a multiple selection)", () => {
  function selection(openItemId?: string) {
    const mailbox = FakeMailbox.withMultipleSelection(openItemId);
    const service = new FakeOrgService(contoso);
    return { mailbox, service, deps: { mailbox, serviceFor: () => service } };
  }

  test("a message that is not open: stored, the category set, no mark entry; the outcome is ok", async () => {
    const { mailbox, service, deps } = selection("another");
    mailbox.add("m1");
    const result = await trackMessage("m1", contoso, deps);
    expect(result).toMatchObject({ how: "stored", activityId: service.copiesOf("<m1@mail.example>")[0]?.id });
    expect(mailbox.callsOf("setMark", "m1")).toHaveLength(1);
    expect(mailbox.item("m1")).toMatchObject({ mark: { activities: {} }, categories: ["Tracked to Contoso Sales"] });
  });

  test("the open message of the selection gets its mark entry too", async () => {
    const { mailbox, deps } = selection("m1");
    mailbox.add("m1");
    const result = await trackMessage("m1", contoso, deps);
    expect(mailbox.item("m1").mark.activities).toEqual({ [contoso.key]: copyIdOf(result) });
  });

  test("a second track of an item whose category says it is tracked there (no mark entry) asks the org nothing", async () => {
    const { mailbox, service, deps } = selection();
    mailbox.add("m1");
    await trackMessage("m1", contoso, deps);
    service.calls.length = 0;
    mailbox.calls.length = 0;

    const again = await trackMessage("m1", contoso, deps);

    expect(again).toEqual({ itemId: "m1", activityId: undefined, org: contoso, how: "alreadyMarked" });
    expect(service.roundTrips).toBe(0);
    expect(mailbox.calls.map((c) => c.method)).toEqual(["getMark", "getCategories"]);
    expect(service.copiesOf("<m1@mail.example>")).toHaveLength(1);
  });

  test("the category is recognised whatever its case (Outlook's master list may spell it differently)", async () => {
    const { mailbox, service, deps } = selection();
    mailbox.add("m1");
    mailbox.item("m1").categories = ["TRACKED TO CONTOSO SALES"];
    await expect(trackMessage("m1", contoso, deps)).resolves.toMatchObject({ how: "alreadyMarked", activityId: undefined });
    expect(service.roundTrips).toBe(0);
  });

  test("another org's category does not count: the item is tracked into this org", async () => {
    const { mailbox, deps } = selection();
    mailbox.add("m1");
    mailbox.item("m1").categories = ["Tracked to Fabrikam Support"];
    await expect(trackMessage("m1", contoso, deps)).resolves.toMatchObject({ how: "stored" });
  });

  test("forced: the org is asked again and links its copy (Duplicate) without the body; still one copy", async () => {
    const { mailbox, service, deps } = selection();
    mailbox.add("m1");
    const first = await trackMessage("m1", contoso, deps);
    service.calls.length = 0;
    const bodyReads = mailbox.callsOf("getBody").length;

    const forced = await trackMessage("m1", contoso, deps, { force: true });

    expect(forced).toMatchObject({ how: "linkedExisting", activityId: first.activityId, reason: { name: "Duplicate" } });
    expect(service.calls.map((c) => c.method)).toEqual(["validate", "deliver"]);
    expect(mailbox.callsOf("getBody")).toHaveLength(bodyReads);
    expect(service.copiesOf("<m1@mail.example>")).toHaveLength(1);
  });

  test("forced on an item whose mark points to a copy deleted in the org: stored again, the mark updated", async () => {
    const { mailbox, deps, contosoService } = setup();
    mailbox.add("m1");
    const first = copyIdOf(await trackMessage("m1", contoso, deps));
    contosoService.emails.delete(first);
    await expect(trackMessage("m1", contoso, deps)).resolves.toMatchObject({ how: "alreadyMarked", activityId: first });

    const forced = await trackMessage("m1", contoso, deps, { force: true });

    expect(forced.how).toBe("stored");
    expect(forced.activityId).not.toBe(first);
    expect(mailbox.item("m1").mark.activities).toEqual({ [contoso.key]: forced.activityId });
  });

  test("any other failure to save the mark fails the track, with no category; a retry links the stored copy", async () => {
    const { mailbox, deps, contosoService } = setup();
    mailbox.add("m1");
    mailbox.failNext("setMark", { error: new AppError("office", "Saving failed.", { code: "9017" }) });
    await expect(trackMessage("m1", contoso, deps)).rejects.toMatchObject({ kind: "office", code: "9017" });
    expect(mailbox.item("m1")).toMatchObject({ mark: { activities: {} }, categories: [] });

    const retry = await trackMessage("m1", contoso, deps);
    expect(retry).toMatchObject({ how: "linkedExisting" });
    expect(contosoService.copiesOf("<m1@mail.example>")).toHaveLength(1);
  });
});

describe("targetOrg", () => {
  const list = { orgs: [contoso, fabrikam], synchronizingKey: contoso.key };

  test("is the synchronizing org unless another is chosen", () => {
    expect(targetOrg(list)).toBe(contoso);
    expect(targetOrg(list, fabrikam.key)).toBe(fabrikam);
  });

  test("refuses when there is no synchronizing org or the chosen one is gone", () => {
    expect(() => targetOrg({ orgs: [], synchronizingKey: undefined })).toThrow(expect.objectContaining({ kind: "invalidInput", messageKey: "tracking.noSynchronizingOrg" }));
    expect(() => targetOrg(list, "https://gone.crm.dynamics.com")).toThrow(expect.objectContaining({ kind: "invalidInput", messageKey: "tracking.unknownOrg" }));
  });
});
