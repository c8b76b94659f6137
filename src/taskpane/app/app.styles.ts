import { makeStyles, tokens } from "@fluentui/react-components";

/** Styles of the pane's shell. */
export const useAppStyles = makeStyles({
  provider: { minHeight: "100vh", backgroundColor: tokens.colorNeutralBackground1 },
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    maxWidth: "720px",
    boxSizing: "border-box",
  },
  tabs: { marginInline: `calc(-1 * ${tokens.spacingHorizontalS})` },
  panel: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
});
