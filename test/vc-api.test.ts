import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type RunningServer } from './server.js';

interface Json { [key: string]: unknown }

describe('W3C VC-API', () => {
  let server: RunningServer;
  let key: string;
  let issuerId: string;
  const call = async (path: string, body: unknown, withKey = false) => {
    const response = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(withKey ? { authorization: `Bearer ${key}` } : {}) },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Json };
  };
  const credential = (extra: Json = {}): Json => ({
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://www.w3.org/ns/credentials/examples/v2'],
    type: ['VerifiableCredential', 'ExampleAlumniCredential'],
    issuer: issuerId,
    validFrom: '2026-01-01T00:00:00Z',
    credentialSubject: { id: 'did:example:alumna', alumniOf: 'State College' },
    ...extra,
  });

  before(async () => {
    server = await startServer();
    const org = await server.context.orgs.create({ slug: 'state-college', name: 'State College', kind: 'institution' });
    key = (await server.context.orgs.createKey(org.slug, { name: 'vc-api', scopes: ['credentials:issue'] })).secret;
    issuerId = (await server.context.credentials.issuers.create(org.id, { name: 'State College' })).issuerId;
  });
  after(async () => server.close());

  it('issues a VC 2.0 credential with a Data Integrity proof and status entries, and verifies it', async () => {
    const issued = await call('/credentials/issue', { credential: credential() }, true);
    assert.equal(issued.status, 201, JSON.stringify(issued.body));
    const vc = issued.body.verifiableCredential as Json;
    assert.equal((vc.proof as Json).cryptosuite, 'eddsa-rdfc-2022');
    assert.match(String(vc.id), /^urn:uuid:/);
    assert.equal((vc.credentialStatus as Json[]).length, 2);
    const verified = await call('/credentials/verify', { verifiableCredential: vc });
    assert.equal(verified.status, 200, JSON.stringify(verified.body));
    assert.ok((verified.body.checks as string[]).includes('proof'));
    const tampered = { ...vc, credentialSubject: { id: 'did:example:alumna', alumniOf: 'Another College' } };
    const refused = await call('/credentials/verify', { verifiableCredential: tampered });
    assert.equal(refused.status, 400);
    assert.equal((refused.body.errors as Json[])[0]?.check, 'proof');

    // Revocation through the status endpoint shows up in verification.
    const status = await call('/credentials/status', { credentialId: vc.id, credentialStatus: [{ type: 'BitstringStatusListEntry', statusPurpose: 'revocation', status: true }] }, true);
    assert.equal(status.status, 200, JSON.stringify(status.body));
    const revoked = await call('/credentials/verify', { verifiableCredential: vc });
    assert.equal(revoked.status, 400);
    assert.ok((revoked.body.errors as Json[]).some((error) => error.check === 'status'));
  });

  it('returns a VC-JWT as an enveloped credential, which verifies as such', async () => {
    const issued = await call('/credentials/issue', { credential: credential(), options: { proof: 'jwt-eddsa' } }, true);
    assert.equal(issued.status, 201);
    const envelope = issued.body.verifiableCredential as Json;
    assert.equal(envelope.type, 'EnvelopedVerifiableCredential');
    assert.match(String(envelope.id), /^data:application\/vc\+jwt,ey/);
    assert.equal((await call('/credentials/verify', { verifiableCredential: envelope })).status, 200);
    // The envelope is a credential anywhere openler verifies: the public verifier, and inside a presentation with type as a list.
    const publicVerify = await fetch(`${server.url}/v1/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(envelope) });
    const report = (await publicVerify.json()) as { verified: boolean; format: string };
    assert.equal(publicVerify.status, 200, JSON.stringify(report));
    assert.deepEqual([report.verified, report.format], [true, 'jwt']);
    const listed = { ...envelope, type: ['EnvelopedVerifiableCredential'] };
    const presentation = { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiablePresentation'], verifiableCredential: [listed] };
    assert.equal((await call('/presentations/verify', { verifiablePresentation: presentation })).status, 200);
    const sdJwt = await call('/credentials/verify', { verifiableCredential: { ...envelope, id: 'data:application/vc+sd-jwt,abc' } });
    assert.equal(sdJwt.status, 400);
    assert.match(String(sdJwt.body.detail), /data: URL holding a VC-JWT .*not application\/vc\+sd-jwt/);
  });

  it('verifies a presentation and the credentials in it, holding an unsigned one to its challenge', async () => {
    const vc = (await call('/credentials/issue', { credential: credential() }, true)).body.verifiableCredential as Json;
    const presentation = { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiablePresentation'], verifiableCredential: [vc] };
    const unsigned = await call('/presentations/verify', { verifiablePresentation: presentation });
    assert.equal(unsigned.status, 200, JSON.stringify(unsigned.body));
    assert.equal((unsigned.body.warnings as Json[])[0]?.check, 'proof');
    const challenged = await call('/presentations/verify', { verifiablePresentation: presentation, options: { challenge: 'n-0S6_WzA2Mj' } });
    assert.equal(challenged.status, 400);
    const broken = await call('/presentations/verify', { verifiablePresentation: { ...presentation, verifiableCredential: [{ ...vc, validFrom: '2026-02-02T00:00:00Z' }] } });
    assert.equal(broken.status, 400);
    assert.match(String((broken.body.errors as Json[])[0]?.check), /^verifiableCredential\[0\]\.proof$/);
  });

  it('verifies credentials and presentations sent under their JSON-LD media types, as /v1/verify reads them', async () => {
    const vc = (await call('/credentials/issue', { credential: credential() }, true)).body.verifiableCredential as Json;
    const presentation = { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiablePresentation'], verifiableCredential: [vc] };
    const send = async (path: string, type: string, body: string) => {
      const response = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': type }, body });
      return { status: response.status, type: String(response.headers.get('content-type')), body: (await response.json()) as Json };
    };
    for (const type of ['application/vc+ld+json', 'application/ld+json']) {
      const verified = await send('/credentials/verify', type, JSON.stringify({ verifiableCredential: vc }));
      assert.equal(verified.status, 200, `${type}: ${JSON.stringify(verified.body)}`);
      assert.equal(verified.body.verified, true, type);
    }
    for (const type of ['application/vp+ld+json', 'application/ld+json']) {
      const verified = await send('/presentations/verify', type, JSON.stringify({ verifiablePresentation: presentation }));
      assert.equal(verified.status, 200, `${type}: ${JSON.stringify(verified.body)}`);
      assert.equal(verified.body.verified, true, type);
    }
    const broken = await send('/credentials/verify', 'application/vc+ld+json', '{"verifiableCredential": [');
    assert.equal(broken.status, 400);
    assert.match(broken.type, /^application\/problem\+json/);
  });

  it('refuses credentials it cannot issue, with problem+json', async () => {
    const foreign = await call('/credentials/issue', { credential: credential({ issuer: 'did:example:someone-else' }) }, true);
    assert.equal(foreign.status, 400);
    assert.match(String(foreign.body.detail), /not one of this organization's issuers/);
    const noSubject = credential();
    delete noSubject.credentialSubject;
    const missing = await call('/credentials/issue', { credential: noSubject }, true);
    assert.equal(missing.status, 400);
    assert.equal((await call('/credentials/issue', { credential: credential() })).status, 401);
    const badContext = await call('/credentials/issue', { credential: credential({ '@context': ['https://www.w3.org/ns/credentials/v2', 'https://unknown.example/context.jsonld'] }) }, true);
    assert.ok(badContext.status === 400 || badContext.status === 422, JSON.stringify(badContext.body));
  });
});
