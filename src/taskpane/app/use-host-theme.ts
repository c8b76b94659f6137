import type { Theme } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import type { HostTheme, TaskpaneHost } from "../host/types";
import { webLightTheme } from "./light-theme";

let darkTheme: Theme | undefined;

/** Returns the Fluent theme of a host theme if its code is loaded (the light one always is), else undefined; never throws. */
export function fluentThemeIfLoaded(theme: HostTheme): Theme | undefined {
  return theme === "dark" ? darkTheme : webLightTheme;
}

/** Returns the Fluent theme of a host theme, loading the dark one's chunk on first use. Rejects only when that chunk cannot load. */
export async function loadFluentTheme(theme: HostTheme): Promise<Theme> {
  if (theme === "light") return webLightTheme;
  darkTheme ??= (await import("./dark-theme")).webDarkTheme;
  return darkTheme;
}

/** Returns the host's theme as a Fluent theme, following its changes (Office's theme, else the system's); the light theme until a dark one has loaded. Never throws. */
export function useHostTheme(host: Pick<TaskpaneHost, "theme" | "onThemeChanged">): Theme {
  const [theme, setTheme] = useState<Theme>(() => fluentThemeIfLoaded(host.theme()) ?? webLightTheme);
  useEffect(() => {
    let active = true;
    const follow = () => {
      const wanted = host.theme();
      const ready = fluentThemeIfLoaded(wanted);
      if (ready !== undefined) setTheme(ready);
      else void loadFluentTheme(wanted).then((loaded) => active && host.theme() === wanted && setTheme(loaded), () => undefined);
    };
    follow();
    const stop = host.onThemeChanged(follow);
    return () => {
      active = false;
      stop();
    };
  }, [host]);
  return theme;
}
