import type { DocumentLoader } from 'jsonld';
import { OpenlerError } from '../../common/errors.js';
import { fetchJsonDocument } from '../dids/fetch-document.js';
import { createKeyResolver, type KeyResolver, type TrustStore } from '../dids/key-resolver.js';
import { createDocumentLoader } from '../jsonld/document-loader.js';
import { verifyDataIntegrity, type DataIntegrityVerification, type VerifyDataIntegrityOptions } from '../proofs/data-integrity.js';

/**
 * Where verification gets what the credential does not carry: issuer keys,
 * status lists, Open Badges 2.0 hosted documents, JSON-LD contexts. Offline
 * by default: the bundled contexts, did:key, and a local trust store of
 * documents by URL or DID; the network only when `allowRemote` is set.
 */

/**
 * A document by URL. Undefined means it is not available offline (no local
 * copy, remote fetching off); a document that should have come but did not
 * (a network failure, a 404) is an OpenlerError with the reason.
 */
export type FetchDocument = (url: string) => Promise<unknown>;

/** Checks a credential's Data Integrity proofs, answering exactly as verifyDataIntegrity does. */
export type VerifyProofs = (credential: unknown, options: VerifyDataIntegrityOptions) => Promise<DataIntegrityVerification>;

export interface VerificationSourceOptions {
  /** Documents known locally, by URL or DID: issuer controller and DID documents, status list credentials. */
  trustStore?: TrustStore;
  /** Whether keys, status lists and Open Badges 2.0 documents may be fetched over the network; never by default. */
  allowRemote?: boolean;
  /** Time limit of one fetch. */
  fetchTimeoutMs?: number;
  /** A key resolver to use instead of one built from trustStore and allowRemote (share one for its cache). */
  resolveKey?: KeyResolver;
  /** A JSON-LD document loader to use instead of the offline one. */
  documentLoader?: DocumentLoader;
  /**
   * Fetches a Bitstring Status List credential (a JSON object or a VC-JWT) by
   * URL from a source of your own (e.g. the lists this openler publishes); when
   * it answers undefined, the trust store is asked, then the network where allowed.
   */
  resolveStatusList?: FetchDocument;
  /** The same for Open Badges 2.0 documents (hosted assertions, signing keys, revocation lists). */
  fetchDocument?: FetchDocument;
  /** What checks Data Integrity proofs: verifyDataIntegrity, or a batch verifier that answers the same (proofs/batch-verifier.ts). */
  verifyProofs?: VerifyProofs;
}

export interface VerificationSources {
  resolveKey: KeyResolver;
  documentLoader: DocumentLoader;
  resolveStatusList: FetchDocument;
  fetchDocument: FetchDocument;
  verifyProofs: VerifyProofs;
}

const DEFAULT_TIMEOUT_MS = 5_000;

function lookup(trustStore: TrustStore | undefined, url: string): object | undefined {
  if (trustStore === undefined) return undefined;
  return trustStore instanceof Map ? trustStore.get(url) : (trustStore as Readonly<Record<string, object>>)[url];
}

export function verificationSources(options: VerificationSourceOptions): VerificationSources {
  const { trustStore, allowRemote = false } = options;
  const timeoutMs = options.fetchTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  const fromStoreOrNetwork: FetchDocument = async (url) => {
    const local = lookup(trustStore, url);
    if (local !== undefined) return local;
    if (!allowRemote) return undefined;
    try {
      return await fetchJsonDocument(url, timeoutMs);
    } catch (error) {
      if (error instanceof OpenlerError) throw error;
      throw new OpenlerError('unprocessable', `Cannot fetch ${url}: ${error instanceof Error ? error.message : String(error)}`, {}, { cause: error });
    }
  };
  return {
    resolveKey: options.resolveKey ?? createKeyResolver({ trustStore, allowRemote, fetchTimeoutMs: timeoutMs }),
    documentLoader: options.documentLoader ?? createDocumentLoader({ resolveDocument: async (url) => lookup(trustStore, url) }),
    resolveStatusList: firstOf(options.resolveStatusList, fromStoreOrNetwork),
    fetchDocument: firstOf(options.fetchDocument, fromStoreOrNetwork),
    verifyProofs: options.verifyProofs ?? verifyDataIntegrity,
  };
}

/** A caller's own source first, the default one for what it does not have. */
function firstOf(own: FetchDocument | undefined, fallback: FetchDocument): FetchDocument {
  if (own === undefined) return fallback;
  return async (url) => (await own(url)) ?? fallback(url);
}

/** The message of whatever a source threw, for a reason. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
