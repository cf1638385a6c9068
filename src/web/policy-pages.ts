import { escapeHtml, htmlPage } from './html-page.js';

/**
 * The plain /terms and /privacy pages. The Open Badges API's discovery
 * document must name a terms of service and a privacy policy; openler cannot
 * write either for whoever runs it, so by default these pages say so, name
 * the settings that point the document at the operator's own, and state only
 * what the software itself does. Plain HTML, no script, no external assets.
 */

export interface PolicyPageInput {
  /** The operator's own page, when OPENLER_TERMS_URL / OPENLER_PRIVACY_URL names one. */
  configuredUrl?: string | undefined;
}

const style = `
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 40rem; padding: 1.5rem; color: #1d232b; }
  h1 { font-size: 1.3rem; margin: 0 0 1rem; }
  code { font-size: .9rem; }
  ul { padding-left: 1.2rem; }`;


function policyPage(title: string, body: string): string {
  return htmlPage(title, style, `<h1>${escapeHtml(title)}</h1>\n${body}`);
}

function operatorPolicy(what: string, setting: string, input: PolicyPageInput): string {
  const intro = `<p>This service runs openler, open-source software. Its ${what} is set by the organization that operates this deployment, not by the openler project.</p>`;
  if (input.configuredUrl !== undefined) {
    const url = escapeHtml(input.configuredUrl);
    return `${intro}\n<p>The operator publishes it at <a href="${url}">${url}</a>.</p>`;
  }
  return `${intro}
<p>The operator has not named a ${what} of its own yet. Operators set <code>${setting}</code> to the address of theirs; the Open Badges API's discovery document (<code>/ims/ob/v3p0/discovery</code>) then points there instead of here.</p>`;
}

export function termsPage(input: PolicyPageInput = {}): string {
  return policyPage('Terms of service', operatorPolicy('terms of service', 'OPENLER_TERMS_URL', input));
}

export function privacyPage(input: PolicyPageInput = {}): string {
  return policyPage('Privacy policy', `${operatorPolicy('privacy policy', 'OPENLER_PRIVACY_URL', input)}
<p>Whatever the operator's policy, the openler software itself:</p>
<ul>
  <li>keeps its data in the operator's own database and sends nothing to the openler project;</li>
  <li>fetches documents from other servers only to verify credentials, and only where the operator allows it (<code>OPENLER_VERIFY_REMOTE</code>);</li>
  <li>stores API keys, OAuth client secrets, authorization codes and tokens only as hashes;</li>
  <li>writes a learner's email address into a credential only as a salted hash;</li>
  <li>sets no cookies, and its pages load nothing from other sites.</li>
</ul>`);
}
