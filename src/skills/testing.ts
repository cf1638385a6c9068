import type { Skill, SkillRecord } from './model.js';

/** A skill with sensible defaults, for tests. */
export function makeSkill(fields: Partial<Skill> & Pick<Skill, 'id' | 'name'>): SkillRecord {
  return {
    type: 'specialized',
    category: 'Software Development',
    subcategory: 'Programming Languages',
    description: 'A skill used in tests.',
    isSoftware: false,
    isLanguage: false,
    aliases: [],
    tags: [],
    source: 'test',
    status: 'active',
    ...fields,
  };
}
