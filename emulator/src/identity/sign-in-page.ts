/** What the sign-in page shows. */
export interface SignInPageModel {
  /** Where the form posts: the authorize endpoint of the tenant path. */
  formAction: string;
  clientName: string;
  /** The tenant (or alias) the user signs in to, for the subtitle. */
  tenantLabel: string;
  /** The authorize request's parameters, carried through the form. */
  hidden: Readonly<Record<string, string>>;
  email: string;
  /** The error shown in a `role="alert"` region, if any. */
  error?: string;
}

/** The message for an unknown email or a wrong password (one message for both). */
export const WRONG_CREDENTIALS = "The email or password is incorrect.";

const STYLE = `
  body { font-family: system-ui, "Segoe UI", sans-serif; margin: 0; background: #f3f2f1; color: #201f1e; }
  main { max-width: 26rem; margin: 4rem auto; background: #fff; padding: 2rem 2.5rem; border-radius: 4px; box-shadow: 0 2px 6px rgba(0,0,0,.2); }
  h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
  p { margin: 0 0 1rem; }
  label { display: block; font-weight: 600; margin: 1rem 0 .25rem; }
  input { box-sizing: border-box; width: 100%; padding: .5rem; font-size: 1rem; border: 1px solid #605e5c; border-radius: 2px; }
  input:focus, button:focus { outline: 2px solid #0f6cbd; outline-offset: 2px; }
  button { margin-top: 1.5rem; padding: .5rem 1.5rem; font-size: 1rem; color: #fff; background: #0f6cbd; border: 0; border-radius: 2px; cursor: pointer; }
  [role=alert] { margin: 1rem 0 0; padding: .75rem; background: #fde7e9; border-left: 4px solid #a4262c; color: #a4262c; }
  .note { margin-top: 1.5rem; font-size: .875rem; color: #605e5c; }
`;

/** Returns the sign-in page's HTML: an accessible form with labelled fields, no script. */
export function renderSignInPage(model: SignInPageModel): string {
  const hidden = Object.entries(model.hidden)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join("\n      ");
  const invalid = model.error ? ' aria-invalid="true" aria-describedby="sign-in-error"' : "";
  const alert = model.error ? `<div id="sign-in-error" role="alert">${escapeHtml(model.error)}</div>` : "";
  return page(
    "Sign in",
    `<h1>Sign in</h1>
    <p>to <strong>${escapeHtml(model.clientName)}</strong> with your <strong>${escapeHtml(model.tenantLabel)}</strong> account</p>
    ${alert}
    <form method="post" action="${escapeHtml(model.formAction)}">
      ${hidden}
      <label for="email">Email</label>
      <input id="email" name="email" type="email" autocomplete="username" required value="${escapeHtml(model.email)}"${invalid}${model.email ? "" : " autofocus"}>
      <label for="password">Password</label>
      <input id="password" name="password" type="password" autocomplete="current-password" required${invalid}${model.email ? " autofocus" : ""}>
      <button type="submit">Sign in</button>
    </form>
    <p class="note">Local organization server: accounts and passwords come from its seed file.</p>`,
  );
}

/** Returns an error page (invalid client, unregistered redirect URI, unknown tenant): no redirect is made. */
export function renderErrorPage(message: string): string {
  return page(
    "Sign-in error",
    `<h1>Sorry, but we're having trouble signing you in.</h1>
    <div role="alert">${escapeHtml(message)}</div>
    <p class="note">The application that sent you here is not set up to sign in with this server. Nothing was sent back to it.</p>`,
  );
}

/** Returns the page shown after sign-out when there is no registered place to go back to. */
export function renderSignedOutPage(): string {
  return page(
    "Signed out",
    `<h1>You signed out of your account</h1>
    <p>This server keeps no sign-in session, so there was nothing more to clear. It's a good idea to close all browser windows.</p>`,
  );
}

/**
 * The Content-Security-Policy of the sign-in page: no script, and `form-action` that also allows the
 * redirect URI's origin, since browsers apply form-action to the redirect that follows the form post.
 */
export function signInPageCsp(redirectUri: string): string {
  let target: string;
  try {
    const url = new URL(redirectUri);
    target = url.protocol === "https:" || url.protocol === "http:" ? ` ${url.origin}` : ` ${url.protocol}`;
  } catch {
    target = "";
  }
  return `default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'self'${target}; frame-ancestors 'none'`;
}

function page(title: string, content: string): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="referrer" content="no-referrer">
  <title>${escapeHtml(title)} – OrgTrack organization server</title>
  <style>${STYLE}</style>
</head>
<body>
  <main>
    ${content}
  </main>
</body>
</html>
`;
}

/** Escapes text for HTML content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);
}
