import type { PartSource } from "../types";

/** Where the `views` part comes from, per language: the task pane's later views and dialogs. Each a chunk of its own (free when a surface imports the file statically). */
export const viewsPart: PartSource = {
  en: async () => (await import(/* webpackChunkName: "strings-en-views" */ "../en/views")).views,
  de: async () => (await import(/* webpackChunkName: "strings-de-views" */ "../de/views")).views,
};
