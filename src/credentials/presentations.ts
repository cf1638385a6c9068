import { OpenlerError } from '../common/errors.js';
import { vcV1Context, vcV2Context } from './model/contexts.js';
import type { VerificationService } from './verification.js';
import type { VerificationReport } from './verify/verify-credential.js';

export interface PresentationReport {
  verified: boolean;
  /**
   * The presentation's own proof: passed, failed, or skipped when it is
   * unsigned and its credentials speak for it; failed when it is unsigned and
   * holds no credential, as it then proves nothing.
   */
  presentation: { status: 'passed' | 'failed' | 'skipped'; reason: string };
  credentials: VerificationReport[];
}

/**
 * Verifies a Verifiable Presentation: each credential in it, fully, and the
 * holder's proof when there is one (Data Integrity, authentication purpose,
 * matching the expected challenge and domain). One of the two must be there:
 * an unsigned presentation without credentials is not verified.
 */
export async function verifyPresentation(
  verification: VerificationService,
  presentation: unknown,
  options: { challenge?: string; domain?: string; allowRemote?: boolean } = {},
): Promise<PresentationReport> {
  if (presentation === null || typeof presentation !== 'object' || Array.isArray(presentation)) {
    throw new OpenlerError('bad_request', 'verifiablePresentation must be a JSON object', { field: 'verifiablePresentation' });
  }
  const vp = presentation as Record<string, unknown>;
  const contexts = vp['@context'];
  if (!Array.isArray(contexts) || (contexts[0] !== vcV2Context && contexts[0] !== vcV1Context)) {
    throw new OpenlerError('bad_request', `verifiablePresentation.@context must be a list that starts with ${vcV2Context} (or ${vcV1Context})`, { field: 'verifiablePresentation.@context' });
  }
  const badContext = contexts.findIndex((entry) => (typeof entry === 'string' ? !URL.canParse(entry) : entry === null || typeof entry !== 'object' || Array.isArray(entry)));
  if (badContext >= 0) {
    throw new OpenlerError('bad_request', `verifiablePresentation.@context[${badContext}] must be a context URL or a context object`, { field: `verifiablePresentation.@context[${badContext}]` });
  }
  const types = Array.isArray(vp.type) ? vp.type : [vp.type];
  if (!types.includes('VerifiablePresentation')) {
    throw new OpenlerError('bad_request', 'verifiablePresentation.type must include VerifiablePresentation', { field: 'verifiablePresentation.type' });
  }
  const embedded = vp.verifiableCredential === undefined ? [] : Array.isArray(vp.verifiableCredential) ? vp.verifiableCredential : [vp.verifiableCredential];
  const credentials: VerificationReport[] = [];
  for (const credential of embedded) {
    credentials.push(await verification.verify(credential, options.allowRemote === undefined ? {} : { allowRemote: options.allowRemote }));
  }
  const holderProof = vp.proof === undefined && embedded.length === 0
    ? { status: 'failed' as const, reason: 'The presentation is not signed by its holder and holds no credentials, so it proves nothing' }
    : await verification.verifyPresentationProof(vp, options);
  return { verified: holderProof.status !== 'failed' && credentials.every((report) => report.verified), presentation: holderProof, credentials };
}
