/** The longest address an activity party keeps (`activityparty.addressused` is String(320)). */
export const MAX_ADDRESS_LENGTH = 320;

/**
 * Splits a recipient list (`a@x.com; "Wu, Alex" <alex@y.com>, b@z.com`) into addresses: `;` and `,`
 * separate entries outside quotes and angle brackets (an unclosed one makes them plain characters),
 * a display name is dropped for the address in `<…>`, `mailto:`/`smtp:` prefixes are removed,
 * blanks are skipped and repeats (case-insensitive) kept once. Never throws: anything odd is returned as written (trimmed, at most 320 characters),
 * to become an unresolved party.
 */
export function parseAddressList(text: string): string[] {
  const seen = new Set<string>();
  const addresses: string[] = [];
  for (const entry of splitEntries(text)) {
    const address = addressOf(entry);
    if (address === "") continue;
    const key = address.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    addresses.push(address);
  }
  return addresses;
}

/** The one address of a From value (the first one when several are given), or "" when there is none. */
export function parseSingleAddress(text: string): string {
  return parseAddressList(text)[0] ?? "";
}

/** True for something shaped like an SMTP address: `local@domain`, no spaces, one `@`. */
export function looksLikeAddress(address: string): boolean {
  return /^[^\s@<>]+@[^\s@<>]+$/.test(address);
}

function splitEntries(text: string): string[] {
  return splitOutside(text, true) ?? splitOutside(text, false) ?? [text];
}

/** Splits at `;`/`,` outside quotes and angle brackets; undefined when a quote or bracket is left open. */
function splitOutside(text: string, grouping: boolean): string[] | undefined {
  const entries: string[] = [];
  let quoted = false;
  let angle = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (grouping && ch === '"') quoted = !quoted;
    else if (grouping && !quoted && ch === "<") angle++;
    else if (grouping && !quoted && ch === ">" && angle > 0) angle--;
    else if (!quoted && angle === 0 && (ch === ";" || ch === ",")) {
      entries.push(text.slice(start, i));
      start = i + 1;
    }
  }
  entries.push(text.slice(start));
  return quoted || angle > 0 ? undefined : entries;
}

function addressOf(entry: string): string {
  const trimmed = entry.trim();
  if (trimmed === "") return "";
  const bracketed = /<([^<>]*)>\s*$/.exec(trimmed);
  let address = bracketed?.[1]?.trim() || trimmed;
  if (address.length >= 2 && address.startsWith('"') && address.endsWith('"')) address = address.slice(1, -1).trim();
  address = address.replace(/^(mailto|smtp):/i, "").trim();
  return address.slice(0, MAX_ADDRESS_LENGTH);
}
