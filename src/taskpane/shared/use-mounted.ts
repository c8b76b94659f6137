import { useEffect, useRef, type RefObject } from "react";

/** Returns a ref that is true while the component is mounted (so late answers of async work are dropped); never throws. */
export function useMounted(): RefObject<boolean> {
  const mounted = useRef(false);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  return mounted;
}
