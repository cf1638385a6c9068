import { Type, type Static } from 'typebox';
import { DateTime } from './primitives.js';

/**
 * An embedded proof (VC Data Integrity). Only `type` is required here: a
 * credential may carry proofs of kinds a verifier does not know, and the
 * verifier decides which one it checks.
 */
export const Proof = Type.Object(
  {
    type: Type.String({ description: "e.g. 'DataIntegrityProof'" }),
    cryptosuite: Type.Optional(Type.String({ description: "e.g. 'eddsa-rdfc-2022'" })),
    created: Type.Optional(DateTime),
    verificationMethod: Type.Optional(Type.String({ format: 'uri', description: 'The key that verifies the proof' })),
    proofPurpose: Type.Optional(Type.String({ description: "'assertionMethod' for credentials" })),
    proofValue: Type.Optional(Type.String({ description: 'The signature, multibase-encoded' })),
    challenge: Type.Optional(Type.String()),
    domain: Type.Optional(Type.String()),
    nonce: Type.Optional(Type.String()),
    jws: Type.Optional(Type.String({ description: 'The signature of older suites, as a detached JWS' })),
  },
  { description: 'An embedded proof' },
);
export type Proof = Static<typeof Proof>;
