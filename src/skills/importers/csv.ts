import { parse } from 'csv-parse/sync';
import { OpenlerError } from '../../common/errors.js';
import { skillTypes, type ReleaseContent, type SkillRecord, type SkillType } from '../model.js';

/**
 * The documented openler CSV format (docs/skills-csv.md): one skill per row,
 * with a header naming the columns. Required: id, name. Optional: type,
 * category, subcategory, description, aliases and tags (separated by "|"),
 * is_software, is_language, status, merged_into (the row's skill is retired
 * and its ID redirects to that successor).
 */
export const csvColumns = ['id', 'name', 'type', 'category', 'subcategory', 'description', 'aliases', 'tags', 'is_software', 'is_language', 'status', 'merged_into'] as const;

const typeNames: Record<string, SkillType> = {
  specialized: 'specialized', 'specialized skill': 'specialized', st1: 'specialized',
  common: 'common', 'common skill': 'common', st2: 'common',
  certification: 'certification', st3: 'certification',
};

export function readSkillsCsv(text: string, source: string): ReleaseContent {
  let rows: Array<Record<string, string>>;
  try {
    rows = parse(text.replace(/^\uFEFF/, ''), { columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()), skip_empty_lines: true, trim: true }) as Array<Record<string, string>>;
  } catch (error) {
    throw new OpenlerError('unprocessable', `CSV does not parse: ${(error as Error).message}`, { field: 'body' });
  }
  if (rows.length === 0) throw new OpenlerError('validation_failed', 'the CSV has no rows', { field: 'body' });
  const header = Object.keys(rows[0] ?? {});
  for (const required of ['id', 'name']) {
    if (!header.includes(required)) throw new OpenlerError('validation_failed', `the CSV lacks the column "${required}" (columns: ${csvColumns.join(', ')})`, { field: required });
  }
  const skills: SkillRecord[] = [];
  const merges: ReleaseContent['merges'] = [];
  rows.forEach((row, index) => {
    const line = index + 2;
    const id = row.id ?? '';
    if (!id) throw new OpenlerError('validation_failed', `row ${line}: id is empty`, { field: `row ${line}.id` });
    if (row.merged_into) {
      merges.push({ fromId: id, toId: row.merged_into });
      return;
    }
    const typeText = (row.type || 'specialized').toLowerCase();
    const type = typeNames[typeText];
    if (type === undefined) throw new OpenlerError('validation_failed', `row ${line}: type "${row.type}" is not one of ${skillTypes.join(', ')}`, { field: `row ${line}.type` });
    skills.push({
      id,
      name: row.name ?? '',
      type,
      category: row.category ?? '',
      subcategory: row.subcategory ?? '',
      description: row.description ?? '',
      isSoftware: truthy(row.is_software),
      isLanguage: truthy(row.is_language),
      aliases: splitList(row.aliases),
      tags: splitList(row.tags),
      source,
      status: row.status || 'active',
    });
  });
  return { skills, relations: [], merges };
}

function truthy(value: string | undefined): boolean {
  return ['true', 'yes', 'y', '1'].includes((value ?? '').toLowerCase());
}

function splitList(value: string | undefined): string[] {
  return [...new Set((value ?? '').split('|').map((item) => item.trim()).filter(Boolean))];
}
