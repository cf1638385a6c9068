import { sign as nodeSign } from 'node:crypto';
import type { DocumentLoader } from 'jsonld';
import type { IssuerKeyPair } from '../keys/key-pairs.js';
import { base58btc } from '../keys/base58.js';
import { CRYPTOSUITE, signDataIntegrity } from './data-integrity.js';
import { ensureSuiteContext, verifyDataFor } from './batch-verify-data.js';

/**
 * Batch issuance of eddsa-rdfc-2022 Data Integrity proofs. Every proof is
 * byte for byte the one signDataIntegrity makes for the same credential, key,
 * verification method and creation time (Ed25519 signatures are
 * deterministic); the JSON-LD work is done once per credential shape (see
 * batch-templates.ts), and anything the fast path does not take (another key
 * type, a credential that already has proofs, a shape that does not compile,
 * a value that would not pass through) is signed by signDataIntegrity itself,
 * errors included.
 */

type JsonObject = Record<string, unknown>;

export interface BatchSignOptions {
  /** An Ed25519 key pair (anything else is refused, as signDataIntegrity refuses it). */
  keyPair: IssuerKeyPair;
  verificationMethod: string;
  /** The proof's creation time; now by default (for signMany: when the batch starts, one time for all). */
  created?: string | Date;
}

export interface BatchStats {
  /** Signed (or verified) through compiled templates. */
  fast: number;
  /** Left to the standard path. */
  standard: number;
  /** Document shapes compiled so far for this document loader (signers and verifiers with one loader share them). */
  shapes: number;
}

export interface BatchSigner {
  /** The credential with a DataIntegrityProof added, as signDataIntegrity returns it. */
  sign<T extends JsonObject>(credential: T, options: BatchSignOptions): Promise<T & { proof: unknown }>;
  /** Each credential signed, in order. */
  signMany<T extends JsonObject>(credentials: readonly T[], options: BatchSignOptions): Promise<Array<T & { proof: unknown }>>;
  readonly stats: Readonly<BatchStats>;
  close(): Promise<void>;
}

export interface BatchSignerOptions {
  documentLoader: DocumentLoader;
}

/** The proof's `created`, written as @digitalbazaar/data-integrity writes it (whole seconds, Z); undefined when it is not a date. */
export function proofCreated(created: string | Date | undefined): string | undefined {
  const date = created ? new Date(created) : new Date();
  if (Number.isNaN(date.getTime())) return undefined;
  return `${date.toISOString().slice(0, -5)}Z`;
}

function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function createBatchSigner(options: BatchSignerOptions): BatchSigner {
  const { documentLoader } = options;
  const verifyData = verifyDataFor(documentLoader);
  const counts = { fast: 0, standard: 0 };

  const standard = <T extends JsonObject>(credential: T, signOptions: BatchSignOptions): Promise<T & { proof: unknown }> => {
    counts.standard += 1;
    return signDataIntegrity(credential, { ...signOptions, documentLoader });
  };

  const sign = async <T extends JsonObject>(credential: T, signOptions: BatchSignOptions): Promise<T & { proof: unknown }> => {
    const { keyPair, verificationMethod } = signOptions;
    const created = proofCreated(signOptions.created);
    if (keyPair.algorithm !== 'Ed25519' || created === undefined || typeof verificationMethod !== 'string' || verificationMethod === ''
      || !isPlainObject(credential) || credential.proof !== undefined) {
      return standard(credential, signOptions);
    }
    const document: JsonObject = { ...credential };
    delete document.proof;
    const context = document['@context'];
    if (Array.isArray(context)) document['@context'] = [...context];
    ensureSuiteContext(document);
    // The members in the order the Data Integrity library writes them.
    const proof = { type: 'DataIntegrityProof', created, verificationMethod, cryptosuite: CRYPTOSUITE, proofPurpose: 'assertionMethod' };
    // Any trouble on the fast path (a graph too hard to canonicalise, say) is for the standard path to report.
    const data = await verifyData.verifyData(document, proof).catch(() => undefined);
    if (data === undefined) return standard(credential, signOptions);
    const signature = nodeSign(null, data, keyPair.privateKey);
    counts.fast += 1;
    return { ...document, proof: { ...proof, proofValue: `z${base58btc(signature)}` } } as T & { proof: unknown };
  };

  return {
    sign,
    async signMany(credentials, signOptions) {
      const batchOptions = { ...signOptions, created: signOptions.created ?? new Date() };
      const signed = [];
      for (const credential of credentials) signed.push(await sign(credential, batchOptions));
      return signed;
    },
    get stats() {
      return { ...counts, shapes: verifyData.stats.compiled };
    },
    async close() {
      // Nothing held but memory: present so that a pooled signer can take its place.
    },
  };
}
