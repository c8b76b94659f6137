import { hasOfficeHost } from "./office-host";

/** Office's theme colours as the host reports them (`isDarkTheme` is newer than some hosts and their typings). */
export interface OfficeThemeColors {
  bodyBackgroundColor?: string;
  bodyForegroundColor?: string;
  controlBackgroundColor?: string;
  controlForegroundColor?: string;
  isDarkTheme?: boolean;
}

/** Returns Office's current theme (`Office.context.officeTheme`), or undefined outside Office or on a host without themes; never throws. */
export function officeTheme(): OfficeThemeColors | undefined {
  if (!hasOfficeHost()) return undefined;
  try {
    const theme = (Office.context as { officeTheme?: OfficeThemeColors | null }).officeTheme;
    return theme === null || theme === undefined ? undefined : { ...theme };
  } catch {
    return undefined;
  }
}
