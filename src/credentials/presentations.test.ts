import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { contextOn, type Context } from '../context.js';
import { openTestDatabase } from '../db/testing.js';
import { MasterKey } from './keys/master-key.js';
import { vcV2Context } from './model/contexts.js';
import { verifyPresentation } from './presentations.js';

describe('verifyPresentation', () => {
  let context: Context;
  let credential: Record<string, unknown>;

  before(async () => {
    context = await contextOn(await openTestDatabase(), { loadDefaultLibrary: false, publicUrl: 'https://openler.test', masterKey: new MasterKey(randomBytes(32), { kind: 'environment' }) });
    const { credentials } = context;
    const orgId = (await context.orgs.create({ slug: 'college', name: 'College', kind: 'institution' })).id;
    const issuer = await credentials.issuers.create(orgId, { name: 'College Registrar', url: 'https://college.example' });
    const achievement = await credentials.achievements.create(orgId, { issuer: issuer.id, name: 'Databases I', description: 'Designs relational databases.', criteria: { narrative: 'Pass.' } });
    credential = (await credentials.issuance.issue(orgId, { achievement: achievement.id, recipient: { did: 'did:example:learner' } })).credential as Record<string, unknown>;
  });
  after(async () => context.close());

  const unsigned = (extra: Record<string, unknown> = {}) => ({ '@context': [vcV2Context], type: ['VerifiablePresentation'], ...extra });

  it('does not verify an unsigned presentation that holds no credentials, and says why', async () => {
    for (const [why, presentation] of [
      ['no verifiableCredential', unsigned()],
      ['an empty verifiableCredential list', unsigned({ verifiableCredential: [] })],
    ] as const) {
      const report = await verifyPresentation(context.credentials.verification, presentation);
      assert.equal(report.verified, false, why);
      assert.equal(report.presentation.status, 'failed', why);
      assert.match(report.presentation.reason, /not signed .*no credentials/, why);
      assert.deepEqual(report.credentials, [], why);
    }
  });

  it('verifies an unsigned presentation by the credentials it holds, its missing proof a skipped check', async () => {
    const report = await verifyPresentation(context.credentials.verification, unsigned({ verifiableCredential: [credential] }));
    assert.equal(report.verified, true, JSON.stringify(report.credentials[0]?.checks));
    assert.equal(report.presentation.status, 'skipped');
    const altered = await verifyPresentation(context.credentials.verification, unsigned({ verifiableCredential: { ...credential, name: 'Altered' } }));
    assert.equal(altered.verified, false, 'its credentials are checked');
  });
});
