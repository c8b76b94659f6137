import { AppError } from "../core/errors";

/** Returns the UTF-8 size in bytes of a string. */
export function utf8ByteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** Returns the bytes a settings document takes once stored under its key as JSON (how hosts count their quota). */
export function storedSettingsBytes(key: string, document: string): number {
  return utf8ByteLength(JSON.stringify({ [key]: document }));
}

/** Returns nothing when the stored document fits; throws AppError `invalidInput` (`settings.tooLarge`) with both sizes otherwise. */
export function assertSettingsFit(key: string, document: string, limitBytes: number): void {
  const sizeBytes = storedSettingsBytes(key, document);
  if (sizeBytes <= limitBytes) return;
  throw new AppError("invalidInput", `The settings take ${sizeBytes} bytes; this store keeps at most ${limitBytes}.`, {
    messageKey: "settings.tooLarge",
    values: { sizeBytes, limitBytes },
  });
}
