import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Database } from '../db/database.js';
import { OpenlerError } from '../common/errors.js';
import { apiKeyScopes, type ApiKey, type ApiKeyScope, type Organization, type OrganizationKind, type Principal, type User, type UserRole } from './model.js';

const slugPattern = /^[a-z0-9][a-z0-9-]{1,62}$/;
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const keyPattern = /^olk_([a-z0-9]{16})_([A-Za-z0-9_-]{43})$/;

/** Organizations, their users and their API keys. */
export class OrganizationService {
  constructor(private readonly db: Database) {}

  async create(input: { slug: string; name: string; kind: OrganizationKind }): Promise<Organization> {
    if (!slugPattern.test(input.slug)) throw new OpenlerError('validation_failed', 'slug must be 2-63 lower-case letters, digits or dashes', { field: 'slug' });
    if (!input.name.trim()) throw new OpenlerError('validation_failed', 'name is required', { field: 'name' });
    const id = `org_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    const rows = await this.db.query<OrgRow>(
      `INSERT INTO organizations (id, slug, name, kind) VALUES ($1, $2, $3, $4)
       ON CONFLICT (slug) DO NOTHING RETURNING id, slug, name, kind, created_at`,
      [id, input.slug, input.name.trim(), input.kind],
    );
    const row = rows[0];
    if (row === undefined) throw new OpenlerError('conflict', `an organization with slug ${input.slug} already exists`, { field: 'slug' });
    return toOrganization(row);
  }

  async list(): Promise<Organization[]> {
    const rows = await this.db.query<OrgRow>("SELECT id, slug, name, kind, created_at FROM organizations WHERE kind <> 'system' ORDER BY slug");
    return rows.map(toOrganization);
  }

  /** An organization by slug or ID. */
  async get(ref: string): Promise<Organization> {
    const rows = await this.db.query<OrgRow>('SELECT id, slug, name, kind, created_at FROM organizations WHERE slug = $1 OR id = $1', [ref]);
    const row = rows[0];
    if (row === undefined) throw new OpenlerError('not_found', `no organization ${ref}`, { field: 'org' });
    return toOrganization(row);
  }

  async addUser(orgRef: string, input: { email: string; name?: string; role: UserRole }): Promise<User> {
    const org = await this.get(orgRef);
    if (!emailPattern.test(input.email)) throw new OpenlerError('validation_failed', `${input.email} is not an email address`, { field: 'email' });
    const rows = await this.db.query<UserRow>(
      `INSERT INTO users (org_id, id, email, name, role) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (org_id, email) DO UPDATE SET role = EXCLUDED.role, name = CASE WHEN EXCLUDED.name = '' THEN users.name ELSE EXCLUDED.name END
       RETURNING org_id, id, email, name, role, created_at`,
      [org.id, `usr_${randomUUID().replace(/-/g, '').slice(0, 16)}`, input.email.toLowerCase(), input.name ?? '', input.role],
    );
    return toUser(rows[0] as UserRow);
  }

  async listUsers(orgRef: string): Promise<User[]> {
    const org = await this.get(orgRef);
    const rows = await this.db.query<UserRow>('SELECT org_id, id, email, name, role, created_at FROM users WHERE org_id = $1 ORDER BY email', [org.id]);
    return rows.map(toUser);
  }

  /** Creates a key; its secret is returned this once and stored only as a hash. */
  async createKey(orgRef: string, input: { name: string; scopes: readonly string[] }): Promise<{ key: ApiKey; secret: string }> {
    const org = await this.get(orgRef);
    if (org.kind === 'system') throw new OpenlerError('forbidden', 'the system organization has no API keys', { field: 'org' });
    const scopes = validateScopes(input.scopes);
    const id = randomBytes(10).toString('hex').slice(0, 16);
    const secret = randomBytes(32).toString('base64url');
    const rows = await this.db.query<KeyRow>(
      `INSERT INTO api_keys (org_id, id, name, secret_hash, scopes) VALUES ($1, $2, $3, $4, $5)
       RETURNING org_id, id, name, scopes, created_at, revoked_at, last_used_at`,
      [org.id, id, input.name || 'unnamed', hashSecret(secret), scopes],
    );
    return { key: toKey(rows[0] as KeyRow), secret: `olk_${id}_${secret}` };
  }

  async listKeys(orgRef: string): Promise<ApiKey[]> {
    const org = await this.get(orgRef);
    const rows = await this.db.query<KeyRow>('SELECT org_id, id, name, scopes, created_at, revoked_at, last_used_at FROM api_keys WHERE org_id = $1 ORDER BY created_at', [org.id]);
    return rows.map(toKey);
  }

  /** Revokes a key at once; revoking a revoked key changes nothing. */
  async revokeKey(keyId: string, orgId?: string): Promise<ApiKey> {
    const rows = await this.db.query<KeyRow>(
      `UPDATE api_keys SET revoked_at = COALESCE(revoked_at, now()) WHERE id = $1 AND ($2::text IS NULL OR org_id = $2)
       RETURNING org_id, id, name, scopes, created_at, revoked_at, last_used_at`,
      [keyId.replace(/^olk_/, '').slice(0, 16), orgId ?? null],
    );
    const row = rows[0];
    if (row === undefined) throw new OpenlerError('not_found', `no API key ${keyId}`, { field: 'key' });
    return toKey(row);
  }

  /** The principal a presented key stands for; a wrong, unknown or revoked key is refused. */
  async authenticate(presented: string): Promise<Principal> {
    const match = keyPattern.exec(presented.trim());
    if (match === null) throw new OpenlerError('unauthorized', 'malformed API key: expected olk_<id>_<secret>');
    const [, id, secret] = match as unknown as [string, string, string];
    const rows = await this.db.query<{ org_id: string; secret_hash: string; scopes: string[]; revoked_at: Date | null }>(
      'SELECT org_id, secret_hash, scopes, revoked_at FROM api_keys WHERE id = $1',
      [id],
    );
    const row = rows[0];
    const expected = Buffer.from(row?.secret_hash ?? hashSecret('absent'), 'hex');
    const given = Buffer.from(hashSecret(secret), 'hex');
    if (row === undefined || !timingSafeEqual(expected, given)) throw new OpenlerError('unauthorized', 'unknown API key');
    if (row.revoked_at !== null) throw new OpenlerError('unauthorized', 'this API key was revoked');
    await this.db.query('UPDATE api_keys SET last_used_at = now() WHERE id = $1', [id]);
    return { orgId: row.org_id, keyId: id, scopes: row.scopes as ApiKeyScope[] };
  }
}

/** Throws unless the principal holds the scope. */
export function requireScope(principal: Principal | null, scope: ApiKeyScope): Principal {
  if (principal === null) throw new OpenlerError('unauthorized', `this needs an API key with the ${scope} scope (Authorization: Bearer olk_...)`);
  if (!principal.scopes.includes(scope)) throw new OpenlerError('forbidden', `this API key lacks the ${scope} scope`);
  return principal;
}

function validateScopes(scopes: readonly string[]): ApiKeyScope[] {
  if (scopes.length === 0) throw new OpenlerError('validation_failed', `at least one scope is required: ${apiKeyScopes.join(', ')}`, { field: 'scopes' });
  for (const scope of scopes) {
    if (!(apiKeyScopes as readonly string[]).includes(scope)) throw new OpenlerError('validation_failed', `unknown scope ${scope}; scopes: ${apiKeyScopes.join(', ')}`, { field: 'scopes' });
  }
  return [...new Set(scopes)] as ApiKeyScope[];
}

/** Keys carry 256 random bits, so a fast hash is enough; no stretching is needed. */
function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

interface OrgRow { id: string; slug: string; name: string; kind: Organization['kind']; created_at: Date }
interface UserRow { org_id: string; id: string; email: string; name: string; role: UserRole; created_at: Date }
interface KeyRow { org_id: string; id: string; name: string; scopes: string[]; created_at: Date; revoked_at: Date | null; last_used_at: Date | null }

const iso = (value: Date) => new Date(value).toISOString();
const toOrganization = (row: OrgRow): Organization => ({ id: row.id, slug: row.slug, name: row.name, kind: row.kind, createdAt: iso(row.created_at) });
const toUser = (row: UserRow): User => ({ id: row.id, orgId: row.org_id, email: row.email, name: row.name, role: row.role, createdAt: iso(row.created_at) });
const toKey = (row: KeyRow): ApiKey => ({
  id: row.id,
  orgId: row.org_id,
  name: row.name,
  scopes: row.scopes,
  createdAt: iso(row.created_at),
  revokedAt: row.revoked_at ? iso(row.revoked_at) : null,
  lastUsedAt: row.last_used_at ? iso(row.last_used_at) : null,
});
