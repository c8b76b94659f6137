// @ts-check
/**
 * A webpack loader for production builds: replaces a module that re-exports one of Fluent's themes
 * (src/taskpane/app/light-theme.ts, dark-theme.ts) by a module that exports that theme as plain
 * values (JSON), computed here at build time from @fluentui/tokens, so the pane's JS does not carry
 * the colour palettes and the code the themes are derived from. The values are Fluent's own;
 * test/unit/build/production-styles.test.ts checks the module it emits.
 *
 * Option `theme`: the name of the export, `webLightTheme` or `webDarkTheme`.
 */
const themes = require("@fluentui/tokens");

/** Returns the source of the flattened theme module (the input source is ignored); throws an Error for a theme @fluentui/tokens does not have. @this {{ getOptions(): { theme: string } }} */
module.exports = function flatThemeLoader() {
  return flatThemeModule(this.getOptions().theme);
};

/** Returns the source of a module exporting the theme `name` as plain values; throws an Error for a theme @fluentui/tokens does not have. @param {string} name */
function flatThemeModule(name) {
  const theme = /** @type {Record<string, unknown>} */ (themes)[name];
  if (!/^web(Light|Dark)Theme$/.test(name) || typeof theme !== "object" || theme === null) throw new Error(`flat-theme-loader: @fluentui/tokens has no theme "${name}".`);
  return `/* Fluent's ${name}, flattened at build time (scripts/flat-theme-loader.js). */\nexport const ${name} = ${JSON.stringify(theme)};\n`;
}
module.exports.flatThemeModule = flatThemeModule;
