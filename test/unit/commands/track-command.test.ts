import { runCommand } from "../../../src/commands/run-command";
import { trackSelection } from "../../../src/commands/track-command";
import { AppError } from "../../../src/core/errors";
import { CONTOSO, CONTOSO_URL, FABRIKAM_URL, commandsFixture, countingEvent, received, type CommandsFixture } from "./commands-fixture";

const MESSAGES = [received("m1"), received("m2"), received("m3"), received("draft", { mode: "compose" })];

describe("the ribbon's Track", () => {
  let f: CommandsFixture;
  afterEach(() => f.fake.uninstall());

  const press = async (): Promise<{ text: string; kind: string; completions: number }> => {
    const event = countingEvent();
    const outcome = await runCommand(event, (progress) => trackSelection(f.deps, progress), f.run);
    return { ...outcome, completions: event.count() };
  };

  test("with no organization: guidance to add one in OrgTrack, nothing sent, completed once", async () => {
    f = await commandsFixture({ office: { messages: MESSAGES, openItemId: "m1" } });
    const result = await press();
    expect(result).toEqual({ kind: "error", text: "Add an organization first: open OrgTrack and choose Add organization.", completions: 1 });
    expect(f.fake.notifications("m1")).toEqual([expect.objectContaining({ type: "errorMessage", message: result.text })]);
    expect(f.fake.message("m1").categories).toEqual([]);
  });

  test("one message into the synchronizing org: stored, categorized, 'Tracked to Contoso Sales.'", async () => {
    f = await commandsFixture({ orgs: [CONTOSO_URL, FABRIKAM_URL], office: { messages: MESSAGES, openItemId: "m1" } });
    const result = await press();
    expect(result).toEqual({ kind: "info", text: "Tracked to Contoso Sales.", completions: 1 });
    expect(f.fake.message("m1").categories).toEqual(["Tracked to Contoso Sales"]);
    expect(f.service(CONTOSO).copiesOf("<m1@adventure-works.example>")).toHaveLength(1);
    expect(f.fake.notifications("m1")).toEqual([expect.objectContaining({ type: "informationalMessage", message: "Tracked to Contoso Sales." })]);
  });

  test("pressed again: 'Already tracked', no second copy", async () => {
    f = await commandsFixture({ orgs: [CONTOSO_URL], office: { messages: MESSAGES, openItemId: "m1" } });
    await press();
    const again = await press();
    expect(again.text).toBe("Already tracked to Contoso Sales.");
    expect(f.service(CONTOSO).copiesOf("<m1@adventure-works.example>")).toHaveLength(1);
  });

  test("refused by the org: the reason in words, no category", async () => {
    f = await commandsFixture({ orgs: [CONTOSO_URL], office: { messages: MESSAGES, openItemId: "m1" } });
    f.service(CONTOSO).rule = () => ({ accepted: false, reasonCode: 3 });
    const result = await press();
    expect(result).toEqual({ kind: "error", text: "Not tracked: None of the recipients is a user of Contoso Sales.", completions: 1 });
    expect(f.fake.message("m1").categories).toEqual([]);
  });

  test("a sign-in is needed: guidance to connect in OrgTrack (a ribbon button never prompts)", async () => {
    f = await commandsFixture({ orgs: [CONTOSO_URL], office: { messages: MESSAGES, openItemId: "m1" } });
    f.service(CONTOSO).failNext("validate", new AppError("auth", "You need to sign in to this organization again.", { messageKey: "auth.needsSignIn" }));
    const result = await press();
    expect(result.text).toBe("Sign in to Contoso Sales first: open OrgTrack and choose Connect.");
    expect(result.completions).toBe(1);
  });

  test("the org cannot be reached: says so", async () => {
    f = await commandsFixture({ orgs: [CONTOSO_URL], office: { messages: MESSAGES, openItemId: "m1" } });
    f.service(CONTOSO).failNext("validate", new AppError("offline", "The organization could not be reached.", { messageKey: "dataverse.offline" }));
    expect((await press()).text).toBe("Contoso Sales could not be reached. Check your connection and try again.");
  });

  test("'Connect automatically' off: the request waits in the queue, nothing is sent", async () => {
    f = await commandsFixture({ orgs: [CONTOSO_URL], connectAutomatically: false, office: { messages: MESSAGES, openItemId: "m1" } });
    const result = await press();
    expect(result).toEqual({ kind: "info", text: "Waiting to be tracked to Contoso Sales. Open OrgTrack and choose Connect to send it.", completions: 1 });
    expect(f.service(CONTOSO).roundTrips).toBe(0);
    expect(f.session.snapshot().queue).toEqual([expect.objectContaining({ kind: "track", itemId: "m1", orgKey: CONTOSO.key })]);
  });

  test("several selected: one bulk track of all of them; the summary counts them", async () => {
    f = await commandsFixture({ orgs: [CONTOSO_URL], office: { messages: MESSAGES, selectedItemIds: ["m1", "m2", "m3"] } });
    const event = countingEvent();
    const outcome = await runCommand(event, (progress) => trackSelection(f.deps, progress), f.run);
    expect(outcome).toEqual({ kind: "info", text: "Tracked 3 of 3 messages to Contoso Sales." });
    expect(event.count()).toBe(1);
    expect(f.service(CONTOSO).callsOf("validateMany")).toHaveLength(1);
    expect(f.service(CONTOSO).callsOf("deliverMany")).toHaveLength(1);
    for (const itemId of ["m1", "m2", "m3"]) expect(f.fake.message(itemId).categories).toEqual(["Tracked to Contoso Sales"]);
  });

  test("several selected, some refused: the count and the first reason", async () => {
    f = await commandsFixture({ orgs: [CONTOSO_URL], office: { messages: MESSAGES, selectedItemIds: ["m1", "m2", "m3"] } });
    f.service(CONTOSO).rule = (message) => (message.internetMessageId.startsWith("<m2") ? { accepted: false, reasonCode: 4 } : { accepted: true, reasonCode: 6 });
    const outcome = await runCommand(countingEvent(), (progress) => trackSelection(f.deps, progress), f.run);
    expect(outcome).toEqual({ kind: "error", text: "Tracked 2 of 3 messages to Contoso Sales; 1 not tracked. First reason: Contoso Sales does not track mail sent by its own users." });
  });

  test("only a draft selected: it can be tracked once sent; nothing selected: select one", async () => {
    f = await commandsFixture({ orgs: [CONTOSO_URL], office: { messages: MESSAGES, selectedItemIds: ["draft"] } });
    expect((await runCommand(countingEvent(), (progress) => trackSelection(f.deps, progress), f.run)).text).toBe("A message can be tracked once it has been sent.");
    f.fake.select([]);
    expect((await runCommand(countingEvent(), (progress) => trackSelection(f.deps, progress), f.run)).text).toBe("Select a message to track.");
  });
});
