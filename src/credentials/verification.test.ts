import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { sharedPath } from '../../test/shared-data.js';
import { contextOn, type Context } from '../context.js';
import { openTestDatabase } from '../db/testing.js';
import { createDocumentLoader } from './jsonld/document-loader.js';
import { MasterKey } from './keys/master-key.js';
import { verifyDataFor } from './proofs/batch-verify-data.js';
import { batchVerifyProofs, VerificationService } from './verification.js';
import { fixtureBytes, fixtureText } from './verify/fixtures.test-support.js';
import { fixtureTrustStore } from './verify/trust-store.test-support.js';
import { verifyCredential } from './verify/verify-credential.js';

/** A report, or the error that stood for one, as something to compare. */
async function outcome(run: () => Promise<unknown>): Promise<unknown> {
  try {
    return await run();
  } catch (error) {
    return { threw: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

describe('verification through the batch verifier answers exactly as the standard one', () => {
  it('gives every shared fixture (the 1EdTech validator credentials) the same report, reasons and paths, first and second time', async () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const trustStore = fixtureTrustStore().documents;
    // One loader for the batch runs, so a fixture's second run can take the template its first compiled.
    const documentLoader = createDocumentLoader({ resolveDocument: async (url) => trustStore.get(url) });
    const files = ['ob30', 'ob30/bit-string-list', 'clr20'].flatMap((dir) =>
      readdirSync(sharedPath('fixtures', ...dir.split('/')), { withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => `${dir}/${entry.name}`),
    );
    assert.ok(files.length >= 20, `found ${files.length} fixtures`);
    for (const file of files) {
      const parts = file.split('/');
      const input = file.endsWith('.png') ? fixtureBytes(...parts) : fixtureText(...parts);
      const standard = await outcome(() => verifyCredential(input, { trustStore, now }));
      for (const round of [1, 2]) {
        const batch = await outcome(() => verifyCredential(input, { trustStore, now, documentLoader, verifyProofs: batchVerifyProofs }));
        assert.deepEqual(batch, standard, `${file}, batch run ${round}`);
      }
    }
    assert.ok(verifyDataFor(documentLoader).stats.fast > 0, 'some fixture proofs were checked through a template');
  });

  describe("openler's own credentials, through the verification service", () => {
    let context: Context;
    let standard: VerificationService;
    let orgId: string;
    let achievementId: string;

    before(async () => {
      context = await contextOn(await openTestDatabase(), { loadDefaultLibrary: false, publicUrl: 'https://openler.test', masterKey: new MasterKey(randomBytes(32), { kind: 'environment' }) });
      const { credentials } = context;
      standard = new VerificationService({ issuers: credentials.issuers, statusLists: credentials.statusLists, localStatusListId: credentials.localStatusListId }, credentials.documentLoader, { batchProofs: false });
      orgId = (await context.orgs.create({ slug: 'college', name: 'College', kind: 'institution' })).id;
      const issuer = await credentials.issuers.create(orgId, { name: 'College Registrar', url: 'https://college.example' });
      achievementId = (await credentials.achievements.create(orgId, { issuer: issuer.id, name: 'Databases I', description: 'Designs relational databases.', criteria: { narrative: 'Pass.' } })).id;
    });
    after(async () => context.close());

    it('verifies issued, revoked, altered and VC-JWT credentials alike, taking the template path for the repeated shape', async () => {
      const { issuance, verification, documentLoader } = context.credentials;
      const issued = [];
      for (let index = 0; index < 4; index += 1) issued.push(await issuance.issue(orgId, { achievement: achievementId, recipient: { email: `learner${index}@example.edu` } }));
      const jwt = await issuance.issue(orgId, { achievement: achievementId, recipient: { email: 'jwt@example.edu' }, proof: 'jwt-eddsa' });
      const revokedId = issued[3]?.id as string;
      await issuance.setStatus(orgId, revokedId, 'revoke');
      const altered = { ...(issued[0]?.credential as Record<string, unknown>), name: 'Databases II' };
      const inputs = [...issued.map((credential) => credential.credential), (await issuance.get(orgId, revokedId)).credential, altered, jwt.credential];

      const before = verifyDataFor(documentLoader).stats.fast;
      const verdicts: boolean[] = [];
      for (const input of inputs) {
        const expected = await standard.verify(input);
        const report = await verification.verify(input);
        assert.deepEqual(report, expected);
        verdicts.push(report.verified);
      }
      assert.deepEqual(verdicts, [true, true, true, false, false, false, true]);
      const altering = (await verification.verify(altered)).checks.find((check) => check.check === 'proof');
      assert.match(altering?.reason ?? '', /The signature does not match the credential/, 'a failure keeps the standard reason');
      // Each Data Integrity credential and each status list it points to is a shape seen before, after the first.
      assert.ok(verifyDataFor(documentLoader).stats.fast - before >= 4, `template path taken ${verifyDataFor(documentLoader).stats.fast - before} times`);
    });
  });
});
