import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { controllerDocument, didWebDocument, didWebFor, verificationMethodFor } from '../dids/controller-documents.js';
import { generateEd25519KeyPair, generateRsaKeyPair, publicKeyDescription, type IssuerKeyPair } from '../keys/key-pairs.js';
import { createDocumentLoader } from '../jsonld/document-loader.js';
import { signDataIntegrity } from '../proofs/data-integrity.js';
import { signVcJwt } from '../proofs/vc-jwt.js';
import { StatusBitstring } from '../status/bitstring.js';
import { buildStatusEntry, buildStatusListCredential } from '../status/status-list-credential.js';
import type { CheckName, VerificationReport } from './report.js';
import { verifyCredential } from './verify-credential.js';

/**
 * Credentials shaped and signed as openler issues them (an https or did:web
 * issuer, keys published in its controller document, status lists), verified
 * end to end with fresh keys.
 */

const documentLoader = createDocumentLoader();
const profileUrl = 'https://badges.example.edu/issuers/acme';
const now = new Date('2026-01-01T00:00:00Z');

function status(report: VerificationReport, check: CheckName): string {
  const entry = report.checks.find((item) => item.check === check);
  return `${entry?.status ?? 'missing'}: ${entry?.reason ?? ''}`;
}

function badge(issuerId: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    id: 'urn:uuid:0b9f4a9e-5d36-4f0e-9d83-1a2b3c4d5e6f',
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: 'Data analysis with Python',
    issuer: { id: issuerId, type: ['Profile'], name: 'Acme College', url: 'https://acme.example.edu' },
    validFrom: '2025-09-01T00:00:00Z',
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier: [{ type: 'IdentityObject', identityHash: `sha256$${createHash('sha256').update('learner@example.org5f2c').digest('hex')}`, identityType: 'emailAddress', hashed: true, salt: '5f2c' }],
      achievement: {
        id: 'https://badges.example.edu/achievements/python-data',
        type: ['Achievement'],
        achievementType: 'Course',
        name: 'Data analysis with Python',
        description: 'Cleaning, exploring and charting data with pandas.',
        criteria: { narrative: 'Pass the final project.' },
        creditsAvailable: 3,
        fieldOfStudy: 'Computer Science',
        alignment: [
          { type: ['Alignment'], targetName: 'Python (programming language)', targetUrl: 'https://skills.example.org/v1/skills/OSMBBD7KZ5D0GAXN', targetCode: 'OSMBBD7KZ5D0GAXN', targetFramework: 'openler 2026.11', targetType: 'ext:Skill' },
        ],
      },
    },
    ...extra,
  };
}

async function httpsIssuer(keyPair: IssuerKeyPair, revoked?: string) {
  const key = { ...publicKeyDescription(keyPair), ...(revoked === undefined ? {} : { revoked }) };
  const document = controllerDocument(profileUrl, [key]);
  return { trustStore: new Map<string, object>([[profileUrl, document]]), verificationMethod: verificationMethodFor(profileUrl, key).id };
}

test('a Data Integrity credential of an https issuer verifies against its controller document', async () => {
  const keyPair = await generateEd25519KeyPair();
  const { trustStore, verificationMethod } = await httpsIssuer(keyPair);
  const signed = await signDataIntegrity(badge(profileUrl), { keyPair, verificationMethod, documentLoader });
  const report = await verifyCredential(signed, { trustStore, now });
  assert.equal(report.verified, true, report.checks.map((entry) => `${entry.check} ${entry.status}: ${entry.reason ?? ''}`).join('\n'));
  assert.match(status(report, 'issuer'), /^passed: signed by https:\/\/badges\.example\.edu\/issuers\/acme#/);

  const altered = structuredClone(signed) as unknown as { credentialSubject: { achievement: Record<string, unknown> } };
  altered.credentialSubject.achievement.creditsAvailable = 30;
  assert.match(status(await verifyCredential(altered, { trustStore, now }), 'proof'), /^failed: The signature does not match the credential/);
});

test('a key its controller revoked no longer verifies', async () => {
  const keyPair = await generateEd25519KeyPair();
  const issued = await httpsIssuer(keyPair);
  const signed = await signDataIntegrity(badge(profileUrl), { keyPair, verificationMethod: issued.verificationMethod, documentLoader });
  const { trustStore } = await httpsIssuer(keyPair, '2025-12-01T00:00:00Z');
  assert.match(status(await verifyCredential(signed, { trustStore, now }), 'proof'), /^failed: The key .* was revoked by its controller \(2025-12-01T00:00:00Z\)/);
});

test('VC-JWTs verify in both forms: RS256 with a kid under an https issuer, EdDSA under a did:web issuer', async () => {
  const rsa = await generateRsaKeyPair();
  const https = await httpsIssuer(rsa);
  const jwt = await signVcJwt(badge(profileUrl), { keyPair: rsa, kid: https.verificationMethod });
  const rsaReport = await verifyCredential(jwt, { trustStore: https.trustStore, now });
  assert.equal(rsaReport.format, 'jwt');
  assert.equal(rsaReport.verified, true, status(rsaReport, 'proof'));
  assert.match(status(rsaReport, 'proof'), /^passed: VC-JWT \(RS256\) signed by https:\/\/badges\.example\.edu\/issuers\/acme#/);

  const ed = await generateEd25519KeyPair();
  const did = didWebFor('badges.example.edu/issuers/acme');
  const key = publicKeyDescription(ed);
  const trustStore = new Map<string, object>([[did, didWebDocument('badges.example.edu/issuers/acme', [key])]]);
  const jose = await signVcJwt(badge(did), { keyPair: ed, kid: verificationMethodFor(did, key).id, form: 'vc-jose' });
  const joseReport = await verifyCredential(jose, { trustStore, now });
  assert.equal(joseReport.verified, true, `${status(joseReport, 'structure')}\n${status(joseReport, 'proof')}\n${status(joseReport, 'issuer')}`);
  assert.match(status(joseReport, 'issuer'), new RegExp(`^passed: signed by ${did}#`));

  // Signed by the issuer's key, but claiming another issuer: the key is not theirs.
  const impostor = await signVcJwt(badge('https://other.example.org/issuers/1'), { keyPair: rsa, kid: https.verificationMethod });
  const impostorReport = await verifyCredential(impostor, { trustStore: https.trustStore, now });
  assert.match(status(impostorReport, 'issuer'), /^failed: the key https:\/\/badges\.example\.edu\/issuers\/acme#.* belongs to https:\/\/badges\.example\.edu\/issuers\/acme, not to the credential's issuer https:\/\/other\.example\.org\/issuers\/1/);
});

test('revocation and suspension are read from the issuer\'s signed status lists', async () => {
  const keyPair = await generateEd25519KeyPair();
  const { trustStore, verificationMethod } = await httpsIssuer(keyPair);
  const lists = { revocation: StatusBitstring.create(), suspension: StatusBitstring.create() };
  const listUrl = (purpose: string) => `https://badges.example.edu/status/${purpose}/1`;
  const publish = async () => {
    for (const purpose of ['revocation', 'suspension'] as const) {
      const list = buildStatusListCredential({ url: listUrl(purpose), issuer: profileUrl, statusPurpose: purpose, list: lists[purpose], validFrom: '2025-01-01T00:00:00Z' });
      trustStore.set(listUrl(purpose), await signDataIntegrity(list as unknown as Record<string, unknown>, { keyPair, verificationMethod, documentLoader }));
    }
  };
  const credential = badge(profileUrl, {
    credentialStatus: [
      buildStatusEntry({ listUrl: listUrl('revocation'), statusPurpose: 'revocation', index: 4242 }),
      buildStatusEntry({ listUrl: listUrl('suspension'), statusPurpose: 'suspension', index: 99 }),
    ],
  });
  const signed = await signDataIntegrity(credential, { keyPair, verificationMethod, documentLoader });

  await publish();
  const clear = await verifyCredential(signed, { trustStore, now });
  assert.equal(clear.verified, true, status(clear, 'status'));
  assert.match(status(clear, 'status'), /^passed: not revoked: bit 4242 .*; not suspended: bit 99/);

  lists.suspension.set(99);
  await publish();
  const suspended = await verifyCredential(signed, { trustStore, now });
  assert.equal(suspended.verified, false);
  assert.equal(status(suspended, 'status'), 'failed: suspended: bit 99 of the suspension list https://badges.example.edu/status/suspension/1 is set');
  assert.equal(suspended.checks.find((entry) => entry.check === 'status')?.path, '$.credentialStatus[1]');
});
