import { Text } from "@fluentui/react-components";
import { useTranslator } from "../../shared/strings";
import { useSettingsStyles } from "./settings-view.styles";

/** The privacy note, in the words of the product brief: what is sent, who can see tracked copies, what untrack deletes, saved credentials and sync. */
export function PrivacyNote() {
  const styles = useSettingsStyles();
  const { t } = useTranslator();
  return (
    <section className={styles.section} aria-labelledby="orgtrack-privacy-heading">
      <Text as="h3" id="orgtrack-privacy-heading" weight="semibold">
        {t("privacy.title")}
      </Text>
      <Text as="p" className={styles.paragraph}>
        {t("privacy.validation")}
      </Text>
      <Text as="p" className={styles.paragraph}>
        {t("privacy.copies")}
      </Text>
      <Text as="p" className={styles.paragraph}>
        {t("privacy.untrack")}
      </Text>
      <Text as="p" className={styles.paragraph}>
        {t("privacy.credentials")}
      </Text>
      <Text as="p" className={styles.paragraph}>
        {t("privacy.sync")}
      </Text>
    </section>
  );
}
