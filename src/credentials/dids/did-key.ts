import { driver as didKeyDriver } from '@digitalbazaar/did-method-key';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { OpenlerError } from '../../common/errors.js';

/** Multibase (base58btc) prefix of a multicodec Ed25519 public key: every Ed25519 did:key starts with it. */
export const ED25519_MULTIKEY_PREFIX = 'z6Mk';

const driver = didKeyDriver();
driver.use({ multibaseMultikeyHeader: ED25519_MULTIKEY_PREFIX, fromMultibase: Ed25519Multikey.from });

/** A did:key is its key: resolving it is pure computation, so results are kept (bounded). */
const resolved = new Map<string, Record<string, unknown>>();
const maxResolved = 10_000;

export interface DidKeyIdentifier {
  /** did:key:z6Mk... */
  did: string;
  /** The verification method, `<did>#<publicKeyMultibase>`. */
  verificationMethodId: string;
  /** The DID document: one Multikey verification method, for authentication and assertionMethod. */
  didDocument: Record<string, unknown>;
}

/** The did:key identifier of an Ed25519 public key (multibase, z6Mk...). */
export async function didKeyForEd25519(publicKeyMultibase: string): Promise<DidKeyIdentifier> {
  const did = `did:key:${publicKeyMultibase}`;
  const didDocument = await resolveDidKey(did);
  return { did, verificationMethodId: `${did}#${publicKeyMultibase}`, didDocument };
}

/**
 * The DID document of a did:key, or for a DID URL with a fragment, the
 * verification method it names. A did:key without a fragment used where a key
 * is expected means its one key; see `didKeyVerificationMethodId`.
 */
export async function resolveDidKey(url: string): Promise<Record<string, unknown>> {
  const known = resolved.get(url);
  if (known !== undefined) return structuredClone(known);
  const [did = '', fragment] = url.split('#', 2);
  const publicKeyMultibase = did.slice('did:key:'.length);
  if (!did.startsWith('did:key:') || !publicKeyMultibase.startsWith(ED25519_MULTIKEY_PREFIX)) {
    throw new OpenlerError('unprocessable', `Unsupported did:key ${url}: openler resolves Ed25519 did:key identifiers (did:key:z6Mk...)`, { field: 'verificationMethod' });
  }
  if (fragment !== undefined && fragment !== publicKeyMultibase) {
    throw new OpenlerError('unprocessable', `The did:key ${did} has no verification method #${fragment}`, { field: 'verificationMethod' });
  }
  let document: Record<string, unknown>;
  try {
    document = await driver.get({ url });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new OpenlerError('unprocessable', `Invalid did:key ${did}: ${reason}`, { field: 'verificationMethod' }, { cause: error });
  }
  if (resolved.size >= maxResolved) resolved.clear();
  resolved.set(url, document);
  return structuredClone(document);
}

/** The verification method id a did:key reference stands for (a bare did:key means its single key). */
export function didKeyVerificationMethodId(reference: string): string {
  if (reference.includes('#')) return reference;
  return `${reference}#${reference.slice('did:key:'.length)}`;
}
