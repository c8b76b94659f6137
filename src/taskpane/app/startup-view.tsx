import { FluentProvider } from "@fluentui/react-components";
import type { AppError } from "../../core/errors";
import type { Strings } from "../../i18n";
import { isNotInOutlook } from "../../office/outlook-ready";
import { ErrorNotice } from "../components/error-notice";
import { Loading } from "../components/loading";
import type { HostTheme } from "../host/types";
import { StringsProvider, useTranslator } from "../shared/strings";
import { useAppStyles } from "./app.styles";
import { webLightTheme } from "./light-theme";
import { fluentThemeIfLoaded } from "./use-host-theme";

/** The pane before the app runs: starting (waiting for Outlook and the configuration), or unable to start (with why, and "Try again" unless the page is not in Outlook). */
export type StartupState = { kind: "starting" } | { kind: "failed"; error: AppError };

export type StartupViewProps = { state: StartupState; strings: Strings; theme: HostTheme; onRetry: () => void };

/** What the pane shows until the app is composed: a labelled spinner, or the startup error; never blank. */
export function StartupView(props: StartupViewProps) {
  const styles = useAppStyles();
  return (
    <FluentProvider theme={fluentThemeIfLoaded(props.theme) ?? webLightTheme} className={styles.provider} lang={props.strings["meta.language"]}>
      <StringsProvider strings={props.strings}>
        <main className={styles.root}>
          <StartupContent state={props.state} onRetry={props.onRetry} />
        </main>
      </StringsProvider>
    </FluentProvider>
  );
}

function StartupContent(props: { state: StartupState; onRetry: () => void }) {
  const { t } = useTranslator();
  if (props.state.kind === "starting") return <Loading label={t("app.starting")} size="medium" />;
  // Outside Outlook trying again cannot help: the message says where to open OrgTrack instead.
  const canRetry = !isNotInOutlook(props.state.error);
  return <ErrorNotice error={props.state.error} {...(canRetry ? { onRetry: props.onRetry } : {})} />;
}
