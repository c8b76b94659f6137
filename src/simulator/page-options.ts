/**
 * The simulator page's query parameters:
 * - `mailbox=<url>`: a mailbox document instead of the built-in fixture (and not the saved mailbox);
 * - `lang=de-DE`: Office's display language (the ribbon's labels and the add-in's strings follow it);
 * - `theme=dark`: Office's theme;
 * - `requirements=Mailbox:1.7,NestedAppAuth:1.1`: the requirement sets the host supports (default Mailbox 1.15);
 * - `pane=open`: open the task pane at once.
 */
export interface PageOptions {
  mailboxUrl: string | undefined;
  displayLanguage: string;
  theme: "light" | "dark";
  requirementSets: Record<string, string> | undefined;
  paneOpen: boolean;
}

/** Returns the options of a query string (`?lang=de-DE&…`); unknown or malformed values fall back to the defaults. Never throws. */
export function readPageOptions(search: string): PageOptions {
  const params = new URLSearchParams(search);
  const mailboxUrl = params.get("mailbox")?.trim();
  const language = params.get("lang")?.trim() ?? "";
  return {
    mailboxUrl: mailboxUrl === undefined || mailboxUrl === "" ? undefined : mailboxUrl,
    displayLanguage: /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(language) ? language : "en-US",
    theme: params.get("theme") === "dark" ? "dark" : "light",
    requirementSets: parseRequirementSets(params.get("requirements")),
    paneOpen: params.get("pane") === "open",
  };
}

/** Parses `Mailbox:1.7,NestedAppAuth:1.1` into requirement sets; returns undefined for an empty, absent or wholly malformed value. Never throws. */
export function parseRequirementSets(value: string | null): Record<string, string> | undefined {
  if (value === null || value.trim() === "") return undefined;
  const sets: Record<string, string> = {};
  for (const part of value.split(",")) {
    const [name, version] = part.split(":").map((piece) => piece.trim());
    if (name && version && /^\d+(\.\d+)*$/.test(version)) sets[name] = version;
  }
  return Object.keys(sets).length === 0 ? undefined : sets;
}
