import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import jsonld, { type DocumentLoader } from 'jsonld';
import { sharedPath } from '../../../test/shared-data.js';
import { createDocumentLoader } from './document-loader.js';
import { CLR_V2P0_CONTEXT_URL, clrV2p0Context } from './clr-v2p0-context.js';

// Fixtures: 1EdTech digital-credentials-public-validator test resources (Apache-2.0),
// including the published CLR 2.0 context, read here only to compare meanings.
function fixture(...parts: string[]): Record<string, unknown> {
  return JSON.parse(readFileSync(sharedPath('fixtures', ...parts), 'utf8')) as Record<string, unknown>;
}

const publishedClrContext = fixture('contexts', 'clr-v2p0-2.0.1.json');
/** The URL the older CLR fixtures use for the CLR 2.0 context. */
const clrContextJsonUrl = 'https://purl.imsglobal.org/spec/clr/v2p0/context.json';
/** Ed25519Signature2020's context: not installed, and only about the (removed) proofs. */
const ed25519Signature2020Context = 'https://w3id.org/security/suites/ed25519-2020/v1';

/** A loader that answers the CLR context URLs with the given context and everything else from the bundle. */
function loaderWithClrContext(clrContext: object): DocumentLoader {
  const bundled = createDocumentLoader();
  return async (url) => {
    if (url === CLR_V2P0_CONTEXT_URL || url === clrContextJsonUrl) return { contextUrl: null, documentUrl: url, document: clrContext };
    return bundled(url);
  };
}

/** The credential without its Ed25519Signature2020 proofs (here and in every embedded credential). */
function withoutProofs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutProofs);
  if (typeof value !== 'object' || value === null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (key === 'proof') continue;
    copy[key] = key === '@context' && Array.isArray(inner) ? inner.filter((url) => url !== ed25519Signature2020Context) : withoutProofs(inner);
  }
  return copy;
}

async function canonical(document: object, documentLoader: DocumentLoader): Promise<string> {
  return jsonld.canonize(document, { documentLoader, safe: true, algorithm: 'RDFC-1.0', format: 'application/n-quads' });
}

test('the complex CLR 2.0 fixture means the same under openler\'s CLR context as under the published one', async () => {
  const credential = withoutProofs(fixture('clr20', 'complex.json')) as object;
  const ours = await canonical(credential, loaderWithClrContext(clrV2p0Context));
  const published = await canonical(credential, loaderWithClrContext(publishedClrContext));
  assert.equal(ours, published);
  // The comparison covers the CLR terms themselves, not just the Open Badges ones.
  assert.match(ours, /<https:\/\/purl\.imsglobal\.org\/spec\/vc\/clr\/vocab\.html#association>/);
  assert.match(ours, /vocab\.html#sourceId> "urn:uuid:[0-9a-f-]+"\^\^<https:\/\/www\.w3\.org\/2001\/XMLSchema#anyURI>/);
  assert.match(ours, /vocab\.html#verifiableCredential> <https:\/\/dc\.imsglobal\.org\//);
  assert.ok(ours.split('\n').length > 200);
});

test('the RDF comparison notices a context that means something else', async () => {
  const credential = withoutProofs(fixture('clr20', 'complex.json')) as object;
  const altered = structuredClone(clrV2p0Context);
  const association = altered['@context'].Association as { '@context': Record<string, { '@id': string }> };
  const targetId = association['@context'].targetId;
  assert.ok(targetId !== undefined);
  targetId['@id'] = 'https://example.org/vocab#target';
  assert.notEqual(await canonical(credential, loaderWithClrContext(altered)), await canonical(credential, loaderWithClrContext(publishedClrContext)));
});

test('the CLR 2.0 fixture on the VC 2.0 context (context-2.0.1.json) canonicalises the same under both', async () => {
  const credential = fixture('clr20', 'simple.json');
  delete credential.proof;
  assert.ok((credential['@context'] as string[]).includes(CLR_V2P0_CONTEXT_URL));
  const ours = await canonical(credential, createDocumentLoader());
  assert.equal(ours, await canonical(credential, loaderWithClrContext(publishedClrContext)));
  assert.match(ours, /clr\/vocab\.html#ClrSubject>/);
});

test('partial expands exactly as under the published context, datatype quirk included', async () => {
  const credential = {
    '@context': ['https://www.w3.org/ns/credentials/v2', CLR_V2P0_CONTEXT_URL, 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    id: 'urn:uuid:0d0c6a4e-9d0b-4a55-9c3d-6a3f5f7e2a10',
    type: ['VerifiableCredential', 'ClrCredential'],
    issuer: 'https://issuer.example/profile',
    validFrom: '2024-01-01T00:00:00Z',
    partial: true,
    credentialSubject: { type: ['ClrSubject'], verifiableCredential: [] },
  };
  const ours = await canonical(credential, createDocumentLoader());
  assert.equal(ours, await canonical(credential, loaderWithClrContext(publishedClrContext)));
  // VC 2.0 and OB 3.0.3 define no `xsd` prefix, so the published context's `xsd:boolean` stays as written.
  assert.match(ours, /clr\/vocab\.html#partial> "true"\^\^<xsd:boolean> \./);
});
