import { createRoot, type Root } from "react-dom/client";
import { loadAppConfig } from "../config/app-config";
import { toAppError } from "../core/errors";
import { en, languageOf, loadStrings } from "../i18n";
import { App } from "./app/app";
import { StartupView, type StartupState } from "./app/startup-view";
import { loadFluentTheme } from "./app/use-host-theme";
import { composeTaskpane } from "./compose";
import { connectOfficeHost, themeOf } from "./host/office-host";

/**
 * The task pane's composition root. It renders a labelled spinner at once, waits for Office.js
 * (through src/office) and the configuration, composes the session, renders the app, and starts
 * the session: the org list from the saved settings shows first ("connecting…"), and MSAL (its
 * own chunk) loads only once that list has been painted. Dialogs and rare views are chunks of
 * their own too, so the first render needs none of them.
 */

const container = document.getElementById("root") ?? document.body.appendChild(document.createElement("div"));
void boot(createRoot(container));

async function boot(root: Root): Promise<void> {
  const retry = () => window.location.reload();
  const startup = (state: StartupState) => root.render(<StartupView state={state} strings={en} theme={themeOf(undefined)} onRetry={retry} />);
  startup({ kind: "starting" });
  try {
    const [host, config] = await Promise.all([connectOfficeHost(), loadAppConfig()]);
    // The person's language and (for a dark Office) the dark theme load before the first render of the app.
    const [strings] = await Promise.all([loadStrings(languageOf(host.displayLanguage)), loadFluentTheme(host.theme())]);
    let listPainted: () => void = () => undefined;
    const tokensAfter = new Promise<void>((resolve) => {
      listPainted = resolve;
    });
    const parts = composeTaskpane({ host, config, tokensAfter });
    root.render(<App session={parts.session} host={host} strings={strings} confirmations={parts.confirmations} options={parts.options} />);
    const stop = parts.session.subscribe((snapshot) => {
      if (!snapshot.loaded) return;
      stop();
      afterNextPaint(() => {
        listPainted();
        parts.tokens.warmUp();
        // The rarer views and dialogs are fetched once the pane is idle, so they also open while offline later.
        setTimeout(prefetchLazyParts, 1000);
      });
    });
    void parts.session.start();
  } catch (error) {
    startup({ kind: "failed", error: toAppError(error) });
  }
}

/** Loads the chunks of the views and dialogs that are not part of the first render (a failure is retried when they are opened). */
function prefetchLazyParts(): void {
  const parts = [
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
