import { createHash, timingSafeEqual } from "node:crypto";
import type { Directory, DirectoryUser } from "../seed/directory";

/** Returns the user whose email and password these are, or undefined (compared in constant time). */
export function checkCredentials(directory: Directory, email: string, password: string): DirectoryUser | undefined {
  const user = directory.usersByEmail.get(email.trim().toLowerCase());
  const expected = digest(user?.password ?? "\u0000no user\u0000");
  const matches = timingSafeEqual(expected, digest(password));
  return user && matches ? user : undefined;
}

function digest(value: string): Buffer {
  return createHash("sha256").update(value, "utf8").digest();
}
