import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { OpenlerError } from '../../common/errors.js';
import { contextOn, type Context } from '../../context.js';
import { openTestDatabase } from '../../db/testing.js';
import { AchievementService } from '../achievements/service.js';
import { createKeyResolver } from '../dids/key-resolver.js';
import { IssuerService } from '../issuers/service.js';
import { createDocumentLoader } from '../jsonld/document-loader.js';
import { MasterKey } from '../keys/master-key.js';
import { verifyDataIntegrity } from '../proofs/data-integrity.js';
import { verifyVcJwt } from '../proofs/vc-jwt.js';
import { checkStructure } from '../verify/structure.js';
import { verifyCredential } from '../verify/verify-credential.js';
import { IssuanceService } from './service.js';
import { StatusListPublisher } from './status-publisher.js';
import { readStatusList } from './status-lists.js';

const publicUrl = 'https://openler.college.example';

describe('IssuanceService', () => {
  let context: Context;
  let issuers: IssuerService;
  let achievements: AchievementService;
  let issuance: IssuanceService;
  let orgId: string;
  let achievementId: string;
  let trustStore: Record<string, object>;
  const documentLoader = createDocumentLoader();

  before(async () => {
    context = await contextOn(await openTestDatabase());
    orgId = (await context.orgs.create({ slug: 'state-college', name: 'State College', kind: 'institution' })).id;
    const masterKey = new MasterKey(randomBytes(32), { kind: 'environment' });
    issuers = new IssuerService(context.db, { publicUrl, masterKey: async () => masterKey });
    achievements = new AchievementService(context.db, context.catalog, issuers, publicUrl);
    issuance = new IssuanceService(context.db, issuers, achievements, { publicUrl, documentLoader });
    const issuer = await issuers.create(orgId, { name: 'State College Registrar', url: 'https://college.example' });
    const skill = (await context.catalog.search({}, { q: 'Python', limit: 1, offset: 0 }, null)).hits[0]?.skill;
    assert.ok(skill);
    achievementId = (await achievements.create(orgId, { issuer: issuer.id, name: 'Python Foundations', description: 'Writes and tests Python programs.', criteria: { narrative: 'Pass the final project.' }, skills: [{ id: skill.id }] })).id;
    trustStore = { [issuer.issuerId]: await issuers.profileDocument(issuer.id) };
  });
  after(async () => context.close());

  it('issues an Open Badges 3.0 credential with a Data Integrity proof that verifies and fits the data model', async () => {
    const issued = await issuance.issue(orgId, { achievement: achievementId, recipient: { did: 'did:example:learner-1', email: 'Learner@Example.edu' } });
    assert.equal(issued.created, true);
    const credential = issued.credential as Record<string, unknown>;
    assert.deepEqual(credential.type, ['VerifiableCredential', 'OpenBadgeCredential']);
    const subject = credential.credentialSubject as { id: string; identifier: Array<{ identityHash: string; salt: string }>; achievement: { alignment: unknown[] } };
    assert.equal(subject.id, 'did:example:learner-1');
    const identity = subject.identifier[0];
    assert.ok(identity);
    assert.equal(identity.identityHash, `sha256$${createHash('sha256').update(`learner@example.edu${identity.salt}`).digest('hex')}`);
    assert.ok(!JSON.stringify(credential).includes('learner@example.edu'), 'the email is written only as a hash');
    assert.equal(subject.achievement.alignment.length, 1);
    assert.equal(checkStructure(credential).result.status, 'passed');
    const verdict = await verifyDataIntegrity(credential, { documentLoader, resolveKey: createKeyResolver({ trustStore }) });
    assert.equal(verdict.verified, true, verdict.reason);
    const tampered = structuredClone(credential);
    (tampered.credentialSubject as { id: string }).id = 'did:example:someone-else';
    assert.equal((await verifyDataIntegrity(tampered, { documentLoader, resolveKey: createKeyResolver({ trustStore }) })).verified, false);
    assert.match(issued.claimUrl ?? '', /^https:\/\/openler\.college\.example\/claim\/[A-Za-z0-9_-]{43}$/);
  });

  it('issues VC-JWTs signed with EdDSA or RS256', async () => {
    for (const proof of ['jwt-eddsa', 'jwt-rs256'] as const) {
      const issued = await issuance.issue(orgId, { achievement: achievementId, recipient: { did: 'did:example:learner-2' }, proof });
      assert.equal(typeof issued.credential, 'string');
      const verdict = await verifyVcJwt(issued.credential, { resolveKey: createKeyResolver({ trustStore }) });
      assert.equal(verdict.verified, true, verdict.reason);
      assert.equal((verdict.header as { alg: string }).alg, proof === 'jwt-eddsa' ? 'EdDSA' : 'RS256');
      assert.equal((verdict.claims as { sub: string }).sub, 'did:example:learner-2');
    }
  });

  it('issues an external ID once, however often it is asked', async () => {
    const first = await issuance.issue(orgId, { achievement: achievementId, recipient: { email: 'a@example.edu' }, externalId: 'roster-17' });
    const again = await issuance.issue(orgId, { achievement: achievementId, recipient: { email: 'a@example.edu' }, externalId: 'roster-17' });
    assert.equal(again.created, false);
    assert.equal(again.id, first.id);
    assert.equal(again.claimUrl, undefined);
    const count = await context.db.query<{ n: number }>("SELECT count(*)::int AS n FROM credentials WHERE external_id = 'roster-17'");
    assert.equal(count[0]?.n, 1);
    const sameEmailWritten = await issuance.issue(orgId, { achievement: achievementId, recipient: { email: ' A@Example.edu ' }, externalId: 'roster-17' });
    assert.equal(sameEmailWritten.id, first.id, 'the email is compared as written into the credential');
  });

  it('refuses an external ID issued already to another recipient or for another achievement, issuing nothing', async () => {
    const issuer = (await issuers.list(orgId))[0];
    assert.ok(issuer);
    const other = await achievements.create(orgId, { issuer: issuer.id, name: 'Python Advanced', description: 'Writes larger Python programs.', criteria: { narrative: 'Pass.' } });
    const first = await issuance.issue(orgId, { achievement: achievementId, recipient: { email: 'c@example.edu', did: 'did:example:c' }, externalId: 'roster-18' });
    const total = async () => (await context.db.query<{ n: number }>('SELECT count(*)::int AS n FROM credentials'))[0]?.n;
    const before = await total();
    const conflict = (pattern: RegExp) => (error: unknown) => {
      assert.ok(error instanceof OpenlerError);
      assert.equal(error.code, 'conflict', error.message);
      assert.match(error.message, pattern);
      assert.equal(error.details.field, 'externalId');
      assert.equal(error.details.credential, first.id);
      return true;
    };
    await assert.rejects(issuance.issue(orgId, { achievement: achievementId, recipient: { email: 'd@example.edu', did: 'did:example:c' }, externalId: 'roster-18' }), conflict(/roster-18 was issued already .* to another recipient/));
    await assert.rejects(issuance.issue(orgId, { achievement: achievementId, recipient: { did: 'did:example:c' }, externalId: 'roster-18' }), conflict(/to another recipient/));
    await assert.rejects(issuance.issue(orgId, { achievement: other.id, recipient: { email: 'c@example.edu', did: 'did:example:c' }, externalId: 'roster-18' }), conflict(new RegExp(`for the achievement ${achievementId}, not ${other.id}`)));
    assert.equal(await total(), before, 'nothing issued');
    const again = await issuance.issue(orgId, { achievement: achievementId, recipient: { email: 'c@example.edu', did: 'did:example:c', name: 'Cy' }, externalId: 'roster-18' });
    assert.deepEqual([again.id, again.created], [first.id, false], 'the name is openler\'s note, not part of the award');
  });

  it('revokes and suspends through the status lists, and reinstates only a suspension', async () => {
    const issued = await issuance.issue(orgId, { achievement: achievementId, recipient: { did: 'did:example:learner-3' } });
    const entries = (issued.credential as { credentialStatus: Array<{ statusPurpose: string; statusListIndex: string; statusListCredential: string }> }).credentialStatus;
    const bitOf = async (purpose: string) => {
      const entry = entries.find((candidate) => candidate.statusPurpose === purpose);
      assert.ok(entry);
      const list = await readStatusList(context.db, entry.statusListCredential.split('/').pop() as string);
      return list.list.get(Number(entry.statusListIndex)) ? 1 : 0;
    };
    assert.equal(await bitOf('suspension'), 0);
    assert.equal((await issuance.setStatus(orgId, issued.id, 'suspend', 'under review')).status, 'suspended');
    assert.equal(await bitOf('suspension'), 1);
    assert.equal((await issuance.setStatus(orgId, issued.id, 'reinstate')).status, 'active');
    assert.equal(await bitOf('suspension'), 0);
    await assert.rejects(issuance.setStatus(orgId, issued.id, 'reinstate'), (error: unknown) => error instanceof OpenlerError && error.code === 'conflict');
    assert.equal((await issuance.setStatus(orgId, issued.id, 'revoke', 'issued in error')).status, 'revoked');
    assert.equal(await bitOf('revocation'), 1);
    await assert.rejects(issuance.setStatus(orgId, issued.id, 'reinstate'), (error: unknown) => error instanceof OpenlerError && error.code === 'conflict');
    const list = await readStatusList(context.db, (entries[0] as { statusListCredential: string }).statusListCredential.split('/').pop() as string);
    assert.equal(list.size, 131072);
    assert.equal(list.list.length, 131072);
  });

  it('hands a credential over through its claim link once', async () => {
    const issued = await issuance.issue(orgId, { achievement: achievementId, recipient: { email: 'b@example.edu' } });
    const token = (issued.claimUrl ?? '').split('/').pop() as string;
    assert.equal((await issuance.claim(token)).id, issued.id);
    await assert.rejects(issuance.claim(token), (error: unknown) => error instanceof OpenlerError && error.code === 'gone');
    await assert.rejects(issuance.claim('not-a-token'), (error: unknown) => error instanceof OpenlerError && error.code === 'not_found');
    const fresh = await issuance.newClaimLink(orgId, issued.id);
    assert.equal((await issuance.claim(fresh.split('/').pop() as string)).id, issued.id);
  });

  it('hands out no suspended credential through its claim link, and keeps the link for after reinstatement', async () => {
    const issued = await issuance.issue(orgId, { achievement: achievementId, recipient: { email: 'suspended@example.edu' } });
    const token = (issued.claimUrl ?? '').split('/').pop() as string;
    await issuance.setStatus(orgId, issued.id, 'suspend', 'under review');
    const suspended = (error: unknown) => error instanceof OpenlerError && error.code === 'conflict' && /suspended/.test(error.message);
    await assert.rejects(issuance.claimPreview(token), suspended);
    await assert.rejects(issuance.claim(token), suspended);
    await assert.rejects(issuance.newClaimLink(orgId, issued.id), suspended);
    await issuance.setStatus(orgId, issued.id, 'reinstate');
    assert.equal((await issuance.claimPreview(token)).credentialId, issued.id);
    assert.equal((await issuance.claim(token)).id, issued.id, 'the refusals used nothing up');
  });

  it('bundles a learner\'s credentials into a CLR 2.0 with the achievements and their associations, which verifies whole', async () => {
    const issuer = (await issuers.list(orgId))[0];
    assert.ok(issuer);
    const program = await achievements.create(orgId, { issuer: issuer.id, name: 'Data Analytics Certificate', description: 'A four-course program.', achievementType: 'Certificate', criteria: { narrative: 'Complete the courses.' } });
    const course = await issuance.issue(orgId, { achievement: achievementId, recipient: { did: 'did:example:learner-9' } });
    const whole = await issuance.issue(orgId, { achievement: program.id, recipient: { did: 'did:example:learner-9' }, proof: 'jwt-eddsa' });
    const clr = await issuance.issueClr(orgId, {
      issuer: issuer.id,
      recipient: { did: 'did:example:learner-9' },
      credentials: [course.id, whole.id],
      associations: [{ associationType: 'isPartOf', source: achievementId, target: program.id }],
    });
    const document = clr.credential as Record<string, unknown>;
    assert.deepEqual(document.type, ['VerifiableCredential', 'ClrCredential']);
    const subject = document.credentialSubject as { verifiableCredential: unknown[]; achievement: unknown[]; association: Array<{ sourceId: string; targetId: string }> };
    assert.equal(subject.verifiableCredential.length, 2);
    assert.equal(typeof subject.verifiableCredential[1], 'string', 'a JWT-signed credential is bundled as its JWT');
    assert.equal(subject.achievement.length, 2);
    assert.equal(subject.association[0]?.targetId, `${publicUrl}/achievements/${program.id}`);
    // The status lists the CLR and its credentials name, published as openler serves them, so the status checks run offline.
    const publisher = new StatusListPublisher(context.db, issuers, documentLoader, (listId) => issuance.statusListUrl(listId));
    const listUrls = new Set(JSON.stringify(document).match(/https:\/\/openler\.college\.example\/status-lists\/sl_[0-9a-f]+/g) ?? []);
    const withLists: Record<string, object> = { ...trustStore };
    for (const url of listUrls) withLists[url] = await publisher.credential(url.split('/').pop() as string);
    const report = await verifyCredential(document, { trustStore: withLists, documentLoader });
    assert.equal(report.kind, 'ClrCredential');
    assert.equal(report.verified, true, JSON.stringify(report.checks.filter((check) => check.status === 'failed')));
    await assert.rejects(issuance.issueClr(orgId, { issuer: issuer.id, recipient: { did: 'did:example:x' }, credentials: ['urn:uuid:missing'] }), (error: unknown) => error instanceof OpenlerError && error.details.field === 'credentials[0]');
    await assert.rejects(
      issuance.issueClr(orgId, { issuer: issuer.id, recipient: { did: 'did:example:learner-9' }, credentials: [course.id], associations: [{ associationType: 'isPartOf', source: achievementId, target: 'ach_other' }] }),
      (error: unknown) => error instanceof OpenlerError && error.details.field === 'associations[0].target',
    );
  });

  it("refuses to bundle another learner's credential, one listed twice, or a suspended one, into a CLR", async () => {
    const issuer = (await issuers.list(orgId))[0];
    assert.ok(issuer);
    const mine = await issuance.issue(orgId, { achievement: achievementId, recipient: { did: 'did:example:learner-10' } });
    const byEmail = await issuance.issue(orgId, { achievement: achievementId, recipient: { email: 'Learner10@Example.edu' } });
    const theirs = await issuance.issue(orgId, { achievement: achievementId, recipient: { did: 'did:example:learner-11', email: 'learner11@example.edu' } });
    const clrs = async () => (await context.db.query<{ n: number }>("SELECT count(*)::int AS n FROM credentials WHERE type = 'ClrCredential'"))[0]?.n;
    const before = await clrs();
    const refused = (code: string, field: string, pattern: RegExp) => (error: unknown) => {
      assert.ok(error instanceof OpenlerError);
      assert.equal(error.code, code, error.message);
      assert.equal(error.details.field, field);
      assert.match(error.message, pattern);
      return true;
    };
    const learner10 = { did: 'did:example:learner-10', email: 'learner10@example.edu' };
    await assert.rejects(
      issuance.issueClr(orgId, { issuer: issuer.id, recipient: learner10, credentials: [mine.id, theirs.id] }),
      refused('validation_failed', 'credentials[1]', new RegExp(`Credential ${theirs.id} was issued to someone other than this CLR's recipient`)),
    );
    // The same learner by email alone: the email hashed with the credential's salt does not match.
    await assert.rejects(
      issuance.issueClr(orgId, { issuer: issuer.id, recipient: { email: 'learner10@example.edu' }, credentials: [theirs.id] }),
      refused('validation_failed', 'credentials[0]', /someone other than/),
    );
    await assert.rejects(
      issuance.issueClr(orgId, { issuer: issuer.id, recipient: learner10, credentials: [mine.id, byEmail.id, mine.id] }),
      refused('validation_failed', 'credentials[2]', new RegExp(`Credential ${mine.id} is listed twice \\(credentials\\[0\\] and credentials\\[2\\]\\)`)),
    );
    await issuance.setStatus(orgId, byEmail.id, 'suspend', 'under review');
    await assert.rejects(
      issuance.issueClr(orgId, { issuer: issuer.id, recipient: learner10, credentials: [mine.id, byEmail.id] }),
      refused('conflict', 'credentials[1]', /is suspended/),
    );
    assert.equal(await clrs(), before, 'no CLR was issued');
    await issuance.setStatus(orgId, byEmail.id, 'reinstate');
    // By DID for one credential and by the email's salted hash for the other (the email written in another case).
    const clr = await issuance.issueClr(orgId, { issuer: issuer.id, recipient: { did: 'did:example:learner-10', email: ' LEARNER10@example.edu' }, credentials: [mine.id, byEmail.id] });
    assert.equal(((clr.credential as Record<string, unknown>).credentialSubject as { verifiableCredential: unknown[] }).verifiableCredential.length, 2);
    await assert.rejects(
      issuance.issueClr(orgId, { issuer: issuer.id, recipient: { did: 'did:example:learner-10' }, credentials: [byEmail.id] }),
      refused('validation_failed', 'credentials[0]', /someone other than/),
      'a DID alone does not match a credential issued to an email',
    );
  });

  it('refuses a recipient without a did or email, and another organization\'s achievement', async () => {
    await assert.rejects(issuance.issue(orgId, { achievement: achievementId, recipient: {} }), (error: unknown) => error instanceof OpenlerError && error.details.field === 'recipient');
    // The core checks what the HTTP schema checks, for rosters and the CLI.
    for (const [input, field] of [
      [{ recipient: { email: 'notanemail' } }, 'recipient.email'],
      [{ recipient: { did: 'learner-7' } }, 'recipient.did'],
      [{ recipient: { did: 'did:example:x' }, validUntil: 'yesterday' }, 'validUntil'],
    ] as const) {
      await assert.rejects(issuance.issue(orgId, { achievement: achievementId, ...input }), (error: unknown) => error instanceof OpenlerError && error.code === 'validation_failed' && error.details.field === field, field);
    }
    const other = (await context.orgs.create({ slug: 'acme', name: 'Acme', kind: 'employer' })).id;
    await assert.rejects(issuance.issue(other, { achievement: achievementId, recipient: { did: 'did:example:x' } }), (error: unknown) => error instanceof OpenlerError && error.code === 'not_found');
    const before = await context.db.query<{ n: number }>('SELECT count(*)::int AS n FROM credentials');
    await assert.rejects(issuance.issue(orgId, { achievement: achievementId, recipient: { did: 'did:example:x' }, validUntil: '2000-01-01T00:00:00Z' }));
    const afterCount = await context.db.query<{ n: number }>('SELECT count(*)::int AS n FROM credentials');
    assert.equal(afterCount[0]?.n, before[0]?.n, 'nothing half-issued');
  });
});
