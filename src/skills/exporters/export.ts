import { createHash } from 'node:crypto';
import type { LibraryVersion, Skill, SkillRelation } from '../model.js';
import { csvColumns } from '../importers/csv.js';

export type ExportFormat = 'json' | 'csv' | 'rsd';
export const exportFormats: readonly ExportFormat[] = ['json', 'csv', 'rsd'];

export interface ExportInput {
  library: { id: string; name: string; description: string; license: string; source: string };
  version: LibraryVersion;
  skills: readonly Skill[];
  relations: readonly SkillRelation[];
  /** Base URL of this openler, for the skills' public URLs (e.g. http://localhost:3000). */
  baseUrl: string;
}

export const exportMediaTypes: Record<ExportFormat, string> = {
  json: 'application/json',
  csv: 'text/csv; charset=utf-8',
  rsd: 'application/ld+json',
};

/** A library release as a file in the given format. */
export function exportRelease(format: ExportFormat, input: ExportInput): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(toJson(input), null, 2)}\n`;
    case 'csv':
      return toCsv(input.skills);
    case 'rsd':
      return `${JSON.stringify(toRsdCollection(input), null, 2)}\n`;
  }
}

/** The JSON form, which `openler skills import json` reads back. */
function toJson(input: ExportInput) {
  return {
    library: input.library,
    version: input.version.version,
    releasedAt: input.version.releasedAt,
    skills: input.skills,
    relations: input.relations,
  };
}

function toCsv(skills: readonly Skill[]): string {
  const lines = [csvColumns.join(',')];
  for (const skill of skills) {
    const values = [skill.id, skill.name, skill.type, skill.category, skill.subcategory, skill.description, skill.aliases.join('|'), skill.tags.join('|'), String(skill.isSoftware), String(skill.isLanguage), skill.status, ''];
    lines.push(values.map(csvCell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Open Skills Network Rich Skill Descriptors: one RSD per skill, with a
 * name-based UUID so the same skill keeps its UUID across exports.
 */
function toRsdCollection(input: ExportInput) {
  const skillUrl = (id: string) => `${input.baseUrl}/v1/skills/${encodeURIComponent(id)}?library=${encodeURIComponent(input.library.id)}`;
  return {
    '@context': 'https://rsd.openskillsnetwork.org/context-v1.json',
    type: 'RichSkillDescriptorCollection',
    name: `${input.library.name} ${input.version.version}`,
    description: input.library.description,
    creator: input.library.source || input.library.name,
    publishDate: input.version.releasedAt,
    skills: input.skills.map((skill) => ({
      '@context': 'https://rsd.openskillsnetwork.org/context-v1.json',
      type: 'RichSkillDescriptor',
      id: skillUrl(skill.id),
      uuid: uuidFromName(`${input.library.id}/${skill.id}`),
      skillName: skill.name,
      skillStatement: skill.description || skill.name,
      status: skill.status === 'active' || skill.status === 'released' ? 'published' : skill.status,
      categories: [skill.category, skill.subcategory].filter(Boolean),
      keywords: [...skill.aliases, ...skill.tags],
      authors: [input.library.source || input.library.name],
      alignments: [{ id: skillUrl(skill.id), skillName: skill.name, isPartOf: { name: `${input.library.name} ${input.version.version}` } }],
      standards: [],
      certifications: skill.type === 'certification' ? [{ name: skill.name }] : [],
      occupations: [],
      publishDate: input.version.releasedAt,
    })),
  };
}

/** An RFC 4122 version 5 (SHA-1, name-based) UUID in the URL namespace. */
export function uuidFromName(name: string): string {
  const namespace = Buffer.from('6ba7b8119dad11d180b400c04fd430c8', 'hex');
  const bytes = createHash('sha1').update(namespace).update(name).digest().subarray(0, 16);
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
