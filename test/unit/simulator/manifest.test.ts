/** @jest-environment jsdom */
import { readFileSync } from "node:fs";
import path from "node:path";
import { localUrl, parseManifest } from "../../../src/simulator/manifest";

const XML = readFileSync(path.join(__dirname, "..", "..", "..", "manifest.xml"), "utf8");

describe("the ribbon the simulator reads from manifest.xml", () => {
  test("the read surface's group: Track and Untrack execute functions, OrgTrack shows the pinnable pane", () => {
    const manifest = parseManifest(XML, new DOMParser());
    expect(manifest.groupLabel).toBe("OrgTrack");
    expect(manifest.buttons.map((button) => [button.label, button.action.kind])).toEqual([
      ["Track", "executeFunction"],
      ["Untrack", "executeFunction"],
      ["OrgTrack", "showTaskpane"],
    ]);
    expect(manifest.buttons.map((button) => (button.action.kind === "executeFunction" ? button.action.functionName : button.action.url))).toEqual([
      "trackMessage",
      "untrackMessage",
      "https://localhost:3000/taskpane.html",
    ]);
    const pane = manifest.buttons[2]?.action;
    expect(pane).toMatchObject({ kind: "showTaskpane", supportsPinning: true });
    expect(manifest.functionFileUrl).toBe("https://localhost:3000/commands.html");
    expect(manifest.sourceLocation).toBe("https://localhost:3000/taskpane.html");
    expect(manifest.buttons[0]?.icons["32"]).toBe("https://localhost:3000/assets/track-32.png");
    expect(manifest.buttons[0]?.tooltip).toMatch(/sender, recipients and subject/);
  });

  test("labels follow the display language through bt:Override, the default label stays known", () => {
    const manifest = parseManifest(XML, new DOMParser(), "de-DE");
    expect(manifest.buttons[0]).toMatchObject({ label: "Nachverfolgen", defaultLabel: "Track" });
    expect(parseManifest(XML, new DOMParser(), "de-AT").buttons[0]?.label).toBe("Nachverfolgen");
    expect(parseManifest(XML, new DOMParser(), "fr-FR").buttons[0]?.label).toBe("Track");
  });

  test("a manifest the simulator cannot use is refused with the reason", () => {
    expect(() => parseManifest("<OfficeApp", new DOMParser())).toThrow("not well-formed");
    expect(() => parseManifest("<Other/>", new DOMParser())).toThrow("no OfficeApp");
    expect(() => parseManifest(XML.replace(/<VersionOverrides[\s\S]*<\/VersionOverrides>/, ""), new DOMParser())).toThrow("no VersionOverrides");
    expect(() => parseManifest(XML.replace("<FunctionName>trackMessage</FunctionName>", ""), new DOMParser())).toThrow("OrgTrack.Track executes no FunctionName");
    expect(() => parseManifest(XML.replace('resid="Track.Label"/>\n                    <Supertip>', 'resid="Nope"/>\n                    <Supertip>'), new DOMParser())).toThrow("OrgTrack.Track has no label");
  });

  test("add-in URLs map onto the server the simulator runs on, other URLs stay", () => {
    const dev = "https://localhost:3000/taskpane.html";
    expect(localUrl("https://localhost:3000/taskpane.html", dev, "https://localhost:41234/simulator.html")).toBe("https://localhost:41234/taskpane.html");
    expect(localUrl("https://localhost:3000/assets/track-32.png", dev, "https://localhost:41234/simulator.html?x=1")).toBe("https://localhost:41234/assets/track-32.png");
    expect(localUrl("https://addins.contoso.example/orgtrack/commands.html", "https://addins.contoso.example/orgtrack/taskpane.html", "https://localhost:41234/site/simulator.html")).toBe("https://localhost:41234/site/commands.html");
    expect(localUrl("https://login.microsoftonline.com/x", dev, "https://localhost:41234/simulator.html")).toBe("https://login.microsoftonline.com/x");
  });
});
