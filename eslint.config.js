// Lint: TypeScript's recommended rules plus the dependency directions of design/style.md,
// enforced with no-restricted-imports zones (core ← dataverse/auth/office ← taskpane/commands;
// the emulator and the add-in share no code).
const js = require("@eslint/js");
const tseslint = require("typescript-eslint");
const globals = require("globals");

const UI_LIBRARIES = [
  { group: ["react", "react-dom", "react/*", "react-dom/*"], message: "React belongs in src/taskpane only." },
  { group: ["@fluentui/*"], message: "Fluent UI belongs in src/taskpane only." },
];
const EMULATOR = { group: ["**/emulator/**", "**/emulator"], message: "The add-in must not share code with the emulator it is tested against." };
const TEST_CODE = { group: ["**/test/**", "**/test"], message: "Product code may not import test code (shared fakes live in src/simulator)." };
const layer = (name) => ({ group: [`**/${name}/**`, `**/${name}`], message: `This layer may not import src/${name} (see design/style.md: dependencies point inward).` });

module.exports = tseslint.config(
  { ignores: ["node_modules/", "dist/", "coverage/", ".data/", ".certs/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      "no-console": "off",
    },
  },
  { files: ["**/*.js"], rules: { "@typescript-eslint/no-require-imports": "off" } },
  {
    files: ["emulator/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["**/src/core/**", "**/src/dataverse/**", "**/src/auth/**", "**/src/office/**", "**/src/taskpane/**", "**/src/commands/**"], message: "The emulator must not share code with the add-in it tests." }] }],
    },
  },
  { files: ["src/**/*.ts", "src/**/*.tsx"], rules: { "no-restricted-imports": ["error", { patterns: [TEST_CODE] }] } },
  {
    files: ["src/**/*.ts", "src/**/*.tsx"],
    ignores: ["src/office/**", "src/simulator/**"],
    rules: { "no-restricted-globals": ["error", { name: "Office", message: "Office.js is reached only through src/office." }] },
  },
  {
    files: ["src/core/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [...UI_LIBRARIES, EMULATOR, TEST_CODE, { group: ["@azure/msal-*"], message: "MSAL belongs in src/auth." }, layer("dataverse"), layer("auth"), layer("office"), layer("taskpane"), layer("commands")] }],
      "no-restricted-globals": ["error", { name: "Office", message: "Office.js is reached only through src/office." }, { name: "fetch", message: "src/core receives an HttpSend port instead of calling fetch." }, { name: "document", message: "src/core has no DOM." }, { name: "window", message: "src/core has no DOM." }],
    },
  },
  {
    files: ["src/dataverse/**/*.ts", "src/auth/**/*.ts", "src/office/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [...UI_LIBRARIES, EMULATOR, TEST_CODE, layer("taskpane"), layer("commands")] }],
    },
  },
  {
    files: ["src/commands/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [...UI_LIBRARIES, EMULATOR, TEST_CODE, layer("taskpane")] }] },
  },
);
