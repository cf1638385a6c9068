import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readDefaultLibrary } from '../skills/default-library.js';
import { makeSkill } from '../skills/testing.js';
import { lentTerms } from './expansion.js';
import { SkillExtractor } from './extractor.js';
import { stem } from './stem.js';

// A target library written the way a general taxonomy is: conceptual, no product names.
const targets = [
  makeSkill({ id: 't-js', name: 'JavaScript', description: 'The scripting language of web pages.' }),
  makeSkill({ id: 't-cloud', name: 'cloud technologies', description: 'Technologies that give access to hardware and software through remote servers.' }),
  makeSkill({ id: 't-securities', name: 'securities', description: 'Financial instruments traded on markets.' }),
  makeSkill({ id: 't-teams', name: 'work in teams', description: 'Work confidently within a group.' }),
];
// The library that lends: it knows the products.
const sources = [
  makeSkill({ id: 's-js', name: 'JavaScript', aliases: ['ECMAScript', 'ES6'], subcategory: 'Programming Languages' }),
  makeSkill({ id: 's-computing', name: 'Cloud Computing', aliases: ['Cloud technologies'], subcategory: 'Cloud Platforms', description: 'Delivering computing services over the internet.' }),
  makeSkill({ id: 's-migration', name: 'Cloud Migration', aliases: ['Lift and shift'], subcategory: 'Cloud Platforms' }),
  makeSkill({ id: 's-aws', name: 'Amazon Web Services', aliases: ['AWS'], subcategory: 'Amazon Web Services', description: "Amazon's public cloud platform for compute and storage." }),
  makeSkill({ id: 's-guard', name: 'Event Security', subcategory: 'Security Services' }),
  makeSkill({ id: 's-cert', name: 'Cloud Practitioner Certificate', type: 'certification', subcategory: 'Cloud Platforms' }),
];
const termsFor = (id: string) => {
  const index = targets.findIndex((skill) => skill.id === id);
  return lentTerms(targets, sources, stem).get(index) ?? new Map<string, number>();
};

describe('lentTerms', () => {
  it('lends the aliases of a skill with the same label', () => {
    const terms = termsFor('t-js');
    assert.ok((terms.get('es6') ?? 0) > 1, 'ES6 is lent as a synonym');
    assert.ok(terms.has(stem('ecmascript')));
  });
  it('lends the skills of a field to the target that names it, and skills whose description names the field', () => {
    const terms = termsFor('t-cloud');
    assert.ok(terms.has(stem('migration')), 'a skill of the field');
    assert.ok(terms.has('aws'), 'a skill described as a cloud platform');
    assert.ok((terms.get('aws') ?? 0) < 1, 'a field lends less than a synonym');
    assert.ok(!terms.has(stem('practitioner')), 'certifications lend nothing');
  });
  it('does not take one shared word of a two-word field name for a crosswalk', () => {
    assert.equal(termsFor('t-securities').size, 0);
  });
});

describe('SkillExtractor with document expansion', () => {
  const sentence = 'You will run our production services on AWS and migrate workloads with lift and shift.';
  const implicitIds = (extractor: SkillExtractor) =>
    extractor.extract(sentence, { confidenceThreshold: 0, implicitPerSentence: 5 }).skills.filter((entry) => entry.mention === 'implicit').map((entry) => entry.skill.id);
  it('finds a skill from words only the lending library associates with it', () => {
    assert.ok(implicitIds(new SkillExtractor(targets, undefined, { source: () => sources })).includes('t-cloud'));
    assert.ok(!implicitIds(new SkillExtractor(targets, undefined, { source: () => undefined })).includes('t-cloud'));
  });
  it('takes terms worked out by another extractor of the release as they are', () => {
    const lent = new SkillExtractor(targets, undefined, { source: () => sources }).lentTerms();
    assert.ok(implicitIds(new SkillExtractor(targets, undefined, { lent, source: () => undefined })).includes('t-cloud'));
  });
  it('lends the default library nothing from itself', () => {
    assert.equal(new SkillExtractor(readDefaultLibrary().content.skills).lentTerms().size, 0);
  });
});
