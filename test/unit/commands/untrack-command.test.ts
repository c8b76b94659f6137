import { runCommand } from "../../../src/commands/run-command";
import { trackSelection } from "../../../src/commands/track-command";
import { untrackOpenMessage } from "../../../src/commands/untrack-command";
import { parseOrgUrl } from "../../../src/core/orgs/org-url";
import { CONTOSO, CONTOSO_URL, FABRIKAM, FABRIKAM_URL, commandsFixture, countingEvent, received, type CommandsFixture } from "./commands-fixture";

const MESSAGES = [received("m1"), received("m2")];
const NORTHWIND = parseOrgUrl("https://northwind.crm.dynamics.com");
const MORGAN_ID = "22222222-2222-2222-2222-222222222222";

describe("the ribbon's Untrack states the owner rule in its result", () => {
  let f: CommandsFixture;
  afterEach(() => f.fake.uninstall());

  const untrack = async (): Promise<{ kind: string; text: string; completions: number }> => {
    const event = countingEvent();
    const outcome = await runCommand(event, (progress) => untrackOpenMessage(f.deps, progress), f.run);
    return { ...outcome, completions: event.count() };
  };
  const track = () => runCommand(countingEvent(), (progress) => trackSelection(f.deps, progress), f.run);

  test("as the owner: the copy is deleted from the org, the category removed", async () => {
    f = await commandsFixture({ orgs: [CONTOSO_URL], office: { messages: MESSAGES, openItemId: "m1" } });
    await track();
    const result = await untrack();
    expect(result).toEqual({ kind: "info", text: "Untracked: the copy was deleted from Contoso Sales.", completions: 1 });
    expect(f.service(CONTOSO).copiesOf("<m1@adventure-works.example>")).toHaveLength(0);
    expect(f.fake.message("m1").categories).toEqual([]);
    expect(f.fake.notifications("m1")).toEqual([expect.objectContaining({ type: "informationalMessage", message: result.text })]);
  });

  test("not the owner: the copy stays in the org, only unlinked here", async () => {
    f = await commandsFixture({ orgs: [CONTOSO_URL], office: { messages: MESSAGES, openItemId: "m1" } });
    await track();
    const service = f.service(CONTOSO);
    const [copy] = service.copiesOf("<m1@adventure-works.example>");
    if (copy === undefined) throw new Error("expected the tracked copy");
    copy.ownerId = MORGAN_ID;
    const result = await untrack();
    expect(result.text).toBe("Untracked: the copy stays in Contoso Sales; only unlinked here.");
    expect(service.copiesOf("<m1@adventure-works.example>")).toHaveLength(1);
    expect(f.fake.message("m1").categories).toEqual([]);
  });

  test("tracked only in another org than the synchronizing one: untracked from that org", async () => {
    f = await commandsFixture({ orgs: [CONTOSO_URL, FABRIKAM_URL], office: { messages: MESSAGES, openItemId: "m1" } });
    await f.session.track(["m1"], FABRIKAM.key);
    const result = await untrack();
    expect(result.text).toBe("Untracked: the copy was deleted from Fabrikam Support.");
    expect(f.service(FABRIKAM).copiesOf("<m1@adventure-works.example>")).toHaveLength(0);
    expect(f.service(CONTOSO).roundTrips).toBe(0);
  });

  test("tracked in two orgs, the synchronizing one among them: untracked from the synchronizing org only", async () => {
    f = await commandsFixture({ orgs: [CONTOSO_URL, FABRIKAM_URL], office: { messages: MESSAGES, openItemId: "m1" } });
    await f.session.track(["m1"], CONTOSO.key);
    await f.session.track(["m1"], FABRIKAM.key);
    expect((await untrack()).text).toBe("Untracked: the copy was deleted from Contoso Sales.");
    expect(f.fake.message("m1").categories).toEqual(["Tracked to Fabrikam Support"]);
  });

  test("tracked in two orgs, neither synchronizing: the person is sent to OrgTrack to choose", async () => {
    f = await commandsFixture({ orgs: [CONTOSO_URL, FABRIKAM_URL, NORTHWIND.url], office: { messages: MESSAGES, openItemId: "m1" } });
    await f.session.track(["m1"], FABRIKAM.key);
    await f.session.track(["m1"], NORTHWIND.key);
    const result = await untrack();
    expect(result).toEqual({ kind: "error", text: "This message is tracked in several organizations: untrack it in OrgTrack, where you choose which.", completions: 1 });
    expect(f.fake.message("m1").categories).toHaveLength(2);
  });

  test("not tracked anywhere: says so; no organization at all: says so too", async () => {
    f = await commandsFixture({ orgs: [CONTOSO_URL], office: { messages: MESSAGES, openItemId: "m1" } });
    expect(await untrack()).toEqual({ kind: "error", text: "This message is not tracked.", completions: 1 });
    f.fake.uninstall();
    f = await commandsFixture({ office: { messages: MESSAGES, openItemId: "m1" } });
    expect((await untrack()).text).toBe("This message is not tracked.");
  });

  test("several selected: one at a time; 'Connect automatically' off: queued", async () => {
    f = await commandsFixture({ orgs: [CONTOSO_URL], office: { messages: MESSAGES, selectedItemIds: ["m1", "m2"] } });
    expect((await untrack()).text).toBe("Select one message to untrack.");
    f.fake.uninstall();
    f = await commandsFixture({ orgs: [CONTOSO_URL], connectAutomatically: false, office: { messages: MESSAGES, openItemId: "m1" } });
    await track();
    const result = await untrack();
    expect(result.text).toBe("Waiting to be untracked from Contoso Sales. Open OrgTrack and choose Connect to send it.");
    expect(f.session.snapshot().queue.map((request) => request.kind)).toEqual(["track", "untrack"]);
  });
});
