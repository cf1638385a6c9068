import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import { sharedPath } from '../../../test/shared-data.js';
import { OpenlerError } from '../../common/errors.js';
import { encodePngChunk, writePng } from '../baking/png-chunks.js';
import { fixtureBytes, fixtureJson, fixtureText } from './fixtures.test-support.js';
import type { CheckName, CheckStatus, VerificationReport } from './report.js';
import { fixtureTrustStore, TestTrustStore } from './trust-store.test-support.js';
import { verifyCredential } from './verify-credential.js';

/**
 * Every credential in the shared fixtures folders ob30 and clr20 (the 1EdTech
 * validator's test resources, Apache-2.0) against its expected outcome.
 */

const now = new Date('2026-01-01T00:00:00Z');
const trustStore = fixtureTrustStore().documents;

type Expected = {
  verified: boolean;
  format?: VerificationReport['format'];
  kind?: VerificationReport['kind'];
  checks: Partial<Record<CheckName, CheckStatus>>;
  reasons?: Partial<Record<CheckName, RegExp>>;
  paths?: Partial<Record<CheckName, string>>;
};

const allPass = { parse: 'passed', structure: 'passed', proof: 'passed', issuer: 'passed', validity: 'passed' } as const;
const unrecognized = { structure: 'failed', proof: 'skipped', issuer: 'skipped', validity: 'skipped', status: 'skipped' } as const;

const expectations: Record<string, Expected> = {
  'ob30/simple.json': { verified: true, kind: 'OpenBadgeCredential', checks: { ...allPass, status: 'skipped' } },
  'ob30/complete.json': {
    verified: true,
    checks: { ...allPass, status: 'skipped' },
    reasons: { status: /status method "1EdTechRevocationList" is not one openler checks/ },
  },
  'ob30/simple-did-key-method.json': {
    verified: true,
    checks: { ...allPass, issuer: 'skipped' },
    reasons: { proof: /by did:key:z6MkjZRZ/, issuer: /issuer urn:uuid:6f2e33e5-.* is neither a DID nor a URL/ },
  },
  'ob30/simple-multiple-proofs.json': { verified: true, checks: allPass, reasons: { proof: /not checked: SomeProofType/ }, paths: { issuer: '$.proof[1].verificationMethod' } },
  'ob30/endorsement-valid.json': { verified: true, kind: 'EndorsementCredential', checks: allPass },
  'ob30/simple-json.png': { verified: true, format: 'png', checks: allPass, reasons: { parse: /baked into the PNG/ } },
  'ob30/simple-json.svg': { verified: true, format: 'svg', checks: allPass, reasons: { parse: /baked into the SVG/ } },
  // No key in the fixtures signed it: see the test of its own below.
  'ob30/simple.jwt': {
    verified: false,
    format: 'jwt',
    checks: { parse: 'passed', structure: 'failed', proof: 'failed', issuer: 'failed', validity: 'passed' },
    reasons: {
      structure: /\$\.credentialSubject\.achievement is required/,
      proof: /^Bad signature: none of the RS256 keys https:\/\/example\.edu\/issuers\/565049 lists verifies the JWT$/,
    },
  },
  'ob30/simple-noproof.json': {
    verified: false,
    checks: { structure: 'failed', proof: 'failed', issuer: 'skipped', validity: 'passed' },
    reasons: { proof: /^the credential has no proof/, structure: /achievement is required/ },
  },
  'ob30/simple-err-context.json': { verified: false, checks: unrecognized, paths: { structure: "$['@context'][0]" }, reasons: { structure: /VC context comes first/ } },
  'ob30/simple-err-type.json': { verified: false, checks: unrecognized, paths: { structure: '$.type' }, reasons: { structure: /must include 'OpenBadgeCredential'.*OtherCredential/ } },
  'ob30/simple-err-expired.json': {
    verified: false,
    checks: { ...allPass, validity: 'failed' },
    paths: { validity: '$.validUntil' },
    reasons: { validity: /^expired: valid until 2010-01-01T00:00:00Z/ },
  },
  'ob30/simple-err-proof-value.json': {
    verified: false,
    checks: { ...allPass, proof: 'failed' },
    paths: { proof: '$.proof[0]' },
    reasons: { proof: /The signature does not match the credential/ },
  },
  'ob30/simple-err-issuer.json': {
    verified: false,
    checks: { structure: 'failed', issuer: 'failed', validity: 'passed' },
    paths: { structure: '$.issuer' },
    reasons: { structure: /^\$\.issuer is required$/, issuer: /names no issuer/ },
  },
  'ob30/simple-err-credential-subject-type.json': {
    verified: false,
    checks: { structure: 'failed' },
    paths: { structure: '$.credentialSubject.type' },
    reasons: { structure: /must include 'AchievementSubject'/ },
  },
  'ob30/bit-string-list/credential-status-revoked.json': {
    verified: false,
    checks: { ...allPass, status: 'failed' },
    reasons: { status: /^revoked: bit 23 of the revocation list https:\/\/raw\.githubusercontent\.com\/.*\/testlist is set$/ },
  },
  'ob30/bit-string-list/testlist': { verified: true, kind: 'VerifiableCredential', checks: { ...allPass, status: 'skipped' } },
  'clr20/simple.json': { verified: true, kind: 'ClrCredential', checks: allPass },
  'clr20/simple.jwt': { verified: true, kind: 'ClrCredential', format: 'jwt', checks: allPass, reasons: { proof: /VC-JWT \(RS256\)/, issuer: /key in the JWT header is https:\/\/example\.edu\/issuers\/565049#rsa-1/ } },
  'clr20/simple-noproof.json': { verified: false, kind: 'ClrCredential', checks: { structure: 'passed', proof: 'failed' }, reasons: { proof: /^the credential has no proof/ } },
  // Ed25519Signature2020 by a did:key; the urn:uuid issuer cannot be tied to any key.
  'clr20/complex.json': {
    verified: true,
    kind: 'ClrCredential',
    checks: { ...allPass, issuer: 'skipped', status: 'skipped' },
    reasons: { proof: /by did:key:z6Mks4vZNz8Jwyb85odUeZrissHSY7JeJcXkNTDCcXLhYAZ4$/, issuer: /issuer urn:uuid:4ca4a241-fc3b-4d92-978e-f56fa96ae795 is neither a DID nor a URL/ },
    paths: { proof: '$.proof', issuer: '$.proof.verificationMethod' },
  },
};

function inputOf(file: string): string | Uint8Array {
  const parts = file.split('/');
  return file.endsWith('.png') ? fixtureBytes(...parts) : fixtureText(...parts);
}

/** The first entry for a check: the credential's own (a CLR's members come after). */
function own(report: VerificationReport, check: CheckName) {
  return report.checks.find((entry) => entry.check === check);
}

test('the expectations cover every fixture in ob30 and clr20', () => {
  const files = ['ob30', 'ob30/bit-string-list', 'clr20'].flatMap((dir) =>
    readdirSync(sharedPath('fixtures', ...dir.split('/')), { withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => `${dir}/${entry.name}`),
  );
  assert.deepEqual(files.sort(), Object.keys(expectations).sort());
});

for (const [file, expected] of Object.entries(expectations)) {
  test(`${file}: ${expected.verified ? 'verifies' : 'does not verify'}`, async () => {
    const report = await verifyCredential(inputOf(file), { trustStore, now });
    const summary = report.checks.map((entry) => `${entry.check} ${entry.status}: ${entry.reason ?? ''}`).join('\n');
    assert.equal(report.verified, expected.verified, summary);
    if (expected.format !== undefined) assert.equal(report.format, expected.format);
    if (expected.kind !== undefined) assert.equal(report.kind, expected.kind);
    for (const [check, status] of Object.entries(expected.checks)) assert.equal(own(report, check as CheckName)?.status, status, `${check}\n${summary}`);
    for (const [check, reason] of Object.entries(expected.reasons ?? {})) assert.match(own(report, check as CheckName)?.reason ?? '', reason, check);
    for (const [check, path] of Object.entries(expected.paths ?? {})) assert.equal(own(report, check as CheckName)?.path, path, check);
  });
}

test('a CLR verifies the achievement credentials it bundles, by path', async () => {
  const report = await verifyCredential(fixtureText('clr20', 'simple.json'), { trustStore, now });
  const members = report.checks.filter((entry) => entry.path === '$.credentialSubject.verifiableCredential');
  assert.deepEqual(members.map((entry) => `${entry.check} ${entry.status}`), ['proof passed', 'issuer passed', 'validity passed', 'status skipped']);

  const altered = fixtureJson('clr20', 'simple.json') as { credentialSubject: { verifiableCredential: Array<Record<string, unknown>> } };
  const member = altered.credentialSubject.verifiableCredential[0];
  assert.ok(member);
  member.name = 'Leadership Badge';
  const changed = await verifyCredential(altered, { trustStore, now });
  assert.equal(changed.verified, false);
  // The record's own signature covers its members too, and the member's own signature breaks.
  const memberProof = changed.checks.filter((entry) => entry.check === 'proof')[1];
  assert.equal(memberProof?.status, 'failed');
  assert.equal(memberProof?.path, '$.credentialSubject.verifiableCredential[0].proof[0]');

  // complex.json's six achievement credentials are signed with Ed25519Signature2020, each by the did:key that signed the record.
  const complex = await verifyCredential(fixtureText('clr20', 'complex.json'), { trustStore, now });
  const complexMembers = complex.checks.filter((entry) => entry.path === '$.credentialSubject.verifiableCredential');
  assert.deepEqual(complexMembers.map((entry) => `${entry.check} ${entry.status}`), ['proof passed', 'issuer skipped', 'validity passed', 'status skipped']);
  assert.equal(complexMembers[0]?.reason, 'passed for all 6 achievement credentials in the record');

  const tamperedComplex = fixtureJson('clr20', 'complex.json') as { credentialSubject: { verifiableCredential: Array<Record<string, unknown>> } };
  const third = tamperedComplex.credentialSubject.verifiableCredential[2];
  assert.ok(third);
  third.name = `${String(third.name)} (with honours)`;
  const tamperedReport = await verifyCredential(tamperedComplex, { trustStore, now });
  assert.equal(tamperedReport.verified, false);
  assert.match(own(tamperedReport, 'proof')?.reason ?? '', /^The signature does not match the credential/, 'the record signs its members');
  const thirdProof = tamperedReport.checks.filter((entry) => entry.check === 'proof')[1];
  assert.equal(thirdProof?.path, '$.credentialSubject.verifiableCredential[2].proof');
  assert.match(thirdProof?.reason ?? '', /^in \$\.credentialSubject\.verifiableCredential\[2\]\.proof: The signature does not match the credential/);
});

test("clr20/simple-noproof.json: the record is unsigned, and its signed member names a type the Open Badges context it uses does not define", async () => {
  const report = await verifyCredential(fixtureText('clr20', 'simple-noproof.json'), { trustStore, now });
  const [recordProof, memberProof] = report.checks.filter((entry) => entry.check === 'proof');
  assert.match(recordProof?.reason ?? '', /^the credential has no proof/);
  // The member's Ed25519Signature2020 key is its issuer's (the issuer check passes), but the
  // credential cannot be canonicalised: credentialSchema's type JsonSchemaValidator2020 is not
  // a term of https://purl.imsglobal.org/spec/ob/v3p0/context.json, so there is nothing to check the signature over.
  assert.equal(memberProof?.status, 'failed');
  assert.equal(memberProof?.path, '$.credentialSubject.verifiableCredential[0].proof[0]');
  assert.equal(
    memberProof?.reason,
    'in $.credentialSubject.verifiableCredential[0].proof[0]: The credential cannot be processed as JSON-LD: the type "JsonSchemaValidator2020" is not defined by the document\'s @context',
  );
  const memberIssuer = report.checks.filter((entry) => entry.check === 'issuer')[1];
  assert.equal(memberIssuer?.status, 'passed');
});

test('ob30/simple.jwt cannot verify offline: its header names no key, and no key its issuer could list in the fixtures signed it', async () => {
  const jwt = fixtureText('ob30', 'simple.jwt');
  const header = JSON.parse(Buffer.from(jwt.trim().split('.')[0] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  assert.deepEqual(header, { alg: 'RS256', typ: 'JWT' }, 'neither kid nor jwk');

  // With nothing local, the only place its key could come from is its issuer's document, which is not to be fetched.
  const offline = await verifyCredential(jwt, { now });
  assert.equal(offline.verified, false);
  assert.equal(
    own(offline, 'proof')?.reason,
    'The JWT names no key (kid or jwk): Cannot resolve the key of https://example.edu/issuers/565049 offline: https://example.edu/issuers/565049 is not in the local trust store and fetching keys from the network is not allowed',
  );

  // The one RSA key the fixtures hold for that issuer (clr20/simple.jwt carries it in its header) did not sign it.
  const onlyClrKey = new TestTrustStore();
  const clrHeader = JSON.parse(Buffer.from(fixtureText('clr20', 'simple.jwt').trim().split('.')[0] ?? '', 'base64url').toString('utf8')) as { jwk: Record<string, unknown> };
  onlyClrKey.addJwk('https://example.edu/issuers/565049', 'rsa-1', clrHeader.jwk);
  const withClrKey = await verifyCredential(jwt, { trustStore: onlyClrKey.documents, now });
  assert.equal(own(withClrKey, 'proof')?.reason, 'Bad signature: none of the RS256 keys https://example.edu/issuers/565049 lists verifies the JWT');
  assert.equal(own(withClrKey, 'issuer')?.status, 'failed');
});

test("with only the key the README gives for the spec's issuer, the altered proof is signed by a key its issuer does not list", async () => {
  const store = new TestTrustStore();
  store.addMultikey('https://example.com/issuers/876543#z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi');
  const report = await verifyCredential(fixtureText('ob30', 'simple-err-proof-value.json'), { trustStore: store.documents, now });
  assert.equal(own(report, 'proof')?.status, 'failed');
  assert.match(own(report, 'proof')?.reason ?? '', /z6MkrvfzkMnvCroEUP2DVc9SHPE48CRsvHiVSusHioxTYu1x is not listed by its controller https:\/\/example\.com\/issuers\/876543/);
  assert.equal(own(report, 'issuer')?.status, 'failed');
  assert.equal((await verifyCredential(fixtureText('ob30', 'simple.json'), { trustStore: store.documents, now })).verified, true);
});

test('offline, with no trust store, an https issuer key cannot be resolved and the proof is not verified', async () => {
  const report = await verifyCredential(fixtureText('ob30', 'simple.json'), { now });
  assert.equal(report.verified, false);
  assert.match(own(report, 'issuer')?.reason ?? '', /Cannot resolve the key https:\/\/example\.com\/issuers\/876543#z6Mk.* offline: .* not in the local trust store and fetching keys from the network is not allowed/);
  assert.equal(own(report, 'proof')?.status, 'failed');
  // A did:key needs nothing from anywhere.
  assert.equal(own(await verifyCredential(fixtureText('ob30', 'simple-did-key-method.json'), { now }), 'proof')?.status, 'passed');
});

test('status lists: revoked against its list, failed when the list cannot be had offline, and refused when the list does not hold up', async () => {
  const revoked = fixtureText('ob30', 'bit-string-list', 'credential-status-revoked.json');
  const listUrl = (JSON.parse(revoked) as { credentialStatus: { statusListCredential: string } }).credentialStatus.statusListCredential;

  const offline = fixtureTrustStore();
  offline.documents.delete(listUrl);
  const offlineReport = await verifyCredential(revoked, { trustStore: offline.documents, now });
  const notFetched = own(offlineReport, 'status');
  assert.equal(notFetched?.status, 'failed');
  assert.match(notFetched?.reason ?? '', /^could not be checked: .* is not available offline/);
  assert.equal(offlineReport.verified, false);
  assert.equal(own(offlineReport, 'proof')?.status, 'passed');

  const viaOption = await verifyCredential(revoked, { trustStore: offline.documents, now, resolveStatusList: async (url) => (url === listUrl ? fixtureJson('ob30', 'bit-string-list', 'testlist') : undefined) });
  assert.match(own(viaOption, 'status')?.reason ?? '', /^revoked: bit 23/);

  const unreachable = await verifyCredential(revoked, { trustStore: offline.documents, now, resolveStatusList: async (url) => { throw new Error(`Cannot fetch ${url}: no answer within 5000 ms`); } });
  assert.match(own(unreachable, 'status')?.reason ?? '', /could not be retrieved: Cannot fetch .*: no answer within 5000 ms/);

  const tampered = fixtureJson('ob30', 'bit-string-list', 'testlist') as { credentialSubject: Record<string, unknown> };
  tampered.credentialSubject.encodedList = 'uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA';
  const forged = await verifyCredential(revoked, { trustStore: offline.documents, now, resolveStatusList: async () => tampered });
  assert.equal(own(forged, 'status')?.status, 'failed');
  assert.match(own(forged, 'status')?.reason ?? '', /does not verify: The signature does not match/);

  const otherIssuer = { ...fixtureJson('ob30', 'bit-string-list', 'testlist'), issuer: 'https://example.com/issuers/876543' };
  const foreign = await verifyCredential(revoked, { trustStore: offline.documents, now, resolveStatusList: async () => otherIssuer });
  assert.match(own(foreign, 'status')?.reason ?? '', /is issued by https:\/\/example\.com\/issuers\/876543, not by the credential's issuer https:\/\/1edtech\.edu\/issuers\/565049/);
});

test('the validity window is judged at the given time', async () => {
  const early = await verifyCredential(fixtureText('ob30', 'endorsement-valid.json'), { trustStore, now: new Date('2009-06-01T00:00:00Z') });
  assert.match(own(early, 'validity')?.reason ?? '', /^not yet valid: valid from 2010-01-01T00:00:00Z/);
  const late = await verifyCredential(fixtureText('ob30', 'endorsement-valid.json'), { trustStore, now: new Date('2031-01-01T00:00:00Z') });
  assert.match(own(late, 'validity')?.reason ?? '', /^expired: valid until 2030-01-01T00:00:00Z/);
});

test('a key of someone else is not the issuer\'s, however valid the signature', async () => {
  // The spec's issuer key, listed under another issuer's document.
  const store = new TestTrustStore();
  store.addMultikey('https://example.com/issuers/876543#z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi');
  const claimed = fixtureJson('ob30', 'simple-did-key-method.json');
  claimed.issuer = { id: 'https://example.com/issuers/876543', type: ['Profile'], name: 'Example Corp' };
  const report = await verifyCredential(claimed, { trustStore: store.documents, now });
  // Changing the issuer breaks the signature too; the issuer check names the key's owner.
  assert.equal(own(report, 'issuer')?.status, 'failed');
  assert.match(own(report, 'issuer')?.reason ?? '', /belongs to did:key:z6MkjZRZ.*, not to the credential's issuer https:\/\/example\.com\/issuers\/876543/);
});

function badRequest(pattern: RegExp) {
  return (error: unknown) => error instanceof OpenlerError && error.code === 'bad_request' && pattern.test(error.message);
}

test('unusable input is an error naming the problem, not a report', async () => {
  await assert.rejects(verifyCredential('{"@context": ["https://www.w3.org/ns/credentials/v2"', { now }), badRequest(/neither JSON nor a JWT/));
  await assert.rejects(verifyCredential('not a credential', { now }), badRequest(/neither JSON nor a JWT/));
  const ihdr = encodePngChunk('IHDR', Uint8Array.of(0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0));
  const plainPng = writePng([ihdr, encodePngChunk('IEND', new Uint8Array())]);
  await assert.rejects(verifyCredential(plainPng, { now }), badRequest(/^The PNG holds no baked credential/));
  await assert.rejects(verifyCredential('<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>', { now }), badRequest(/^The SVG holds no baked credential/));
});

test('an Open Badges 2.0 assertion is checked for structure, and its hosted proof skipped with the reason when remote fetching is off', async () => {
  const assertion = {
    '@context': 'https://w3id.org/openbadges/v2',
    type: 'Assertion',
    id: 'https://badges.example.org/assertions/7',
    recipient: { type: 'email', hashed: false, identity: 'learner@example.org' },
    badge: {
      id: 'https://badges.example.org/badges/7',
      type: 'BadgeClass',
      name: 'Safety induction',
      description: 'Completed the site safety induction.',
      image: 'https://badges.example.org/badges/7.png',
      criteria: 'https://badges.example.org/badges/7/criteria',
      issuer: { id: 'https://badges.example.org/issuer', type: 'Issuer', name: 'Example Training Centre' },
    },
    verification: { type: 'HostedBadge' },
    issuedOn: '2018-03-01T09:00:00Z',
  };
  const report = await verifyCredential(assertion, { now });
  assert.equal(report.kind, 'OpenBadges2Assertion');
  assert.deepEqual(report.checks.map((entry) => `${entry.check} ${entry.status}`), ['parse passed', 'structure passed', 'proof skipped', 'issuer passed', 'validity passed', 'status skipped']);
  assert.equal(own(report, 'proof')?.reason, 'hosted verification fetches the assertion from https://badges.example.org/assertions/7, and remote fetching is off');
  assert.equal(report.verified, true);
  const hosted = await verifyCredential(assertion, { now, fetchDocument: async (url) => (url === assertion.id ? structuredClone(assertion) : undefined) });
  assert.equal(own(hosted, 'proof')?.status, 'passed');
  const noRecipient: Record<string, unknown> = structuredClone(assertion);
  delete noRecipient.recipient;
  assert.equal(own(await verifyCredential(noRecipient, { now }), 'structure')?.reason, '$.recipient is required');
});

test("a status list source of one's own comes first, and the trust store answers what it does not have", async () => {
  const revoked = fixtureText('ob30', 'bit-string-list', 'credential-status-revoked.json');
  let asked = 0;
  const report = await verifyCredential(revoked, { trustStore, now, resolveStatusList: async () => { asked += 1; return undefined; } });
  assert.equal(asked, 1);
  assert.match(own(report, 'status')?.reason ?? '', /^revoked: bit 23/);
});
