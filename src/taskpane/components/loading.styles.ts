import { makeStyles, tokens } from "@fluentui/react-components";

/** Styles of Loading. */
export const useLoadingStyles = makeStyles({
  root: { display: "flex", justifyContent: "flex-start", paddingBlock: tokens.spacingVerticalM },
});
