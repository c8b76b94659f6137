import { OAuthError } from "../../../emulator/src/identity/oauth-errors";
import { grantedScope, parseScopeRequest } from "../../../emulator/src/identity/scopes";
import { Directory } from "../../../emulator/src/seed/directory";
import { DEMO_SEED_FILE, readSeedFile } from "../../../emulator/src/seed/validate";

const ORIGIN = "https://localhost:5555";
const directory = new Directory(readSeedFile(DEMO_SEED_FILE));
const parse = (scope: string | undefined): ReturnType<typeof parseScopeRequest> => parseScopeRequest(scope, ORIGIN, directory);

function refusal(scope: string | undefined): OAuthError {
  try {
    parse(scope);
  } catch (error) {
    if (error instanceof OAuthError) return error;
    throw error;
  }
  throw new Error(`'${scope ?? ""}' was accepted`);
}

test.each([
  [`${ORIGIN}/contoso/.default openid profile offline_access`, `${ORIGIN}/contoso`],
  [`${ORIGIN}/contoso/user_impersonation`, `${ORIGIN}/contoso`],
  [`${ORIGIN}/Contoso/.default`, `${ORIGIN}/contoso`],
  [`${ORIGIN}/contoso//.default`, `${ORIGIN}/contoso`],
  [`${ORIGIN}/fabrikam/USER_IMPERSONATION`, `${ORIGIN}/fabrikam`],
  [`${ORIGIN}/discovery/.default`, `${ORIGIN}/discovery`],
  [`${ORIGIN}/contoso/.default ${ORIGIN}/contoso/.default`, `${ORIGIN}/contoso`],
])("'%s' asks for %s", (scope, resource) => {
  expect(parse(scope).resource?.url).toBe(resource);
});

test("OIDC scopes alone name no resource", () => {
  const request = parse("openid profile email offline_access");
  expect(request.resource).toBeUndefined();
  expect([...request.oidc].sort()).toEqual(["email", "offline_access", "openid", "profile"]);
});

test.each<[string | undefined, string, number]>([
  [undefined, "invalid_request", 900144],
  ["  ", "invalid_request", 900144],
  [`${ORIGIN}/northwind/.default`, "invalid_scope", 500011],
  ["https://other.example:5555/contoso/.default", "invalid_scope", 500011],
  ["https://localhost:5556/contoso/.default", "invalid_scope", 500011],
  [`${ORIGIN}/contoso/sub/.default`, "invalid_scope", 500011],
  [`${ORIGIN}/contoso?x=1/.default`, "invalid_scope", 500011],
  ["User.Read", "invalid_scope", 500011],
  [`${ORIGIN}/contoso/Mail.Read`, "invalid_scope", 65005],
  [`${ORIGIN}/contoso/.default ${ORIGIN}/discovery/.default`, "invalid_scope", 28000],
  [`${ORIGIN}/contoso/.default ${ORIGIN}/contoso/user_impersonation`, "invalid_scope", 70011],
])("refuses '%s' with %s (AADSTS%d)", (scope, error, code) => {
  const refused = refusal(scope);
  expect(refused.error).toBe(error);
  expect(refused.aadsts).toBe(code);
  expect(refused.description).toMatch(new RegExp(`^AADSTS${code}: `));
});

test("the granted scope contains the requested scope strings and user_impersonation", () => {
  expect(grantedScope(parse(`${ORIGIN}/contoso/.default openid profile offline_access`))).toBe(`${ORIGIN}/contoso/user_impersonation ${ORIGIN}/contoso/.default`);
  expect(grantedScope(parse(`${ORIGIN}/contoso/user_impersonation openid`))).toBe(`${ORIGIN}/contoso/user_impersonation`);
  expect(grantedScope(parse("openid profile offline_access"))).toBe("openid profile");
});
