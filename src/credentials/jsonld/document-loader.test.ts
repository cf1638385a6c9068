import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import jsonld from 'jsonld';
import { OpenlerError } from '../../common/errors.js';
import { sharedPath } from '../../../test/shared-data.js';
import { bundledContextUrls, createDocumentLoader } from './document-loader.js';
import { jsonLdFailure } from './errors.js';

// Fixtures: 1EdTech digital-credentials-public-validator test resources (Apache-2.0).
function fixture(...parts: string[]): Record<string, unknown> {
  return JSON.parse(readFileSync(sharedPath('fixtures', ...parts), 'utf8')) as Record<string, unknown>;
}

const requiredContexts = [
  'https://www.w3.org/2018/credentials/v1',
  'https://www.w3.org/ns/credentials/v2',
  'https://w3id.org/security/data-integrity/v1',
  'https://w3id.org/security/data-integrity/v2',
  'https://w3id.org/security/multikey/v1',
  'https://www.w3.org/ns/credentials/status/v1',
  'https://purl.imsglobal.org/spec/ob/v3p0/context.json',
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json',
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json',
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
  'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json',
  'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json',
];

test('serves every bundled context offline, as the same cached document each time', async () => {
  const load = createDocumentLoader();
  for (const url of requiredContexts) {
    const first = await load(url);
    assert.equal(first.documentUrl, url);
    assert.equal(first.contextUrl, null);
    assert.ok('@context' in first.document, `${url} is a JSON-LD context`);
    assert.equal(first.tag, 'static', `${url} is cacheable by jsonld.js`);
    assert.equal((await load(url)).document, first.document, `${url} is parsed once`);
  }
  assert.deepEqual(requiredContexts.filter((url) => !bundledContextUrls().includes(url)), []);
});

test('the Open Badges 3.0.3 context is the one the OB fixtures were signed with', async () => {
  const load = createDocumentLoader();
  const served = (await load('https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json')).document as { '@context': Record<string, unknown> };
  const published = fixture('contexts', 'ob-v3p0-3.0.3.json') as { '@context': Record<string, unknown> };
  // The package's copy may lag the published file by a term or two; every term it has must mean the same.
  for (const [term, definition] of Object.entries(served['@context'])) {
    assert.deepEqual(definition, published['@context'][term], `term ${term}`);
  }
});

test('an unknown URL is a clear unprocessable error naming it, and never a network call', async () => {
  const load = createDocumentLoader();
  const url = 'https://example.org/contexts/unknown.jsonld';
  await assert.rejects(load(url), (error: unknown) => {
    assert.ok(error instanceof OpenlerError);
    assert.equal(error.code, 'unprocessable');
    assert.equal(error.message, `Unknown JSON-LD context or document: ${url}`);
    assert.deepEqual(error.details, { field: 'context' });
    return true;
  });
  // Through jsonld.js the loader's reason survives the wrapping.
  const document = { '@context': ['https://www.w3.org/ns/credentials/v2', url], type: ['VerifiableCredential'] };
  const failure = await jsonld.expand(document, { documentLoader: load }).then(() => undefined, (error: unknown) => jsonLdFailure(error));
  assert.ok(failure instanceof OpenlerError);
  assert.equal(failure.message, `Unknown JSON-LD context or document: ${url}`);
});

test('resolveDocument answers for URLs the bundle does not know; undefined means unknown', async () => {
  const issuerDocument = { id: 'https://issuer.example/profile', assertionMethod: [] };
  const asked: string[] = [];
  const load = createDocumentLoader({
    resolveDocument: async (url) => {
      asked.push(url);
      return url === issuerDocument.id ? issuerDocument : undefined;
    },
  });
  assert.equal((await load(issuerDocument.id)).document, issuerDocument);
  await assert.rejects(load('https://issuer.example/other'), /Unknown JSON-LD context or document: https:\/\/issuer.example\/other/);
  // Bundled contexts never reach the resolver.
  await load('https://www.w3.org/ns/credentials/v2');
  assert.deepEqual(asked, [issuerDocument.id, 'https://issuer.example/other']);
});

test('did:key URLs resolve locally to the DID document or the verification method', async () => {
  const load = createDocumentLoader();
  const did = 'did:key:z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi';
  const methodId = `${did}#z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi`;
  const didDocument = (await load(did)).document as Record<string, unknown>;
  assert.equal(didDocument.id, did);
  assert.deepEqual(didDocument.assertionMethod, [methodId]);
  const method = (await load(methodId)).document as Record<string, unknown>;
  assert.equal(method.type, 'Multikey');
  assert.equal(method.controller, did);
  assert.equal(method.publicKeyMultibase, 'z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi');
  await assert.rejects(load('did:key:z6Mkbroken'), (error: unknown) => error instanceof OpenlerError && /Invalid did:key/.test(error.message));
});

test('an Open Badges 3.0 credential expands in safe mode with the bundled contexts', async () => {
  const expanded = await jsonld.expand(fixture('ob30', 'complete.json'), { documentLoader: createDocumentLoader(), safe: true });
  assert.equal(expanded.length, 1);
  const types = (expanded[0] as Record<string, unknown>)['@type'];
  assert.ok(Array.isArray(types) && types.includes('https://purl.imsglobal.org/spec/vc/ob/vocab.html#OpenBadgeCredential'));
});

test('an undefined term is named in safe mode', async () => {
  const credential: Record<string, unknown> = { ...fixture('ob30', 'simple.json'), favouriteColour: 'blue' };
  delete credential.proof;
  const failure = await jsonld.toRDF(credential, { documentLoader: createDocumentLoader(), safe: true, format: 'application/n-quads' })
    .then(() => undefined, (error: unknown) => jsonLdFailure(error, 'The credential'));
  assert.ok(failure instanceof OpenlerError);
  assert.match(failure.message, /The credential cannot be processed as JSON-LD: the property "favouriteColour" is not defined/);
});
