/**
 * End-to-end tests (`npm run test:e2e`): real Chromium drives the Outlook simulator, which runs
 * the production build's task pane and ribbon commands against a fresh emulator per test. `npm test`
 * runs them after the unit and integration tests (test/**\/*.test.ts).
 * The global setup builds the add-in once (skipped when the sources have not changed).
 */
module.exports = {
  rootDir: "../..",
  testEnvironment: "node",
  roots: ["<rootDir>/test/e2e"],
  testMatch: ["**/*.e2e.ts"],
  transform: { "^.+\\.tsx?$": "ts-jest" },
  globalSetup: "<rootDir>/test/e2e/support/global-setup.ts",
  testTimeout: 180000,
  maxWorkers: 1,
};
