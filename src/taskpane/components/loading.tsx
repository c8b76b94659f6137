import { Spinner, mergeClasses } from "@fluentui/react-components";
import { useLoadingStyles } from "./loading.styles";

export type LoadingProps = { label: string; size?: "tiny" | "small" | "medium"; className?: string };

/** A labelled Spinner (role progressbar, named by its label) for a view or an action under way. */
export function Loading(props: LoadingProps) {
  const styles = useLoadingStyles();
  return (
    <div className={mergeClasses(styles.root, props.className)}>
      <Spinner size={props.size ?? "small"} labelPosition="after" label={props.label} />
    </div>
  );
}
