import { base } from "./de/base";
import { commands } from "./de/commands";
import { errors } from "./de/errors";
import { pane } from "./de/pane";
import { views } from "./de/views";
import type { AllStrings, PartStrings, StringPart } from "./types";

/**
 * OrgTrack auf Deutsch, alle Teile zusammen: dieselben Schlüssel wie en.ts, Teil für Teil (der Typ
 * `PartStrings` verlangt jeden), mit denselben `{name}`-Platzhaltern. Das Produkt lädt die Teile
 * einzeln (je ein eigener Chunk, nur wenn Outlook auf Deutsch läuft); diese Datei ist für die Tests.
 */
export const de: AllStrings = { ...base, ...errors, ...commands, ...pane, ...views };

/** The German parts by name. */
export const DE_PARTS: { [P in StringPart]: PartStrings<P> } = { base, errors, commands, pane, views };
