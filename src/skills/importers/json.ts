import { OpenlerError } from '../../common/errors.js';
import { skillTypes, type ReleaseContent, type SkillRecord, type SkillRelation } from '../model.js';

/** Reads the JSON export format (`openler skills export --format json`) back into a release. */
export function readSkillsJson(text: string, source: string): { version?: string; content: ReleaseContent } {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new OpenlerError('unprocessable', `JSON does not parse: ${(error as Error).message}`, { field: 'body' });
  }
  return readSkillsDocument(document, source);
}

/** The same, from an already parsed document (an HTTP body). */
export function readSkillsDocument(document: unknown, source: string): { version?: string; content: ReleaseContent } {
  if (document === null || typeof document !== 'object') throw new OpenlerError('validation_failed', 'expected a JSON object with "skills"', { field: 'body' });
  const root = (Array.isArray(document) ? { skills: document } : document) as { version?: unknown; skills?: unknown; relations?: unknown; merges?: unknown };
  if (!Array.isArray(root.skills)) throw new OpenlerError('validation_failed', 'expected {"skills": [...]} or an array of skills', { field: 'skills' });
  const skills: SkillRecord[] = root.skills.map((raw: Record<string, unknown>, index: number) => {
    const text = (key: string) => (typeof raw[key] === 'string' ? (raw[key] as string) : '');
    const list = (key: string) => (Array.isArray(raw[key]) ? (raw[key] as unknown[]).map(String) : []);
    const type = (text('type') || 'specialized') as SkillRecord['type'];
    if (!skillTypes.includes(type)) throw new OpenlerError('validation_failed', `skills[${index}].type must be one of ${skillTypes.join(', ')}`, { field: `skills[${index}].type` });
    return {
      id: text('id'),
      name: text('name'),
      type,
      category: text('category'),
      subcategory: text('subcategory'),
      description: text('description'),
      isSoftware: raw.isSoftware === true,
      isLanguage: raw.isLanguage === true,
      aliases: list('aliases'),
      tags: list('tags'),
      source: text('source') || source,
      status: text('status') || 'active',
    };
  });
  const relations: SkillRelation[] = Array.isArray(root.relations)
    ? (root.relations as Array<Record<string, unknown>>).map((r) => ({ sourceId: String(r.sourceId), targetId: String(r.targetId), kind: String(r.kind ?? 'related') }))
    : [];
  const merges = Array.isArray(root.merges)
    ? (root.merges as Array<Record<string, unknown>>).map((m) => ({ fromId: String(m.fromId ?? m.from), toId: String(m.toId ?? m.into) }))
    : [];
  return { ...(typeof root.version === 'string' ? { version: root.version } : {}), content: { skills, relations, merges } };
}
