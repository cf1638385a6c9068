import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { OpenlerError } from '../../common/errors.js';
import { contextOn, type Context } from '../../context.js';
import { openTestDatabase } from '../../db/testing.js';
import { MasterKey } from '../keys/master-key.js';
import { issueRoster } from './roster.js';

const roster = [
  'external_id,email,did,name',
  'fall-2026/1,ana@example.edu,,Ana',
  'fall-2026/2,,did:example:ben,Ben',
  'fall-2026/3,,,Nobody',
  'fall-2026/4,dee@example.edu,did:example:dee,Dee',
].join('\n');

describe('issueRoster', () => {
  let context: Context;
  let orgId: string;
  let achievementId: string;
  const count = async () => (await context.db.query<{ n: number }>('SELECT count(*)::int AS n FROM credentials'))[0]?.n;
  before(async () => {
    context = await contextOn(await openTestDatabase(), { masterKey: new MasterKey(randomBytes(32), { kind: 'environment' }), publicUrl: 'https://openler.test' });
    orgId = (await context.orgs.create({ slug: 'state-college', name: 'State College', kind: 'institution' })).id;
    const issuer = await context.credentials.issuers.create(orgId, { name: 'Registrar' });
    achievementId = (await context.credentials.achievements.create(orgId, { issuer: issuer.id, name: 'CPR Training', description: 'Adult and infant CPR.', criteria: { narrative: 'Pass the skills check.' } })).id;
  });
  after(async () => context.close());

  it('issues each row once, reports failures with reasons, and resumes a run that was cut off', async () => {
    const { issuance } = context.credentials;
    // A run cut off after its second row.
    await assert.rejects(issueRoster(context.db, issuance, orgId, roster, {
      achievement: achievementId,
      onProgress: (done) => {
        if (done === 2) throw new Error('power cut');
      },
    }), /power cut/);
    assert.equal(await count(), 2);
    const progress: number[] = [];
    const resumed = await issueRoster(context.db, issuance, orgId, roster, { achievement: achievementId, onProgress: (done) => progress.push(done) });
    assert.deepEqual(progress, [1, 2, 3, 4]);
    assert.deepEqual(resumed.results.map((result) => result.outcome), ['skipped', 'skipped', 'failed', 'issued']);
    assert.match(resumed.results[2]?.reason ?? '', /did, an email, or both/);
    assert.equal(resumed.results[2]?.row, 4);
    assert.equal(await count(), 3);
    const again = await issueRoster(context.db, issuance, orgId, roster, { achievement: achievementId });
    assert.deepEqual([again.issued, again.skipped, again.failed], [0, 3, 1]);
    assert.equal(await count(), 3, 'running the same roster again issues nothing twice');
    const runs = await context.db.query<{ state: string }>('SELECT state FROM roster_runs ORDER BY started_at');
    assert.deepEqual(runs.map((run) => run.state), ['running', 'finished', 'finished']);
  });

  it('fails a row whose external ID was issued to someone else, in this roster or before, and never issues it', async () => {
    const { issuance } = context.credentials;
    const first = await issueRoster(context.db, issuance, orgId, [
      'external_id,email,did',
      'spring-2027/1,fay@example.edu,',
      'spring-2027/2,gus@example.edu,',
      'spring-2027/1,mallory@example.edu,',
      'spring-2027/2,GUS@example.edu,',
    ].join('\n'), { achievement: achievementId });
    assert.deepEqual(first.results.map((result) => result.outcome), ['issued', 'issued', 'failed', 'skipped']);
    assert.deepEqual([first.issued, first.skipped, first.failed], [2, 1, 1]);
    const repeat = first.results[2];
    assert.equal(repeat?.row, 4);
    assert.equal(repeat?.credentialId, undefined);
    assert.match(repeat?.reason ?? '', new RegExp(`spring-2027/1 was issued already \\(${first.results[0]?.credentialId ?? '-'}\\) to another recipient.*\\(row 2 of this roster\\)`));
    assert.equal(first.results[3]?.reason, 'already issued: repeats row 3', 'the same learner again is no conflict');
    const issuedTo = await context.db.query<{ n: number }>("SELECT count(*)::int AS n FROM credentials WHERE recipient->>'email' = 'mallory@example.edu'");
    assert.equal(issuedTo[0]?.n, 0, 'nothing issued to the repeat');

    // A later roster that reuses the ID for another learner fails that row too.
    const later = await issueRoster(context.db, issuance, orgId, 'external_id,email\nspring-2027/2,hal@example.edu', { achievement: achievementId });
    assert.equal(later.results[0]?.outcome, 'failed');
    assert.match(later.results[0]?.reason ?? '', /spring-2027\/2 was issued already .* to another recipient; an externalId names one award$/);
    const stored = await context.db.query<{ report: { failed: number; results: Array<{ reason?: string }> } }>('SELECT report FROM roster_runs WHERE id = $1', [later.run]);
    assert.equal(stored[0]?.report.failed, 1, 'the stored report has the failure and its reason');
    assert.match(stored[0]?.report.results[0]?.reason ?? '', /another recipient/);
  });

  it('refuses a roster without external IDs or with unknown columns', async () => {
    const refused = (error: unknown) => error instanceof OpenlerError && error.details.field === 'roster';
    await assert.rejects(issueRoster(context.db, context.credentials.issuance, orgId, 'email\na@example.edu', { achievement: achievementId }), refused);
    await assert.rejects(issueRoster(context.db, context.credentials.issuance, orgId, 'external_id,email,grade\n1,a@example.edu,A', { achievement: achievementId }), refused);
    await assert.rejects(issueRoster(context.db, context.credentials.issuance, orgId, 'external_id,email\n', { achievement: achievementId }), refused);
  });
});
