import { createElement, lazy, type ComponentType } from "react";
import type { StringCatalog } from "../../i18n";
import { LATER_STRING_PARTS, useStringCatalog } from "./strings";

/**
 * Returns a React.lazy component for a named export of a module loaded on demand (its own chunk),
 * which renders once the strings of the later views (src/i18n's `errors` and `views` parts, not
 * part of the first render) are in the pane's catalog too; until then the nearest Suspense shows
 * its labelled spinner. The returned component throws (to the error boundary) when a chunk cannot load.
 */
export function lazyNamed<M, K extends keyof M>(load: () => Promise<M>, name: K): M[K] {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- React.lazy needs a component type; M[K] is one by the caller's choice of K.
  type Component = ComponentType<any>;
  // One lazy component per catalog (the pane has one; tests make one per StringsProvider), so that its identity is stable.
  const byCatalog = new WeakMap<StringCatalog, Component>();
  const lazyFor = (catalog: StringCatalog): Component => {
    let component = byCatalog.get(catalog);
    if (component === undefined) {
      component = lazy(async () => {
        const [module] = await Promise.all([load(), catalog.load(LATER_STRING_PARTS)]);
        return { default: module[name] as unknown as Component };
      });
      byCatalog.set(catalog, component);
    }
    return component;
  };
  const WithStrings = (props: object) => createElement(lazyFor(useStringCatalog()), props);
  return WithStrings as unknown as M[K];
}
