import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SkillSearchIndex } from './search-index.js';
import { makeSkill } from './testing.js';

const skills = [
  makeSkill({ id: 'py', name: 'Python (Programming Language)', aliases: ['Python', 'Python 3'], isSoftware: true }),
  makeSkill({ id: 'pytorch', name: 'PyTorch', subcategory: 'Machine Learning Frameworks' }),
  makeSkill({ id: 'js', name: 'JavaScript', aliases: ['JS', 'ECMAScript'] }),
  makeSkill({ id: 'java', name: 'Java (Programming Language)', aliases: ['Java'] }),
  makeSkill({ id: 'node', name: 'Node.js', aliases: ['Node', 'NodeJS'] }),
  makeSkill({ id: 'k8s', name: 'Kubernetes', aliases: ['K8s'], category: 'Information Technology', subcategory: 'Containers' }),
  makeSkill({ id: 'cpp', name: 'C++', aliases: ['CPP'] }),
  makeSkill({ id: 'csharp', name: 'C#', aliases: ['C Sharp'] }),
  makeSkill({ id: 'pm', name: 'Project Management', type: 'common', category: 'Business and Management', subcategory: 'Management' }),
  makeSkill({ id: 'pmp', name: 'Project Management Professional (PMP)', aliases: ['PMP'], type: 'certification', category: 'Business and Management', subcategory: 'Management' }),
  makeSkill({ id: 'ecom', name: 'E-Commerce', category: 'Sales and Marketing', subcategory: 'Digital Sales' }),
  makeSkill({ id: 'cpr', name: 'Cardiopulmonary Resuscitation (CPR)', aliases: ['CPR'], category: 'Health Care', subcategory: 'Emergency Care' }),
];
const index = new SkillSearchIndex(skills, [{ sourceId: 'pytorch', targetId: 'py', kind: 'essential' }]);
const ids = (q: string, extra: Partial<{ type: 'specialized' | 'common' | 'certification'; category: string }> = {}) =>
  index.search({ q, limit: 10, offset: 0, ...extra }).hits.map((hit) => hit.skill.id);

describe('SkillSearchIndex', () => {
  it('ranks an exact name first, then longer names starting with it', () => {
    assert.deepEqual(ids('project management'), ['pm', 'pmp']);
  });
  it('finds skills by alias and abbreviation', () => {
    assert.equal(ids('k8s')[0], 'k8s');
    assert.equal(ids('JS')[0], 'js');
    assert.equal(ids('cpr')[0], 'cpr');
    assert.equal(ids('nodejs')[0], 'node');
  });
  it('completes prefixes as the user types', () => {
    assert.deepEqual(ids('pyt').slice(0, 2).sort(), ['py', 'pytorch']);
    assert.equal(ids('kube')[0], 'k8s');
    assert.equal(ids('proj man')[0], 'pm');
  });
  it('tolerates typos by word length', () => {
    assert.equal(ids('pyton')[0], 'py');
    assert.equal(ids('kubernets')[0], 'k8s');
    assert.equal(ids('projet managment')[0], 'pm');
    assert.deepEqual(ids('jva'), [], 'three letters allow no typo');
  });
  it('keeps the symbols of C++ and C# apart', () => {
    assert.equal(ids('c++')[0], 'cpp');
    assert.equal(ids('c#')[0], 'csharp');
  });
  it('matches hyphenated names written together', () => {
    assert.equal(ids('ecommerce')[0], 'ecom');
    assert.equal(ids('e-commerce')[0], 'ecom');
  });
  it('filters by type and category', () => {
    assert.deepEqual(ids('project', { type: 'certification' }), ['pmp']);
    assert.deepEqual(ids('', { category: 'health care' }), ['cpr']);
  });
  it('pages through results and counts them all', () => {
    const first = index.search({ q: '', limit: 5, offset: 0 });
    const second = index.search({ q: '', limit: 5, offset: 5 });
    assert.equal(first.total, skills.length);
    assert.equal(first.hits.length, 5);
    assert.equal(first.hits[0]?.skill.name, 'C#');
    assert.equal(new Set([...first.hits, ...second.hits].map((hit) => hit.skill.id)).size, 10);
  });
  it('answers nothing for words it does not hold', () => {
    assert.deepEqual(index.search({ q: 'underwater basket weaving', limit: 10, offset: 0 }), { total: 0, hits: [] });
    // A query of no words (punctuation, an emoji, a zero-width space) is not an empty query: it lists nothing.
    for (const q of ['!!!', '\u{1F40D}', '\u200B']) assert.deepEqual(index.search({ q, limit: 10, offset: 0 }), { total: 0, hits: [] }, q);
    assert.equal(index.search({ q: '   ', limit: 1, offset: 0 }).total, skills.length);
  });
  it('lists relations first, then skills of the same subcategory', () => {
    const related = index.related('pytorch', 3);
    assert.deepEqual(related[0], { skill: index.get('py'), relation: 'essential' });
    const pythonRelated = index.related('py', 10).map((entry) => entry.skill.id);
    assert.equal(pythonRelated[0], 'pytorch');
    assert.ok(pythonRelated.includes('java'));
    assert.ok(!pythonRelated.includes('pm'));
  });
});
