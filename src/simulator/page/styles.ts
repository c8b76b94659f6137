/**
 * The simulator page's look: a plain three-column mail client (message list, reading pane, task
 * pane) under a ribbon. System colours only, so it follows the browser's light or dark scheme.
 */
export const SIMULATOR_CSS = `
:root { color-scheme: light dark; font-family: "Segoe UI", system-ui, sans-serif; font-size: 14px; }
body { margin: 0; background: Canvas; color: CanvasText; }
.sim { display: grid; grid-template-rows: auto auto 1fr auto; height: 100vh; }
.sim-header { display: flex; gap: 16px; align-items: center; padding: 6px 12px; border-bottom: 1px solid GrayText; }
.sim-header h1 { font-size: 16px; margin: 0; flex: 1; }
.sim-ribbon { display: flex; gap: 8px; align-items: stretch; padding: 6px 12px; border-bottom: 1px solid GrayText; }
.sim-group { display: flex; flex-direction: column; gap: 4px; padding: 0 8px; border-right: 1px solid GrayText; }
.sim-group-label { font-size: 11px; color: GrayText; text-align: center; }
.sim-buttons { display: flex; gap: 4px; }
.sim-ribbon button { display: flex; flex-direction: column; align-items: center; gap: 2px; min-width: 64px; padding: 4px 6px; border: 1px solid transparent; background: ButtonFace; color: ButtonText; border-radius: 4px; cursor: pointer; }
.sim-ribbon button:disabled { cursor: default; opacity: 0.5; }
.sim-ribbon button[aria-busy="true"] { outline: 2px dashed Highlight; }
.sim-ribbon img { width: 32px; height: 32px; }
.sim-main { display: grid; grid-template-columns: minmax(260px, 1fr) minmax(320px, 2fr) auto; min-height: 0; }
.sim-list { margin: 0; padding: 0; list-style: none; overflow: auto; border-right: 1px solid GrayText; }
.sim-list:focus-visible { outline: 2px solid Highlight; outline-offset: -2px; }
.sim-list li { padding: 8px 12px; border-bottom: 1px solid GrayText; cursor: default; user-select: none; }
.sim-list li[aria-selected="true"] { background: Highlight; color: HighlightText; }
.sim-list li.sim-active { outline: 1px dotted CanvasText; outline-offset: -3px; }
.sim-from { font-weight: 600; }
.sim-date { float: right; font-size: 12px; }
.sim-categories { display: flex; flex-wrap: wrap; gap: 4px; margin-top: 4px; }
.sim-category { font-size: 11px; padding: 0 6px; border: 1px solid currentColor; border-radius: 8px; }
.sim-reading { display: flex; flex-direction: column; min-height: 0; overflow: auto; padding: 12px 16px; gap: 8px; }
.sim-reading h2 { font-size: 18px; margin: 0; }
.sim-notifications { margin: 0; padding: 0; list-style: none; display: flex; flex-direction: column; gap: 4px; }
.sim-notifications li { padding: 6px 10px; border: 1px solid GrayText; border-left-width: 4px; border-radius: 2px; }
.sim-notifications li[data-type="errorMessage"] { border-left-color: Mark; }
.sim-notifications li[data-type="progressIndicator"] { font-style: italic; }
.sim-headers { margin: 0; display: grid; grid-template-columns: auto 1fr; gap: 2px 8px; }
.sim-headers dt { color: GrayText; }
.sim-headers dd { margin: 0; }
.sim-body { flex: 1; min-height: 240px; border: 1px solid GrayText; width: 100%; background: white; }
.sim-pane { width: 360px; display: flex; flex-direction: column; border-left: 1px solid GrayText; }
.sim-pane[hidden] { display: none; }
.sim-pane-header { display: flex; gap: 8px; align-items: center; padding: 4px 8px; border-bottom: 1px solid GrayText; }
.sim-pane-header h2 { font-size: 14px; margin: 0; flex: 1; }
.sim-pane-body { flex: 1; display: flex; }
.sim-pane iframe { flex: 1; border: 0; width: 100%; }
.sim-log { max-height: 96px; overflow: auto; margin: 0; padding: 4px 12px 4px 32px; border-top: 1px solid GrayText; font-size: 12px; }
.sim-problem { padding: 8px 12px; border: 1px solid Mark; margin: 8px 12px; }
`;
