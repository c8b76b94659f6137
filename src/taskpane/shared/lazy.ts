import { lazy, type ComponentType } from "react";

/** Returns a React.lazy component for a named export of a module loaded on demand (its own chunk); the returned component throws (to the error boundary) when the chunk cannot load. */
export function lazyNamed<M, K extends keyof M>(load: () => Promise<M>, name: K): M[K] {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- React.lazy needs a component type; M[K] is one by the caller's choice of K.
  return lazy(async () => ({ default: (await load())[name] as unknown as ComponentType<any> })) as unknown as M[K];
}
