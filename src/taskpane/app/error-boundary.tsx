import { Component, type ReactNode } from "react";
import { toAppError, type AppError } from "../../core/errors";
import { ErrorNotice } from "../components/error-notice";

type ErrorBoundaryProps = { children: ReactNode; onReload: () => void };
type ErrorBoundaryState = { kind: "fine" } | { kind: "crashed"; error: AppError };

/** Catches a view that fails to render (or a chunk that fails to load) and shows the error with "Try again", never a blank pane. */
export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { kind: "fine" };

  static getDerivedStateFromError(error: unknown): ErrorBoundaryState {
    return { kind: "crashed", error: toAppError(error) };
  }

  override render() {
    if (this.state.kind === "crashed") {
      return (
        <ErrorNotice
          error={this.state.error}
          onRetry={() => {
            this.setState({ kind: "fine" });
            this.props.onReload();
          }}
        />
      );
    }
    return this.props.children;
  }
}
