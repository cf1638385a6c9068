import { randomUUID } from 'node:crypto';
import { OpenlerError } from '../../common/errors.js';
import type { Database, Queryable } from '../../db/database.js';
import { controllerDocument, didWebDocument, didWebFor, verificationMethodFor, type ControllerDocument, type ControllerKey } from '../dids/controller-documents.js';
import { generateEd25519KeyPair, generateRsaKeyPair, publicKeyDescription, type Ed25519KeyPair, type IssuerKeyPair, type PublicKeyDescription, type RsaKeyPair } from '../keys/key-pairs.js';
import type { MasterKey } from '../keys/master-key.js';
import { openKeyPair, sealKeyPair } from '../keys/sealed-keys.js';
import { requireEmail, requireWebLink } from '../model/web-links.js';
import type { IdentifierKind, Issuer, IssuerInput, IssuerKey, ProofFormat } from './model.js';

export interface IssuerServiceOptions {
  /** The base URL openler is reached at: issuer profiles, DID documents and skill pages hang off it. */
  publicUrl: string;
  /** The master key that seals private keys; asked for only when a key is made or used. */
  masterKey: () => Promise<MasterKey>;
}

/** An issuer's current keys, opened, with the verification methods they sign under. */
export interface SigningKeys {
  issuer: Issuer;
  ed25519: Ed25519KeyPair;
  ed25519Method: string;
  /** None for a did:key issuer, which is its Ed25519 key and signs with nothing else. */
  rsa?: { keyPair: RsaKeyPair; method: string };
}

interface IssuerRow {
  org_id: string;
  id: string;
  name: string;
  url: string | null;
  email: string | null;
  image: string | null;
  description: string | null;
  identifier_kind: IdentifierKind;
  default_proof: ProofFormat;
  created_at: Date | string;
}

interface KeyRow {
  issuer_id: string;
  key_id: string;
  algorithm: 'Ed25519' | 'RS256';
  public_key: PublicKeyDescription;
  sealed_private_key: unknown;
  created_at: Date | string;
  retired_at: Date | string | null;
}

const issuerColumns = 'org_id, id, name, url, email, image, description, identifier_kind, default_proof, created_at';
const keyColumns = 'issuer_id, key_id, algorithm, public_key, sealed_private_key, created_at, retired_at';

/**
 * Issuers: an organization's issuing identity, its profile, and its keys.
 * Each issuer has one current Ed25519 key (Data Integrity and EdDSA JWTs)
 * and one current RSA key (RS256 JWTs); rotation retires them but keeps them
 * listed, so credentials signed earlier still verify.
 */
export class IssuerService {
  private readonly publicUrl: URL;
  private readonly opened = new Map<string, IssuerKeyPair>();

  constructor(private readonly db: Database, private readonly options: IssuerServiceOptions) {
    this.publicUrl = new URL(options.publicUrl);
  }

  async create(orgId: string, input: IssuerInput): Promise<Issuer> {
    const identifier = input.identifier ?? 'https';
    const proof = input.proof ?? 'eddsa-rdfc-2022';
    if (!input.name.trim()) throw new OpenlerError('validation_failed', 'name is required', { field: 'name' });
    requireWebLink(input.url, 'url');
    requireWebLink(input.image, 'image', 'image');
    requireEmail(input.email, 'email');
    if (identifier === 'did:key' && proof === 'jwt-rs256') {
      throw new OpenlerError('validation_failed', 'A did:key issuer is its Ed25519 key: it cannot sign RS256 JWTs', { field: 'proof' });
    }
    const id = `iss_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    const masterKey = await this.options.masterKey();
    // A did:key issuer is its Ed25519 key: an RSA key could never be listed under it.
    const keys = await Promise.all(identifier === 'did:key' ? [generateEd25519KeyPair()] : [generateEd25519KeyPair(), generateRsaKeyPair()]);
    await this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO issuers (org_id, id, name, url, email, image, description, identifier_kind, default_proof) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [orgId, id, input.name.trim(), input.url ?? null, input.email ?? null, input.image ?? null, input.description ?? null, identifier, proof],
      );
      for (const keyPair of keys) await insertKey(tx, orgId, id, keyPair, masterKey);
    });
    for (const keyPair of keys) this.opened.set(`${id}#${keyPair.keyId}`, keyPair);
    return this.get(orgId, id);
  }

  async list(orgId: string): Promise<Issuer[]> {
    const rows = await this.db.query<IssuerRow>(`SELECT ${issuerColumns} FROM issuers WHERE org_id = $1 ORDER BY created_at, id`, [orgId]);
    const keys = await this.db.query<KeyRow>(`SELECT ${keyColumns} FROM issuer_keys WHERE org_id = $1 ORDER BY created_at`, [orgId]);
    return rows.map((row) => this.toIssuer(row, keys.filter((key) => key.issuer_id === row.id)));
  }

  /** An issuer of the organization; with `orgId` null, any issuer (its public documents). */
  async get(orgId: string | null, id: string): Promise<Issuer> {
    const { issuer } = await this.load(this.db, orgId, id);
    return issuer;
  }

  /** New current keys; the old ones stay listed as retired, so what they signed still verifies. */
  async rotateKeys(orgId: string, id: string): Promise<Issuer> {
    const issuer = await this.get(orgId, id);
    if (issuer.identifier === 'did:key') {
      throw new OpenlerError('conflict', `Issuer ${id} is identified by did:key, which is its key: a new key would be a new issuer. Create a new issuer instead`, { field: 'id' });
    }
    const masterKey = await this.options.masterKey();
    const keys = await Promise.all([generateEd25519KeyPair(), generateRsaKeyPair()]);
    await this.db.transaction(async (tx) => {
      await tx.query('UPDATE issuer_keys SET retired_at = now() WHERE issuer_id = $1 AND retired_at IS NULL', [id]);
      for (const keyPair of keys) await insertKey(tx, orgId, id, keyPair, masterKey);
    });
    for (const keyPair of keys) this.opened.set(`${id}#${keyPair.keyId}`, keyPair);
    return this.get(orgId, id);
  }

  /** The issuer's current keys, opened with the master key. */
  async signingKeys(orgId: string, id: string): Promise<SigningKeys> {
    const { issuer, rows } = await this.load(this.db, orgId, id);
    const current = rows.filter((row) => row.retired_at === null);
    const open = async (algorithm: 'Ed25519' | 'RS256') => {
      const row = current.find((key) => key.algorithm === algorithm);
      if (row === undefined) throw new OpenlerError('internal', `Issuer ${id} has no current ${algorithm} key`);
      const cacheKey = `${id}#${row.key_id}`;
      let keyPair = this.opened.get(cacheKey);
      if (keyPair === undefined) {
        keyPair = await openKeyPair(row.sealed_private_key, await this.options.masterKey());
        this.opened.set(cacheKey, keyPair);
      }
      return keyPair;
    };
    const ed25519 = (await open('Ed25519')) as Ed25519KeyPair;
    const keys: SigningKeys = { issuer, ed25519, ed25519Method: this.methodId(issuer, ed25519) };
    if (issuer.identifier !== 'did:key') {
      const rsa = (await open('RS256')) as RsaKeyPair;
      keys.rsa = { keyPair: rsa, method: this.methodId(issuer, rsa) };
    }
    return keys;
  }

  /**
   * What the issuer's https profile URL serves: its Open Badges profile and,
   * in the same document, the keys it signs with (a controller document).
   */
  async profileDocument(id: string): Promise<Record<string, unknown>> {
    const { issuer, rows } = await this.load(this.db, null, id);
    const profileUrl = this.profileUrl(id);
    const controller: ControllerDocument = controllerDocument(profileUrl, rows.map(controllerKey));
    return { ...controller, ...this.profileFields(issuer), id: profileUrl };
  }

  /** The did:web document openler serves for a did:web issuer. */
  async didDocument(id: string): Promise<ControllerDocument> {
    const { issuer, rows } = await this.load(this.db, null, id);
    if (issuer.identifier !== 'did:web') throw new OpenlerError('not_found', `Issuer ${id} is not identified by did:web`, { field: 'id' });
    return didWebDocument(`${this.publicUrl.host}/issuers/${id}`, rows.map(controllerKey));
  }

  /** The Open Badges Profile fields of an issuer, as credentials embed them. */
  profileFields(issuer: Issuer): Record<string, unknown> {
    const profile: Record<string, unknown> = { id: issuer.issuerId, type: ['Profile'], name: issuer.name };
    if (issuer.url) profile.url = issuer.url;
    if (issuer.email) profile.email = issuer.email;
    if (issuer.description) profile.description = issuer.description;
    if (issuer.image) profile.image = { id: issuer.image, type: 'Image' };
    return profile;
  }

  /** The openler issuer behind an issuer identifier (profile URL or did:web), if it is one of ours. */
  localIssuerId(identifier: string): string | undefined {
    const base = this.profileUrl('');
    if (identifier.startsWith(base)) return identifier.slice(base.length).split(/[#/?]/)[0] || undefined;
    const didPrefix = `${didWebFor(`${this.publicUrl.host}/issuers/x`).slice(0, -1)}`;
    if (identifier.startsWith(didPrefix)) return identifier.slice(didPrefix.length).split(/[#:]/)[0] || undefined;
    return undefined;
  }

  profileUrl(id: string): string {
    return new URL(`issuers/${id}`, this.publicUrl.href.endsWith('/') ? this.publicUrl : `${this.publicUrl.href}/`).href;
  }

  private async load(db: Queryable, orgId: string | null, id: string): Promise<{ issuer: Issuer; rows: KeyRow[] }> {
    const rows = await db.query<IssuerRow>(`SELECT ${issuerColumns} FROM issuers WHERE id = $1 AND ($2::text IS NULL OR org_id = $2)`, [id, orgId]);
    const row = rows[0];
    if (row === undefined) throw new OpenlerError('not_found', `No issuer ${id}`, { field: 'issuer' });
    const keys = await db.query<KeyRow>(`SELECT ${keyColumns} FROM issuer_keys WHERE issuer_id = $1 ORDER BY created_at, key_id`, [id]);
    return { issuer: this.toIssuer(row, keys), rows: keys };
  }

  private identifierOf(row: IssuerRow, keys: KeyRow[]): string {
    if (row.identifier_kind === 'https') return this.profileUrl(row.id);
    if (row.identifier_kind === 'did:web') return didWebFor(`${this.publicUrl.host}/issuers/${row.id}`);
    const current = keys.find((key) => key.algorithm === 'Ed25519' && key.retired_at === null) ?? keys.find((key) => key.algorithm === 'Ed25519');
    if (current === undefined || current.public_key.algorithm !== 'Ed25519') throw new OpenlerError('internal', `Issuer ${row.id} has no Ed25519 key`);
    return `did:key:${current.public_key.publicKeyMultibase}`;
  }

  private methodId(issuer: Issuer, key: { keyId: string; algorithm: string }): string {
    const listed = issuer.keys.find((entry) => entry.keyId === key.keyId && entry.algorithm === key.algorithm);
    if (listed === undefined) throw new OpenlerError('internal', `Key ${key.keyId} is not listed for issuer ${issuer.id}`);
    return listed.verificationMethod;
  }

  private toIssuer(row: IssuerRow, keys: KeyRow[]): Issuer {
    const issuerId = this.identifierOf(row, keys);
    return {
      id: row.id,
      orgId: row.org_id,
      issuerId,
      name: row.name,
      url: row.url,
      email: row.email,
      image: row.image,
      description: row.description,
      identifier: row.identifier_kind,
      proof: row.default_proof,
      // Issuers made before did:key issuers went without RSA keys still hold one; it is not theirs to list.
      keys: keys.filter((key) => row.identifier_kind !== 'did:key' || key.algorithm === 'Ed25519').map((key): IssuerKey => ({
        keyId: key.key_id,
        algorithm: key.algorithm,
        verificationMethod: row.identifier_kind === 'did:key'
          ? key.public_key.algorithm === 'Ed25519' ? `did:key:${key.public_key.publicKeyMultibase}#${key.public_key.publicKeyMultibase}` : `${issuerId}#${encodeURIComponent(key.key_id)}`
          : verificationMethodFor(issuerId, controllerKey(key)).id,
        createdAt: new Date(key.created_at).toISOString(),
        retiredAt: key.retired_at === null ? null : new Date(key.retired_at).toISOString(),
      })),
      createdAt: new Date(row.created_at).toISOString(),
    };
  }
}

async function insertKey(tx: Queryable, orgId: string, issuerId: string, keyPair: IssuerKeyPair, masterKey: MasterKey): Promise<void> {
  await tx.query(
    'INSERT INTO issuer_keys (org_id, issuer_id, key_id, algorithm, public_key, sealed_private_key) VALUES ($1, $2, $3, $4, $5, $6)',
    [orgId, issuerId, keyPair.keyId, keyPair.algorithm, JSON.stringify(publicKeyDescription(keyPair)), JSON.stringify(sealKeyPair(keyPair, masterKey))],
  );
}

/** A stored key as documents list it: retired keys stay valid for what they signed, so they are not marked revoked. */
function controllerKey(row: KeyRow): ControllerKey {
  return row.public_key;
}
