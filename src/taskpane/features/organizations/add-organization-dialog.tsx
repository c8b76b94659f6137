import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  Radio,
  RadioGroup,
  Text,
} from "@fluentui/react-components";
import { useState } from "react";
import { isAppError, toAppError, type AppError } from "../../../core/errors";
import { parseOrgUrl, type Org } from "../../../core/orgs";
import type { DiscoverableOrg } from "../../../core/session";
import { EmptyState } from "../../components/empty-state";
import { ErrorNotice } from "../../components/error-notice";
import { Loading } from "../../components/loading";
import { usePaneOptions } from "../../shared/pane-options";
import { useSession } from "../../shared/session";
import { useTranslator } from "../../shared/strings";
import { useMounted } from "../../shared/use-mounted";
import { useAddOrganizationStyles } from "./add-organization-dialog.styles";

/** The "Dynamics 365 (online)" list: not asked yet (asking may prompt for sign-in), loading, loaded, or failed. */
type DiscoveryState = { kind: "idle" } | { kind: "loading" } | { kind: "loaded"; orgs: readonly DiscoverableOrg[] } | { kind: "failed"; error: AppError };

/** What "Connect" will add: an org from the list, or the pasted address. */
type Choice = { kind: "discovered"; key: string } | { kind: "url" };

/** "Connect": not pressed, connecting (sign-in, WhoAmI), or failed for a reason other than the address. */
type ConnectState = { kind: "idle" } | { kind: "connecting" } | { kind: "failed"; error: AppError };

export type AddOrganizationDialogProps = {
  /** Keep the dialog rendered and set this to false to close it. */
  open: boolean;
  /** Called with the org once added, or undefined when the person closed the dialog. */
  onClose: (added: Org | undefined) => void;
};

/** The parser's verdict on the address typed so far: usable (with its org URL), or refused with the parser's error (its "empty" message when nothing is typed). */
function checkAddress(text: string): { kind: "ok"; url: string } | { kind: "empty" | "refused"; error: AppError } {
  try {
    return { kind: "ok", url: parseOrgUrl(text).url };
  } catch (error) {
    return { kind: text.trim() === "" ? "empty" : "refused", error: toAppError(error) };
  }
}

/**
 * "Add organization": the "Dynamics 365 (online)" list from Global Discovery, or an "Organization
 * URL" field that takes the whole address copied from the browser and shows the parser's message;
 * "Connect" signs in, checks the org and adds it; "Cancel" closes.
 */
export function AddOrganizationDialog(props: AddOrganizationDialogProps) {
  const styles = useAddOrganizationStyles();
  const { t, describe } = useTranslator();
  const session = useSession();
  const options = usePaneOptions();
  const mounted = useMounted();
  const [discovery, setDiscovery] = useState<DiscoveryState>({ kind: "idle" });
  const [choice, setChoice] = useState<Choice>({ kind: "url" });
  const [address, setAddress] = useState("");
  const [showAddressProblem, setShowAddressProblem] = useState(false);
  const [addressError, setAddressError] = useState<AppError | undefined>(undefined);
  const [connect, setConnect] = useState<ConnectState>({ kind: "idle" });
  const connecting = connect.kind === "connecting";

  const checked = checkAddress(address);
  const shownAddressError = addressError ?? (showAddressProblem && checked.kind === "refused" ? checked.error : undefined);

  const listOnline = async () => {
    setDiscovery({ kind: "loading" });
    try {
      const orgs = await session.listDiscoverable();
      if (mounted.current) setDiscovery({ kind: "loaded", orgs });
    } catch (error) {
      if (mounted.current) setDiscovery({ kind: "failed", error: toAppError(error) });
    }
  };

  const add = async () => {
    let adding: Promise<Org>;
    if (choice.kind === "discovered") {
      const picked = discovery.kind === "loaded" ? discovery.orgs.find((org) => org.key === choice.key) : undefined;
      if (picked === undefined) return;
      adding = session.addDiscovered(picked.instance);
    } else {
      setShowAddressProblem(true);
      if (checked.kind !== "ok") {
        // The parser's own message, also for an empty field ("Enter the address of your organization…").
        setAddressError(checked.error);
        return;
      }
      adding = session.addOrgFromUrl(address);
    }
    setConnect({ kind: "connecting" });
    try {
      const org = await adding;
      if (mounted.current) props.onClose(org);
    } catch (error) {
      if (!mounted.current) return;
      const failure = toAppError(error);
      if (choice.kind === "url" && isAppError(failure, "invalidInput") && failure.messageKey.startsWith("orgUrl.")) {
        setAddressError(failure);
        setConnect({ kind: "idle" });
      } else if (failure.kind === "cancelled") {
        setConnect({ kind: "idle" });
      } else {
        setConnect({ kind: "failed", error: failure });
      }
    }
  };

  return (
    <Dialog open={props.open} onOpenChange={(_, data) => (data.open || connecting || !props.open ? undefined : props.onClose(undefined))}>
      <DialogSurface>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void add();
          }}
        >
          <DialogBody>
            <DialogTitle>{t("orgs.add")}</DialogTitle>
            <DialogContent className={styles.content}>
              {options.discoveryAvailable ? (
                <section className={styles.section}>
                  {discovery.kind === "loaded" ? (
                    discovery.orgs.length === 0 ? (
                      <EmptyState title={t("orgs.add.online")} description={t("orgs.add.onlineEmpty")} />
                    ) : (
                      <Field label={t("orgs.add.online")} hint={t("orgs.add.onlineHint")}>
                        <RadioGroup
                          value={choice.kind === "discovered" ? choice.key : ""}
                          onChange={(_, data) => {
                            setChoice({ kind: "discovered", key: data.value });
                            setAddressError(undefined);
                            setShowAddressProblem(false);
                          }}
                        >
                          {discovery.orgs.map((org) => (
                            <Radio
                              key={org.instance.url}
                              value={org.key ?? org.instance.url}
                              disabled={connecting || org.added || org.key === undefined || org.instance.state === "disabled"}
                              label={
                                <>
                                  {org.instance.friendlyName}
                                  <br />
                                  <Text size={200} className={styles.orgUrl}>
                                    {org.added
                                      ? t("orgs.add.alreadyAdded", { url: org.instance.url })
                                      : org.problem !== undefined
                                        ? describe(org.problem)
                                        : org.instance.state === "disabled"
                                          ? t("orgs.add.disabled", { url: org.instance.url })
                                          : org.instance.url}
                                  </Text>
                                </>
                              }
                            />
                          ))}
                        </RadioGroup>
                      </Field>
                    )
                  ) : discovery.kind === "loading" ? (
                    <Loading label={t("orgs.add.onlineLoading")} />
                  ) : (
                    <>
                      <Button disabled={connecting} onClick={() => void listOnline()}>
                        {t("orgs.add.online")}
                      </Button>
                      <Text size={200} className={styles.hint}>
                        {t("orgs.add.onlineExplain")}
                      </Text>
                      {discovery.kind === "failed" ? <ErrorNotice error={discovery.error} onRetry={() => void listOnline()} /> : null}
                    </>
                  )}
                </section>
              ) : null}

              <section className={styles.section}>
                <Field
                  label={t("orgs.add.url")}
                  validationState={shownAddressError === undefined ? "none" : "error"}
                  {...(shownAddressError === undefined ? {} : { validationMessage: describe(shownAddressError) })}
                  hint={checked.kind === "ok" && choice.kind === "url" ? t("orgs.add.urlResolved", { url: checked.url }) : t("orgs.add.urlHint")}
                >
                  <Input
                    value={address}
                    disabled={connecting}
                    inputMode="url"
                    autoComplete="off"
                    spellCheck={false}
                    placeholder="https://contoso.crm.dynamics.com"
                    onChange={(_, data) => {
                      setAddress(data.value);
                      setAddressError(undefined);
                      setChoice({ kind: "url" });
                    }}
                    onBlur={() => setShowAddressProblem(true)}
                  />
                </Field>
                {options.offeredOrgUrls.length === 0 ? null : (
                  <>
                    <Text size={200} className={styles.hint}>
                      {t("orgs.add.offered")}
                    </Text>
                    <div className={styles.offered}>
                      {options.offeredOrgUrls.map((url) => (
                        <Button
                          key={url}
                          size="small"
                          appearance="subtle"
                          disabled={connecting}
                          onClick={() => {
                            setAddress(url);
                            setAddressError(undefined);
                            setChoice({ kind: "url" });
                          }}
                        >
                          {url}
                        </Button>
                      ))}
                    </div>
                  </>
                )}
              </section>

              {connect.kind === "connecting" ? <Loading label={t("orgs.add.connecting")} /> : null}
              {connect.kind === "failed" ? <ErrorNotice error={connect.error} onDismiss={() => setConnect({ kind: "idle" })} /> : null}
            </DialogContent>
            <DialogActions>
              <Button type="submit" appearance="primary" disabled={connecting}>
                {t("orgs.connect")}
              </Button>
              <Button disabled={connecting} onClick={() => props.onClose(undefined)}>
                {t("common.cancel")}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
