import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { readDefaultLibrary, type DefaultLibraryRelease } from './default-library.js';
import { SkillSearchIndex } from './search-index.js';

describe('the default library', () => {
  let release: DefaultLibraryRelease;
  let index: SkillSearchIndex;
  before(() => {
    release = readDefaultLibrary();
    index = new SkillSearchIndex(release.content.skills);
  });

  it('holds at least 3,000 skills and 200 certifications, each with a description', () => {
    const { skills } = release.content;
    assert.ok(skills.length >= 3000, `skills: ${skills.length}`);
    assert.ok(skills.filter((s) => s.type === 'certification').length >= 200);
    assert.ok(skills.filter((s) => s.type === 'common').length >= 100);
    assert.ok(skills.filter((s) => s.isLanguage).length >= 30);
    for (const skill of skills) {
      assert.ok(skill.description.length >= 20 && skill.description.length <= 300, `${skill.name}: description`);
      assert.ok(skill.category && skill.subcategory, `${skill.name}: category`);
    }
  });

  it('has stable, unique IDs and unique names', () => {
    const { skills } = release.content;
    assert.equal(new Set(skills.map((s) => s.id)).size, skills.length);
    assert.equal(new Set(skills.map((s) => s.name.toLowerCase())).size, skills.length);
    for (const skill of skills) assert.match(skill.id, /^OS[0-9A-HJKMNP-TV-Z]{14}$/);
  });

  it('spans every domain the library promises', () => {
    const categories = new Set(release.content.skills.map((s) => s.category));
    for (const category of ['Information Technology', 'Software Development', 'Cybersecurity', 'Data Science and Analytics', 'Artificial Intelligence and Machine Learning', 'Health Care', 'Retail and Customer Service', 'Business and Management', 'Finance and Accounting', 'Operations and Supply Chain', 'Manufacturing and Production', 'Transportation and Logistics', 'Skilled Trades and Construction', 'Education and Training', 'Common Skills']) {
      assert.ok(categories.has(category), category);
    }
  });

  it('resolves the abbreviations postings and syllabi use', () => {
    const top = (q: string) => index.search({ q, limit: 1, offset: 0 }).hits[0]?.skill.name ?? '(none)';
    const expectations: Array<[string, RegExp]> = [
      ['JS', /^JavaScript$/],
      ['Node', /^Node\.js$/],
      ['K8s', /^Kubernetes$/],
      ['CPR', /Cardiopulmonary Resuscitation|CPR/],
      ['EHR', /Electronic Health Record/],
      ['pyton', /^Python/],
      ['AWS Certified Solutions Architect - Associate', /^AWS Certified Solutions Architect - Associate$/],
      ['CompTIA Security+', /^CompTIA Security\+$/],
      ['Registered Nurse', /Registered Nurse/],
      ['forklift', /Forklift/],
      ['excel', /Excel/],
      ['spanish', /Spanish/],
      ['teamwork', /Teamwork/],
    ];
    for (const [query, expected] of expectations) assert.match(top(query), expected, `search "${query}"`);
  });
});
