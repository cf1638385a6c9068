import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Database } from '../db/database.js';
import { openTestDatabase } from '../db/testing.js';
import { OpenlerError } from '../common/errors.js';
import { SkillCatalog } from './catalog.js';
import type { ReleaseContent } from './model.js';
import { publishRelease, type LibraryDefinition } from './releases.js';
import { makeSkill } from './testing.js';

const library: LibraryDefinition = { id: 'demo', orgId: 'org_openler', name: 'Demo', visibility: 'public' };
const first: ReleaseContent = {
  skills: [
    makeSkill({ id: 'A', name: 'Javascript Programming' }),
    makeSkill({ id: 'B', name: 'Flash Animation' }),
    makeSkill({ id: 'C', name: 'Spreadsheets' }),
    makeSkill({ id: 'D', name: 'Microsoft Excel', aliases: ['Excel'] }),
  ],
  relations: [{ sourceId: 'A', targetId: 'D', kind: 'related' }],
  merges: [],
};
const second: ReleaseContent = {
  skills: [
    makeSkill({ id: 'A', name: 'JavaScript' }),
    makeSkill({ id: 'D', name: 'Microsoft Excel', aliases: ['Excel', 'Spreadsheets'] }),
    makeSkill({ id: 'E', name: 'TypeScript' }),
  ],
  relations: [],
  merges: [{ fromId: 'C', toId: 'D' }],
};

function expectError(code: string) {
  return (error: unknown) => error instanceof OpenlerError && error.code === code;
}

describe('SkillCatalog releases', () => {
  let db: Database;
  let catalog: SkillCatalog;
  before(async () => {
    db = await openTestDatabase();
    catalog = new SkillCatalog(db, { defaultLibrary: 'demo' });
    await catalog.refresh();
    assert.equal((await catalog.publish({ library, version: '1', content: first })).status, 'published');
    const result = await catalog.publish({ library, version: '2', content: second });
    assert.deepEqual({ added: result.added, changed: result.changed, removed: result.removed, merged: result.merged }, { added: 1, changed: 2, removed: 2, merged: 1 });
  });
  after(async () => db.close());

  it('lists the changes between releases: additions, removals, renames, consolidations', async () => {
    const changes = await catalog.changes({ version: '2' }, null);
    assert.equal(changes.from, '1');
    assert.deepEqual(changes.additions, [{ id: 'E', name: 'TypeScript' }]);
    assert.deepEqual(changes.removals, [{ id: 'B', name: 'Flash Animation' }]);
    assert.deepEqual(changes.renames, [{ id: 'A', oldName: 'Javascript Programming', newName: 'JavaScript' }]);
    assert.deepEqual(changes.consolidations, [{ id: 'D', name: 'Microsoft Excel', mergedIds: [{ id: 'C', name: 'Spreadsheets' }] }]);
    assert.deepEqual(changes.updates.map((u) => [u.id, u.fields]), [['D', ['aliases']]]);
    const initial = await catalog.changes({ version: '1' }, null);
    assert.equal(initial.from, null);
    assert.equal(initial.additions.length, 4);
  });

  it('answers a merged ID with its successor, and says so', async () => {
    const answer = await catalog.getSkill('C', {}, null);
    assert.equal(answer.skill.id, 'D');
    assert.equal(answer.redirectedFrom, 'C');
    assert.equal(answer.version, '2');
  });

  it('keeps old releases readable as they were', async () => {
    const old = await catalog.getSkill('C', { version: '1' }, null);
    assert.equal(old.skill.name, 'Spreadsheets');
    assert.equal(old.redirectedFrom, undefined);
    assert.equal((await catalog.getSkill('A', { version: '1' }, null)).skill.name, 'Javascript Programming');
    assert.equal((await catalog.search({ version: '1' }, { q: 'flash', limit: 5, offset: 0 }, null)).total, 1);
    assert.equal((await catalog.search({ version: 'latest' }, { q: 'flash', limit: 5, offset: 0 }, null)).total, 0);
  });

  it('finds a release named with or without a leading v, when only one matches', () => {
    assert.equal(catalog.resolve({ version: 'v1' }, null).version.version, '1');
    assert.equal(catalog.resolve({ version: 'V2' }, null).version.version, '2');
    assert.throws(() => catalog.resolve({ version: 'v3' }, null), /has no release v3; it has 1, 2/);
  });

  it('explains a removed ID and suggests close matches for an unknown one', async () => {
    await assert.rejects(catalog.getSkill('B', {}, null), (error: unknown) => error instanceof OpenlerError && error.code === 'not_found' && /Flash Animation.*removed/.test(error.message));
    await assert.rejects(catalog.getSkill('typescrip', {}, null), (error: unknown) =>
      error instanceof OpenlerError && error.code === 'not_found' && error.details.suggestions?.[0]?.id === 'E');
  });

  it('looks up many IDs and lists the missing ones', async () => {
    const { found, missing } = await catalog.lookup(['E', 'nope', 'C'], {}, null);
    assert.deepEqual(found.map((answer) => answer.skill.id), ['E', 'D']);
    assert.deepEqual(missing, ['nope']);
  });

  it('keeps releases immutable and re-publishing idempotent', async () => {
    assert.equal((await catalog.publish({ library, version: '2', content: second })).status, 'unchanged');
    const reordered = { ...second, skills: [...second.skills].reverse() };
    assert.equal((await catalog.publish({ library, version: '2', content: reordered })).status, 'unchanged');
    const altered = { ...second, skills: [...second.skills, makeSkill({ id: 'F', name: 'Rust' })] };
    await assert.rejects(catalog.publish({ library, version: '2', content: altered }), expectError('conflict'));
    assert.deepEqual(catalog.listVersions('demo', null).map((v) => [v.version, v.skillCount, v.isLatest]), [['2', 3, true], ['1', 4, false]]);
  });

  it('writes nothing of a release that fails part way', async () => {
    const count = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM skill_revisions'))[0]?.n;
    const before = await count();
    const third: ReleaseContent = { ...second, skills: [...second.skills, makeSkill({ id: 'G', name: 'Go' })], merges: [] };
    await assert.rejects(
      catalog.publish({ library, version: '3', content: third, onProgress: () => { throw new Error('disk full'); } }),
      /disk full/,
    );
    assert.equal(await count(), before);
    assert.equal(catalog.hasRelease('demo', '3'), false);
    await assert.rejects(catalog.getSkill('G', {}, null), expectError('not_found'));
  });

  it('refuses invalid releases with the field at fault', async () => {
    await assert.rejects(catalog.publish({ library, version: 'bad version!', content: second }), (e: unknown) => e instanceof OpenlerError && e.details.field === 'version');
    await assert.rejects(catalog.publish({ library, version: '9', content: { ...second, merges: [{ fromId: 'A', toId: 'E' }] } }), expectError('validation_failed'));
    await assert.rejects(catalog.publish({ library, version: '9', content: { skills: [], relations: [], merges: [] } }), expectError('validation_failed'));
  });

  it("hides an organization's private library from everyone else", async () => {
    await db.query("INSERT INTO organizations (id, slug, name, kind) VALUES ('org_a', 'a', 'A', 'employer'), ('org_b', 'b', 'B', 'employer')");
    await catalog.publish({ library: { id: 'a-internal', orgId: 'org_a', name: 'A internal', visibility: 'private' }, version: '1', content: first });
    assert.ok(catalog.listLibraries({ orgId: 'org_a' }).some((l) => l.id === 'a-internal'));
    assert.ok(!catalog.listLibraries({ orgId: 'org_b' }).some((l) => l.id === 'a-internal'));
    assert.ok(!catalog.listLibraries(null).some((l) => l.id === 'a-internal'));
    await assert.rejects(catalog.search({ library: 'a-internal' }, { q: 'excel', limit: 5, offset: 0 }, { orgId: 'org_b' }), expectError('not_found'));
    assert.equal((await catalog.search({ library: 'a-internal' }, { q: 'excel', limit: 5, offset: 0 }, { orgId: 'org_a' })).total, 1);
  });

  it("answers a write to another organization's private library as a read, no such library; a public one is refused", async () => {
    // Organizations org_a and org_b, and org_a's private library a-internal, come from the test above.
    const intruder = { orgId: 'org_b' };
    const asRead = await catch404(() => catalog.getLibrary('a-internal', intruder));
    const asWrite = await catch404(() => catalog.publish({ library: { id: 'a-internal', orgId: 'org_b', name: 'taken', visibility: 'public' }, version: '2', content: first }));
    assert.deepEqual(asWrite, asRead, 'the same answer as for a library that does not exist');
    assert.match(asRead.message, /^no library a-internal/);
    // The release's own transaction, which a catalog that has not seen the library yet relies on, says the same.
    await assert.rejects(publishRelease(db, { library: { id: 'a-internal', orgId: 'org_b', name: 'taken', visibility: 'private' }, version: '2', content: first }), expectError('not_found'));

    await catalog.publish({ library: { id: 'a-open', orgId: 'org_a', name: 'A open', visibility: 'public' }, version: '1', content: first });
    const taken = { id: 'a-open', orgId: 'org_b', name: 'taken', visibility: 'public' } as const;
    await assert.rejects(catalog.publish({ library: taken, version: '2', content: first }), expectError('forbidden'));
    await assert.rejects(publishRelease(db, { library: taken, version: '2', content: first }), expectError('forbidden'));
    assert.equal(catalog.listVersions('a-open', null).length, 1, 'nothing was written');
  });
});

/** The not_found error a call throws, as code, message and details. */
async function catch404(run: () => unknown): Promise<{ code: string; message: string; details: unknown }> {
  try {
    await run();
  } catch (error) {
    if (error instanceof OpenlerError && error.code === 'not_found') return { code: error.code, message: error.message, details: error.details };
    throw error;
  }
  throw new assert.AssertionError({ message: 'expected a not_found error' });
}
