import { createRoot, type Root } from "react-dom/client";
import { loadAppConfig } from "../config/app-config";
import { toAppError } from "../core/errors";
import { languageOf, loadStrings } from "../i18n";
import { errorsPart } from "../i18n/parts/errors";
import { App } from "./app/app";
import { StartupView, type StartupState } from "./app/startup-view";
import { loadFluentTheme } from "./app/use-host-theme";
import { composeTaskpane } from "./compose";
import { connectOfficeHost, themeOf } from "./host/office-host";
import { FIRST_RENDER_ENGLISH, FIRST_RENDER_STRINGS, LATER_STRING_PARTS, paneStringCatalog } from "./shared/strings";

/**
 * The task pane's composition root. It renders a labelled spinner at once, waits for Office.js
 * (through src/office) and the configuration, composes the session, renders the app, and starts
 * the session: the org list from the saved settings shows first ("connecting…"), and MSAL (its
 * own chunk) loads only once that list has been painted. The message view, dialogs and rare
 * views are chunks of their own too, and so are the strings they show and the service layer's
 * error words (src/i18n parts): the first render needs none of them. Once the list is painted,
 * they are fetched (so that they also open while offline later).
 */

const container = document.getElementById("root") ?? document.body.appendChild(document.createElement("div"));
void boot(createRoot(container));

async function boot(root: Root): Promise<void> {
  const retry = () => window.location.reload();
  const startup = (state: StartupState, strings = FIRST_RENDER_ENGLISH) => root.render(<StartupView state={state} strings={strings} theme={themeOf(undefined)} onRetry={retry} />);
  startup({ kind: "starting" });
  try {
    const [host, config] = await Promise.all([connectOfficeHost(), loadAppConfig()]);
    // The person's language and (for a dark Office) the dark theme load before the first render of the app.
    const language = languageOf(host.displayLanguage);
    const [strings] = await Promise.all([loadStrings(language, FIRST_RENDER_STRINGS), loadFluentTheme(host.theme())]);
    const catalog = paneStringCatalog(language, strings);
    let listPainted: () => void = () => undefined;
    const tokensAfter = new Promise<void>((resolve) => {
      listPainted = resolve;
    });
    const parts = composeTaskpane({ host, config, tokensAfter });
    root.render(<App session={parts.session} host={host} strings={catalog} confirmations={parts.confirmations} options={parts.options} />);
    const stop = parts.session.subscribe((snapshot) => {
      if (!snapshot.loaded) return;
      stop();
      afterNextPaint(() => {
        listPainted();
        parts.tokens.warmUp();
        // The service layer's error words and the later views' strings (until they arrive, an error reads as its kind).
        catalog.load(LATER_STRING_PARTS).catch(() => undefined);
        // The rarer views and dialogs are fetched once the pane is idle, so they also open while offline later.
        setTimeout(prefetchLazyParts, 1000);
      });
    });
    void parts.session.start();
  } catch (error) {
    // Why the pane cannot start is said in its own words (the error part), in English: Outlook may not have named a language.
    const strings = await loadStrings("en", { ...FIRST_RENDER_STRINGS, errors: errorsPart }).catch(() => FIRST_RENDER_ENGLISH);
    startup({ kind: "failed", error: toAppError(error) }, strings);
  }
}

/** Loads the chunks of the views and dialogs that are not part of the first render (a failure is retried when they are opened). */
function prefetchLazyParts(): void {
  const parts = [
    () => import("./features/message/message-view"),
    () => import("./features/settings/settings-view"),
    () => import("./features/selection/selection-view"),
    () => import("./features/organizations/add-organization-dialog"),
    () => import("./features/organizations/remove-organization-dialog"),
    () => import("./features/message/regarding-panel"),
    () => import("./components/confirm-dialog"),
  ];
  for (const load of parts) load().catch(() => undefined);
}

/** Runs `work` once the browser has painted the next frame (or after 250 ms in a tab that does not paint). */
function afterNextPaint(work: () => void): void {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    work();
  };
  requestAnimationFrame(() => setTimeout(run, 0));
  setTimeout(run, 250);
}
