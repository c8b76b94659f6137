import { Field, Select } from "@fluentui/react-components";
import type { SessionOrg } from "../../core/session";
import { useTranslator } from "../shared/strings";

export type OrgPickerProps = {
  orgs: readonly SessionOrg[];
  /** The chosen org's key. */
  value: string | undefined;
  onChange: (key: string) => void;
  disabled?: boolean;
};

/** The "Track to" picker: every org, the synchronizing one marked as such (a native select: keyboard and screen-reader friendly everywhere). */
export function OrgPicker(props: OrgPickerProps) {
  const { t } = useTranslator();
  return (
    <Field label={t("message.trackTo")}>
      <Select value={props.value ?? ""} disabled={props.disabled === true} onChange={(_, data) => props.onChange(data.value)}>
        {props.orgs.map((org) => (
          <option key={org.key} value={org.key}>
            {org.synchronizing ? t("message.trackToSynchronizing", { org: org.friendlyName }) : org.friendlyName}
          </option>
        ))}
      </Select>
    </Field>
  );
}

/** Returns the org to track into: the chosen one while it exists, else the synchronizing org, else the first. Never throws. */
export function pickTarget(orgs: readonly SessionOrg[], chosenKey: string | undefined): SessionOrg | undefined {
  return orgs.find((org) => org.key === chosenKey) ?? orgs.find((org) => org.synchronizing) ?? orgs[0];
}
