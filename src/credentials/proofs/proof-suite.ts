import type { DocumentLoader } from 'jsonld';

/**
 * What differs between the embedded proof types openler verifies: whether a
 * proof of the type is one the suite can check at all, and how its signature
 * is computed. Everything else (purpose, dates, the key and whose it is) is
 * judged the same way for every type, in verifyDataIntegrity.
 */

type JsonObject = Record<string, unknown>;

export interface SignatureCheck {
  /** The credential without its proofs. */
  document: JsonObject;
  proof: JsonObject;
  /** Every proof of the credential, for suites that chain proofs. */
  proofSet: JsonObject[];
  /** The resolved Ed25519 key, in Multikey form. */
  verificationMethod: JsonObject;
  documentLoader: DocumentLoader;
}

export interface ProofSuite {
  /** The name reasons use for what the suite verifies: eddsa-rdfc-2022, Ed25519Signature2020. */
  readonly name: string;
  /** Why this proof cannot be checked by the suite before any key is looked up; undefined when it can. */
  refusal(proof: JsonObject, document: JsonObject): string | undefined;
  /** Whether the signature holds; JSON-LD and multibase errors are thrown for the caller to word. */
  verifySignature(check: SignatureCheck): Promise<boolean>;
}
