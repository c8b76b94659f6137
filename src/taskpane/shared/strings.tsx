import { createContext, useContext, useMemo, type ReactNode } from "react";
import { describeError, en, translate, type ErrorLike, type MessageKey, type MessageValues, type Strings } from "../../i18n";

/** What a component uses to put things in words. */
export interface Translator {
  /** Returns the string of a key with its values filled in. */
  t(key: MessageKey, values?: MessageValues): string;
  /** Returns an error (AppError or a queued request's error) in words; never empty. */
  describe(error: ErrorLike): string;
  /** The BCP 47 language of the strings (for `lang` and dates). */
  language: string;
}

const StringsContext = createContext<Strings>(en);

/** Provides the strings of the person's language to the pane (English when none is provided). */
export function StringsProvider(props: { strings: Strings; children: ReactNode }) {
  return <StringsContext.Provider value={props.strings}>{props.children}</StringsContext.Provider>;
}

/** Returns the translator of the nearest StringsProvider; never throws. */
export function useTranslator(): Translator {
  const strings = useContext(StringsContext);
  return useMemo(
    () => ({
      t: (key, values) => translate(strings, key, values),
      describe: (error) => describeError(strings, error),
      language: strings["meta.language"],
    }),
    [strings],
  );
}
