import type { Queryable } from '../db/database.js';
import type { Skill, SkillRelation, SkillType } from './model.js';

/** SQL reads of the skills domain. Writes live in releases.ts. */

export interface LibraryRow {
  orgId: string;
  id: string;
  name: string;
  description: string;
  license: string;
  source: string;
  url: string;
  visibility: 'public' | 'private';
}

export interface VersionRow {
  library: string;
  version: string;
  seq: number;
  releasedAt: Date;
  notes: string;
  skillCount: number;
  contentHash: string;
}

export async function selectLibraries(db: Queryable): Promise<LibraryRow[]> {
  const rows = await db.query<{
    org_id: string; id: string; name: string; description: string; license: string; source: string; url: string; visibility: 'public' | 'private';
  }>('SELECT org_id, id, name, description, license, source, url, visibility FROM libraries ORDER BY id');
  return rows.map((row) => ({
    orgId: row.org_id,
    id: row.id,
    name: row.name,
    description: row.description,
    license: row.license,
    source: row.source,
    url: row.url,
    visibility: row.visibility,
  }));
}

export async function selectVersions(db: Queryable): Promise<VersionRow[]> {
  const rows = await db.query<{
    library_id: string; version: string; seq: number; released_at: Date; notes: string; skill_count: number; content_hash: string;
  }>('SELECT library_id, version, seq, released_at, notes, skill_count, content_hash FROM library_versions ORDER BY library_id, seq');
  return rows.map((row) => ({
    library: row.library_id,
    version: row.version,
    seq: Number(row.seq),
    releasedAt: new Date(row.released_at),
    notes: row.notes,
    skillCount: Number(row.skill_count),
    contentHash: row.content_hash,
  }));
}

interface RevisionRow {
  skill_id: string; name: string; type: SkillType; category: string; subcategory: string; description: string;
  is_software: boolean; is_language: boolean; aliases: string[]; tags: string[]; source: string; status: string;
}

const revisionColumns = 'skill_id, name, type, category, subcategory, description, is_software, is_language, aliases, tags, source, status';

function toSkill(row: RevisionRow): Skill {
  return {
    id: row.skill_id,
    name: row.name,
    type: row.type,
    category: row.category,
    subcategory: row.subcategory,
    description: row.description,
    isSoftware: row.is_software,
    isLanguage: row.is_language,
    aliases: row.aliases,
    tags: row.tags,
    source: row.source,
    status: row.status,
  };
}

/** The skills of a library as they were in release `seq`. */
export async function selectSkillsAt(db: Queryable, library: string, seq: number): Promise<Skill[]> {
  const rows = await db.query<RevisionRow>(
    `SELECT ${revisionColumns} FROM skill_revisions
     WHERE library_id = $1 AND first_seq <= $2 AND (last_seq IS NULL OR last_seq >= $2)
     ORDER BY skill_id`,
    [library, seq],
  );
  return rows.map(toSkill);
}

/** A skill's latest state in any release up to `seq`, also when it was retired before it. */
export async function selectLastRevision(db: Queryable, library: string, skillId: string, seq: number): Promise<Skill | undefined> {
  const rows = await db.query<RevisionRow>(
    `SELECT ${revisionColumns} FROM skill_revisions WHERE library_id = $1 AND skill_id = $2 AND first_seq <= $3
     ORDER BY first_seq DESC LIMIT 1`,
    [library, skillId, seq],
  );
  return rows[0] === undefined ? undefined : toSkill(rows[0]);
}

/**
 * How widely each skill of release `seq` is asked for, where its source says
 * (`extra.prevalence`, e.g. the ESCO occupations that list it).
 */
export async function selectPrevalenceAt(db: Queryable, library: string, seq: number): Promise<Map<string, number>> {
  const rows = await db.query<{ skill_id: string; prevalence: number | string }>(
    `SELECT skill_id, (extra->>'prevalence')::float8 AS prevalence FROM skill_revisions
     WHERE library_id = $1 AND first_seq <= $2 AND (last_seq IS NULL OR last_seq >= $2) AND jsonb_typeof(extra->'prevalence') = 'number'`,
    [library, seq],
  );
  return new Map(rows.map((row) => [row.skill_id, Number(row.prevalence)]));
}

export async function selectRelationsAt(db: Queryable, library: string, seq: number): Promise<SkillRelation[]> {
  const rows = await db.query<{ source_id: string; target_id: string; kind: string }>(
    'SELECT source_id, target_id, kind FROM skill_relations WHERE library_id = $1 AND seq = $2',
    [library, seq],
  );
  return rows.map((row) => ({ sourceId: row.source_id, targetId: row.target_id, kind: row.kind }));
}

export interface RedirectRow {
  fromId: string;
  toId: string;
  seq: number;
}

export async function selectRedirects(db: Queryable, library: string): Promise<RedirectRow[]> {
  const rows = await db.query<{ from_id: string; to_id: string; seq: number }>(
    'SELECT from_id, to_id, seq FROM skill_redirects WHERE library_id = $1',
    [library],
  );
  return rows.map((row) => ({ fromId: row.from_id, toId: row.to_id, seq: Number(row.seq) }));
}

/** A cheap fingerprint of every library's releases, to notice another process publishing. */
export async function selectReleaseFingerprint(db: Queryable): Promise<string> {
  const rows = await db.query<{ fingerprint: string | null }>(
    "SELECT string_agg(library_id || ':' || seq::text, ',' ORDER BY library_id, seq) AS fingerprint FROM library_versions",
  );
  return rows[0]?.fingerprint ?? '';
}
