// Imports the real ESCO v1.1.1 download (European Commission, ESCO; reuse with acknowledgement).
import { describe, it, before, after } from 'node:test';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import assert from 'node:assert/strict';
import type { Database } from '../src/db/database.js';
import { openTestDatabase } from '../src/db/testing.js';
import { SkillCatalog } from '../src/skills/catalog.js';
import { readEsco, type EscoImport } from '../src/skills/importers/esco.js';
import { sharedPath } from './shared-data.js';

describe('ESCO import', () => {
  let esco: EscoImport;
  let db: Database;
  let catalog: SkillCatalog;
  const library = { id: 'esco', orgId: 'org_openler', name: 'ESCO', visibility: 'public' as const };

  before(async () => {
    esco = readEsco([sharedPath('data', 'esco')]);
    db = await openTestDatabase();
    catalog = new SkillCatalog(db);
    await catalog.refresh();
  });
  after(async () => db.close());

  it('reads every skill and alternative label of the official zips', () => {
    assert.equal(esco.version, 'v1.1.1');
    assert.equal(esco.counts.skills, 13896);
    assert.equal(esco.counts.altLabels, 97483);
    assert.ok(esco.counts.relations >= 5800, `skill-skill relations: ${esco.counts.relations}`);
    assert.ok(esco.counts.broader > 1000, `broader skill relations: ${esco.counts.broader}`);
    const python = esco.content.skills.find((skill) => skill.name === 'Python (computer programming)');
    assert.ok(python);
    assert.match(python.id, /^http:\/\/data\.europa\.eu\/esco\/skill\//);
    assert.ok(python.category.length > 0, 'hierarchy gives a category');
    const transversal = esco.content.skills.filter((skill) => skill.type === 'common');
    assert.ok(transversal.length > 50 && transversal.length < 2000);
    assert.ok(esco.content.skills.some((skill) => skill.isLanguage));
  });

  it('weighs each skill by the occupations that list it: essential 1, optional one half', () => {
    const relations = new TextDecoder().decode(unzipSync(readFileSync(sharedPath('data', 'esco', 'esco-v1.1.1-relations-csv.zip')), {
      filter: (file) => file.name === 'occupationSkillRelations.csv',
    })['occupationSkillRelations.csv']);
    const expected = new Map<string, number>();
    for (const line of relations.split('\n').slice(1)) {
      const [, relationType, , skillUri] = line.trim().split(',');
      if (skillUri) expected.set(skillUri, (expected.get(skillUri) ?? 0) + (relationType === 'essential' ? 1 : 0.5));
    }
    const weighed = esco.content.skills.filter((skill) => typeof skill.extra?.['prevalence'] === 'number');
    assert.ok(weighed.length > 10_000, `skills with a prevalence: ${weighed.length}`);
    for (const skill of weighed) assert.equal(skill.extra?.['prevalence'], expected.get(skill.id), skill.name);
    const unlisted = esco.content.skills.find((skill) => !expected.has(skill.id));
    assert.equal(unlisted?.extra?.['prevalence'], undefined);
  });

  it('publishes the release, finds skills by typo and alias, and re-imports idempotently', async () => {
    const result = await catalog.publish({ library, version: esco.version, content: esco.content });
    assert.equal(result.status, 'published');
    assert.equal(result.skills, 13896);
    const search = (q: string) => catalog.search({ library: 'esco' }, { q, limit: 5, offset: 0 }, null);
    assert.equal((await search('pyton')).hits[0]?.skill.name, 'Python (computer programming)');
    assert.equal((await search('manage musical staff')).hits[0]?.skill.name, 'manage musical staff');
    const byAlias = await search('direct musical staff');
    assert.equal(byAlias.hits[0]?.skill.name, 'manage musical staff');
    assert.equal(byAlias.hits[0]?.matched, 'direct musical staff');
    const index = await catalog.index(catalog.resolve({ library: 'esco' }, null));
    const python = esco.content.skills.find((skill) => skill.id === pythonId(esco));
    assert.equal(index.prevalence.get(pythonId(esco)), python?.extra?.['prevalence']);
    // ESCO lists work in teams for no occupation; loaded, it is asked for wherever its sector variants are.
    const teams = esco.content.skills.find((skill) => skill.name === 'work in teams');
    assert.equal(teams?.extra?.['prevalence'], undefined);
    assert.ok((index.prevalence.get(teams?.id ?? '') ?? 0) >= 20, `work in teams: ${index.prevalence.get(teams?.id ?? '')}`);
    assert.ok(index.prevalence.size > 10_000);
    const related = await catalog.related(pythonId(esco), { library: 'esco' }, 5, null);
    assert.ok(related.related.length > 0);
    const again = await catalog.publish({ library, version: esco.version, content: readEsco([sharedPath('data', 'esco')]).content });
    assert.equal(again.status, 'unchanged');
    const rows = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM skill_revisions WHERE library_id = 'esco'");
    assert.equal(rows[0]?.n, 13896);
  });
});

describe('ESCO import from unpacked CSVs', () => {
  it('reads a directory of CSV files the same as the zips', () => {
    const dir = mkdtempSync(join(tmpdir(), 'openler-esco-'));
    try {
      for (const zip of ['esco-v1.1.1-classification-en-csv.zip', 'esco-v1.1.1-relations-csv.zip']) {
        const files = unzipSync(readFileSync(sharedPath('data', 'esco', zip)), { filter: (file) => /skill/i.test(file.name) });
        for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
      }
      const fromCsv = readEsco([dir]);
      const fromZip = readEsco([sharedPath('data', 'esco')]);
      assert.equal(fromCsv.content.skills.length, 13896);
      assert.equal(fromCsv.counts.relations, fromZip.counts.relations);
      const pick = (result: EscoImport) => result.content.skills.find((skill) => skill.name === 'manage musical staff');
      assert.deepEqual({ ...pick(fromCsv), source: '' }, { ...pick(fromZip), source: '' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

function pythonId(esco: EscoImport): string {
  return esco.content.skills.find((skill) => skill.name === 'Python (computer programming)')?.id ?? '';
}
