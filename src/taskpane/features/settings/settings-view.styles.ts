import { makeStyles, tokens } from "@fluentui/react-components";

/** Styles of SettingsView. */
export const useSettingsStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL },
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  description: { color: tokens.colorNeutralForeground2, paddingInlineStart: tokens.spacingHorizontalS },
  itemText: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS, minWidth: 0 },
  muted: { color: tokens.colorNeutralForeground2 },
  error: { color: tokens.colorPaletteRedForeground1, overflowWrap: "anywhere" },
  paragraph: { margin: 0 },
});
