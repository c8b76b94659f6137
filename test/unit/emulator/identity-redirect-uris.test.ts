import { isRegisteredOrigin, redirectUriMatches } from "../../../emulator/src/identity/redirect-uris";

test.each([
  ["https://localhost:3000/auth-redirect.html", "https://localhost:3000/auth-redirect.html", true],
  ["https://app.example/cb", "https://app.example/cb", true],
  ["brk-multihub://localhost:3000", "brk-multihub://localhost:3000", true],
  // Loopback: any port, as Entra does for native apps.
  ["https://localhost/callback", "https://localhost:49152/callback", true],
  ["https://localhost:3000/auth-redirect.html", "https://localhost:4123/auth-redirect.html", true],
  ["http://localhost", "http://localhost:8400/", true],
  ["http://127.0.0.1/cb", "http://127.0.0.1:9000/cb", true],
  ["http://[::1]/cb", "http://[::1]:9000/cb", true],
  // …but everything else must be equal.
  ["https://localhost/callback", "http://localhost:49152/callback", false],
  ["https://localhost/callback", "https://localhost:49152/callback/", false],
  ["https://localhost/callback", "https://localhost:49152/other", false],
  ["https://localhost/callback", "https://localhost:49152/callback?x=1", false],
  ["https://localhost/callback", "https://127.0.0.1:49152/callback", false],
  ["https://localhost/callback", "https://localhost.evil.example/callback", false],
  ["https://localhost/callback", "https://localhost:49152/callback#x", false],
  ["https://localhost/callback#x", "https://localhost/callback#x", false],
  // No port leniency off loopback; no case folding of paths.
  ["https://app.example/cb", "https://app.example:8443/cb", false],
  ["https://app.example/cb", "https://app.example/CB", false],
  ["brk-multihub://localhost:3000", "brk-multihub://localhost:3001", false],
  ["https://localhost:3000/x", "not a url", false],
])("%s accepts %s: %s", (registered, requested, expected) => {
  expect(redirectUriMatches(registered, requested)).toBe(expected);
});

describe("isRegisteredOrigin (for CORS)", () => {
  const clients = [
    { clientId: "a", name: "A", redirectUris: ["https://localhost:3000/auth-redirect.html", "brk-multihub://localhost:3000"] },
    { clientId: "b", name: "B", redirectUris: ["https://app.example/cb"] },
  ];

  test.each([
    ["https://localhost:3000", true],
    ["https://localhost:41234", true],
    ["https://localhost", true],
    ["https://app.example", true],
    ["http://localhost:3000", false],
    ["https://127.0.0.1:3000", false],
    ["https://app.example:8443", false],
    ["https://evil.example", false],
    ["https://localhost:3000/", false],
    ["null", false],
    ["brk-multihub://localhost:3000", false],
  ])("%s → %s", (origin, expected) => {
    expect(isRegisteredOrigin(clients, origin)).toBe(expected);
  });
});
