/**
 * The dark Fluent theme, a chunk of its own: most people never need it, so the first render's JS
 * does not carry it. Production builds replace this module by the theme's values, flattened at
 * build time (webpack.config.js, scripts/flat-theme-loader.js).
 */
export { webDarkTheme } from "@fluentui/react-components";
