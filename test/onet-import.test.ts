// Reads the real O*NET 29.3 Technology Skills file (US Department of Labor, CC BY 4.0).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readOnetTechnologySkills } from '../src/skills/importers/onet.js';
import { SkillSearchIndex } from '../src/skills/search-index.js';
import { sharedPath } from './shared-data.js';

describe('O*NET Technology Skills import', () => {
  it('turns each distinct technology into a software skill with its occupations', () => {
    const result = readOnetTechnologySkills([sharedPath('data', 'onet')]);
    assert.equal(result.counts.rows, 32681);
    assert.ok(result.counts.skills > 5000 && result.counts.skills < 32681, `skills: ${result.counts.skills}`);
    assert.equal(new Set(result.content.skills.map((s) => s.id)).size, result.content.skills.length);
    const excel = result.content.skills.find((s) => s.name === 'Microsoft Excel');
    assert.ok(excel);
    assert.equal(excel.isSoftware, true);
    assert.ok((excel.extra?.occupations as string[]).length > 100);
    assert.ok(excel.tags.includes('hot-technology'));
    const index = new SkillSearchIndex(result.content.skills);
    assert.equal(index.search({ q: 'microsoft excel', limit: 1, offset: 0 }).hits[0]?.skill.id, excel.id);
  });
});
