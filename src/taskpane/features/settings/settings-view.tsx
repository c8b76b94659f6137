import { Button, Switch, Text } from "@fluentui/react-components";
import { useState } from "react";
import { toAppError, type AppError } from "../../../core/errors";
import type { SessionPreferences } from "../../../core/session";
import { ErrorNotice } from "../../components/error-notice";
import { Loading } from "../../components/loading";
import { Notice } from "../../components/notice";
import { useSession, useSnapshot } from "../../shared/session";
import { useTranslator } from "../../shared/strings";
import { useMounted } from "../../shared/use-mounted";
import { PrivacyNote } from "./privacy-note";
import { useCardListStyles } from "../../components/card-list.styles";
import { useSettingsStyles } from "./settings-view.styles";

/** Saving a preference: nothing pending, saving one, or failed (the switch shows what is stored). */
type PreferenceState = { kind: "idle" } | { kind: "saving"; preference: keyof SessionPreferences } | { kind: "failed"; error: AppError };

/** Sending the waiting requests: not asked, under way, done (how many went out, how many stay), or failed. */
type ReplayState = { kind: "idle" } | { kind: "sending" } | { kind: "sent"; sent: number; failed: number } | { kind: "failed"; error: AppError };

/**
 * Settings: "Save my credentials on this device", "Connect automatically", the queue of waiting
 * requests (each with its last error and "Discard", and a way to send them now), how much of the
 * mailbox's settings space is used, and the privacy note.
 */
export function SettingsView() {
  const styles = useSettingsStyles();
  const cards = useCardListStyles();
  const { t, describe, language } = useTranslator();
  const session = useSession();
  const snapshot = useSnapshot();
  const mounted = useMounted();
  const [preference, setPreference] = useState<PreferenceState>({ kind: "idle" });
  const [replay, setReplay] = useState<ReplayState>({ kind: "idle" });
  const [discardError, setDiscardError] = useState<AppError | undefined>(undefined);

  if (!snapshot.loaded) return <Loading label={t("settings.loading")} />;

  const save = async (change: Partial<SessionPreferences>, name: keyof SessionPreferences) => {
    setPreference({ kind: "saving", preference: name });
    try {
      await session.setPreferences(change);
      if (mounted.current) setPreference({ kind: "idle" });
    } catch (error) {
      if (mounted.current) setPreference({ kind: "failed", error: toAppError(error) });
    }
  };

  const sendWaiting = async () => {
    setReplay({ kind: "sending" });
    try {
      const result = await session.connect();
      const failed = result.replayed.filter((replayed) => !replayed.outcome.ok).length;
      if (mounted.current) setReplay({ kind: "sent", sent: result.replayed.length - failed, failed });
    } catch (error) {
      if (mounted.current) setReplay({ kind: "failed", error: toAppError(error) });
    }
  };

  const discard = async (id: string) => {
    setDiscardError(undefined);
    try {
      await session.discardQueued(id);
    } catch (error) {
      if (mounted.current) setDiscardError(toAppError(error));
    }
  };

  const orgName = (key: string) => snapshot.orgs.find((org) => org.key === key)?.friendlyName ?? key;
  const when = (iso: string) => {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(language, { dateStyle: "short", timeStyle: "short" });
  };
  const saving = preference.kind === "saving";

  return (
    <div className={styles.root}>
      <section className={styles.section} aria-labelledby="orgtrack-settings-heading">
        <Text as="h2" id="orgtrack-settings-heading" size={500} weight="semibold">
          {t("settings.title")}
        </Text>
        {snapshot.settingsProblem === undefined ? null : <ErrorNotice intent="warning" error={snapshot.settingsProblem} />}
        <Switch
          label={t("settings.saveCredentials")}
          checked={snapshot.preferences.saveCredentials}
          disabled={saving}
          onChange={(_, data) => void save({ saveCredentials: data.checked }, "saveCredentials")}
        />
        <Text size={200} className={styles.description}>
          {t("settings.saveCredentials.description")}
        </Text>
        <Switch
          label={t("settings.connectAutomatically")}
          checked={snapshot.preferences.connectAutomatically}
          disabled={saving}
          onChange={(_, data) => void save({ connectAutomatically: data.checked }, "connectAutomatically")}
        />
        <Text size={200} className={styles.description}>
          {t("settings.connectAutomatically.description")}
        </Text>
        {preference.kind === "failed" ? <ErrorNotice error={preference.error} onDismiss={() => setPreference({ kind: "idle" })} /> : null}
      </section>

      <section className={styles.section} aria-labelledby="orgtrack-queue-heading">
        <Text as="h3" id="orgtrack-queue-heading" weight="semibold">
          {t("settings.queue.title")}
        </Text>
        {discardError === undefined ? null : <ErrorNotice error={discardError} onDismiss={() => setDiscardError(undefined)} />}
        {snapshot.queue.length === 0 ? (
          <Text className={styles.muted}>{t("settings.queue.empty")}</Text>
        ) : (
          <>
            <ul className={cards.list} aria-labelledby="orgtrack-queue-heading">
              {snapshot.queue.map((request) => {
                const label = t(request.kind === "track" ? "settings.queue.track" : "settings.queue.untrack", { org: orgName(request.orgKey) });
                return (
                  <li key={request.id} className={cards.card} aria-label={label}>
                    <span className={styles.itemText}>
                      <Text>{label}</Text>
                      <Text size={200} className={styles.muted}>
                        {t("settings.queue.queuedAt", { time: when(request.queuedAt) })}
                      </Text>
                      {request.lastError === undefined ? null : (
                        <Text size={200} className={styles.error}>
                          {describe(request.lastError)}
                        </Text>
                      )}
                    </span>
                    <Button size="small" onClick={() => void discard(request.id)}>
                      {t("settings.queue.discard")}
                    </Button>
                  </li>
                );
              })}
            </ul>
            <div>
              <Button appearance="primary" disabled={replay.kind === "sending"} onClick={() => void sendWaiting()}>
                {t("settings.queue.send")}
              </Button>
            </div>
          </>
        )}
        {replay.kind === "sending" ? <Loading label={t("settings.queue.sending")} /> : null}
        {replay.kind === "sent" ? (
          <Notice intent={replay.failed === 0 ? "success" : "warning"} onDismiss={() => setReplay({ kind: "idle" })}>
            {t("settings.queue.sent", { sent: replay.sent, failed: replay.failed })}
          </Notice>
        ) : null}
        {replay.kind === "failed" ? <ErrorNotice error={replay.error} onDismiss={() => setReplay({ kind: "idle" })} /> : null}
      </section>

      <Text size={200} className={styles.muted}>
        {t("settings.usage", { used: Math.ceil(snapshot.settingsUsage.bytes / 1024), limit: Math.floor(snapshot.settingsUsage.limitBytes / 1024) })}
      </Text>

      <PrivacyNote />
    </div>
  );
}
