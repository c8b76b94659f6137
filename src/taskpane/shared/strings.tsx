import { createContext, useContext, useMemo, useSyncExternalStore, type ReactNode } from "react";
import { createStringCatalog, describeError, loadStrings, translate, type ErrorLike, type MessageKey, type MessageValues, type PartSources, type StringCatalog, type StringPart, type Strings } from "../../i18n";
import { base } from "../../i18n/en/base";
import { pane } from "../../i18n/en/pane";
import { errorsPart } from "../../i18n/parts/errors";
import { panePart } from "../../i18n/parts/pane";
import { viewsPart } from "../../i18n/parts/views";

/** What a component uses to put things in words. */
export interface Translator {
  /** Returns the string of a key with its values filled in. */
  t(key: MessageKey, values?: MessageValues): string;
  /** Returns an error (AppError or a queued request's error) in words; never empty. */
  describe(error: ErrorLike): string;
  /** The BCP 47 language of the strings (for `lang` and dates). */
  language: string;
}

/** The parts the pane's first render needs (besides the base part); the others load after it (see `lazyNamed`). */
export const FIRST_RENDER_STRINGS: PartSources = { pane: panePart };

/** Every part the pane shows (never the commands'). */
const PANE_STRINGS: PartSources = { pane: panePart, errors: errorsPart, views: viewsPart };

/** The parts the views and dialogs that load after the first render need. */
export const LATER_STRING_PARTS: readonly StringPart[] = ["errors", "views"];

/** The English strings of the first render (in the first chunk: the starting spinner needs them before Outlook names a language). */
export const FIRST_RENDER_ENGLISH: Strings = { ...base, ...pane };

/** Returns a catalog of a language whose first-render parts are `strings`, loading the others on demand. Never throws. */
export function paneStringCatalog(language: StringCatalog["language"], strings: Strings): StringCatalog {
  return createStringCatalog(language, strings, ["pane"], (parts) => loadStrings(language, Object.fromEntries(parts.map((part) => [part, PANE_STRINGS[part]]))));
}

/** A catalog of strings that are complete already (a language's every part, as tests pass them). */
function completeCatalog(strings: Strings): StringCatalog {
  return createStringCatalog(strings["meta.language"] === "de" ? "de" : "en", strings, ["base", "errors", "commands", "pane", "views"], () => Promise.resolve({}));
}

const CatalogContext = createContext<StringCatalog>(paneStringCatalog("en", FIRST_RENDER_ENGLISH));

/** Provides the person's strings to the pane: a catalog that grows as parts load, or strings that are complete (every part). */
export function StringsProvider(props: { strings: Strings | StringCatalog; children: ReactNode }) {
  const { strings } = props;
  const catalog = useMemo(() => (isCatalog(strings) ? strings : completeCatalog(strings)), [strings]);
  return <CatalogContext.Provider value={catalog}>{props.children}</CatalogContext.Provider>;
}

/** Returns the translator of the nearest StringsProvider (English when there is none), re-rendering when a part of the strings arrives; never throws. */
export function useTranslator(): Translator {
  const catalog = useContext(CatalogContext);
  const strings = useSyncExternalStore(catalog.subscribe, catalog.strings, catalog.strings);
  return useMemo(
    () => ({
      t: (key, values) => translate(strings, key, values),
      describe: (error) => describeError(strings, error),
      language: strings["meta.language"],
    }),
    [strings],
  );
}

/** Returns the string catalog of the nearest StringsProvider (for code that loads parts of it, such as `lazyNamed`); never throws. */
export function useStringCatalog(): StringCatalog {
  return useContext(CatalogContext);
}

function isCatalog(value: Strings | StringCatalog): value is StringCatalog {
  return typeof (value as Partial<StringCatalog>).load === "function";
}
