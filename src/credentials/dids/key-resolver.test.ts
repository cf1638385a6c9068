import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sign, verify } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OpenlerError } from '../../common/errors.js';
import { generateEd25519KeyPair, generateRsaKeyPair, publicKeyDescription, type IssuerKeyPair } from '../keys/key-pairs.js';
import { controllerDocument, didWebDocument } from './controller-documents.js';
import { createKeyResolver, type ResolvedKey } from './key-resolver.js';

const message = Buffer.from('signed by the issuer');

/** The resolved public key verifies what the key pair signed. */
function provesKeyPair(resolved: ResolvedKey, keyPair: IssuerKeyPair): boolean {
  const algorithm = keyPair.algorithm === 'Ed25519' ? null : 'sha256';
  return resolved.algorithm === keyPair.algorithm && verify(algorithm, message, resolved.publicKey, sign(algorithm, message, keyPair.privateKey));
}

async function rejectsWith(promise: Promise<unknown>, reason: string, pattern: RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof OpenlerError, String(error));
    assert.equal(error.code, 'unprocessable');
    assert.equal(error.details.reason, reason, error.message);
    assert.equal(error.details.field, 'verificationMethod');
    assert.match(error.message, pattern);
    return true;
  });
}

/** A local HTTP server answering with `respond`, counting requests; closed after `run`. */
async function withServer(respond: (path: string, base: string) => { status: number; body?: unknown } | 'hang', run: (base: string, requests: () => number) => Promise<void>): Promise<void> {
  let count = 0;
  let base = '';
  const server: Server = createServer((request, response) => {
    count += 1;
    const answer = respond(request.url ?? '/', base);
    if (answer === 'hang') return;
    response.writeHead(answer.status, { 'content-type': 'application/json' });
    response.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    await run(base, () => count);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

test('did:key resolves locally, with or without the fragment', async () => {
  const keyPair = await generateEd25519KeyPair();
  const resolve = createKeyResolver();
  const did = `did:key:${keyPair.publicKeyMultibase}`;
  for (const reference of [`${did}#${keyPair.publicKeyMultibase}`, did]) {
    const resolved = await resolve(reference);
    assert.equal(resolved.id, `${did}#${keyPair.publicKeyMultibase}`);
    assert.equal(resolved.controller, did);
    assert.equal(resolved.source, 'did:key');
    assert.ok(resolved.purposes.includes('assertionMethod'));
    assert.ok(provesKeyPair(resolved, keyPair));
  }
  await rejectsWith(resolve(`${did}#other`), 'not_listed', /no verification method #other|has no key/);
});

test('an https issuer\'s keys come from the trust store: Ed25519 and RSA, revoked ones flagged, unlisted ones refused', async () => {
  const ed = await generateEd25519KeyPair();
  const rsa = await generateRsaKeyPair();
  const revoked = await generateEd25519KeyPair({ keyId: 'old' });
  const stranger = await generateEd25519KeyPair();
  const issuer = 'https://issuer.example/profiles/acme';
  const resolve = createKeyResolver({
    trustStore: { [issuer]: controllerDocument(issuer, [publicKeyDescription(ed), publicKeyDescription(rsa), { ...publicKeyDescription(revoked), revoked: '2025-01-01T00:00:00Z' }]) },
  });
  const edKey = await resolve(`${issuer}#${ed.keyId}`);
  assert.equal(edKey.source, 'trust-store');
  assert.equal(edKey.controller, issuer);
  assert.deepEqual(edKey.purposes, ['assertionMethod']);
  assert.ok(provesKeyPair(edKey, ed));
  assert.ok(provesKeyPair(await resolve(`${issuer}#${rsa.keyId}`), rsa));
  const revokedKey = await resolve(`${issuer}#old`);
  assert.equal(revokedKey.revoked, '2025-01-01T00:00:00Z');
  assert.deepEqual(revokedKey.purposes, []);
  await rejectsWith(resolve(`${issuer}#${stranger.publicKeyMultibase}`), 'not_listed', new RegExp(`not listed by its controller ${issuer}`));
  await rejectsWith(resolve(issuer), 'not_listed', /names no key/);
  assert.deepEqual((await resolve.keysOf(issuer)).map((key) => key.id), [`${issuer}#${ed.keyId}`, `${issuer}#${rsa.keyId}`, `${issuer}#old`]);
});

test('did:web keys come from the trust store, by DID or by document URL', async () => {
  const keyPair = await generateEd25519KeyPair();
  const document = didWebDocument('issuer.example/orgs/acme', [publicKeyDescription(keyPair)]);
  const methodId = `did:web:issuer.example:orgs:acme#${keyPair.keyId}`;
  for (const key of [document.id, 'https://issuer.example/orgs/acme/did.json']) {
    const resolved = await createKeyResolver({ trustStore: new Map([[key, document]]) })(methodId);
    assert.ok(provesKeyPair(resolved, keyPair), key);
  }
});

test('offline, an unknown did:web or https key is a clear error and no request is made', async () => {
  await withServer(() => ({ status: 200, body: {} }), async (base, requests) => {
    const resolve = createKeyResolver();
    await rejectsWith(resolve(`${base}/issuer#key-1`), 'unresolvable_offline', /Cannot resolve the key .*#key-1 offline: .* is not in the local trust store and fetching keys from the network is not allowed/);
    await rejectsWith(resolve('did:web:issuer.example#key-1'), 'unresolvable_offline', /https:\/\/issuer\.example\/\.well-known\/did\.json is not in the local trust store/);
    await rejectsWith(resolve('urn:uuid:4ca4a241-fc3b-4d92-978e-f56fa96ae795#key'), 'unsupported_identifier', /did:key, did:web and https/);
    assert.equal(requests(), 0);
  });
});

test('with allowRemote, a controller document is fetched once and kept for the time to live', async () => {
  const keyPair = await generateEd25519KeyPair();
  const second = await generateRsaKeyPair();
  await withServer((path, base) => {
    return path === '/issuers/1' ? { status: 200, body: controllerDocument(`${base}${path}`, [publicKeyDescription(keyPair), publicKeyDescription(second)]) } : { status: 404 };
  }, async (base, requests) => {
    const issuer = `${base}/issuers/1`;
    const resolve = createKeyResolver({ allowRemote: true, fetchTimeoutMs: 2_000 });
    const [first, again] = await Promise.all([resolve(`${issuer}#${keyPair.keyId}`), resolve(`${issuer}#${keyPair.keyId}`)]);
    assert.equal(first.source, 'network');
    assert.ok(provesKeyPair(first, keyPair) && provesKeyPair(again, keyPair));
    assert.ok(provesKeyPair(await resolve(`${issuer}#${second.keyId}`), second));
    assert.equal(requests(), 1, 'one request for concurrent and later lookups of the same document');
    const uncached = createKeyResolver({ allowRemote: true, cache: false });
    await uncached(`${issuer}#${keyPair.keyId}`);
    await uncached(`${issuer}#${keyPair.keyId}`);
    assert.equal(requests(), 3);
    await rejectsWith(resolve(`${base}/issuers/2#k`), 'fetch_failed', /answered 404/);
  });
});

test('a remote document that is slow, not JSON or about someone else is refused, saying so', async () => {
  await withServer((path) => {
    if (path === '/slow') return 'hang';
    if (path === '/text') return { status: 200, body: undefined };
    return { status: 200, body: { id: 'https://somebody.else/profile', assertionMethod: [] } };
  }, async (base) => {
    const resolve = createKeyResolver({ allowRemote: true, fetchTimeoutMs: 200 });
    const started = Date.now();
    await rejectsWith(resolve(`${base}/slow#k`), 'timeout', /no answer within 200 ms/);
    assert.ok(Date.now() - started < 2_000);
    await rejectsWith(resolve(`${base}/text#k`), 'invalid_document', /not JSON/);
    await rejectsWith(resolve(`${base}/other#k`), 'invalid_document', /describes "https:\/\/somebody\.else\/profile" instead/);
    await rejectsWith(resolve('http://issuer.example/profile#k'), 'fetch_failed', /https only/);
  });
});
