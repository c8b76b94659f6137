import { useSyncExternalStore } from "react";

const subscribe = (listener: () => void): (() => void) => {
  window.addEventListener("online", listener);
  window.addEventListener("offline", listener);
  return () => {
    window.removeEventListener("online", listener);
    window.removeEventListener("offline", listener);
  };
};

const online = (): boolean => typeof navigator === "undefined" || navigator.onLine !== false;

/** Returns whether the browser says it is online, following its online/offline events; never throws. */
export function useOnline(): boolean {
  return useSyncExternalStore(subscribe, online, () => true);
}
