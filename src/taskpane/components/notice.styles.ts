import { makeStyles, tokens } from "@fluentui/react-components";

/** Styles of Notice. */
export const useNoticeStyles = makeStyles({
  root: { marginBlockEnd: tokens.spacingVerticalS },
  body: { whiteSpace: "normal", overflowWrap: "anywhere" },
});
