import { makeStyles, tokens } from "@fluentui/react-components";

/** Styles of AddOrganizationDialog. */
export const useAddOrganizationStyles = makeStyles({
  content: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL },
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  hint: { color: tokens.colorNeutralForeground2 },
  offered: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalXS },
  orgUrl: { color: tokens.colorNeutralForeground2, overflowWrap: "anywhere" },
});
