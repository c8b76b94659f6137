import { Text, mergeClasses } from "@fluentui/react-components";
import type { ReactNode } from "react";
import { useEmptyStateStyles } from "./empty-state.styles";

export type EmptyStateProps = { title: string; description?: string; children?: ReactNode; className?: string };

/** What a view shows when it has nothing to list: a heading, a sentence and the action that fills it. */
export function EmptyState(props: EmptyStateProps) {
  const styles = useEmptyStateStyles();
  return (
    <div className={mergeClasses(styles.root, props.className)}>
      <Text as="h3" weight="semibold" size={400}>
        {props.title}
      </Text>
      {props.description === undefined ? null : <Text className={styles.description}>{props.description}</Text>}
      {props.children}
    </div>
  );
}
