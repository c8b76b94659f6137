import { loadAppConfig } from "../config/app-config";
import { languageOf, loadStrings } from "../i18n";
import { showItemNotification } from "../office/notifications";
import { COMMAND_STRINGS, createCommandText, type CommandText } from "./messages";
import { officeDisplayLanguage, officeRibbonHost, whenOfficeReady } from "../office/actions";
import { registerRibbonCommands } from "./ribbon";
import { createCommandRuntime } from "./runtime";
import type { UntrackDeps } from "./untrack-command";

/**
 * The ribbon commands' entry (commands.html, manifest.xml's FunctionFile): registers Track and
 * Untrack at once (Outlook may call them as soon as the page has loaded), then builds the
 * composition when Office.js is ready: config.json, the strings of Office's display language,
 * MSAL. Each command gets a new session over the settings as saved then. A command pressed
 * meanwhile waits for the composition.
 */

let text: CommandText = createCommandText();

async function compose(): Promise<() => UntrackDeps> {
  await whenOfficeReady();
  const [config, strings] = await Promise.all([loadAppConfig(), loadStrings(languageOf(officeDisplayLanguage()), COMMAND_STRINGS).catch(() => undefined)]);
  if (strings !== undefined) text = createCommandText(strings);
  const runtime = createCommandRuntime(config, text);
  return () => runtime.forCommand();
}

const ready = compose();
ready.catch(() => undefined);
registerRibbonCommands(officeRibbonHost(), ready, () => ({ notify: showItemNotification, describeError: (error) => text.describeError(error) }));
