import type { PartSource } from "../types";

/** Where the `commands` part comes from, per language: what the ribbon commands say. Each a chunk of its own (free when a surface imports the file statically). */
export const commandsPart: PartSource = {
  en: async () => (await import(/* webpackChunkName: "strings-en-commands" */ "../en/commands")).commands,
  de: async () => (await import(/* webpackChunkName: "strings-de-commands" */ "../de/commands")).commands,
};
