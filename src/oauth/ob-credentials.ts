import { isDeepStrictEqual } from 'node:util';
import type { Database } from '../db/database.js';
import { OpenlerError } from '../common/errors.js';
import { issuerIdOf } from '../credentials/verify/issuer-binding.js';
import { readJwtCredential } from '../credentials/verify/jwt-credential.js';
import { checkStructure, describeKind } from '../credentials/verify/structure.js';
import { upsertRefusal, type CredentialVerifier } from './upsert-verdict.js';

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
interface IssuedRow { org_id: string; document: Record<string, unknown>; jwt: string | null }
interface HeldRow { document: Record<string, unknown>; issued_at: Date | string }

/**
 * The credentials the Open Badges API serves for an organization: those openler
 * issued for it (table credentials) and those clients upserted (table
 * ob_credentials). A credential openler issued is always listed as openler
 * signed it: a row upserted with its id never stands in for it.
 */
export class ObCredentialStore {
  constructor(private readonly db: Database) {}

  /** Newest first (by issuance date, then id), optionally only those issued after `since`. */
  async list(orgId: string, page: { limit: number; offset: number; since?: Date | undefined }): Promise<CredentialPage> {
    const since = page.since?.toISOString() ?? null;
    const listed = `
      SELECT c.id AS credential_id, c.document, c.jwt, c.issued_at FROM credentials c
       WHERE c.org_id = $1 AND c.type = 'OpenBadgeCredential'
      UNION ALL
      SELECT o.credential_id, o.document, o.jwt, o.issued_at FROM ob_credentials o
       WHERE o.org_id = $1 AND NOT EXISTS (SELECT 1 FROM credentials c WHERE c.org_id = o.org_id AND c.id = o.credential_id)`;
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
   * id: a JSON credential or a compact JWS, which must be an Open Badges 3.0
   * achievement credential that verifies (structure, proof, issuer; see
   * upsert-verdict.ts), or nothing is stored. Expired and revoked credentials
   * are held all the same.
   *
   * The Open Badges spec takes two credentials as the same when their issuer
   * id and credential id are; the newer validFrom is the newer version. So an
   * id held already is replaced only by the same issuer's credential, and not
   * by an older version (409 otherwise). A credential openler itself issued
   * can only be sent back exactly as openler issued it (409 otherwise); for
   * the organization that issued it there is then nothing to store.
   */
  async upsert(orgId: string, clientId: string | null, body: unknown, verify: CredentialVerifier): Promise<UpsertOutcome> {
    const { credential, jwt } = readBody(body);
    const structure = checkStructure(credential);
    if (structure.result.status === 'failed') {
      throw new OpenlerError('validation_failed', `not a valid Open Badges credential: the structure check failed: ${structure.result.reason ?? 'the credential does not fit the data model'}`, {
        field: structure.result.path ?? 'body', check: 'structure', reason: structure.result.reason,
      });
    }
    if (structure.kind !== 'OpenBadgeCredential') {
      const kind = structure.kind === undefined ? 'not an Open Badges credential' : describeKind(structure.kind, structure.vcVersion);
      throw new OpenlerError('validation_failed', `the credential is ${kind}; this endpoint holds OpenBadgeCredentials`, { field: 'type' });
    }
    const id = credential.id;
    if (typeof id !== 'string' || id === '') throw new OpenlerError('validation_failed', 'the credential has no id, which the upsert is keyed by', { field: 'id' });

    const refusal = upsertRefusal(await verify(jwt ?? credential));
    if (refusal !== undefined) throw refusal;

    const issued = (await this.db.query<IssuedRow>('SELECT org_id, document, jwt FROM credentials WHERE id = $1', [id]))[0];
    if (issued !== undefined) {
      const same = jwt !== null ? issued.jwt === jwt : issued.jwt === null && isDeepStrictEqual(issued.document, credential);
      if (!same) {
        throw new OpenlerError('conflict', `${id} is a credential openler issued, and this is not that credential as openler issued it; fetch it with GET /credentials instead`, { field: 'id' });
      }
      if (issued.org_id === orgId) return { created: false, credentialId: id };
    }

    const issuer = issuerIdOf(credential) ?? '';
    const issuedAt = issuanceDate(credential);
    // Replace only the same issuer's credential, and only by a version at least as new; otherwise no row comes back.
    const rows = await this.db.query<{ inserted: boolean }>(
      `INSERT INTO ob_credentials (org_id, credential_id, document, jwt, issued_at, client_id) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (org_id, credential_id) DO UPDATE
         SET document = EXCLUDED.document, jwt = EXCLUDED.jwt, issued_at = EXCLUDED.issued_at, client_id = EXCLUDED.client_id, updated_at = now()
         WHERE COALESCE(ob_credentials.document->'issuer'->>'id', ob_credentials.document->>'issuer') = $7
           AND ob_credentials.issued_at <= EXCLUDED.issued_at
       RETURNING (xmax = 0) AS inserted`,
      [orgId, id, JSON.stringify(credential), jwt, issuedAt.toISOString(), clientId, issuer],
    );
    const row = rows[0];
    if (row === undefined) throw await this.whyNotReplaced(orgId, id, issuer);
    return { created: row.inserted, credentialId: id };
  }

  /** The conflict of a credential that did not replace the one held under its id. */
  private async whyNotReplaced(orgId: string, id: string, issuer: string): Promise<OpenlerError> {
    const held = (await this.db.query<HeldRow>('SELECT document, issued_at FROM ob_credentials WHERE org_id = $1 AND credential_id = $2', [orgId, id]))[0];
    const heldIssuer = held === undefined ? undefined : issuerIdOf(held.document);
    if (heldIssuer !== issuer) {
      return new OpenlerError('conflict', `the organization holds another credential with id ${id}, from the issuer ${heldIssuer ?? 'unknown'}; a credential is replaced only by one from the same issuer`, { field: 'issuer' });
    }
    const since = held === undefined ? 'a later date' : new Date(held.issued_at).toISOString();
    return new OpenlerError('conflict', `the organization holds a newer version of ${id} (valid from ${since}); an older version does not replace it`, { field: 'validFrom' });
  }
}

/** The credential in a request body: a JSON object, or a compact JWS (text/plain) and the credential it carries. */
function readBody(body: unknown): { credential: Record<string, unknown>; jwt: string | null } {
  if (typeof body === 'string') {
    const jwt = body.trim();
    return { credential: readJwtCredential(jwt).credential, jwt };
  }
  if (body !== null && typeof body === 'object' && !Array.isArray(body)) return { credential: body as Record<string, unknown>, jwt: null };
  throw new OpenlerError('bad_request', 'the body must be an OpenBadgeCredential as JSON, or a compact JWS as text/plain', { field: 'body' });
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
