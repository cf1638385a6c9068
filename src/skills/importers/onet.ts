import { parse } from 'csv-parse/sync';
import { OpenlerError } from '../../common/errors.js';
import type { ReleaseContent, SkillRecord } from '../model.js';
import { SourceFiles } from './sources.js';

export interface OnetImport {
  content: ReleaseContent;
  counts: { rows: number; skills: number; occupations: number };
}

/**
 * Reads O*NET's Technology Skills file (tab-separated, as in the O*NET
 * database download): each distinct technology becomes a software skill whose
 * subcategory is its UNSPSC commodity class.
 */
export function readOnetTechnologySkills(paths: readonly string[]): OnetImport {
  const files = SourceFiles.open(paths);
  const text = files.text('Technology Skills.txt');
  let rows: Array<Record<string, string>>;
  try {
    rows = parse(text, { columns: true, delimiter: '\t', skip_empty_lines: true, relax_quotes: true, relax_column_count: true }) as Array<Record<string, string>>;
  } catch (error) {
    throw new OpenlerError('unprocessable', `Technology Skills.txt: ${(error as Error).message}`, { field: 'path' });
  }
  const titles = new Map<string, string>();
  const occupationText = files.optionalText('Occupation Data.txt');
  if (occupationText) {
    for (const row of parse(occupationText, { columns: true, delimiter: '\t', relax_quotes: true, relax_column_count: true }) as Array<Record<string, string>>) {
      titles.set(row['O*NET-SOC Code'] ?? '', row.Title ?? '');
    }
  }
  const byId = new Map<string, { name: string; commodity: string; commodityCode: string; occupations: Map<string, string>; hot: boolean; inDemand: boolean }>();
  for (const row of rows) {
    const name = (row.Example ?? '').trim();
    if (!name) continue;
    const id = `onet-tech:${slug(name)}`;
    const entry = byId.get(id) ?? { name, commodity: (row['Commodity Title'] ?? '').trim(), commodityCode: (row['Commodity Code'] ?? '').trim(), occupations: new Map(), hot: false, inDemand: false };
    const code = (row['O*NET-SOC Code'] ?? '').trim();
    entry.occupations.set(code, (row.Title ?? titles.get(code) ?? '').trim());
    entry.hot ||= row['Hot Technology'] === 'Y';
    entry.inDemand ||= row['In Demand'] === 'Y';
    byId.set(id, entry);
  }
  if (byId.size === 0) throw new OpenlerError('unprocessable', 'Technology Skills.txt holds no technology rows (expected the columns O*NET-SOC Code, Title, Example, Commodity Code, Commodity Title)');
  const occupations = new Set<string>();
  const skills: SkillRecord[] = [...byId.entries()].map(([id, entry]) => {
    for (const code of entry.occupations.keys()) occupations.add(code);
    const examples = [...entry.occupations.values()].filter(Boolean).slice(0, 3);
    return {
      id,
      name: entry.name,
      type: 'specialized',
      category: 'Technology',
      subcategory: entry.commodity,
      description: `${entry.commodity || 'Technology'} used in ${entry.occupations.size} O*NET occupation${entry.occupations.size === 1 ? '' : 's'}${examples.length ? `, such as ${examples.join(', ')}` : ''}.`,
      isSoftware: true,
      isLanguage: false,
      aliases: [],
      tags: [...(entry.hot ? ['hot-technology'] : []), ...(entry.inDemand ? ['in-demand'] : [])],
      source: 'O*NET Technology Skills',
      status: 'active',
      extra: { commodityCode: entry.commodityCode, occupations: [...entry.occupations.keys()].sort() },
    };
  });
  return { content: { skills, relations: [], merges: [] }, counts: { rows: rows.length, skills: skills.length, occupations: occupations.size } };
}

function slug(text: string): string {
  return text.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/\+/g, 'plus').replace(/#/g, 'sharp').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}
