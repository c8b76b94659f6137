import { Button, Field, Input, Radio, RadioGroup, Text } from "@fluentui/react-components";
import { useCallback, useEffect, useState } from "react";
import { toAppError, type AppError } from "../../../core/errors";
import type { RecordRef } from "../../../core/ports";
import type { SessionOrg } from "../../../core/session";
import type { MessageKey } from "../../../i18n";
import { ErrorNotice } from "../../components/error-notice";
import { Loading } from "../../components/loading";
import { Notice } from "../../components/notice";
import { useSession } from "../../shared/session";
import { useTranslator } from "../../shared/strings";
import { useMounted } from "../../shared/use-mounted";
import { useMessageStyles } from "./message-view.styles";

/** The records offered: loading, loaded (the sender's and recipients' first, then what matches the search), or failed (offline, no access…). */
type SuggestState = { kind: "loading" } | { kind: "loaded"; records: readonly RecordRef[]; searched: boolean } | { kind: "failed"; error: AppError };

/** Linking the tracked copy to the chosen record. */
type SaveState = { kind: "idle" } | { kind: "saving" } | { kind: "saved"; record: RecordRef } | { kind: "failed"; error: AppError };

const TABLE: Record<RecordRef["table"], MessageKey> = {
  contact: "regarding.table.contact",
  account: "regarding.table.account",
  lead: "regarding.table.lead",
  opportunity: "regarding.table.opportunity",
};

export type RegardingPanelProps = { itemId: string; org: SessionOrg; onClose: () => void };

/** "Set regarding" for the message's copy in one org: suggestions from the sender and recipients, a search, and "Link to record". */
export function RegardingPanel(props: RegardingPanelProps) {
  const styles = useMessageStyles();
  const { t } = useTranslator();
  const session = useSession();
  const mounted = useMounted();
  const [text, setText] = useState("");
  const [suggest, setSuggest] = useState<SuggestState>({ kind: "loading" });
  const [chosen, setChosen] = useState<string>("");
  const [save, setSave] = useState<SaveState>({ kind: "idle" });
  const { itemId, org } = props;

  const load = useCallback(
    async (search: string) => {
      setSuggest({ kind: "loading" });
      try {
        const records = await session.suggestRegarding(itemId, org.key, search === "" ? undefined : search);
        if (mounted.current) setSuggest({ kind: "loaded", records, searched: search !== "" });
      } catch (error) {
        if (mounted.current) setSuggest({ kind: "failed", error: toAppError(error) });
      }
    },
    [itemId, mounted, org.key, session],
  );

  useEffect(() => {
    void load("");
  }, [load]);

  const records = suggest.kind === "loaded" ? suggest.records : [];
  const picked = records.find((record) => keyOf(record) === chosen);

  const link = async () => {
    if (picked === undefined) return;
    setSave({ kind: "saving" });
    try {
      await session.setRegarding(itemId, picked, org.key);
      if (mounted.current) setSave({ kind: "saved", record: picked });
    } catch (error) {
      if (mounted.current) setSave({ kind: "failed", error: toAppError(error) });
    }
  };

  return (
    <section className={styles.section} aria-labelledby="orgtrack-regarding-heading">
      <Text as="h3" id="orgtrack-regarding-heading" weight="semibold">
        {t("regarding.title", { org: org.friendlyName })}
      </Text>
      <form
        className={styles.actions}
        onSubmit={(event) => {
          event.preventDefault();
          void load(text.trim());
        }}
      >
        <Field label={t("regarding.search")}>
          <Input value={text} onChange={(_, data) => setText(data.value)} />
        </Field>
        <Button type="submit" disabled={suggest.kind === "loading"}>
          {t("regarding.searchButton")}
        </Button>
      </form>
      {suggest.kind === "loading" ? <Loading label={t("regarding.loading")} /> : null}
      {suggest.kind === "failed" ? <ErrorNotice error={suggest.error} onRetry={() => void load(text.trim())} /> : null}
      {suggest.kind === "loaded" && records.length === 0 ? (
        <Text className={styles.muted}>{suggest.searched ? t("regarding.noMatch") : t("regarding.noSuggestions")}</Text>
      ) : null}
      {records.length > 0 ? (
        <Field label={suggest.kind === "loaded" && suggest.searched ? t("regarding.results") : t("regarding.suggestions")}>
          <RadioGroup value={chosen} onChange={(_, data) => setChosen(data.value)}>
            {records.map((record) => (
              <Radio
                key={keyOf(record)}
                value={keyOf(record)}
                label={`${record.name} · ${t(TABLE[record.table])}${record.emailAddress === undefined ? "" : ` · ${record.emailAddress}`}`}
              />
            ))}
          </RadioGroup>
        </Field>
      ) : null}
      {save.kind === "saving" ? <Loading label={t("regarding.saving")} /> : null}
      {save.kind === "saved" ? <Notice intent="success">{t("regarding.saved", { record: save.record.name, org: org.friendlyName })}</Notice> : null}
      {save.kind === "failed" ? <ErrorNotice error={save.error} onDismiss={() => setSave({ kind: "idle" })} /> : null}
      <div className={styles.actions}>
        <Button appearance="primary" disabled={picked === undefined || save.kind === "saving"} onClick={() => void link()}>
          {t("regarding.link")}
        </Button>
        <Button onClick={props.onClose}>{t("common.close")}</Button>
      </div>
    </section>
  );
}

function keyOf(record: RecordRef): string {
  return `${record.table}:${record.id}`;
}
