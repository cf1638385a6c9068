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

  it('refuses a roster without external IDs or with unknown columns', async () => {
    const refused = (error: unknown) => error instanceof OpenlerError && error.details.field === 'roster';
    await assert.rejects(issueRoster(context.db, context.credentials.issuance, orgId, 'email\na@example.edu', { achievement: achievementId }), refused);
    await assert.rejects(issueRoster(context.db, context.credentials.issuance, orgId, 'external_id,email,grade\n1,a@example.edu,A', { achievement: achievementId }), refused);
    await assert.rejects(issueRoster(context.db, context.credentials.issuance, orgId, 'external_id,email\n', { achievement: achievementId }), refused);
  });
});
