import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { OpenlerError } from '../common/errors.js';
import { skillTypes, type ReleaseContent, type SkillRecord, type SkillType } from './model.js';
import type { LibraryDefinition } from './releases.js';

/** Where the project's own library is written, as reviewable YAML (see data/default-library/README.md). */
export const defaultLibraryDir = fileURLToPath(new URL('../../../data/default-library/', import.meta.url));

export interface DefaultLibraryRelease {
  library: LibraryDefinition;
  version: string;
  notes: string;
  content: ReleaseContent;
}

interface Manifest {
  id: string;
  name: string;
  description: string;
  license: string;
  version: string;
  notes?: string;
  categories: string[];
  merges?: Array<{ from: string; into: string }>;
}

/** Reads the manifest only: enough to know whether the release is already loaded. */
export function readDefaultLibraryVersion(dir = defaultLibraryDir): { id: string; version: string } {
  const manifest = readManifest(dir);
  return { id: manifest.id, version: manifest.version };
}

/** Reads and checks the whole default library. */
export function readDefaultLibrary(dir = defaultLibraryDir, orgId = 'org_openler'): DefaultLibraryRelease {
  const manifest = readManifest(dir);
  const categories = new Set(manifest.categories);
  const skillsDir = join(dir, 'skills');
  const skills: SkillRecord[] = [];
  for (const file of readdirSync(skillsDir).filter((name) => name.endsWith('.yaml')).sort()) {
    const entries: unknown = parse(readFileSync(join(skillsDir, file), 'utf8'));
    if (!Array.isArray(entries)) throw new OpenlerError('unprocessable', `${file}: expected a YAML list of skills`);
    entries.forEach((entry: Record<string, unknown>, position) => {
      const where = `${file} #${position + 1}`;
      const text = (key: string) => (typeof entry[key] === 'string' ? (entry[key] as string).trim() : '');
      const list = (key: string) => (Array.isArray(entry[key]) ? (entry[key] as unknown[]).map((item) => String(item).trim()).filter(Boolean) : []);
      const id = text('id');
      if (!id) throw new OpenlerError('unprocessable', `${where} (${text('name')}): skill has no id; run node scripts/assign-skill-ids.mjs`);
      const type = text('type') as SkillType;
      if (!skillTypes.includes(type)) throw new OpenlerError('unprocessable', `${where}: unknown type ${type}`);
      if (!categories.has(text('category'))) throw new OpenlerError('unprocessable', `${where}: category ${text('category')} is not in library.yaml`);
      skills.push({
        id,
        name: text('name'),
        type,
        category: text('category'),
        subcategory: text('subcategory'),
        description: text('description'),
        isSoftware: entry.software === true,
        isLanguage: entry.language === true,
        aliases: list('aliases'),
        tags: list('tags'),
        source: 'openler',
        status: 'active',
      });
    });
  }
  return {
    library: {
      id: manifest.id,
      orgId,
      name: manifest.name,
      description: manifest.description,
      license: manifest.license,
      source: 'openler',
      visibility: 'public',
    },
    version: manifest.version,
    notes: manifest.notes ?? '',
    content: { skills, relations: [], merges: (manifest.merges ?? []).map((merge) => ({ fromId: merge.from, toId: merge.into })) },
  };
}

function readManifest(dir: string): Manifest {
  const manifest = parse(readFileSync(join(dir, 'library.yaml'), 'utf8')) as Manifest;
  if (!manifest?.id || !manifest.version || !Array.isArray(manifest.categories)) {
    throw new OpenlerError('unprocessable', `${join(dir, 'library.yaml')}: id, version and categories are required`);
  }
  return { ...manifest, version: String(manifest.version) };
}
