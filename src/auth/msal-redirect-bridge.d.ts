// The package declares this entry point only through package.json "exports", which the repo's
// `moduleResolution: "node"` does not read; webpack and Node resolve it at run time.
declare module "@azure/msal-browser/redirect-bridge" {
  /** Hands the authorization response in this page's URL to the window that opened the popup or iframe. */
  export function broadcastResponseToMainFrame(): Promise<void>;
}
