import type { PartSource } from "../types";

/** Where the `errors` part comes from, per language: the service layer's error words (the ribbon commands at once, the task pane after its first paint). Each a chunk of its own (free when a surface imports the file statically). */
export const errorsPart: PartSource = {
  en: async () => (await import(/* webpackChunkName: "strings-en-errors" */ "../en/errors")).errors,
  de: async () => (await import(/* webpackChunkName: "strings-de-errors" */ "../de/errors")).errors,
};
