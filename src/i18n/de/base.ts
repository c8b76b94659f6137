import type { PartStrings } from "../types";

/** Deutsch: der Teil `base` (dieselben Schlüssel wie en/base.ts, dieselben `{name}`-Platzhalter). */
export const base: PartStrings<"base"> = {
  "meta.language": "de",
  "common.ok": "OK",
  "common.cancel": "Abbrechen",
  "common.close": "Schließen",
  "common.dismiss": "Ausblenden",
  "common.retry": "Erneut versuchen",
  "common.loading": "Wird geladen…",
  "common.opening": "Wird geöffnet…",
  "error.auth": "Sie müssen sich erneut anmelden.",
  "error.forbidden": "Sie haben keine Berechtigung dafür.",
  "error.notFound": "Das Angeforderte existiert nicht (mehr).",
  "error.conflict": "Inzwischen hat sich etwas geändert. Versuchen Sie es erneut.",
  "error.throttled": "Die Organisation ist ausgelastet. Versuchen Sie es gleich noch einmal.",
  "error.offline": "Die Organisation ist nicht erreichbar. Prüfen Sie Ihre Verbindung.",
  "error.timeout": "Die Organisation hat zu lange nicht geantwortet. Versuchen Sie es erneut.",
  "error.invalidInput": "Mit diesen Angaben ist das nicht möglich.",
  "error.rejectedByOrg": "Die Organisation hat diese Nachricht nicht angenommen.",
  "error.office": "Outlook konnte das nicht ausführen.",
  "error.cancelled": "Der Vorgang wurde abgebrochen.",
  "error.unknown": "Etwas ist schiefgegangen. Versuchen Sie es erneut.",
};
