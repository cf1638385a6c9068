import { escapeHtml, htmlPage } from './html-page.js';

/**
 * The OAuth consent page of the Open Badges API: it names the client app and
 * the scopes it asks for, and asks for an openler API key of the organization
 * (with the credentials:issue scope) to approve: whoever holds such a key acts
 * for the organization. Plain HTML, no script, no external assets.
 */

export interface ConsentPageInput {
  clientName: string;
  clientUri?: string | undefined;
  redirectUri: string;
  scopes: Array<{ scope: string; description: string }>;
  /** The authorization request, repeated as hidden fields so the answer carries it. */
  hidden: Record<string, string>;
  /** Why an earlier attempt to approve failed. */
  error?: string | undefined;
}

const style = `
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 36rem; padding: 1.5rem; color: #1d232b; }
  h1 { font-size: 1.3rem; margin: 0 0 1rem; }
  ul { padding-left: 1.2rem; }
  code { font-size: .85rem; color: #4d5966; }
  label { display: block; font-weight: 600; margin: 1rem 0 .3rem; }
  input[type=password] { width: 100%; box-sizing: border-box; font-size: 1rem; padding: .5rem .7rem; border: 1px solid #8a96a3; border-radius: 6px; }
  .actions { display: flex; gap: .6rem; margin-top: 1rem; }
  button { font-size: 1rem; padding: .5rem 1rem; border-radius: 6px; border: 1px solid #0b5cad; background: #fff; color: #0b5cad; cursor: pointer; }
  button[value=approve] { background: #0b5cad; color: #fff; }
  .error { color: #a11d1d; font-weight: 600; }
  .meta { color: #4d5966; font-size: .9rem; }`;


export function consentPage(input: ConsentPageInput): string {
  const client = input.clientUri
    ? `<a href="${escapeHtml(input.clientUri)}" rel="noopener noreferrer">${escapeHtml(input.clientName)}</a>`
    : escapeHtml(input.clientName);
  const scopes = input.scopes.map(({ scope, description }) => `  <li>${escapeHtml(description)}<br><code>${escapeHtml(scope)}</code></li>`).join('\n');
  const hidden = Object.entries(input.hidden)
    .map(([name, value]) => `  <input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n');
  return htmlPage(`Authorize ${input.clientName}`, style, `<h1>${client} asks for access to your organization's Open Badges</h1>
<p>It asks to:</p>
<ul>
${scopes}
</ul>
<p class="meta">After you answer, your browser goes back to <code>${escapeHtml(input.redirectUri)}</code>.</p>
${input.error ? `<p class="error" role="alert">${escapeHtml(input.error)}</p>\n` : ''}<form method="post" action="/oauth/authorize">
${hidden}
  <label for="api_key">An openler API key of your organization with the credentials:issue scope</label>
  <input type="password" id="api_key" name="api_key" autocomplete="off" placeholder="olk_...">
  <p class="meta">The key shows that you act for the organization; it is not given to ${escapeHtml(input.clientName)}.</p>
  <div class="actions">
    <button type="submit" name="decision" value="approve">Approve</button>
    <button type="submit" name="decision" value="deny">Deny</button>
  </div>
</form>`);
}

/** When the request cannot even be sent back to the client (unknown client or redirect URI). */
export function authorizationErrorPage(message: string): string {
  return htmlPage('Authorization request refused', style, `<h1>This authorization request cannot be answered</h1>
<p class="error" role="alert">${escapeHtml(message)}</p>
<p class="meta">Go back to the app that sent you here and tell its makers; nothing was shared.</p>`);
}
