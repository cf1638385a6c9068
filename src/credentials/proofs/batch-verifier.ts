import { verify as nodeVerify } from 'node:crypto';
import { OpenlerError } from '../../common/errors.js';
import { base58btc, decodeBase58btc } from '../keys/base58.js';
import type { ResolvedKey } from '../dids/key-resolver.js';
import { CRYPTOSUITE, verifyDataIntegrity, type DataIntegrityVerification, type VerifyDataIntegrityOptions } from './data-integrity.js';
import type { BatchStats } from './batch-signer.js';
import { verifyDataFor } from './batch-verify-data.js';

/**
 * Batch verification of eddsa-rdfc-2022 proofs. The fast path takes the
 * common case (one DataIntegrityProof for assertionMethod, by a key its
 * issuer lists, with a valid signature) and answers exactly what
 * verifyDataIntegrity answers for it; every other case, and every failure,
 * goes to verifyDataIntegrity itself, so each reason reads the same.
 */

type JsonObject = Record<string, unknown>;

const PROOF_TYPE = 'DataIntegrityProof';
const ASSERTION = 'assertionMethod';
/** UTC date-times only: a subset of what verifyDataIntegrity accepts, the rest goes its way. */
const UTC_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
/** How many credentials of a batch are in flight at once (their keys may be fetched). */
const CONCURRENCY = 32;

/** The options verifyDataIntegrity may take for presentations; read without depending on them. */
interface PresentationOptions {
  purpose?: string;
  controller?: string;
  challenge?: string;
  domain?: string;
}

export interface BatchVerifier {
  /** What verifyDataIntegrity answers for the credential, with the options the verifier was made with. */
  verify(credential: unknown): Promise<DataIntegrityVerification>;
  verifyMany(credentials: readonly unknown[]): Promise<DataIntegrityVerification[]>;
  readonly stats: Readonly<BatchStats>;
  close(): Promise<void>;
}

function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function issuerIdOf(credential: JsonObject): string | undefined {
  const issuer = credential.issuer;
  if (typeof issuer === 'string') return issuer;
  if (isPlainObject(issuer) && typeof issuer.id === 'string') return issuer.id;
  return undefined;
}

/** The signature a proofValue holds, when it is base58btc multibase written the one canonical way. */
function signatureOf(proofValue: string): Buffer | undefined {
  if (!proofValue.startsWith('z')) return undefined;
  const encoded = proofValue.slice(1);
  try {
    const bytes = decodeBase58btc(encoded);
    return bytes.length === 64 && base58btc(bytes) === encoded ? Buffer.from(bytes) : undefined;
  } catch {
    return undefined;
  }
}

export function createBatchVerifier(options: VerifyDataIntegrityOptions): BatchVerifier {
  const verifyData = verifyDataFor(options.documentLoader);
  const extra = options as VerifyDataIntegrityOptions & PresentationOptions;
  const purpose = extra.purpose ?? ASSERTION;
  const counts = { fast: 0, standard: 0 };

  const standard = (credential: unknown): Promise<DataIntegrityVerification> => {
    counts.standard += 1;
    return verifyDataIntegrity(credential, options);
  };

  /** The key of a proof the fast path may check, or undefined when it goes the standard way. */
  const usableKey = async (credential: JsonObject, proof: JsonObject): Promise<ResolvedKey | undefined> => {
    if (proof.type !== PROOF_TYPE || proof.cryptosuite !== CRYPTOSUITE || proof.proofPurpose !== purpose) return undefined;
    if (typeof proof.verificationMethod !== 'string' || proof.verificationMethod === '' || typeof proof.proofValue !== 'string') return undefined;
    if (proof.created !== undefined && (typeof proof.created !== 'string' || !UTC_DATE_TIME.test(proof.created))) return undefined;
    if (proof.expires !== undefined) return undefined;
    let key: ResolvedKey;
    try {
      key = await options.resolveKey(proof.verificationMethod);
    } catch (error) {
      if (error instanceof OpenlerError) return undefined;
      throw error;
    }
    if (key.revoked !== undefined || key.algorithm !== 'Ed25519' || !key.purposes.includes(purpose)) return undefined;
    const requireBinding = options.requireIssuerBinding ?? true;
    if (requireBinding && key.controller !== (extra.controller ?? issuerIdOf(credential))) return undefined;
    return key;
  };

  const verify = async (credential: unknown): Promise<DataIntegrityVerification> => {
    if (!isPlainObject(credential) || extra.challenge !== undefined || extra.domain !== undefined) return standard(credential);
    const proofSet = Array.isArray(credential.proof) ? credential.proof : [credential.proof];
    const proof = proofSet[0];
    if (proofSet.length !== 1 || !isPlainObject(proof)) return standard(credential);
    const key = await usableKey(credential, proof);
    const signature = typeof proof.proofValue === 'string' ? signatureOf(proof.proofValue) : undefined;
    if (key === undefined || signature === undefined) return standard(credential);
    const document: JsonObject = { ...credential };
    delete document.proof;
    const data = await verifyData.verifyData(document, proof).catch(() => undefined);
    if (data === undefined || !nodeVerify(null, data, key.publicKey, signature)) return standard(credential);
    counts.fast += 1;
    const verificationMethod = proof.verificationMethod as string;
    return { verified: true, verificationMethod, proofs: [{ verified: true, type: PROOF_TYPE, verificationMethod }] };
  };

  return {
    verify,
    async verifyMany(credentials) {
      const results: DataIntegrityVerification[] = new Array<DataIntegrityVerification>(credentials.length);
      for (let start = 0; start < credentials.length; start += CONCURRENCY) {
        const chunk = credentials.slice(start, start + CONCURRENCY);
        const answers = await Promise.all(chunk.map((credential) => verify(credential)));
        answers.forEach((answer, offset) => (results[start + offset] = answer));
      }
      return results;
    },
    get stats() {
      return { ...counts, shapes: verifyData.stats.compiled };
    },
    async close() {
      // Nothing held but memory.
    },
  };
}
