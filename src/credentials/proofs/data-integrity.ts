import { sign as nodeSign, type KeyObject } from 'node:crypto';
import { DataIntegrityProof, type ProofSigner } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { CredentialIssuancePurpose } from '@digitalbazaar/vc';
import type { DocumentLoader } from 'jsonld';
import { OpenlerError } from '../../common/errors.js';
import { jsonLdFailure } from '../jsonld/errors.js';
import type { IssuerKeyPair } from '../keys/key-pairs.js';
import { base58btc } from '../keys/base58.js';
import type { KeyResolver, ResolvedKey } from '../dids/key-resolver.js';
import { ED25519_SIGNATURE_2020, ed25519Signature2020Suite } from './ed25519-signature-2020.js';
import type { ProofSuite } from './proof-suite.js';

/**
 * Data Integrity proofs with the eddsa-rdfc-2022 cryptosuite, through the
 * Digital Bazaar stack (@digitalbazaar/data-integrity drives the proof,
 * @digitalbazaar/eddsa-rdfc-2022-cryptosuite canonicalises with RDFC-1.0):
 * the document and the proof options are each canonicalised and hashed
 * (SHA-256), and Ed25519 signs the proof hash followed by the document hash.
 *
 * Verification is openler's own walk over the proof set, so that every
 * failure has a reason a person can read: no proof, unknown cryptosuite, key
 * not resolvable or not listed by the issuer, key revoked, document altered.
 * The walk also checks Ed25519Signature2020 proofs (./ed25519-signature-2020.ts),
 * which older Open Badges 3.0 and CLR 2.0 credentials carry, by the same rules.
 */

export const CRYPTOSUITE = 'eddsa-rdfc-2022';
const PROOF_TYPE = 'DataIntegrityProof';
const ASSERTION = 'assertionMethod';

/** One purpose object serves every signature: it only stamps `proofPurpose: assertionMethod`. */
const issuancePurpose = new CredentialIssuancePurpose();

/** Signers are kept per private key and verification method, so the hot path builds nothing it built before. */
const signers = new WeakMap<KeyObject, Map<string, ProofSigner>>();

function signerFor(privateKey: KeyObject, verificationMethod: string): ProofSigner {
  let byMethod = signers.get(privateKey);
  if (byMethod === undefined) {
    byMethod = new Map();
    signers.set(privateKey, byMethod);
  }
  let signer = byMethod.get(verificationMethod);
  if (signer === undefined) {
    signer = { algorithm: 'Ed25519', id: verificationMethod, sign: async ({ data }) => nodeSign(null, data, privateKey) };
    byMethod.set(verificationMethod, signer);
  }
  return signer;
}

export interface SignDataIntegrityOptions {
  /** An Ed25519 key pair: eddsa-rdfc-2022 signs with Ed25519 only. */
  keyPair: IssuerKeyPair;
  /** The verification method id the proof names (did:key:...#..., did:web:...#..., https://issuer#key). */
  verificationMethod: string;
  /** The proof's creation time; now by default. */
  created?: string | Date;
  documentLoader: DocumentLoader;
}

type JsonObject = Record<string, unknown>;

function proofsOf(credential: JsonObject): unknown[] {
  const proof = credential.proof;
  return proof === undefined ? [] : Array.isArray(proof) ? proof : [proof];
}

/**
 * The credential with a new DataIntegrityProof (eddsa-rdfc-2022) added to its
 * proof set. The input is not changed. A credential on the VC 1.1 context
 * gets the Data Integrity context appended, as the proof's terms need it.
 */
export async function signDataIntegrity<T extends JsonObject>(unsignedCredential: T, options: SignDataIntegrityOptions): Promise<T & { proof: unknown }> {
  const { keyPair, verificationMethod, created, documentLoader } = options;
  if (keyPair.algorithm !== 'Ed25519') {
    throw new OpenlerError('validation_failed', `${CRYPTOSUITE} signs with an Ed25519 key; this key is ${keyPair.algorithm}`, { field: 'key' });
  }
  if (typeof unsignedCredential !== 'object' || unsignedCredential === null || Array.isArray(unsignedCredential)) {
    throw new OpenlerError('validation_failed', 'A credential to sign is a JSON object', { field: 'credential' });
  }
  let suite: DataIntegrityProof;
  try {
    suite = new DataIntegrityProof({ signer: signerFor(keyPair.privateKey, verificationMethod), cryptosuite: eddsaRdfc2022, date: created ?? undefined });
  } catch (error) {
    throw new OpenlerError('validation_failed', `Invalid proof creation time ${JSON.stringify(created)}`, { field: 'created' }, { cause: error });
  }
  const existingProofs = proofsOf(unsignedCredential);
  const document: JsonObject = { ...unsignedCredential };
  delete document.proof;
  const context = document['@context'];
  if (Array.isArray(context)) document['@context'] = [...context];
  suite.ensureSuiteContext({ document, addSuiteContext: true });
  let proof: JsonObject;
  try {
    proof = await suite.createProof({ document, purpose: issuancePurpose, proofSet: existingProofs as object[], documentLoader });
  } catch (error) {
    throw jsonLdFailure(error, 'The credential');
  }
  return { ...document, proof: existingProofs.length === 0 ? proof : [...existingProofs, proof] } as T & { proof: unknown };
}

/** The RDFC-1.0 canonical N-Quads that an eddsa-rdfc-2022 proof hashes: the document without proofs, and the proof options. */
export async function canonicalForms(credential: JsonObject, proofOptions: JsonObject, documentLoader: DocumentLoader): Promise<{ document: string; proof: string }> {
  const document: JsonObject = { ...credential };
  delete document.proof;
  const options: JsonObject = { '@context': document['@context'], ...proofOptions };
  delete options.proofValue;
  const canonize = (input: object): Promise<string> => eddsaRdfc2022.canonize(input, { documentLoader, base: null, safe: true });
  try {
    const [documentCanon, proofCanon] = await Promise.all([canonize(document), canonize(options)]);
    return { document: documentCanon, proof: proofCanon };
  } catch (error) {
    throw jsonLdFailure(error, 'The credential');
  }
}

export interface ProofVerification {
  verified: boolean;
  /** A proof of a type openler does not check is skipped, not failed. */
  skipped?: true;
  reason?: string;
  type?: string;
  verificationMethod?: string;
}

export interface DataIntegrityVerification {
  verified: boolean;
  /** Why not, for a person: the first failing proof's reason. */
  reason?: string;
  /** The key that verified (or, when none did, the one that failed). */
  verificationMethod?: string;
  proofs: ProofVerification[];
}

export interface VerifyDataIntegrityOptions {
  documentLoader: DocumentLoader;
  resolveKey: KeyResolver | ((verificationMethodId: string) => Promise<ResolvedKey>);
  /**
   * Whether the signing key must belong to the credential's issuer (its
   * controller is the issuer's id). On by default; without it a valid
   * signature by any resolvable key is accepted.
   */
  requireIssuerBinding?: boolean;
  /** The time against which a proof's `expires` is judged; now by default. */
  now?: Date;
  /**
   * What the proof must be for: assertionMethod (a credential, the default) or
   * authentication (a holder's presentation, bound to `controller` and to the
   * expected challenge and domain).
   */
  purpose?: 'assertionMethod' | 'authentication';
  /** Who must control the key, instead of the credential's issuer (a presentation's holder). */
  controller?: string;
  challenge?: string;
  domain?: string;
}

function issuerIdOf(credential: JsonObject): string | undefined {
  const issuer = credential.issuer;
  if (typeof issuer === 'string') return issuer;
  if (typeof issuer === 'object' && issuer !== null && typeof (issuer as JsonObject).id === 'string') return (issuer as JsonObject).id as string;
  return undefined;
}

const xsdDateTime = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

/** The Multikey form of a resolved Ed25519 key, as the cryptosuite's verifier reads it. */
function multikeyOf(key: ResolvedKey): JsonObject {
  const x = key.publicKey.export({ format: 'jwk' }).x ?? '';
  const publicKeyMultibase = `z${base58btc(Buffer.concat([Buffer.from([0xed, 0x01]), Buffer.from(x, 'base64url')]))}`;
  return { '@context': 'https://w3id.org/security/multikey/v1', id: key.id, type: 'Multikey', controller: key.controller, publicKeyMultibase };
}

/** eddsa-rdfc-2022 as a proof suite, for one verification: it canonicalises the document once for all its proofs. */
function eddsaRdfc2022Suite(): ProofSuite {
  const suite = new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 });
  return {
    name: CRYPTOSUITE,
    refusal: (proof) => (proof.cryptosuite === CRYPTOSUITE ? undefined : `Unknown cryptosuite ${JSON.stringify(proof.cryptosuite)}: openler verifies ${CRYPTOSUITE}`),
    async verifySignature({ document, proof, proofSet, verificationMethod, documentLoader }) {
      const verifyData = await suite.createVerifyData({ document, proof: { '@context': document['@context'], ...proof }, proofSet, documentLoader });
      return suite.verifySignature({ verifyData, verificationMethod, proof });
    },
  };
}

/** The proof types openler checks, each with the maker of its suite. */
const suiteMakers: ReadonlyMap<string, () => ProofSuite> = new Map([
  [PROOF_TYPE, eddsaRdfc2022Suite],
  [ED25519_SIGNATURE_2020, ed25519Signature2020Suite],
]);
const CHECKED_TYPES = `${PROOF_TYPE} and ${ED25519_SIGNATURE_2020}`;

interface VerificationContext {
  document: JsonObject;
  proofSet: JsonObject[];
  issuerId: string | undefined;
  /** The suite of a proof type, made on first use and shared by the credential's proofs of that type. */
  suiteFor: (type: string) => ProofSuite | undefined;
  options: VerifyDataIntegrityOptions;
}

async function verifyProof(value: unknown, context: VerificationContext): Promise<ProofVerification> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { verified: false, reason: 'A proof is not a JSON object' };
  const proof = value as JsonObject;
  const type = typeof proof.type === 'string' ? proof.type : undefined;
  const suite = type === undefined ? undefined : context.suiteFor(type);
  if (suite === undefined) {
    return { verified: false, skipped: true, type, reason: `The proof type ${JSON.stringify(proof.type)} is not one openler checks (it checks ${CHECKED_TYPES})` };
  }
  const method = typeof proof.verificationMethod === 'object' && proof.verificationMethod !== null
    ? (proof.verificationMethod as JsonObject).id
    : proof.verificationMethod;
  const fail = (reason: string): ProofVerification => ({ verified: false, type, reason, ...(typeof method === 'string' ? { verificationMethod: method } : {}) });
  const refusal = suite.refusal(proof, context.document);
  if (refusal !== undefined) return fail(refusal);
  const purpose = context.options.purpose ?? ASSERTION;
  if (proof.proofPurpose !== purpose) return fail(`The proof's purpose is ${JSON.stringify(proof.proofPurpose)}; ${purpose === ASSERTION ? 'a credential is signed' : 'a presentation is signed'} for ${purpose}`);
  if (context.options.challenge !== undefined && proof.challenge !== context.options.challenge) return fail(`The proof's challenge ${JSON.stringify(proof.challenge)} is not the expected one`);
  if (context.options.domain !== undefined && proof.domain !== context.options.domain) return fail(`The proof's domain ${JSON.stringify(proof.domain)} is not the expected ${context.options.domain}`);
  if (typeof method !== 'string' || method === '') return fail('The proof names no verification method');
  if (typeof proof.proofValue !== 'string' || proof.proofValue === '') return fail('The proof has no proofValue');
  if (proof.created !== undefined && (typeof proof.created !== 'string' || !xsdDateTime.test(proof.created))) return fail(`The proof's created ${JSON.stringify(proof.created)} is not a date-time`);
  if (proof.expires !== undefined) {
    const expires = typeof proof.expires === 'string' && xsdDateTime.test(proof.expires) ? Date.parse(proof.expires) : Number.NaN;
    if (Number.isNaN(expires)) return fail(`The proof's expires ${JSON.stringify(proof.expires)} is not a date-time`);
    if (expires < (context.options.now ?? new Date()).getTime()) return fail(`The proof expired at ${String(proof.expires)}`);
  }

  let key: ResolvedKey;
  try {
    key = await context.options.resolveKey(method);
  } catch (error) {
    if (error instanceof OpenlerError) return fail(error.message);
    throw error;
  }
  if (key.revoked !== undefined) return fail(`The key ${method} was revoked by its controller (${key.revoked})`);
  if (key.algorithm !== 'Ed25519') return fail(`The key ${method} is an ${key.algorithm} key; ${suite.name} needs Ed25519`);
  if (!key.purposes.includes(purpose)) return fail(`The key ${method} is not listed by ${key.controller} for ${purpose === ASSERTION ? 'issuing' : 'authentication'} (${purpose})`);
  const requireBinding = context.options.requireIssuerBinding ?? true;
  const expectedController = context.options.controller ?? context.issuerId;
  if (requireBinding && key.controller !== expectedController) {
    return fail(`The key ${method} belongs to ${key.controller}, not to ${context.options.controller !== undefined ? 'the holder' : "the credential's issuer"} ${expectedController ?? '(none)'}`);
  }

  let matches: boolean;
  try {
    matches = await suite.verifySignature({ document: context.document, proof, proofSet: context.proofSet, verificationMethod: multikeyOf(key), documentLoader: context.options.documentLoader });
  } catch (error) {
    const failure = jsonLdFailure(error, 'The credential');
    return fail(/base58|base64url|multibase/i.test(failure.message) ? `The proofValue is not a multibase signature: ${failure.message}` : failure.message);
  }
  if (!matches) return fail(`The signature does not match the credential: it was changed after signing, or not signed by ${method}`);
  return { verified: true, type, verificationMethod: method };
}

/**
 * Checks every Data Integrity and Ed25519Signature2020 proof of a credential.
 * It verifies when at least one proof was checked and every checked proof
 * holds; proofs of a type openler does not check are reported as skipped.
 */
export async function verifyDataIntegrity(credential: unknown, options: VerifyDataIntegrityOptions): Promise<DataIntegrityVerification> {
  if (typeof credential !== 'object' || credential === null || Array.isArray(credential)) {
    return { verified: false, reason: 'The credential is not a JSON object', proofs: [] };
  }
  const signed = credential as JsonObject;
  const proofSet = proofsOf(signed);
  if (proofSet.length === 0) return { verified: false, reason: 'The credential has no proof', proofs: [] };
  const document: JsonObject = { ...signed };
  delete document.proof;
  // One suite per proof type and verification: each canonicalises the document once for all its proofs.
  const suites = new Map<string, ProofSuite>();
  const suiteFor = (type: string): ProofSuite | undefined => {
    let suite = suites.get(type);
    const make = suiteMakers.get(type);
    if (suite === undefined && make !== undefined) {
      suite = make();
      suites.set(type, suite);
    }
    return suite;
  };
  const context: VerificationContext = { document, proofSet: proofSet as JsonObject[], issuerId: issuerIdOf(signed), suiteFor, options };
  const proofs = await Promise.all(proofSet.map((proof) => verifyProof(proof, context)));

  const checked = proofs.filter((result) => result.skipped !== true);
  if (checked.length === 0) {
    const types = proofs.map((result) => JSON.stringify(result.type ?? null)).join(', ');
    return { verified: false, reason: `No proof openler can check (proof types ${types}; it checks ${PROOF_TYPE} with ${CRYPTOSUITE}, and ${ED25519_SIGNATURE_2020})`, proofs };
  }
  const failed = checked.find((result) => !result.verified);
  if (failed === undefined) return { verified: true, verificationMethod: checked[0]?.verificationMethod, proofs };
  const position = proofSet.length > 1 ? `Proof ${proofs.indexOf(failed) + 1} of ${proofSet.length}: ` : '';
  const result: DataIntegrityVerification = { verified: false, reason: `${position}${failed.reason ?? 'not verified'}`, proofs };
  if (failed.verificationMethod !== undefined) result.verificationMethod = failed.verificationMethod;
  return result;
}
