export { SETTINGS_VERSION, defaultSettings, type QueuedRequest, type SettingsDocument } from "./types";
export { decodeSettings, isQueuedRequest, normaliseSettings, type DecodedSettings } from "./decode";
export { SettingsRepository, storedSettingsSize, type SettingsChange, type SettingsRepositoryOptions, type SettingsUsage } from "./repository";
