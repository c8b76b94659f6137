/** Jest runs every test under test/: unit tests in-process, integration tests against the emulator over HTTPS on loopback. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts?(x)"],
  transform: { "^.+\\.tsx?$": "ts-jest" },
  testTimeout: 30000,
  maxWorkers: 2,
};
