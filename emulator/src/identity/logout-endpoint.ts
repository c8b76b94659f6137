import { html, redirect } from "../http/responses";
import type { EmulatorRequest, EmulatorResponse } from "../http/types";
import type { Directory } from "../seed/directory";
import { param } from "./form";
import { isRegisteredRedirectUri } from "./redirect-uris";
import { renderSignedOutPage } from "./sign-in-page";

/**
 * `/<tenant>/oauth2/v2.0/logout`: there is no server-side session to clear, so it only redirects to
 * `post_logout_redirect_uri` (with `state`) when that URI is registered (for `client_id` if given,
 * else for any client), and otherwise shows a "signed out" page.
 */
export function handleLogout(req: EmulatorRequest, directory: Directory): EmulatorResponse {
  const params = req.method === "POST" ? new URLSearchParams(req.body.toString("utf8")) : req.url.searchParams;
  const target = param(params, "post_logout_redirect_uri");
  const clientId = param(params, "client_id");
  const clients = clientId === undefined ? [...directory.clients.values()] : [directory.clients.get(clientId)].filter((c) => c !== undefined);
  if (target !== undefined && clients.some((client) => isRegisteredRedirectUri(client, target))) {
    const url = new URL(target);
    const state = param(params, "state");
    if (state !== undefined) url.searchParams.set("state", state);
    return redirect(url.toString());
  }
  return html(200, renderSignedOutPage());
}
