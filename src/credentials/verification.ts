import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { OpenlerError } from '../common/errors.js';
import { createKeyResolver, type KeyResolver, type ResolvedKey, type TrustStore } from './dids/key-resolver.js';
import type { StatusListPublisher } from './issuance/status-publisher.js';
import type { IssuerService } from './issuers/service.js';
import type { DocumentLoader } from './jsonld/document-loader.js';
import { createBatchVerifier } from './proofs/batch-verifier.js';
import { verifyDataIntegrity } from './proofs/data-integrity.js';
import type { VerifyProofs } from './verify/sources.js';
import { verifyCredential, type VerificationReport } from './verify/verify-credential.js';

export interface VerificationServiceOptions {
  /** Issuer and DID documents and status lists known locally (tests, air-gapped deployments), by id. */
  trustStore?: ReadonlyMap<string, object>;
  /** Whether remote issuer documents and status lists may be fetched (off unless configured). */
  allowRemote?: boolean;
  fetchTimeoutMs?: number;
  /** Check Data Integrity proofs through the batch verifier (default) or only the standard way; both answer the same. */
  batchProofs?: boolean;
}

/** openler's own issuers and status lists, as its database holds them. */
export interface LocalCredentialSources {
  issuers: IssuerService;
  statusLists: StatusListPublisher;
  /** Maps a status list URL to openler's own list ID, if it is one of openler's. */
  localStatusListId: (url: string) => string | undefined;
}

/**
 * Data Integrity proofs through a batch verifier: credentials of a shape seen
 * before (openler's own, a status list it publishes, an issuer's series) are
 * canonicalised from a compiled template, and every other case and every
 * failure goes to verifyDataIntegrity itself, so the verdict and its reason
 * are the same either way. A verifier per call, as the key resolver and the
 * time change; the compiled shapes are kept per document loader, so calls share them.
 */
export const batchVerifyProofs: VerifyProofs = (credential, options) => createBatchVerifier(options).verify(credential);

/**
 * Verifies any credential. openler's own issuers and status lists answer
 * from the database, never over the network; other issuers' documents come
 * from the trust store, then the network only where allowed. Without local
 * sources (no database) every issuer is treated as another's.
 */
export class VerificationService {
  private readonly remote: KeyResolver;
  private readonly offline: KeyResolver;

  constructor(
    private readonly local: LocalCredentialSources | undefined,
    private readonly documentLoader: DocumentLoader,
    private readonly options: VerificationServiceOptions,
  ) {
    const trustStore: TrustStore = options.trustStore ?? new Map();
    // One resolver each way, so fetched documents are cached across requests.
    this.remote = createKeyResolver({ trustStore, allowRemote: true, ...(options.fetchTimeoutMs ? { fetchTimeoutMs: options.fetchTimeoutMs } : {}) });
    this.offline = createKeyResolver({ trustStore, allowRemote: false });
  }

  get allowsRemote(): boolean {
    return this.options.allowRemote === true;
  }

  async verify(input: unknown, request: { allowRemote?: boolean; now?: Date } = {}): Promise<VerificationReport> {
    const allowRemote = request.allowRemote ?? this.options.allowRemote ?? false;
    if (allowRemote && !this.allowsRemote) {
      throw new OpenlerError('forbidden', 'This openler does not fetch remote documents (set OPENLER_VERIFY_REMOTE=1 to allow it)', { field: 'allowRemote' });
    }
    const trustStore = this.options.trustStore ?? new Map<string, object>();
    return verifyCredential(input, {
      trustStore,
      allowRemote,
      documentLoader: this.documentLoader,
      resolveKey: this.withLocalIssuers(allowRemote ? this.remote : this.offline),
      resolveStatusList: async (url) => {
        const listId = this.local?.localStatusListId(url);
        if (listId !== undefined) return this.local?.statusLists.credential(listId);
        return undefined;
      },
      verifyProofs: this.options.batchProofs === false ? verifyDataIntegrity : batchVerifyProofs,
      ...(request.now ? { now: request.now } : {}),
    });
  }

  /**
   * A presentation's own proof: the holder's Data Integrity proof for
   * authentication, with the expected challenge and domain. An unsigned
   * presentation is reported as skipped, not as verified.
   */
  async verifyPresentationProof(presentation: Record<string, unknown>, options: { challenge?: string; domain?: string; allowRemote?: boolean } = {}): Promise<{ status: 'passed' | 'failed' | 'skipped'; reason: string }> {
    if (presentation.proof === undefined) {
      if (options.challenge !== undefined) return { status: 'failed', reason: 'A challenge was given but the presentation is not signed' };
      return { status: 'skipped', reason: 'The presentation is not signed by its holder' };
    }
    const holder = typeof presentation.holder === 'string' ? presentation.holder : (presentation.holder as { id?: unknown } | undefined)?.id;
    const allowRemote = (options.allowRemote ?? this.options.allowRemote ?? false) && this.allowsRemote;
    const verdict = await verifyDataIntegrity(presentation, {
      documentLoader: this.documentLoader,
      resolveKey: this.withLocalIssuers(allowRemote ? this.remote : this.offline),
      purpose: 'authentication',
      ...(typeof holder === 'string' ? { controller: holder } : { requireIssuerBinding: false }),
      ...(options.challenge !== undefined ? { challenge: options.challenge } : {}),
      ...(options.domain !== undefined ? { domain: options.domain } : {}),
    });
    return verdict.verified
      ? { status: 'passed', reason: `signed by ${verdict.verificationMethod ?? 'the holder'}` }
      : { status: 'failed', reason: verdict.reason ?? 'the presentation proof does not verify' };
  }

  /** A key resolver that answers openler's own issuers from the database and hands the rest on. */
  private withLocalIssuers(base: KeyResolver): KeyResolver {
    const local = this.local;
    if (local === undefined) return base;
    const localDocument = async (id: string): Promise<Record<string, unknown> | undefined> => {
      const issuerId = local.issuers.localIssuerId(id);
      if (issuerId === undefined) return undefined;
      try {
        return id.startsWith('did:web:') ? { ...(await local.issuers.didDocument(issuerId)) } : await local.issuers.profileDocument(issuerId);
      } catch (error) {
        if (error instanceof OpenlerError && error.code === 'not_found') return undefined;
        throw error;
      }
    };
    const resolverFor = async (id: string): Promise<KeyResolver> => {
      const document = await localDocument(id);
      if (document === undefined || typeof document.id !== 'string') return base;
      return createKeyResolver({ trustStore: { [document.id]: document }, allowRemote: false });
    };
    const resolve = async (verificationMethodId: string): Promise<ResolvedKey> => (await resolverFor(verificationMethodId))(verificationMethodId);
    return Object.assign(resolve, {
      keysOf: async (controllerId: string) => (await resolverFor(controllerId)).keysOf(controllerId),
      documentFor: async (id: string) => (await resolverFor(id)).documentFor(id),
    });
  }
}

/**
 * A trust store from a directory of JSON documents (issuer profiles,
 * controller and DID documents, status list credentials), each filed under
 * its own `id`; or from one JSON file holding such a document or an array of them.
 */
export function readTrustStore(path: string): Map<string, object> {
  const store = new Map<string, object>();
  let files: string[];
  try {
    files = statSync(path).isDirectory() ? readdirSync(path).filter((name) => name.endsWith('.json')).map((name) => join(path, name)) : [path];
  } catch (error) {
    throw new OpenlerError('bad_request', `Cannot read the trust store ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { field: 'trustStore' });
  }
  for (const file of files) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new OpenlerError('bad_request', `Trust store file ${file} is not JSON: ${(error as Error).message}`, { field: 'trustStore' });
    }
    for (const document of Array.isArray(parsed) ? parsed : [parsed]) {
      const id = (document as { id?: unknown } | null)?.id;
      if (typeof id !== 'string') throw new OpenlerError('bad_request', `Trust store file ${file} holds a document without an id`, { field: 'trustStore' });
      store.set(id, document as object);
    }
  }
  return store;
}
