import { makeStyles, tokens } from "@fluentui/react-components";

/** Styles of EmptyState. */
export const useEmptyStateStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", alignItems: "flex-start", gap: tokens.spacingVerticalS, paddingBlock: tokens.spacingVerticalM },
  description: { color: tokens.colorNeutralForeground2 },
});
