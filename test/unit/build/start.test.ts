import path from "node:path";
import { DEMO_SEED_FILE, readSeedFile } from "../../../emulator/src/seed/validate";
import { emulatorConfig, organizationConfig } from "../../../scripts/app-config-file";
import { parseStartArgs, readyMessage } from "../../../scripts/start";

const REPO = path.resolve(__dirname, "../../..");

describe("npm start's command line", () => {
  test("with no arguments: the emulator on 5555, the add-in on 3000, data in .data/", () => {
    expect(parseStartArgs([])).toEqual({ kind: "emulator", port: 3000, emulatorPort: 5555, dataFile: path.join(REPO, ".data", "emulator.sqlite") });
  });

  test("--org with --client-id runs against a real organization", () => {
    expect(parseStartArgs(["--org", "https://contoso.crm4.dynamics.com/main.aspx?appid=1", "--client-id", "app-id", "--tenant", "contoso.onmicrosoft.com", "--port", "3443"])).toEqual({
      kind: "organization",
      port: 3443,
      orgUrl: "https://contoso.crm4.dynamics.com/main.aspx?appid=1",
      clientId: "app-id",
      tenant: "contoso.onmicrosoft.com",
    });
  });

  test.each([
    [["--org", "https://contoso.crm.dynamics.com"], /--org and --client-id go together/],
    [["--client-id", "app-id"], /--org and --client-id go together/],
    [["--org", "http://contoso.crm.dynamics.com", "--client-id", "x"], /--org must use https/],
    [["--org", "contoso", "--client-id", "x"], /--org must be the organization's address/],
    [["--port", "http"], /--port must be a port number/],
    [["--emulator-port", "70000"], /--emulator-port must be a port number/],
  ])("%j is refused: %s", (args, message) => {
    expect(() => parseStartArgs(args)).toThrow(message);
  });

  test("--help asks for the usage", () => {
    expect(parseStartArgs(["--help"])).toEqual({ kind: "help" });
  });
});

describe("what npm start prints when ready", () => {
  test("with the emulator: the simulator and manifest URLs, the orgs and every demo user", () => {
    const seed = readSeedFile(DEMO_SEED_FILE);
    const text = readyMessage({
      webUrl: "https://localhost:3000",
      config: emulatorConfig("https://localhost:5555", "id"),
      emulator: { url: "https://localhost:5555", seed, orgs: [{ friendlyName: "Contoso Sales", urlName: "contoso" }] },
    }).join("\n");
    expect(text).toContain("Outlook simulator    https://localhost:3000/simulator.html");
    expect(text).toContain("Manifest             https://localhost:3000/manifest.xml");
    expect(text).toContain("Contoso Sales          https://localhost:5555/contoso");
    expect(text).toContain("Demo sign-in users (password OrgTrack-Demo-1):");
    for (const user of seed.users) expect(text).toMatch(new RegExp(`${user.email.replace(/\./g, "\\.")}\\s+${user.displayName}`));
  });

  test("against a real organization: the authority and the org, no demo users", () => {
    const text = readyMessage({ webUrl: "https://localhost:3000", config: organizationConfig({ clientId: "app-id", orgUrl: "https://contoso.crm.dynamics.com" }) }).join("\n");
    expect(text).toContain("Sign-in              https://login.microsoftonline.com/organizations (app app-id)");
    expect(text).toContain("Organization         https://contoso.crm.dynamics.com");
    expect(text).not.toContain("Demo sign-in");
  });
});
