import { parse } from 'csv-parse/sync';
import { OpenlerError } from '../../common/errors.js';
import type { ReleaseContent, SkillRecord, SkillRelation } from '../model.js';
import { SourceFiles } from './sources.js';

type CsvRow = Record<string, string>;

export interface EscoImport {
  version: string;
  content: ReleaseContent;
  counts: { skills: number; altLabels: number; relations: number; broader: number; groups: number };
}

const collections: Array<[string, string]> = [
  ['digitalSkillsCollection_en.csv', 'digital'],
  ['greenSkillsCollection_en.csv', 'green'],
  ['languageSkillsCollection_en.csv', 'language'],
  ['transversalSkillsCollection_en.csv', 'transversal'],
  ['researchSkillsCollection_en.csv', 'research'],
  ['digCompSkillsCollection_en.csv', 'digcomp'],
];

/**
 * Reads an ESCO v1.1.x CSV download (the classification and relations zips,
 * or their unpacked CSVs): skills with their labels, the skill hierarchy as
 * categories, and skill-skill relations. A skill's ID is its concept URI.
 */
export function readEsco(paths: readonly string[], onStep?: (step: string) => void): EscoImport {
  const files = SourceFiles.open(paths);
  const version = escoVersion(files.origins);
  onStep?.('reading skills_en.csv');
  const skillRows = parseCsv(files.text('skills_en.csv'), 'skills_en.csv');
  onStep?.('reading the skill hierarchy');
  const groupLabels = new Map<string, string>();
  for (const row of parseCsv(files.optionalText('skillGroups_en.csv') ?? '', 'skillGroups_en.csv')) groupLabels.set(field(row, 'conceptUri'), field(row, 'preferredLabel'));
  const broaderOf = new Map<string, string[]>();
  const broaderRows = parseCsv(files.optionalText('broaderRelationsSkillPillar.csv') ?? '', 'broaderRelationsSkillPillar.csv');
  for (const row of broaderRows) {
    const list = broaderOf.get(field(row, 'conceptUri')) ?? [];
    list.push(field(row, 'broaderUri'));
    broaderOf.set(field(row, 'conceptUri'), list);
  }
  for (const list of broaderOf.values()) list.sort();
  const tagsOf = new Map<string, string[]>();
  for (const [file, tag] of collections) {
    for (const row of parseCsv(files.optionalText(file) ?? '', file)) {
      const uri = field(row, 'conceptUri');
      tagsOf.set(uri, [...(tagsOf.get(uri) ?? []), tag]);
    }
  }

  const skillUris = new Set(skillRows.map((row) => field(row, 'conceptUri')));
  onStep?.('reading occupation-skill relations');
  const prevalenceOf = occupationPrevalence(files.optionalText('occupationSkillRelations.csv'));
  /** The chain of groups above a concept, top first, through broader skills and groups. */
  const groupPath = (uri: string): string[] => {
    const path: string[] = [];
    const seen = new Set<string>();
    let current: string | undefined = uri;
    while (current !== undefined && !seen.has(current)) {
      seen.add(current);
      const parent: string | undefined = broaderOf.get(current)?.[0];
      if (parent !== undefined && groupLabels.has(parent)) path.unshift(groupLabels.get(parent) as string);
      current = parent;
    }
    return path;
  };

  let altLabels = 0;
  const skills: SkillRecord[] = skillRows.map((row) => {
    const uri = field(row, 'conceptUri');
    const name = field(row, 'preferredLabel');
    const labels = splitLines(field(row, 'altLabels'));
    altLabels += labels.length;
    // ESCO often repeats the preferred label among the alternatives; an alias says something new.
    const aliases = labels.filter((label) => label !== name);
    const path = groupPath(uri);
    const tags = tagsOf.get(uri) ?? [];
    const reuseLevel = field(row, 'reuseLevel');
    return {
      id: uri,
      name,
      type: reuseLevel === 'transversal' ? 'common' : 'specialized',
      // Level 0 is only "skills" / "knowledge"; the levels below it say what the skill is about.
      category: path[1] ?? path[0] ?? '',
      subcategory: path[2] ?? '',
      description: field(row, 'description') || field(row, 'definition'),
      isSoftware: false,
      isLanguage: tags.includes('language') || path[0] === 'language skills and knowledge',
      aliases,
      tags: [...new Set(tags)],
      source: `ESCO ${version}`,
      status: field(row, 'status') || 'released',
      extra: pruneEmpty({
        skillType: field(row, 'skillType'),
        reuseLevel,
        hiddenLabels: splitLines(field(row, 'hiddenLabels')),
        scopeNote: field(row, 'scopeNote'),
        modifiedDate: field(row, 'modifiedDate'),
        hierarchy: path,
        prevalence: prevalenceOf.get(uri),
      }),
    };
  });

  onStep?.('reading skill relations');
  const relations: SkillRelation[] = [];
  for (const row of parseCsv(files.optionalText('skillSkillRelations.csv') ?? '', 'skillSkillRelations.csv')) {
    const sourceId = field(row, 'originalSkillUri');
    const targetId = field(row, 'relatedSkillUri');
    if (skillUris.has(sourceId) && skillUris.has(targetId)) relations.push({ sourceId, targetId, kind: field(row, 'relationType') || 'related' });
  }
  let broader = 0;
  for (const row of broaderRows) {
    const sourceId = field(row, 'conceptUri');
    const targetId = field(row, 'broaderUri');
    if (skillUris.has(sourceId) && skillUris.has(targetId)) {
      relations.push({ sourceId, targetId, kind: 'broader' });
      broader += 1;
    }
  }
  return {
    version,
    content: { skills, relations, merges: [] },
    counts: { skills: skills.length, altLabels, relations: relations.length - broader, broader, groups: groupLabels.size },
  };
}

/**
 * How widely ESCO asks for each skill: the occupations that list it, an
 * essential link counting 1 and an optional one ½. The extractor takes it as
 * a prior, because a posting is more often about a skill many jobs need than
 * about a rare namesake.
 */
function occupationPrevalence(csv: string | undefined): Map<string, number> {
  const prevalence = new Map<string, number>();
  for (const row of parseCsv(csv ?? '', 'occupationSkillRelations.csv')) {
    const uri = field(row, 'skillUri');
    const weight = field(row, 'relationType') === 'essential' ? 1 : 0.5;
    prevalence.set(uri, (prevalence.get(uri) ?? 0) + weight);
  }
  return prevalence;
}

/** "v1.1.1" from file names such as esco-v1.1.1-classification-en-csv.zip; "unversioned" otherwise. */
function escoVersion(origins: readonly string[]): string {
  for (const origin of origins) {
    const match = /v(\d+(?:\.\d+)+)/i.exec(origin);
    if (match) return `v${match[1]}`;
  }
  return 'unversioned';
}

function parseCsv(text: string, name: string): CsvRow[] {
  if (text === '') return [];
  try {
    return parse(text, { columns: true, skip_empty_lines: true, relax_column_count: true }) as CsvRow[];
  } catch (error) {
    throw new OpenlerError('unprocessable', `${name}: ${(error as Error).message}`, { field: 'path' });
  }
}

function field(row: CsvRow, name: string): string {
  return (row[name] ?? '').trim();
}

function splitLines(value: string): string[] {
  return value.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
}

function pruneEmpty(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== '' && value !== undefined && !(Array.isArray(value) && value.length === 0)));
}

export function assertEscoSkills(result: EscoImport): void {
  if (result.content.skills.length === 0) throw new OpenlerError('unprocessable', 'no ESCO skills found in skills_en.csv');
}
