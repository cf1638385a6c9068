import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { CompactSign, exportSPKI, generateKeyPair } from 'jose';
import { checkOb2Issuer, checkOb2Proof, checkOb2Status } from './ob2.js';
import type { FetchDocument } from './sources.js';
import { readCredentialInput, type BakedImageReaders } from './input.js';
import { checkStructure } from './structure.js';

const images: BakedImageReaders = { png: () => '', svg: () => '' };

/** An Open Badges 2.0 assertion written for these tests, hosted by its issuer. */
function hostedAssertion(): Record<string, unknown> {
  return {
    '@context': 'https://w3id.org/openbadges/v2',
    type: 'Assertion',
    id: 'https://badges.example.org/assertions/1001',
    recipient: { type: 'email', hashed: true, salt: 'pepper', identity: `sha256$${createHash('sha256').update('learner@example.org' + 'pepper').digest('hex')}` },
    badge: {
      id: 'https://badges.example.org/badges/first-aid',
      type: 'BadgeClass',
      name: 'First aid',
      description: 'Gave first aid in a supervised exercise.',
      image: 'https://badges.example.org/badges/first-aid.png',
      criteria: { narrative: 'Complete the supervised exercise.' },
      issuer: { id: 'https://badges.example.org/issuer', type: 'Profile', name: 'Example Training Centre', url: 'https://badges.example.org' },
    },
    verification: { type: 'hosted' },
    issuedOn: '2019-05-01T10:00:00Z',
  };
}

test('an Open Badges 2.0 assertion has the structure its model requires', () => {
  assert.equal(checkStructure(hostedAssertion()).result.status, 'passed');
  const noRecipient = hostedAssertion();
  delete noRecipient.recipient;
  assert.equal(checkStructure(noRecipient).result.reason, '$.recipient is required');
  const wrongType = { ...hostedAssertion(), type: 'BadgeClass' };
  assert.equal(checkStructure(wrongType).result.path, '$.type');
  const noVerification = { ...hostedAssertion(), verification: { type: 'emailed' } };
  assert.match(checkStructure(noVerification).result.reason ?? '', /^\$\.verification\.type must be 'hosted'/);
});

test('hosted verification is skipped with its reason when remote fetching is off, and compares the hosted copy when on', async () => {
  const read = await readCredentialInput(hostedAssertion(), images);
  assert.deepEqual(await checkOb2Proof(read, undefined), {
    check: 'proof',
    status: 'skipped',
    reason: 'hosted verification fetches the assertion from https://badges.example.org/assertions/1001, and remote fetching is off',
    path: '$.id',
  });
  const hosts = (document: unknown): FetchDocument => async (url) => (url === 'https://badges.example.org/assertions/1001' ? document : undefined);
  assert.equal((await checkOb2Proof(read, hosts(hostedAssertion()))).status, 'passed');
  const changed = hostedAssertion();
  changed.issuedOn = '2019-05-02T10:00:00Z';
  const differs = await checkOb2Proof(read, hosts(changed));
  assert.equal(differs.status, 'failed');
  assert.equal(differs.path, '$.issuedOn');
  assert.equal((await checkOb2Proof(read, hosts(undefined))).status, 'skipped');
  const unreachable: FetchDocument = async (url) => {
    throw new Error(`Cannot fetch ${url}: the server answered 404 Not Found`);
  };
  assert.equal(
    (await checkOb2Proof(read, unreachable)).reason,
    'the hosted assertion could not be fetched: Cannot fetch https://badges.example.org/assertions/1001: the server answered 404 Not Found',
  );
});

test('a hosted assertion lives where its issuer does', () => {
  assert.equal(checkOb2Issuer(hostedAssertion()).status, 'passed');
  const elsewhere = { ...hostedAssertion(), id: 'https://attacker.example.net/assertions/1001' };
  assert.deepEqual(checkOb2Issuer(elsewhere), {
    check: 'issuer',
    status: 'failed',
    reason: 'the assertion is at https://attacker.example.net, but its issuer https://badges.example.org/issuer is at https://badges.example.org',
  });
  assert.equal(checkOb2Issuer({ ...hostedAssertion(), badge: 'https://badges.example.org/badges/first-aid' }).status, 'skipped');
});

test('a signed assertion verifies with the key its creator URL serves, and not once tampered', async () => {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const assertion = { ...hostedAssertion(), verification: { type: 'SignedBadge', creator: 'https://badges.example.org/keys/1' } };
  const token = await new CompactSign(new TextEncoder().encode(JSON.stringify(assertion))).setProtectedHeader({ alg: 'RS256' }).sign(privateKey);
  const keys: FetchDocument = async (url) => (url === 'https://badges.example.org/keys/1' ? { id: url, type: 'CryptographicKey', publicKeyPem: await exportSPKI(publicKey) } : undefined);
  const read = await readCredentialInput(token, images);
  assert.equal(read.format, 'jwt');
  assert.equal(checkStructure(read.credential).result.status, 'passed');
  const verified = await checkOb2Proof(read, keys);
  assert.equal(verified.status, 'passed', verified.reason);
  assert.equal((await checkOb2Proof(read, undefined)).status, 'skipped');
  const [header, , signature] = token.split('.');
  const forged = `${header}.${Buffer.from(JSON.stringify({ ...assertion, issuedOn: '2020-01-01T00:00:00Z' })).toString('base64url')}.${signature}`;
  const tampered = await checkOb2Proof(await readCredentialInput(forged, images), keys);
  assert.equal(tampered.status, 'failed');
  assert.match(tampered.reason ?? '', /does not verify with the key at https:\/\/badges\.example\.org\/keys\/1/);
  assert.equal(checkOb2Issuer(assertion).status, 'passed');
});

test('revocation: the assertion marked revoked, or listed in its issuer\'s revocation list', async () => {
  assert.deepEqual(await checkOb2Status({ ...hostedAssertion(), revoked: true, revocationReason: 'Awarded in error' }, undefined), {
    check: 'status',
    status: 'failed',
    reason: 'revoked: Awarded in error',
    path: '$.revoked',
  });
  assert.equal((await checkOb2Status(hostedAssertion(), undefined)).status, 'skipped');
  const listed = hostedAssertion();
  const badge = listed.badge as { issuer: Record<string, unknown> };
  badge.issuer.revocationList = 'https://badges.example.org/revocations';
  const list: FetchDocument = async () => ({ type: 'RevocationList', revokedAssertions: [{ id: 'https://badges.example.org/assertions/1001', revocationReason: 'Cheated' }] });
  assert.equal((await checkOb2Status(listed, list)).reason, "revoked by the issuer's revocation list https://badges.example.org/revocations: Cheated");
  assert.equal((await checkOb2Status(listed, async () => ({ revokedAssertions: [] }))).status, 'passed');
});
