/** The dark Fluent theme, a chunk of its own: most people never need it, so the first render's JS does not carry it. */
export { webDarkTheme } from "@fluentui/react-components";
