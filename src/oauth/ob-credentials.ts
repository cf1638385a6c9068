import type { Database } from '../db/database.js';
import { OpenlerError } from '../common/errors.js';
import { readJwtCredential } from '../credentials/verify/jwt-credential.js';
import { checkStructure, describeKind } from '../credentials/verify/structure.js';

/** One credential of a listing: a JSON credential, or a VC-JWT as its compact JWS. */
export type ListedCredential = { credential: Record<string, unknown> } | { compactJws: string };

export interface CredentialPage {
  /** How many credentials match, across every page. */
  total: number;
  items: ListedCredential[];
}

export interface UpsertOutcome {
  created: boolean;
  credentialId: string;
}

interface ListedRow { document: Record<string, unknown>; jwt: string | null }

/**
 * The credentials the Open Badges API serves for an organization: those openler
 * issued for it (table credentials) and those clients upserted (table
 * ob_credentials), which replace an issued one with the same id in listings.
 */
export class ObCredentialStore {
  constructor(private readonly db: Database) {}

  /** Newest first (by issuance date, then id), optionally only those issued after `since`. */
  async list(orgId: string, page: { limit: number; offset: number; since?: Date | undefined }): Promise<CredentialPage> {
    const since = page.since?.toISOString() ?? null;
    const listed = `
      SELECT c.id AS credential_id, c.document, c.jwt, c.issued_at FROM credentials c
       WHERE c.org_id = $1 AND c.type = 'OpenBadgeCredential'
         AND NOT EXISTS (SELECT 1 FROM ob_credentials o WHERE o.org_id = c.org_id AND o.credential_id = c.id)
      UNION ALL
      SELECT credential_id, document, jwt, issued_at FROM ob_credentials WHERE org_id = $1`;
    const counted = await this.db.query<{ total: string | number }>(
      `SELECT count(*) AS total FROM (${listed}) AS listed WHERE ($2::timestamptz IS NULL OR issued_at > $2::timestamptz)`,
      [orgId, since],
    );
    const rows = await this.db.query<ListedRow>(
      `SELECT document, jwt FROM (${listed}) AS listed WHERE ($2::timestamptz IS NULL OR issued_at > $2::timestamptz)
       ORDER BY issued_at DESC, credential_id DESC LIMIT $3 OFFSET $4`,
      [orgId, since, page.limit, page.offset],
    );
    return {
      total: Number(counted[0]?.total ?? 0),
      items: rows.map((row) => (row.jwt !== null ? { compactJws: row.jwt } : { credential: row.document })),
    };
  }

  /**
   * Creates or replaces a credential held for the organization, keyed by its
   * id. A JSON credential or a compact JWS; either way it must have the
   * structure of an Open Badges 3.0 achievement credential. The signature is
   * not checked: the API holds what the client has, as the client has it.
   */
  async upsert(orgId: string, clientId: string | null, body: unknown): Promise<UpsertOutcome> {
    let credential: Record<string, unknown>;
    let jwt: string | null = null;
    if (typeof body === 'string') {
      jwt = body.trim();
      credential = readJwtCredential(jwt).credential;
    } else if (body !== null && typeof body === 'object' && !Array.isArray(body)) {
      credential = body as Record<string, unknown>;
    } else {
      throw new OpenlerError('bad_request', 'the body must be an OpenBadgeCredential as JSON, or a compact JWS as text/plain', { field: 'body' });
    }
    const structure = checkStructure(credential);
    if (structure.result.status === 'failed') {
      throw new OpenlerError('validation_failed', `not a valid Open Badges credential: ${structure.result.reason ?? 'the structure check failed'}`, { field: structure.result.path ?? 'body' });
    }
    if (structure.kind !== 'OpenBadgeCredential') {
      const kind = structure.kind === undefined ? 'not an Open Badges credential' : describeKind(structure.kind, structure.vcVersion);
      throw new OpenlerError('validation_failed', `the credential is ${kind}; this endpoint holds OpenBadgeCredentials`, { field: 'type' });
    }
    const id = credential.id;
    if (typeof id !== 'string' || id === '') throw new OpenlerError('validation_failed', 'the credential has no id, which the upsert is keyed by', { field: 'id' });
    const rows = await this.db.query<{ inserted: boolean; issued_here: boolean }>(
      `INSERT INTO ob_credentials (org_id, credential_id, document, jwt, issued_at, client_id) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (org_id, credential_id) DO UPDATE
         SET document = EXCLUDED.document, jwt = EXCLUDED.jwt, issued_at = EXCLUDED.issued_at, client_id = EXCLUDED.client_id, updated_at = now()
       RETURNING (xmax = 0) AS inserted,
                 EXISTS (SELECT 1 FROM credentials c WHERE c.org_id = $1 AND c.id = $2) AS issued_here`,
      [orgId, id, JSON.stringify(credential), jwt, issuanceDate(credential).toISOString(), clientId],
    );
    const row = rows[0] as { inserted: boolean; issued_here: boolean };
    return { created: row.inserted && !row.issued_here, credentialId: id };
  }
}

/** When the credential says it was issued (validFrom, or issuanceDate in VC 1.1); now if it says nothing usable. */
function issuanceDate(credential: Record<string, unknown>): Date {
  for (const field of ['validFrom', 'issuanceDate']) {
    const value = credential[field];
    if (typeof value === 'string') {
      const date = new Date(value);
      if (!Number.isNaN(date.getTime())) return date;
    }
  }
  return new Date();
}
