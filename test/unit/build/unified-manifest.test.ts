import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { convertToUnified, correctUnifiedManifest } from "../../../scripts/unified-manifest";

const MANIFEST = path.resolve(__dirname, "../../../manifest.xml");

describe("unified manifest", () => {
  const converted = {
    icons: { outline: "assets/icon-64.png", color: "assets/icon-128.png" },
    accentColor: "#230201",
    extensions: [
      {
        ribbons: [
          { contexts: ["mailRead"], tabs: [{ groups: [{ controls: [{ actionId: "trackMessage" }, { actionId: "action_1" }] }] }] },
          { contexts: ["mailCompose"], tabs: [{ groups: [{ controls: [{ actionId: "action_2" }] }] }] },
        ],
        runtimes: [
          { actions: [{ id: "trackMessage", type: "executeFunction", multiselect: false }] },
          { actions: [{ id: "action_1", type: "openPage", multiselect: false }] },
          { actions: [{ id: "action_2", type: "openPage", multiselect: false }] },
        ],
      },
    ],
  };

  test("the read surface's task pane action keeps multi-select (not the compose form's), the icons are the unified manifest's own; the input is untouched", () => {
    const out = correctUnifiedManifest(converted, "<Action><SupportsMultiSelect>true</SupportsMultiSelect></Action>");
    expect(out.icons).toEqual({ color: "assets/color-192.png", outline: "assets/outline-32.png" });
    expect(out.accentColor).toBe("#0F6CBD");
    const runtimes = (out.extensions as { runtimes: { actions: { multiselect: boolean }[] }[] }[])[0]?.runtimes ?? [];
    expect(runtimes.map((runtime) => runtime.actions[0]?.multiselect)).toEqual([false, true, false]);
    expect(converted.extensions[0]?.runtimes[1]?.actions[0]?.multiselect).toBe(false);
  });

  test("without SupportsMultiSelect in the XML, no action is multi-select", () => {
    const out = correctUnifiedManifest(converted, "<Action/>");
    const runtimes = (out.extensions as { runtimes: { actions: { multiselect: boolean }[] }[] }[])[0]?.runtimes ?? [];
    expect(runtimes.map((runtime) => runtime.actions[0]?.multiselect)).toEqual([false, false, false]);
  });

  describe("converted from manifest.xml", () => {
    let out: string;
    beforeAll(() => {
      out = mkdtempSync(path.join(os.tmpdir(), "orgtrack-unified-test-"));
    });
    afterAll(() => rmSync(out, { recursive: true, force: true }));

    test("has the commands, the pinnable multi-select pane, the compose form's pane, the German strings, nothing truncated", async () => {
      const files = await convertToUnified(MANIFEST, out);
      expect(files.locales.map((file) => path.basename(file))).toEqual(["de-de.json"]);
      const text = readFileSync(files.manifest, "utf8");
      expect(text).not.toContain("<TRUNCATED>");
      const manifest = JSON.parse(text) as {
        id: string;
        authorization: { permissions: { resourceSpecific: { name: string }[] } };
        extensions: { requirements: { capabilities: { name: string; minVersion: string }[] }; runtimes: { code: { page: string }; actions: { id: string; type: string; pinnable?: boolean; multiselect: boolean }[] }[] }[];
      };
      expect(manifest.id).toBe("b6495ef3-7481-43c0-84f9-e206b25a0a7b");
      expect(manifest.authorization.permissions.resourceSpecific.map((permission) => permission.name)).toEqual(["Mailbox.ReadWrite.User"]);
      expect(manifest.extensions[0]?.requirements.capabilities).toEqual([{ name: "Mailbox", minVersion: "1.5" }]);
      const actions = (manifest.extensions[0]?.runtimes ?? []).flatMap((runtime) => runtime.actions.map((action) => ({ page: runtime.code.page, ...action })));
      expect(actions).toEqual([
        expect.objectContaining({ page: "https://localhost:3000/commands.html", id: "trackMessage", type: "executeFunction", multiselect: false }),
        expect.objectContaining({ page: "https://localhost:3000/commands.html", id: "untrackMessage", type: "executeFunction", multiselect: false }),
        expect.objectContaining({ page: "https://localhost:3000/taskpane.html", type: "openPage", pinnable: true, multiselect: true }),
        expect.objectContaining({ page: "https://localhost:3000/taskpane.html", type: "openPage", pinnable: false, multiselect: false }),
      ]);
      const german = JSON.parse(readFileSync(path.join(out, "de-de.json"), "utf8")) as Record<string, string>;
      expect(german["extensions[0].ribbons[0].tabs[0].groups[0].controls[0].label"]).toBe("Nachverfolgen");
      expect(existsSync(path.join(out, "manifest.json"))).toBe(true);
    });
  });
});
