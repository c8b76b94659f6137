import type { RecordRef } from "../../../../src/core/ports";
import { setRegarding, suggestRecords } from "../../../../src/core/tracking/regarding";
import { trackMessage } from "../../../../src/core/tracking/tracker";
import { FakeMailbox, mailMetadata } from "../../../support/fake-mailbox";
import { copyIdOf, FakeOrgService, testOrg } from "./fake-org-service";

const contoso = testOrg("Contoso");
const nancy: RecordRef = { table: "contact", id: "c-1", name: "Nancy Anderson", emailAddress: "nancy@adventure-works.example" };
const adventure: RecordRef = { table: "account", id: "a-1", name: "Adventure Works", emailAddress: "info@adventure-works.example" };
const pat: RecordRef = { table: "lead", id: "l-1", name: "Pat Dunn", emailAddress: "pat@wingtiptoys.example" };
const bikes: RecordRef = { table: "opportunity", id: "o-1", name: "50 touring bikes for Adventure Works" };

function setup() {
  const mailbox = new FakeMailbox();
  const service = new FakeOrgService(contoso);
  service.records = [adventure, pat, nancy, bikes];
  return { mailbox, service, deps: { mailbox, serviceFor: () => service } };
}

describe("set regarding", () => {
  test("suggests the sender's records first, then the recipients', then the search, each once", async () => {
    const { service, deps } = setup();
    const mail = mailMetadata("m1", {
      from: { emailAddress: "Nancy@Adventure-Works.example" },
      to: [{ emailAddress: "pat@wingtiptoys.example" }],
      cc: [{ emailAddress: "info@adventure-works.example" }],
    });
    const suggestions = await suggestRecords(mail, contoso, deps, "adventure");
    expect(suggestions.map((r) => r.id)).toEqual(["c-1", "l-1", "a-1", "o-1"]);
    expect(service.calls.map((c) => c.method)).toEqual(["recordsByEmail", "searchRecords"]);
    expect(service.callsOf("recordsByEmail")[0]?.args[0]).toEqual(["nancy@adventure-works.example", "pat@wingtiptoys.example", "info@adventure-works.example"]);
  });

  test("without search text only the address matches are asked for (one round trip)", async () => {
    const { service, deps } = setup();
    const mail = mailMetadata("m1", { from: { emailAddress: "pat@wingtiptoys.example" }, to: [] });
    expect(await suggestRecords(mail, contoso, deps)).toEqual([pat]);
    expect(service.roundTrips).toBe(1);
  });

  test("links the item's tracked copy in that org to the record", async () => {
    const { mailbox, service, deps } = setup();
    mailbox.add("m1");
    const activityId = copyIdOf(await trackMessage("m1", contoso, deps));
    await setRegarding("m1", contoso, nancy, deps);
    expect(service.emails.get(activityId)?.regarding).toEqual(nancy);
  });

  test("an item tracked by its category alone: the copy is found by its message id, then linked (2 round trips)", async () => {
    const { service } = setup();
    const mailbox = FakeMailbox.withMultipleSelection();
    const deps = { mailbox, serviceFor: () => service };
    mailbox.add("m1");
    const activityId = copyIdOf(await trackMessage("m1", contoso, deps));
    expect(mailbox.item("m1").mark.activities).toEqual({});
    service.calls.length = 0;
    await setRegarding("m1", contoso, nancy, deps);
    expect(service.calls.map((c) => c.method)).toEqual(["findTrackedEmail", "setRegarding"]);
    expect(service.emails.get(activityId)?.regarding).toEqual(nancy);
  });

  test("an item tracked by its category alone whose copy the person cannot see: notFound, saying so", async () => {
    const { mailbox, service, deps } = setup();
    mailbox.add("m1");
    mailbox.item("m1").categories = ["Tracked to Contoso Sales"];
    await expect(setRegarding("m1", contoso, nancy, deps)).rejects.toMatchObject({
      kind: "notFound",
      messageKey: "tracking.noVisibleCopy",
      message: "Contoso Sales has no copy of this message that you can see.",
    });
    expect(service.calls.map((c) => c.method)).toEqual(["findTrackedEmail"]);
  });

  test("an item not tracked in the org cannot be set regarding", async () => {
    const { mailbox, service, deps } = setup();
    mailbox.add("m1");
    await expect(setRegarding("m1", contoso, nancy, deps)).rejects.toMatchObject({ kind: "notFound", messageKey: "tracking.notTracked" });
    expect(service.roundTrips).toBe(0);
  });
});
