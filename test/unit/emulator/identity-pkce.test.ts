import { isS256Challenge, s256Challenge, verifierMatches } from "../../../emulator/src/identity/pkce";

// RFC 7636, Appendix B.
const VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

test("computes the RFC 7636 example challenge", () => {
  expect(s256Challenge(VERIFIER)).toBe(CHALLENGE);
  expect(isS256Challenge(s256Challenge(VERIFIER))).toBe(true);
});

test("a matching verifier passes; any other fails", () => {
  const challenge = s256Challenge(VERIFIER);
  expect(verifierMatches(VERIFIER, challenge)).toBe(true);
  expect(verifierMatches(`${VERIFIER.slice(0, -1)}Y`, challenge)).toBe(false);
  expect(verifierMatches(VERIFIER, `${challenge.slice(0, -1)}A`)).toBe(false);
});

test("a plain verifier equal to the challenge does not pass (plain is refused)", () => {
  const plain = "a".repeat(43);
  expect(verifierMatches(plain, plain)).toBe(false);
});

test.each([
  ["too short", "a".repeat(42)],
  ["too long", "a".repeat(129)],
  ["outside the unreserved set", `${"a".repeat(42)}+`],
])("a verifier %s fails even with its own challenge", (_label, verifier) => {
  expect(verifierMatches(verifier, s256Challenge(verifier))).toBe(false);
});

test.each(["", "short", `${"a".repeat(43)}=`, "a".repeat(44), `${"a".repeat(42)}+`])("'%s' is not an S256 challenge", (challenge) => {
  expect(isS256Challenge(challenge)).toBe(false);
});
