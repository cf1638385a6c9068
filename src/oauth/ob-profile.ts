import type { Database } from '../db/database.js';
import { OpenlerError } from '../common/errors.js';
import type { IssuerService } from '../credentials/issuers/service.js';
import { obV3Context } from '../credentials/model/contexts.js';
import { Profile } from '../credentials/model/profile.js';
import { requireEmail, requireWebLink } from '../credentials/model/web-links.js';
import { firstSchemaProblem } from '../credentials/verify/schema-problem.js';
import type { OrganizationService } from '../orgs/service.js';

/** What PUT /profile may not change: the identity of the profile and what it is. */
const fixedFields = new Set(['@context', 'id', 'type']);

/**
 * The organization's Open Badges profile: its name, what its first issuer
 * states (URL, email, description, image) and the issuer's identifier, with
 * whatever clients set through PUT laid over it.
 */
export class ObProfileService {
  constructor(private readonly db: Database, private readonly orgs: OrganizationService, private readonly issuers: IssuerService) {}

  async get(orgId: string): Promise<Record<string, unknown>> {
    const org = await this.orgs.get(orgId);
    const [first] = await this.issuers.list(orgId);
    const stated = first === undefined ? {} : this.issuers.profileFields(first);
    const rows = await this.db.query<{ fields: Record<string, unknown> }>('SELECT fields FROM ob_profiles WHERE org_id = $1', [orgId]);
    return {
      '@context': [obV3Context],
      ...stated,
      ...(rows[0]?.fields ?? {}),
      id: first?.issuerId ?? `urn:openler:organization:${org.id}`,
      type: ['Profile'],
      name: (rows[0]?.fields.name as string | undefined) ?? org.name,
    };
  }

  /** Replaces what clients set: the whole profile comes in (it must be a valid Profile); id and type stay openler's. */
  async put(orgId: string, profile: unknown): Promise<Record<string, unknown>> {
    const problem = firstSchemaProblem(Profile, profile);
    if (problem !== undefined) throw new OpenlerError('validation_failed', `not a valid Profile: ${problem.reason}`, { field: problem.path });
    const fields = Object.fromEntries(Object.entries(profile as Record<string, unknown>).filter(([key]) => !fixedFields.has(key)));
    // Wallets render the profile's links and image: the same rules as for an issuer's own.
    requireWebLink(typeof fields.url === 'string' ? fields.url : undefined, 'url');
    requireEmail(typeof fields.email === 'string' ? fields.email : undefined, 'email');
    const image = fields.image;
    requireWebLink(typeof image === 'string' ? image : typeof (image as { id?: unknown } | undefined)?.id === 'string' ? (image as { id: string }).id : undefined, 'image', 'image');
    await this.db.query(
      `INSERT INTO ob_profiles (org_id, fields) VALUES ($1, $2)
       ON CONFLICT (org_id) DO UPDATE SET fields = EXCLUDED.fields, updated_at = now()`,
      [orgId, JSON.stringify(fields)],
    );
    return this.get(orgId);
  }
}
