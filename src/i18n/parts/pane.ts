import type { PartSource } from "../types";

/** Where the `pane` part comes from, per language: the task pane's first render. Each a chunk of its own (free when a surface imports the file statically). */
export const panePart: PartSource = {
  en: async () => (await import(/* webpackChunkName: "strings-en-pane" */ "../en/pane")).pane,
  de: async () => (await import(/* webpackChunkName: "strings-de-pane" */ "../de/pane")).pane,
};
