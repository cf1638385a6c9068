import { randomUUID } from 'node:crypto';
import { OpenlerError } from '../../common/errors.js';
import type { Database } from '../../db/database.js';
import type { SkillCatalog } from '../../skills/catalog.js';
import type { IssuerService } from '../issuers/service.js';
import { achievementTypes } from '../model/achievement-type.js';
import { requireWebLink } from '../model/web-links.js';
import type { AchievementInput, AchievementRecord, SkillReference } from './model.js';

interface AchievementRow {
  org_id: string;
  id: string;
  issuer_id: string;
  document: Record<string, unknown>;
  created_at: Date | string;
}

/**
 * Achievements: what an issuer awards (a badge, a course, a degree...), stated
 * as an Open Badges 3.0 Achievement whose alignments name the skills it
 * evidences, in any library the organization can read.
 */
export class AchievementService {
  constructor(
    private readonly db: Database,
    private readonly catalog: SkillCatalog,
    private readonly issuers: IssuerService,
    private readonly publicUrl: string,
  ) {}

  async create(orgId: string, input: AchievementInput): Promise<AchievementRecord> {
    const issuer = await this.issuers.get(orgId, input.issuer);
    if (input.achievementType !== undefined && !(achievementTypes as readonly string[]).includes(input.achievementType) && !/^ext:[A-Za-z0-9._-]+$/.test(input.achievementType)) {
      throw new OpenlerError('validation_failed', `achievementType ${input.achievementType} is not an Open Badges achievement type (or an ext: term)`, { field: 'achievementType' });
    }
    requireWebLink(input.criteria.id, 'criteria.id');
    requireWebLink(input.image, 'image', 'image');
    if (!input.criteria.narrative && !input.criteria.id) {
      throw new OpenlerError('validation_failed', 'criteria needs a narrative, an id (URL), or both', { field: 'criteria' });
    }
    const id = `ach_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    const achievement: Record<string, unknown> = {
      id: new URL(`achievements/${id}`, withSlash(this.publicUrl)).href,
      type: ['Achievement'],
      name: input.name.trim(),
      description: input.description.trim(),
      criteria: pruned({ id: input.criteria.id, narrative: input.criteria.narrative }),
      achievementType: input.achievementType ?? 'Badge',
      creator: this.issuers.profileFields(issuer),
    };
    if (input.image) achievement.image = { id: input.image, type: 'Image' };
    if (input.creditsAvailable !== undefined) achievement.creditsAvailable = input.creditsAvailable;
    if (input.fieldOfStudy) achievement.fieldOfStudy = input.fieldOfStudy;
    if (input.humanCode) achievement.humanCode = input.humanCode;
    if (input.tags?.length) achievement.tag = input.tags;
    const alignment = await this.alignments(orgId, input.skills ?? []);
    if (alignment.length > 0) achievement.alignment = alignment;
    const rows = await this.db.query<AchievementRow>(
      'INSERT INTO achievements (org_id, id, issuer_id, document) VALUES ($1, $2, $3, $4) RETURNING org_id, id, issuer_id, document, created_at',
      [orgId, id, issuer.id, JSON.stringify(achievement)],
    );
    return toRecord(rows[0] as AchievementRow);
  }

  async get(orgId: string | null, id: string): Promise<AchievementRecord> {
    const rows = await this.db.query<AchievementRow>('SELECT org_id, id, issuer_id, document, created_at FROM achievements WHERE id = $1 AND ($2::text IS NULL OR org_id = $2)', [id, orgId]);
    const row = rows[0];
    if (row === undefined) throw new OpenlerError('not_found', `No achievement ${id}`, { field: 'achievement' });
    return toRecord(row);
  }

  async list(orgId: string, issuerId?: string): Promise<AchievementRecord[]> {
    const rows = await this.db.query<AchievementRow>(
      'SELECT org_id, id, issuer_id, document, created_at FROM achievements WHERE org_id = $1 AND ($2::text IS NULL OR issuer_id = $2) ORDER BY created_at, id',
      [orgId, issuerId ?? null],
    );
    return rows.map(toRecord);
  }

  /** One alignment per skill: its name, public URL, ID, and the library release it comes from. Unknown skills are refused with suggestions. */
  private async alignments(orgId: string, skills: readonly SkillReference[]): Promise<Array<Record<string, unknown>>> {
    const out: Array<Record<string, unknown>> = [];
    const seen = new Set<string>();
    for (const [index, reference] of skills.entries()) {
      let answer;
      try {
        answer = await this.catalog.getSkill(reference.id, { library: reference.library, version: reference.version }, { orgId });
      } catch (error) {
        if (error instanceof OpenlerError) throw new OpenlerError(error.code, error.message, { ...error.details, field: `skills[${index}]` }, { cause: error });
        throw error;
      }
      const key = `${answer.library}@${answer.version}#${answer.skill.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const targetUrl = new URL(`v1/skills/${encodeURIComponent(answer.skill.id)}`, withSlash(this.publicUrl));
      targetUrl.searchParams.set('library', answer.library);
      targetUrl.searchParams.set('version', answer.version);
      out.push(pruned({
        type: ['Alignment'],
        targetName: answer.skill.name,
        targetDescription: answer.skill.description || undefined,
        targetUrl: targetUrl.href,
        targetCode: answer.skill.id,
        targetFramework: `${this.catalog.getLibrary(answer.library, { orgId }).name} ${answer.version}`,
        targetType: 'ceasn:Competency',
      }));
    }
    return out;
  }
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

function pruned(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined));
}

function toRecord(row: AchievementRow): AchievementRecord {
  return { id: row.id, orgId: row.org_id, issuer: row.issuer_id, achievement: row.document, createdAt: new Date(row.created_at).toISOString() };
}
