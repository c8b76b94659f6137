/**
 * `npm start`: the whole product on this machine, in one command after `npm ci`.
 *
 *   npm start                                   emulator (demo seed) + add-in + Outlook simulator
 *   npm start -- --org <url> --client-id <id> [--tenant <id>]   against a real organization (no emulator)
 *   npm start -- --port 3000 --emulator-port 5555 --data .data/emulator.sqlite
 *
 * 1. makes sure a localhost certificate exists (.certs/, git-ignored);
 * 2. starts the local organization server (the emulator) on https://localhost:5555 with the demo
 *    seed and its data in .data/ — unless --org is given;
 * 3. builds the add-in (development mode, with the simulator) into .data/web and rebuilds it when
 *    a source changes (a watch build: cheaper than a dev server on a small machine);
 * 4. serves it on https://localhost:3000 with scripts/serve-static.ts, config.json from memory;
 * 5. prints the simulator URL, the manifest URL and the demo sign-in users.
 * Ctrl+C stops everything.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import webpack from "webpack";
import { createEmulator, type Emulator } from "../emulator/src/app";
import { ensureLocalhostCertificate } from "../emulator/src/http/certificates";
import { listen, type RunningServer } from "../emulator/src/http/server";
import { DEMO_SEED_FILE, readSeedFile } from "../emulator/src/seed/validate";
import type { Seed } from "../emulator/src/seed/types";
import type { AppConfigFile } from "../src/config/app-config";
import { addinClientId, emulatorConfig, organizationConfig } from "./app-config-file";
import { startStaticServer, type StaticServer } from "./serve-static";
import { REPO_ROOT, webpackConfiguration } from "./site";

const USAGE = `Usage: npm start [-- --port 3000] [--emulator-port 5555] [--data .data/emulator.sqlite]
       npm start -- --org <organization URL> --client-id <app id> [--tenant <tenant id>] [--port 3000]

Runs OrgTrack locally: the organization server (emulator, demo seed), the add-in built in watch
mode, and the Outlook simulator, all over HTTPS with a generated localhost certificate.
With --org, runs against a real Dynamics 365 organization and Microsoft Entra ID instead: the app
registration (--client-id) needs the SPA redirect URI https://localhost:<port>/auth-redirect.html.`;

/** The parsed command line of npm start. */
export type StartOptions =
  | { kind: "emulator"; port: number; emulatorPort: number; dataFile: string }
  | { kind: "organization"; port: number; orgUrl: string; clientId: string; tenant: string | undefined }
  | { kind: "help" };

/** Returns the options of a command line; throws an Error with the usage for a wrong one. */
export function parseStartArgs(args: readonly string[]): StartOptions {
  const { values } = parseArgs({
    args: [...args],
    options: {
      port: { type: "string", default: "3000" },
      "emulator-port": { type: "string", default: "5555" },
      data: { type: "string", default: path.join(REPO_ROOT, ".data", "emulator.sqlite") },
      org: { type: "string" },
      "client-id": { type: "string" },
      tenant: { type: "string" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) return { kind: "help" };
  const port = portNumber(values.port, "--port");
  if (values.org !== undefined || values["client-id"] !== undefined || values.tenant !== undefined) {
    if (values.org === undefined || values["client-id"] === undefined) throw new Error(`--org and --client-id go together.\n\n${USAGE}`);
    let org: URL;
    try {
      org = new URL(values.org);
    } catch {
      throw new Error(`--org must be the organization's address (https://…), not "${values.org}".\n\n${USAGE}`);
    }
    if (org.protocol !== "https:") throw new Error(`--org must use https://, not "${values.org}".\n\n${USAGE}`);
    return { kind: "organization", port, orgUrl: values.org, clientId: values["client-id"], tenant: values.tenant };
  }
  return { kind: "emulator", port, emulatorPort: portNumber(values["emulator-port"], "--emulator-port"), dataFile: path.resolve(values.data) };
}

function portNumber(text: string, flag: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`${flag} must be a port number, not "${text}".\n\n${USAGE}`);
  return port;
}

/** Returns the lines npm start prints once everything runs (no tokens; the demo users' addresses and password are the seed's, meant to be shown). */
export function readyMessage(options: { webUrl: string; emulator?: { url: string; seed: Seed; orgs: { friendlyName: string; urlName: string }[] }; config: AppConfigFile }): string[] {
  const lines = [
    "",
    "OrgTrack is running.",
    `  Outlook simulator    ${options.webUrl}/simulator.html`,
    `  Manifest             ${options.webUrl}/manifest.xml   (sideload it in Outlook: README, "Sideloading")`,
    `  Task pane            ${options.webUrl}/taskpane.html`,
  ];
  if (options.emulator !== undefined) {
    lines.push(`  Organization server  ${options.emulator.url}`);
    for (const org of options.emulator.orgs) lines.push(`    ${org.friendlyName.padEnd(22)} ${options.emulator.url}/${org.urlName}`);
    const passwords = new Set(options.emulator.seed.users.map((user) => user.password));
    lines.push(`  Demo sign-in users${passwords.size === 1 ? ` (password ${[...passwords][0] ?? ""})` : ""}:`);
    for (const user of options.emulator.seed.users) {
      lines.push(`    ${user.email.padEnd(30)} ${user.displayName}${passwords.size === 1 ? "" : `  (password ${user.password})`}`);
    }
  } else {
    lines.push(`  Sign-in              ${options.config.authority} (app ${options.config.clientId})`);
    for (const org of options.config.orgUrls ?? []) lines.push(`  Organization         ${org}  (offered in "Add organization")`);
  }
  lines.push(
    "The certificate is self-signed (.certs/localhost.crt): trust it, or accept the browser's warning once per port.",
    "Sources are watched and rebuilt; reload the page to see a change. Ctrl+C stops everything.",
    "",
  );
  return lines;
}

async function main(): Promise<void> {
  let options: StartOptions;
  try {
    options = parseStartArgs(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 2;
    return;
  }
  if (options.kind === "help") {
    console.log(USAGE);
    return;
  }
  const tls = await ensureLocalhostCertificate();
  let emulator: Emulator | undefined;
  let emulatorServer: RunningServer | undefined;
  let seed: Seed | undefined;
  let config: AppConfigFile;
  if (options.kind === "emulator") {
    seed = readSeedFile(DEMO_SEED_FILE);
    mkdirSync(path.dirname(options.dataFile), { recursive: true });
    emulator = createEmulator({ seed, dataFile: options.dataFile });
    const running = emulator;
    emulatorServer = await listen((req) => running.handle(req), tls, options.emulatorPort, "localhost");
    console.log(`Organization server (emulator) on ${emulatorServer.url}, data in ${path.relative(REPO_ROOT, options.dataFile)}`);
    config = emulatorConfig(emulatorServer.url, addinClientId(seed));
  } else {
    config = organizationConfig({ clientId: options.clientId, tenant: options.tenant, orgUrl: options.orgUrl });
  }

  const webUrl = `https://localhost:${options.port}`;
  const outputPath = path.join(REPO_ROOT, ".data", "web");
  console.log(`Building the add-in into ${path.relative(REPO_ROOT, outputPath)} (first build takes a while)…`);
  const compiler = webpack(webpackConfiguration({ addinUrl: webUrl, simulator: "true", outputPath }, "development"));
  let web: StaticServer | undefined;
  let firstBuild = true;
  const watching = compiler.watch({}, (error, stats) => {
    if (error) {
      console.error(`Build failed: ${error.message}`);
      return;
    }
    if (stats === undefined) return;
    const seconds = ((stats.endTime - stats.startTime) / 1000).toFixed(1);
    if (stats.hasErrors()) console.error(stats.toString({ preset: "errors-only", colors: true }));
    else console.log(`${firstBuild ? "Built" : "Rebuilt"} in ${seconds} s${stats.hasWarnings() ? " (with warnings)" : ""}`);
    if (!firstBuild) return;
    firstBuild = false;
    void startStaticServer({ root: outputPath, port: options.port, tls, files: { "/config.json": `${JSON.stringify(config, null, 2)}\n` } })
      .then((server) => {
        web = server;
        const orgs = emulator === undefined ? [] : [...emulator.context.directory.orgs.values()].map((org) => ({ friendlyName: org.friendlyName, urlName: org.urlName }));
        const message = readyMessage({
          webUrl,
          config,
          ...(emulatorServer !== undefined && seed !== undefined ? { emulator: { url: emulatorServer.url, seed, orgs } } : {}),
        });
        console.log(message.join("\n"));
      })
      .catch((serverError: unknown) => {
        console.error(`Cannot serve the add-in on port ${options.port}: ${(serverError as Error).message}`);
        stop(1);
      });
  });

  let stopping = false;
  const stop = (code = 0): void => {
    if (stopping) return;
    stopping = true;
    const closeServers = (): void => {
      void Promise.all([web?.close(), emulatorServer?.close()]).then(() => {
        emulator?.close();
        process.exit(code);
      });
    };
    if (watching === undefined) closeServers();
    else watching.close(closeServers);
  };
  process.on("SIGINT", () => stop());
  process.on("SIGTERM", () => stop());
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error((error as Error).message);
    process.exitCode = 1;
  });
}
