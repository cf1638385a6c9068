import type { KeyObject } from 'node:crypto';
import { OpenlerError } from '../../common/errors.js';
import { didKeyVerificationMethodId, resolveDidKey } from './did-key.js';
import { didWebDocumentUrl } from './controller-documents.js';
import { fetchJsonDocument } from './fetch-document.js';
import { publicKeyOf, type PublicKeyAlgorithm } from './public-keys.js';
import { TtlCache } from './ttl-cache.js';

/**
 * Finds the public key behind a verification method id, and what its
 * controller says the key may be used for:
 *
 * - did:key: computed locally;
 * - did:web and https (an issuer profile or controller document URL, the key
 *   being `<url>#<fragment>`): from the local trust store first (a map from
 *   URL or DID to document, for tests and air-gapped deployments), else over
 *   the network only when `allowRemote` is set, with a time limit and an
 *   in-memory cache; otherwise a clear error that the key cannot be resolved
 *   offline.
 */

/** A verification method resolved to a usable public key (shared between lookups: do not change it). */
export interface ResolvedKey {
  /** The verification method id. */
  id: string;
  /** Who controls the key (the DID or URL of the document that lists it). */
  controller: string;
  algorithm: PublicKeyAlgorithm;
  publicKey: KeyObject;
  /** The verification relationships under which the controller lists the key: assertionMethod, authentication... */
  purposes: readonly string[];
  /** When the controller revoked the key, if it did. */
  revoked?: string;
  /** The verification method as the controller document states it. */
  verificationMethod: Record<string, unknown>;
  source: 'did:key' | 'trust-store' | 'network';
}

export interface KeyResolver {
  /** The key a verification method id names; an OpenlerError (details.reason) when it cannot be found or used. */
  (verificationMethodId: string): Promise<ResolvedKey>;
  /** Every key a controller (DID or issuer URL) lists, for a signature that names no key (a JWT without kid). */
  keysOf(controllerId: string): Promise<ResolvedKey[]>;
  /** The controller or DID document behind an id, where one can be had (undefined when unknown offline). */
  documentFor(id: string): Promise<Record<string, unknown> | undefined>;
}

/** Documents by URL or DID; they are read as immutable (replace an entry to change it). */
export type TrustStore = ReadonlyMap<string, object> | Readonly<Record<string, object>>;

export interface KeyResolverOptions {
  /** Documents known locally, by URL or DID. */
  trustStore?: TrustStore;
  /** Whether did:web and https documents may be fetched over the network (never by default). */
  allowRemote?: boolean;
  fetchTimeoutMs?: number;
  /** How long fetched documents are kept; false to keep none. */
  cache?: { ttlMs?: number; maxEntries?: number } | false;
}

const VERIFICATION_RELATIONSHIPS = ['assertionMethod', 'authentication', 'capabilityInvocation', 'capabilityDelegation', 'keyAgreement'];
const DEFAULT_TIMEOUT_MS = 5_000;
const DEFAULT_TTL_MS = 5 * 60_000;

function cannotResolve(message: string, reason: string, cause?: unknown): OpenlerError {
  return new OpenlerError('unprocessable', message, { field: 'verificationMethod', reason }, cause === undefined ? undefined : { cause });
}

/** The controller part of a verification method id and the document URL that describes it. */
function locate(id: string): { controller: string; documentUrl: string } {
  const controller = id.split('#', 1)[0] ?? '';
  if (controller.startsWith('did:web:')) return { controller, documentUrl: didWebDocumentUrl(controller) };
  if (/^https?:\/\//.test(controller)) return { controller, documentUrl: controller };
  throw cannotResolve(`Cannot resolve ${id}: openler resolves did:key, did:web and https verification methods`, 'unsupported_identifier');
}

function absolute(reference: string, base: string): string {
  return reference.startsWith('#') ? `${base}${reference}` : reference;
}

/** The verification methods of a controller document, each with the relationships that list it. */
function methodsOf(document: Record<string, unknown>, controller: string): Map<string, { method: Record<string, unknown>; purposes: string[] }> {
  const methods = new Map<string, { method: Record<string, unknown>; purposes: string[] }>();
  const add = (value: unknown, purpose?: string): void => {
    if (typeof value === 'string') {
      const entry = methods.get(absolute(value, controller));
      if (entry !== undefined && purpose !== undefined) entry.purposes.push(purpose);
      return;
    }
    if (typeof value !== 'object' || value === null || typeof (value as { id?: unknown }).id !== 'string') return;
    const method = value as Record<string, unknown>;
    const id = absolute(method.id as string, controller);
    const entry = methods.get(id) ?? { method: { ...method, id }, purposes: [] };
    methods.set(id, entry);
    if (purpose !== undefined) entry.purposes.push(purpose);
  };
  const listed = (name: string): unknown[] => {
    const value = document[name];
    return Array.isArray(value) ? value : value === undefined ? [] : [value];
  };
  for (const method of listed('verificationMethod')) add(method);
  // Embedded methods first, then references, so a reference to an embedded method finds it.
  for (const purpose of VERIFICATION_RELATIONSHIPS) for (const value of listed(purpose)) if (typeof value === 'object') add(value, purpose);
  for (const purpose of VERIFICATION_RELATIONSHIPS) for (const value of listed(purpose)) if (typeof value === 'string') add(value, purpose);
  return methods;
}

function resolvedFrom(id: string, controller: string, entry: { method: Record<string, unknown>; purposes: string[] }, source: ResolvedKey['source']): ResolvedKey {
  const stated = entry.method.controller;
  if (stated !== undefined && stated !== controller) {
    throw cannotResolve(`The document of ${controller} lists ${id} as controlled by ${String(stated)}`, 'not_listed');
  }
  const { algorithm, publicKey } = publicKeyOf(entry.method);
  const resolved: ResolvedKey = { id, controller, algorithm, publicKey, purposes: [...new Set(entry.purposes)], verificationMethod: entry.method, source };
  if (typeof entry.method.revoked === 'string') resolved.revoked = entry.method.revoked;
  return resolved;
}

export function createKeyResolver(options: KeyResolverOptions = {}): KeyResolver {
  const trustStore: ReadonlyMap<string, object> = options.trustStore instanceof Map
    ? options.trustStore
    : new Map(Object.entries(options.trustStore ?? {}));
  const allowRemote = options.allowRemote ?? false;
  const timeoutMs = options.fetchTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  const cache = options.cache === false
    ? undefined
    : new TtlCache<Record<string, unknown>>({ ttlMs: options.cache?.ttlMs ?? DEFAULT_TTL_MS, maxEntries: options.cache?.maxEntries ?? 1_000 });
  /** did:key keys never change: each is worked out once. */
  const didKeys = new Map<string, ResolvedKey>();
  const documentKeys = new WeakMap<object, Map<string, ResolvedKey | OpenlerError>>();

  /** The document describing a controller, with where it came from; undefined when it is not known offline. */
  async function controllerDocument(controller: string, documentUrl: string): Promise<{ document: Record<string, unknown>; source: ResolvedKey['source'] } | undefined> {
    const local = trustStore.get(controller) ?? trustStore.get(documentUrl);
    let document: Record<string, unknown>;
    let source: ResolvedKey['source'];
    if (local !== undefined) {
      document = local as Record<string, unknown>;
      source = 'trust-store';
    } else if (allowRemote) {
      const load = (): Promise<Record<string, unknown>> => fetchJsonDocument(documentUrl, timeoutMs);
      document = await (cache === undefined ? load() : cache.get(documentUrl, load));
      source = 'network';
    } else {
      return undefined;
    }
    if (document.id !== controller) {
      throw cannotResolve(`The document for ${controller} (${documentUrl}) describes ${JSON.stringify(document.id)} instead`, 'invalid_document');
    }
    return { document, source };
  }

  async function known(controller: string, documentUrl: string, forId: string): Promise<{ document: Record<string, unknown>; source: ResolvedKey['source'] }> {
    const found = await controllerDocument(controller, documentUrl);
    if (found !== undefined) return found;
    throw cannotResolve(
      `Cannot resolve the key ${forId} offline: ${documentUrl} is not in the local trust store and fetching keys from the network is not allowed`,
      'unresolvable_offline',
    );
  }

  async function resolveDidKeyMethod(reference: string): Promise<ResolvedKey> {
    const id = didKeyVerificationMethodId(reference);
    const known = didKeys.get(id);
    if (known !== undefined) return known;
    const controller = id.split('#', 1)[0] ?? '';
    const document = await resolveDidKey(controller);
    const entry = methodsOf(document, controller).get(id);
    if (entry === undefined) throw cannotResolve(`The did:key ${controller} has no key ${id}`, 'not_listed');
    const resolved = resolvedFrom(id, controller, entry, 'did:key');
    if (didKeys.size >= 10_000) didKeys.clear();
    didKeys.set(id, resolved);
    return resolved;
  }

  /** The keys of a document, read once per document object (trust store entries and cached fetches are reused). */
  function keysIn(document: Record<string, unknown>, controller: string, source: ResolvedKey['source']): Map<string, ResolvedKey | OpenlerError> {
    let keys = documentKeys.get(document);
    if (keys === undefined) {
      keys = new Map();
      for (const [id, entry] of methodsOf(document, controller)) {
        try {
          keys.set(id, resolvedFrom(id, controller, entry, source));
        } catch (error) {
          if (!(error instanceof OpenlerError)) throw error;
          keys.set(id, error);
        }
      }
      documentKeys.set(document, keys);
    }
    return keys;
  }

  const resolve = async (verificationMethodId: string): Promise<ResolvedKey> => {
    if (verificationMethodId.startsWith('did:key:')) return resolveDidKeyMethod(verificationMethodId);
    const { controller, documentUrl } = locate(verificationMethodId);
    if (!verificationMethodId.includes('#')) {
      throw cannotResolve(`The verification method ${verificationMethodId} names no key: expected ${controller}#<key id>`, 'not_listed');
    }
    const { document, source } = await known(controller, documentUrl, verificationMethodId);
    const key = keysIn(document, controller, source).get(verificationMethodId);
    if (key === undefined) {
      throw cannotResolve(`The key ${verificationMethodId} is not listed by its controller ${controller}`, 'not_listed');
    }
    if (key instanceof OpenlerError) throw key;
    return key;
  };

  const keysOf = async (controllerId: string): Promise<ResolvedKey[]> => {
    if (controllerId.startsWith('did:key:')) return [await resolveDidKeyMethod(controllerId)];
    const { controller, documentUrl } = locate(controllerId);
    const { document, source } = await known(controller, documentUrl, `of ${controller}`);
    // A key openler cannot read (another algorithm) is simply not a candidate.
    return [...keysIn(document, controller, source).values()].filter((key): key is ResolvedKey => !(key instanceof OpenlerError));
  };

  const documentFor = async (id: string): Promise<Record<string, unknown> | undefined> => {
    if (id.startsWith('did:key:')) return resolveDidKey(id);
    try {
      const { controller, documentUrl } = locate(id);
      return (await controllerDocument(controller, documentUrl))?.document;
    } catch (error) {
      if (error instanceof OpenlerError && error.details.reason === 'unsupported_identifier') return undefined;
      throw error;
    }
  };

  return Object.assign(resolve, { keysOf, documentFor });
}
