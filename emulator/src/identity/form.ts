import { header, type EmulatorRequest } from "../http/types";
import { OAuthError } from "./oauth-errors";

/** Parses an `application/x-www-form-urlencoded` body; throws OAuthError invalid_request for another content type. */
export function readForm(req: EmulatorRequest): URLSearchParams {
  const type = (header(req, "content-type") ?? "").split(";")[0]?.trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded") {
    throw new OAuthError("invalid_request", 900144, "The request body must be application/x-www-form-urlencoded.");
  }
  return new URLSearchParams(req.body.toString("utf8"));
}

/** Returns a non-empty parameter, or undefined. */
export function param(params: URLSearchParams, name: string): string | undefined {
  const value = params.get(name);
  return value === null || value === "" ? undefined : value;
}

/** Returns a required parameter; throws OAuthError invalid_request (AADSTS900144) when it is missing. */
export function requireParam(params: URLSearchParams, name: string): string {
  const value = param(params, name);
  if (value === undefined) throw new OAuthError("invalid_request", 900144, `The request body must contain the following parameter: '${name}'.`);
  return value;
}
