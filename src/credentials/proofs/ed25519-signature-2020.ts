import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020';
import { CONTEXT_URL } from 'ed25519-signature-2020-context';
import type { ProofSuite } from './proof-suite.js';

/**
 * Ed25519Signature2020 proofs (the W3C CCG suite that Open Badges 3.0 and
 * CLR 2.0 credentials signed before Data Integrity 1.0 carry), verified with
 * @digitalbazaar/ed25519-signature-2020: the proof options (without
 * proofValue) and the document are each canonicalised with RDFC-1.0 and
 * hashed with SHA-256, and Ed25519 verifies the proof hash followed by the
 * document hash against the base58btc proofValue. The same steps as
 * eddsa-rdfc-2022, under the suite's own context and proof type.
 */

export const ED25519_SIGNATURE_2020 = 'Ed25519Signature2020';
export const ED25519_2020_CONTEXT_URL = CONTEXT_URL;

function includesSuiteContext(document: Record<string, unknown>): boolean {
  const context = document['@context'];
  return context === ED25519_2020_CONTEXT_URL || (Array.isArray(context) && context.includes(ED25519_2020_CONTEXT_URL));
}

/** A suite for one verification: it canonicalises the document once for all of its Ed25519Signature2020 proofs. */
export function ed25519Signature2020Suite(): ProofSuite {
  const suite = new Ed25519Signature2020();
  return {
    name: ED25519_SIGNATURE_2020,
    // Without the suite's context the proof's own terms are undefined, and the library would not take the proof as one of its own.
    refusal: (_proof, document) => (includesSuiteContext(document)
      ? undefined
      : `An ${ED25519_SIGNATURE_2020} proof needs the credential's @context to include ${ED25519_2020_CONTEXT_URL}, and it does not`),
    async verifySignature({ document, proof, verificationMethod, documentLoader }) {
      const verifyData = await suite.createVerifyData({ document, proof, documentLoader });
      return suite.verifySignature({ verifyData, verificationMethod, proof });
    },
  };
}
