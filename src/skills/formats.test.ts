import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { exportRelease, uuidFromName, type ExportInput } from './exporters/export.js';
import { readSkillsCsv } from './importers/csv.js';
import { readSkillsJson } from './importers/json.js';
import { OpenlerError } from '../common/errors.js';
import { makeSkill } from './testing.js';

const input: ExportInput = {
  library: { id: 'demo', name: 'Demo', description: 'A demo library', license: 'CC0', source: 'demo' },
  version: { library: 'demo', version: '1.0', releasedAt: '2026-11-28T00:00:00.000Z', skillCount: 2, notes: '', isLatest: true },
  skills: [
    makeSkill({ id: 'S1', name: 'Written Communication', type: 'common', aliases: ['Writing, business', 'Report "writing"'], tags: ['soft'], description: 'Writes clearly, with commas, "quotes"\nand lines.', source: 'demo' }),
    makeSkill({ id: 'S2', name: 'C#', isSoftware: true, source: 'demo' }),
  ],
  relations: [{ sourceId: 'S1', targetId: 'S2', kind: 'related' }],
  baseUrl: 'http://localhost:3000',
};

describe('exporters and importers', () => {
  it('round-trips a release through CSV', () => {
    const csv = exportRelease('csv', input);
    const back = readSkillsCsv(csv, 'demo');
    assert.deepEqual(back.skills, input.skills);
    assert.deepEqual(back.merges, []);
  });

  it('round-trips a release through JSON, relations included', () => {
    const back = readSkillsJson(exportRelease('json', input), 'demo');
    assert.equal(back.version, '1.0');
    assert.deepEqual(back.content.skills, input.skills);
    assert.deepEqual(back.content.relations, input.relations);
  });

  it('writes Open Skills Network Rich Skill Descriptors', () => {
    const collection = JSON.parse(exportRelease('rsd', input)) as { skills: Array<Record<string, unknown>> };
    const rsd = collection.skills[0] as Record<string, unknown>;
    assert.equal(rsd['@context'], 'https://rsd.openskillsnetwork.org/context-v1.json');
    assert.equal(rsd.type, 'RichSkillDescriptor');
    assert.equal(rsd.skillName, 'Written Communication');
    assert.equal(rsd.skillStatement, input.skills[0]?.description);
    assert.equal(rsd.uuid, uuidFromName('demo/S1'));
    assert.match(String(rsd.uuid), /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(rsd.id, 'http://localhost:3000/v1/skills/S1?library=demo');
  });

  it('reads merges and Lightcast type names from CSV', () => {
    const content = readSkillsCsv('id,name,type,merged_into\nA,Excel,ST1,\nB,Spreadsheets,,A\nC,Teamwork,Common Skill,\n', 'x');
    assert.deepEqual(content.skills.map((s) => [s.id, s.type]), [['A', 'specialized'], ['C', 'common']]);
    assert.deepEqual(content.merges, [{ fromId: 'B', toId: 'A' }]);
  });

  it('names the row and column of bad CSV input', () => {
    assert.throws(() => readSkillsCsv('name\nExcel\n', 'x'), (e: unknown) => e instanceof OpenlerError && e.details.field === 'id');
    assert.throws(() => readSkillsCsv('id,name,type\nA,Excel,wizard\n', 'x'), (e: unknown) => e instanceof OpenlerError && /row 2/.test(e.message));
    assert.throws(() => readSkillsJson('{"skills": 3}', 'x'), (e: unknown) => e instanceof OpenlerError && e.code === 'validation_failed');
    assert.throws(() => readSkillsJson('{not json', 'x'), (e: unknown) => e instanceof OpenlerError && e.code === 'unprocessable');
  });
});
