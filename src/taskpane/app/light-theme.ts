/**
 * The light Fluent theme, which the first render uses. Production builds replace this module by
 * the theme's values, flattened at build time (webpack.config.js, scripts/flat-theme-loader.js):
 * the same object, without Fluent's colour palettes and the code that derives the theme from them.
 */
export { webLightTheme } from "@fluentui/react-components";
