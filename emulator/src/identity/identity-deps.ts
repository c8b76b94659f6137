import type { Directory } from "../seed/directory";
import type { AuthCodeStore } from "./auth-codes";
import type { RefreshTokenStore } from "./refresh-tokens";
import type { SigningKey } from "./signing-keys";

/** What the identity endpoints share: the directory, the clock, the signing key and the grant stores. */
export interface IdentityDeps {
  directory: Directory;
  now: () => number;
  key: SigningKey;
  codes: AuthCodeStore;
  refreshTokens: RefreshTokenStore;
}
