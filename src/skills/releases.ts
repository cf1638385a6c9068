import { createHash } from 'node:crypto';
import type { Database, Queryable } from '../db/database.js';
import { OpenlerError } from '../common/errors.js';
import { skillTypes, type ReleaseContent, type SkillRecord } from './model.js';

/** What a library is, as a release names it. */
export interface LibraryDefinition {
  id: string;
  orgId: string;
  name: string;
  description?: string;
  license?: string;
  source?: string;
  url?: string;
  visibility: 'public' | 'private';
}

export interface PublishRequest {
  library: LibraryDefinition;
  version: string;
  notes?: string;
  content: ReleaseContent;
  /** Called as rows are written: (done, total). */
  onProgress?: (done: number, total: number) => void;
}

export interface PublishResult {
  library: string;
  version: string;
  /** `published`: a new release; `unchanged`: that release already holds this very content. */
  status: 'published' | 'unchanged';
  skills: number;
  added: number;
  changed: number;
  removed: number;
  merged: number;
  relations: number;
}

const chunkSize = 2000;
const libraryIdPattern = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const versionPattern = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$/;

/**
 * Publishes a release of a library in one transaction: it is written whole or
 * not at all. Releases are immutable: publishing the same version again with
 * the same content changes nothing; with other content it is refused.
 */
export async function publishRelease(db: Database, request: PublishRequest): Promise<PublishResult> {
  const { library, version, content } = request;
  validateRelease(request);
  const hash = contentHash(content);
  return db.transaction(async (tx) => {
    await upsertLibrary(tx, library);
    // Serialise publishers of the same library.
    await tx.query('SELECT id FROM libraries WHERE id = $1 FOR UPDATE', [library.id]);
    const existing = await tx.query<{ content_hash: string; skill_count: number }>(
      'SELECT content_hash, skill_count FROM library_versions WHERE library_id = $1 AND version = $2',
      [library.id, version],
    );
    const held = existing[0];
    if (held !== undefined) {
      if (held.content_hash === hash) {
        return { library: library.id, version, status: 'unchanged', skills: Number(held.skill_count), added: 0, changed: 0, removed: 0, merged: 0, relations: content.relations.length };
      }
      throw new OpenlerError('conflict', `release ${version} of library ${library.id} already exists with other content; releases are immutable, publish a new version`, { field: 'version' });
    }
    const last = await tx.query<{ seq: number | null }>('SELECT max(seq) AS seq FROM library_versions WHERE library_id = $1', [library.id]);
    const seq = Number(last[0]?.seq ?? 0) + 1;

    const current = await tx.query<{
      skill_id: string; name: string; type: string; category: string; subcategory: string; description: string; is_software: boolean;
      is_language: boolean; aliases: unknown; tags: unknown; source: string; status: string; extra: unknown;
    }>(
      `SELECT skill_id, name, type, category, subcategory, description, is_software, is_language, aliases, tags, source, status, extra
       FROM skill_revisions WHERE library_id = $1 AND last_seq IS NULL`,
      [library.id],
    );
    const currentFingerprint = new Map(current.map((row) => [row.skill_id, fingerprint({
      id: row.skill_id, name: row.name, type: row.type as SkillRecord['type'], category: row.category, subcategory: row.subcategory,
      description: row.description, isSoftware: row.is_software, isLanguage: row.is_language, aliases: row.aliases as string[],
      tags: row.tags as string[], source: row.source, status: row.status, extra: row.extra as Record<string, unknown>,
    })]));
    const toWrite: SkillRecord[] = [];
    const toClose: string[] = [];
    let added = 0;
    for (const skill of content.skills) {
      const before = currentFingerprint.get(skill.id);
      if (before === undefined) {
        added += 1;
        toWrite.push(skill);
      } else if (before !== fingerprint(skill)) {
        toClose.push(skill.id);
        toWrite.push(skill);
      }
    }
    const kept = new Set(content.skills.map((skill) => skill.id));
    const removedIds = [...currentFingerprint.keys()].filter((id) => !kept.has(id));
    toClose.push(...removedIds);

    const total = toClose.length + toWrite.length + content.relations.length + content.merges.length;
    let done = 0;
    const progress = (count: number) => {
      done += count;
      request.onProgress?.(done, total);
    };
    for (const ids of chunks(toClose)) {
      await tx.query('UPDATE skill_revisions SET last_seq = $3 WHERE library_id = $1 AND skill_id = ANY($2::text[]) AND last_seq IS NULL', [library.id, ids, seq - 1]);
      progress(ids.length);
    }
    for (const batch of chunks(toWrite)) {
      await insertRevisions(tx, library.orgId, library.id, seq, batch);
      progress(batch.length);
    }
    for (const batch of chunks(content.relations)) {
      await tx.query(
        `INSERT INTO skill_relations (org_id, library_id, seq, source_id, target_id, kind)
         SELECT $1, $2, $3, r.source_id, r.target_id, r.kind FROM jsonb_to_recordset($4::jsonb) AS r(source_id text, target_id text, kind text)
         ON CONFLICT DO NOTHING`,
        [library.orgId, library.id, seq, JSON.stringify(batch.map((r) => ({ source_id: r.sourceId, target_id: r.targetId, kind: r.kind })))],
      );
      progress(batch.length);
    }
    for (const merge of content.merges) {
      await tx.query(
        `INSERT INTO skill_redirects (org_id, library_id, from_id, to_id, seq) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (library_id, from_id) DO UPDATE SET to_id = EXCLUDED.to_id, seq = EXCLUDED.seq`,
        [library.orgId, library.id, merge.fromId, merge.toId, seq],
      );
      // Earlier merges into the retired skill now lead straight to its successor.
      await tx.query('UPDATE skill_redirects SET to_id = $3 WHERE library_id = $1 AND to_id = $2', [library.id, merge.fromId, merge.toId]);
      progress(1);
    }
    await tx.query(
      `INSERT INTO library_versions (org_id, library_id, version, seq, notes, skill_count, content_hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [library.orgId, library.id, version, seq, request.notes ?? '', content.skills.length, hash],
    );
    return {
      library: library.id,
      version,
      status: 'published',
      skills: content.skills.length,
      added,
      changed: toWrite.length - added,
      removed: removedIds.length,
      merged: content.merges.length,
      relations: content.relations.length,
    };
  });
}

async function upsertLibrary(tx: Queryable, library: LibraryDefinition): Promise<void> {
  const rows = await tx.query<{ org_id: string; visibility: 'public' | 'private' }>('SELECT org_id, visibility FROM libraries WHERE id = $1', [library.id]);
  const held = rows[0];
  if (held !== undefined && held.org_id !== library.orgId) {
    // Another organization's private library does not exist for this one, for writes as for reads.
    if (held.visibility === 'private') throw new OpenlerError('not_found', `no library ${library.id}`, { field: 'library' });
    throw new OpenlerError('forbidden', `library ${library.id} belongs to another organization`, { field: 'library' });
  }
  await tx.query(
    `INSERT INTO libraries (org_id, id, name, description, license, source, url, visibility)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, description = EXCLUDED.description, license = EXCLUDED.license,
       source = EXCLUDED.source, url = EXCLUDED.url, visibility = EXCLUDED.visibility`,
    [library.orgId, library.id, library.name, library.description ?? '', library.license ?? '', library.source ?? '', library.url ?? '', library.visibility],
  );
}

async function insertRevisions(tx: Queryable, orgId: string, library: string, seq: number, skills: SkillRecord[]): Promise<void> {
  const rows = skills.map((skill) => ({
    skill_id: skill.id,
    name: skill.name,
    type: skill.type,
    category: skill.category,
    subcategory: skill.subcategory,
    description: skill.description,
    is_software: skill.isSoftware,
    is_language: skill.isLanguage,
    aliases: skill.aliases,
    tags: skill.tags,
    source: skill.source,
    status: skill.status,
    extra: skill.extra ?? {},
  }));
  await tx.query(
    `INSERT INTO skill_revisions (org_id, library_id, skill_id, first_seq, name, type, category, subcategory, description,
       is_software, is_language, aliases, tags, source, status, extra)
     SELECT $1, $2, r.skill_id, $3, r.name, r.type, r.category, r.subcategory, r.description,
       r.is_software, r.is_language, r.aliases, r.tags, r.source, r.status, r.extra
     FROM jsonb_to_recordset($4::jsonb) AS r(skill_id text, name text, type text, category text, subcategory text, description text,
       is_software boolean, is_language boolean, aliases jsonb, tags jsonb, source text, status text, extra jsonb)`,
    [orgId, library, seq, JSON.stringify(rows)],
  );
}

function validateRelease({ library, version, content }: PublishRequest): void {
  if (!libraryIdPattern.test(library.id)) {
    throw new OpenlerError('validation_failed', `library id "${library.id}" must be lower-case letters, digits, '.', '_' or '-' (at most 64)`, { field: 'library' });
  }
  if (!versionPattern.test(version)) {
    throw new OpenlerError('validation_failed', `version "${version}" must be letters, digits, '.', '_', '+' or '-' (at most 64)`, { field: 'version' });
  }
  if (content.skills.length === 0) throw new OpenlerError('validation_failed', 'a release needs at least one skill', { field: 'skills' });
  const ids = new Set<string>();
  content.skills.forEach((skill, index) => {
    const where = `skills[${index}]`;
    if (typeof skill.id !== 'string' || skill.id.trim() === '') throw new OpenlerError('validation_failed', `${where}: id is missing`, { field: `${where}.id` });
    if (ids.has(skill.id)) throw new OpenlerError('validation_failed', `${where}: id ${skill.id} appears twice`, { field: `${where}.id` });
    ids.add(skill.id);
    if (typeof skill.name !== 'string' || skill.name.trim() === '') throw new OpenlerError('validation_failed', `${where}: name is missing`, { field: `${where}.name` });
    if (!skillTypes.includes(skill.type)) throw new OpenlerError('validation_failed', `${where}: type must be one of ${skillTypes.join(', ')}`, { field: `${where}.type` });
  });
  content.merges.forEach((merge, index) => {
    if (ids.has(merge.fromId)) throw new OpenlerError('validation_failed', `merges[${index}]: ${merge.fromId} is merged away but still listed as a skill`, { field: `merges[${index}].from` });
    if (!ids.has(merge.toId)) throw new OpenlerError('validation_failed', `merges[${index}]: successor ${merge.toId} is not a skill of the release`, { field: `merges[${index}].into` });
  });
}

/** A stable hash of a release's content, independent of the order skills were listed in. */
export function contentHash(content: ReleaseContent): string {
  const hash = createHash('sha256');
  const bySkillId = [...content.skills].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const skill of bySkillId) hash.update(fingerprint(skill)).update('\n');
  const relations = content.relations.map((r) => `${r.sourceId}\t${r.targetId}\t${r.kind}`).sort();
  for (const line of relations) hash.update(line).update('\n');
  for (const merge of [...content.merges].sort((a, b) => (a.fromId < b.fromId ? -1 : 1))) hash.update(`merge\t${merge.fromId}\t${merge.toId}\n`);
  return hash.digest('hex');
}

/** Every stored field of a skill as one string, with object keys sorted so jsonb round trips compare equal. */
function fingerprint(skill: SkillRecord): string {
  return canonicalJson([skill.id, skill.name, skill.type, skill.category, skill.subcategory, skill.description, skill.isSoftware,
    skill.isLanguage, skill.aliases, skill.tags, skill.source, skill.status, skill.extra ?? {}]);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function* chunks<T>(items: T[]): Generator<T[]> {
  for (let i = 0; i < items.length; i += chunkSize) yield items.slice(i, i + chunkSize);
}
