import { useRef } from "react";

/**
 * Returns the value, or, while it is undefined, the last value it had: a dialog that is closing
 * keeps showing what it showed. (A Fluent Dialog must be closed with `open={false}`, not removed
 * while open: removing it leaves the rest of the page aria-hidden.) Never throws.
 */
export function useRetained<T>(value: T | undefined): T | undefined {
  const last = useRef<T | undefined>(value);
  if (value !== undefined) last.current = value;
  return value ?? last.current;
}
