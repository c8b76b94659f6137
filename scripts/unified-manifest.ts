import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { convert } from "office-addin-manifest-converter";

/**
 * The unified manifest (JSON, for the clients that prefer it), generated from manifest.xml with
 * Microsoft's converter and then corrected where the converter loses something:
 * - `multiselect` on the task pane action (the converter drops `SupportsMultiSelect`);
 * - the `color` (192 px) and `outline` (32 px, white on transparent) icons it wants, instead of the
 *   64/128 px add-in icons the converter reuses;
 * - the accent colour (the converter writes a fixed default).
 */

/** The files convertToUnified writes: the manifest and its locale files (`de-de.json`). */
export interface UnifiedManifestFiles {
  manifest: string;
  locales: string[];
}

/** Returns the converter's manifest.json, corrected as described above (the input is not changed). */
export function correctUnifiedManifest(manifest: Record<string, unknown>, xml: string): Record<string, unknown> {
  const out = structuredClone(manifest);
  out.icons = { color: "assets/color-192.png", outline: "assets/outline-32.png" };
  out.accentColor = "#0F6CBD";
  const multiSelect = /<SupportsMultiSelect>\s*true\s*<\/SupportsMultiSelect>/.test(xml);
  for (const extension of asArray(out.extensions)) {
    // Only the read surface selects several messages: the compose form's pane stays single.
    const onReadSurface = readSurfaceActionIds(asRecord(extension));
    for (const runtime of asArray(asRecord(extension).runtimes)) {
      for (const action of asArray(asRecord(runtime).actions)) {
        const record = asRecord(action);
        if (record.type === "openPage" && multiSelect && onReadSurface.has(String(record.id))) record.multiselect = true;
      }
    }
  }
  return out;
}

/** Returns the ids of the actions that the ribbons of the read surface (`mailRead`) use. */
function readSurfaceActionIds(extension: Record<string, unknown>): Set<string> {
  const ids = new Set<string>();
  for (const ribbon of asArray(extension.ribbons).map(asRecord)) {
    if (!asArray(ribbon.contexts).includes("mailRead")) continue;
    for (const tab of asArray(ribbon.tabs)) for (const group of asArray(asRecord(tab).groups)) for (const control of asArray(asRecord(group).controls)) ids.add(String(asRecord(control).actionId));
  }
  return ids;
}

/**
 * Converts an XML manifest into `outDir` (manifest.json and locale files) and returns the files
 * written. Throws an Error when the converter writes no manifest (its message says why).
 */
export async function convertToUnified(xmlPath: string, outDir: string): Promise<UnifiedManifestFiles> {
  const work = mkdtempSync(path.join(os.tmpdir(), "orgtrack-unified-"));
  try {
    await convert(xmlPath, work, false, undefined, undefined, false);
    const names = readdirSync(work).filter((name) => name.endsWith(".json"));
    if (!names.includes("manifest.json")) throw new Error(`The converter wrote no manifest.json for ${xmlPath}.`);
    mkdirSync(outDir, { recursive: true });
    const manifest = correctUnifiedManifest(JSON.parse(readFileSync(path.join(work, "manifest.json"), "utf8")) as Record<string, unknown>, readFileSync(xmlPath, "utf8"));
    const manifestFile = path.join(outDir, "manifest.json");
    writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
    const locales = names
      .filter((name) => name !== "manifest.json")
      .map((name) => {
        const target = path.join(outDir, name);
        writeFileSync(target, readFileSync(path.join(work, name)));
        return target;
      });
    return { manifest: manifestFile, locales };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
}
