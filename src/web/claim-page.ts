import { escapeHtml, htmlPage } from './html-page.js';

/**
 * The page a learner sees on opening a claim link. Opening it uses nothing
 * up (mail scanners and chat previews open links too): the credential is
 * handed over only when the learner presses the button, which posts the form
 * back to the same address. Plain HTML, no script, no external assets.
 */

export interface ClaimPageInput {
  achievement: string;
  issuer: string;
  expiresAt: string;
  /** The claim link's own path, which the form posts to. */
  action: string;
}

const style = `
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 36rem; padding: 1.5rem; color: #1d232b; }
  h1 { font-size: 1.3rem; margin: 0 0 1rem; }
  .card { border: 1px solid #d0d7de; border-radius: 8px; padding: 1rem 1.25rem; margin: 1rem 0; }
  button { font: inherit; padding: .5rem 1.1rem; border-radius: 6px; border: 1px solid #1a5fb4; background: #1a5fb4; color: #fff; cursor: pointer; }
  .note { color: #57606a; font-size: .9rem; }`;

export function claimPage(input: ClaimPageInput): string {
  const until = new Date(input.expiresAt).toUTCString();
  return htmlPage('Collect your credential', style, `<h1>Collect your credential</h1>
<div class="card">
<p><strong>${escapeHtml(input.achievement)}</strong><br>issued by ${escapeHtml(input.issuer)}</p>
</div>
<form method="post" action="${escapeHtml(input.action)}">
<button type="submit">Collect the credential</button>
</form>
<p class="note">The credential downloads as a file you can keep or add to a wallet. This link works once, until ${escapeHtml(until)}.</p>`);
}

/**
 * Why a claim link cannot be used, as a page. A link that is spent (used,
 * expired, unknown, its credential revoked) needs a new one; a link whose
 * credential is only held back (suspended) keeps working once it is released.
 */
export function claimProblemPage(message: string, linkKept = false): string {
  const note = linkKept ? 'Keep this link: it works again once the issuer reinstates the credential.' : 'Ask the issuer for a new link.';
  return htmlPage('This claim link cannot be used', style, `<h1>This claim link cannot be used</h1>
<p>${escapeHtml(message)}</p>
<p class="note">${note}</p>`);
}
