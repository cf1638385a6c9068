import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { OpenlerError } from '../../common/errors.js';
import type { Database, Queryable } from '../../db/database.js';
import type { AchievementRecord } from '../achievements/model.js';
import type { AchievementService } from '../achievements/service.js';
import type { IssuerService, SigningKeys } from '../issuers/service.js';
import type { ProofFormat } from '../issuers/model.js';
import { requireDid, requireEmail } from '../model/web-links.js';
import type { DocumentLoader } from '../jsonld/document-loader.js';
import { createBatchSigner, type BatchSigner } from '../proofs/batch-signer.js';
import { signVcJwt } from '../proofs/vc-jwt.js';
import type { ClaimPreview, ClrInput, CredentialStatusName, IssuedCredential, IssueInput, Recipient } from './model.js';
import { buildStatusEntry, type StatusPurpose } from '../status/status-list-credential.js';
import { defaultBadgeSvg } from '../baking/default-badge.js';
import { bakePng, hasPngSignature } from '../baking/png.js';
import { bakeSvg } from '../baking/svg.js';
import { checkStructure } from '../verify/structure.js';
import { normalEmail, subjectIsRecipient } from './recipient-match.js';
import { reserveStatusIndex, setStatusBit } from './status-lists.js';

const VC_V2 = 'https://www.w3.org/ns/credentials/v2';
const OB_V3 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
const CLR_V2 = 'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json';
const DEFAULT_CLAIM_DAYS = 30;

interface CredentialRow {
  id: string;
  issuer_id: string;
  achievement_id: string | null;
  type: string;
  external_id: string | null;
  proof_format: ProofFormat;
  document: Record<string, unknown>;
  jwt: string | null;
  status: CredentialStatusName;
  status_reason: string | null;
  issued_at: Date | string;
  revocation_list: string | null;
  revocation_index: number | null;
  suspension_list: string | null;
  suspension_index: number | null;
}

const credentialColumns = 'id, issuer_id, achievement_id, type, external_id, proof_format, document, jwt, status, status_reason, issued_at, revocation_list, revocation_index, suspension_list, suspension_index';

export interface IssuanceOptions {
  publicUrl: string;
  documentLoader: DocumentLoader;
}

/**
 * Issuing Open Badges 3.0 credentials: the achievement, the recipient (a DID,
 * a salted email hash, or both), status entries for revocation and
 * suspension, and a proof in the issuer's chosen format, written in one
 * transaction: a credential is stored whole or not at all.
 */
export class IssuanceService {
  private readonly signer: BatchSigner;

  constructor(
    private readonly db: Database,
    private readonly issuers: IssuerService,
    private readonly achievements: AchievementService,
    private readonly options: IssuanceOptions,
  ) {
    this.signer = createBatchSigner({ documentLoader: options.documentLoader });
  }

  async issue(orgId: string, input: IssueInput): Promise<IssuedCredential> {
    requireRecipient(input.recipient);
    if (input.validUntil !== undefined && Number.isNaN(Date.parse(input.validUntil))) {
      throw new OpenlerError('validation_failed', `validUntil must be a date-time with its time zone (2027-06-30T17:00:00Z), not ${JSON.stringify(input.validUntil)}`, { field: 'validUntil' });
    }
    const achievement = await this.achievements.get(orgId, input.achievement);
    if (input.externalId !== undefined) {
      const existing = await this.findByExternalId(this.db, achievement.issuer, input.externalId);
      if (existing !== undefined) return sameAward(existing, input.externalId, achievement.id, input.recipient);
    }
    const keys = await this.issuers.signingKeys(orgId, achievement.issuer);
    const proof = input.proof ?? keys.issuer.proof;
    if (proof === 'jwt-rs256' && keys.issuer.identifier === 'did:key') {
      throw new OpenlerError('validation_failed', 'A did:key issuer signs with Ed25519 only', { field: 'proof' });
    }
    const validFrom = new Date();
    validFrom.setMilliseconds(0);
    if (input.validUntil !== undefined && Date.parse(input.validUntil) <= validFrom.getTime()) {
      throw new OpenlerError('validation_failed', 'validUntil is not in the future', { field: 'validUntil' });
    }
    try {
      return await this.db.transaction(async (tx) => {
        const id = `urn:uuid:${randomUUID()}`;
        const revocation = await reserveStatusIndex(tx, orgId, keys.issuer.id, 'revocation');
        const suspension = await reserveStatusIndex(tx, orgId, keys.issuer.id, 'suspension');
        const unsigned: Record<string, unknown> = {
          '@context': [VC_V2, OB_V3],
          id,
          type: ['VerifiableCredential', 'OpenBadgeCredential'],
          name: achievement.achievement.name,
          issuer: this.issuers.profileFields(keys.issuer),
          validFrom: validFrom.toISOString().replace('.000Z', 'Z'),
          ...(input.validUntil !== undefined ? { validUntil: new Date(input.validUntil).toISOString().replace('.000Z', 'Z') } : {}),
          credentialSubject: subjectOf(input.recipient, achievement.achievement, input.narrative),
          credentialStatus: [this.statusEntry('revocation', revocation.listId, revocation.index), this.statusEntry('suspension', suspension.listId, suspension.index)],
        };
        const signed = await this.sign(unsigned, proof, keys);
        const row = await insertCredential(tx, {
          orgId, id, issuerId: keys.issuer.id, achievementId: achievement.id, type: 'OpenBadgeCredential', externalId: input.externalId ?? null,
          recipient: storedRecipient(input.recipient), proof, signed, revocation, suspension,
        });
        const claimUrl = await this.createClaimLink(tx, orgId, id, input.claimLinkDays ?? DEFAULT_CLAIM_DAYS);
        return { ...toIssued(row), claimUrl, created: true };
      });
    } catch (error) {
      // Two requests with the same externalId raced: the other one's credential stands.
      if (input.externalId !== undefined && isUniqueViolation(error)) {
        const existing = await this.findByExternalId(this.db, achievement.issuer, input.externalId);
        if (existing !== undefined) return sameAward(existing, input.externalId, achievement.id, input.recipient);
      }
      throw error;
    }
  }

  /**
   * Signs a credential the caller composed (the W3C VC-API issue call): any
   * VC 2.0 or 1.1 credential from one of the organization's issuers. openler
   * adds an id when there is none and, on VC 2.0, revocation and suspension
   * entries; the credential must pass the data model checks before it is signed.
   */
  async issueCredential(orgId: string, credential: Record<string, unknown>, options: { proof?: ProofFormat } = {}): Promise<IssuedCredential> {
    if (credential.proof !== undefined) throw new OpenlerError('validation_failed', 'The credential already has a proof; send it unsigned', { field: 'credential.proof' });
    const issuers = await this.issuers.list(orgId);
    const named = typeof credential.issuer === 'string' ? credential.issuer : (credential.issuer as { id?: unknown } | undefined)?.id;
    const issuer = named === undefined ? (issuers.length === 1 ? issuers[0] : undefined) : issuers.find((candidate) => candidate.issuerId === named);
    if (issuer === undefined) {
      const known = issuers.map((candidate) => candidate.issuerId).join(', ') || 'none yet';
      throw new OpenlerError('validation_failed', named === undefined
        ? `The credential names no issuer and the organization has ${issuers.length} issuers: set issuer to one of ${known}`
        : `The issuer ${String(named)} is not one of this organization's issuers (${known})`, { field: 'credential.issuer' });
    }
    const keys = await this.issuers.signingKeys(orgId, issuer.id);
    const proof = options.proof ?? issuer.proof;
    const contexts = Array.isArray(credential['@context']) ? credential['@context'] : [credential['@context']];
    const vc2 = contexts[0] === VC_V2;
    return this.db.transaction(async (tx) => {
      const unsigned: Record<string, unknown> = { ...credential };
      // Only an absent id is made up: an id given as null or a list is the caller's mistake, refused below.
      if (unsigned.id === undefined) unsigned.id = `urn:uuid:${randomUUID()}`;
      if (typeof unsigned.id !== 'string') throw new OpenlerError('validation_failed', 'The credential id must be a URL or URN', { field: 'credential.id' });
      if (named === undefined) unsigned.issuer = issuer.issuerId;
      let revocation: { listId: string; index: number } | undefined;
      let suspension: { listId: string; index: number } | undefined;
      if (vc2 && unsigned.credentialStatus === undefined) {
        revocation = await reserveStatusIndex(tx, orgId, issuer.id, 'revocation');
        suspension = await reserveStatusIndex(tx, orgId, issuer.id, 'suspension');
        unsigned.credentialStatus = [this.statusEntry('revocation', revocation.listId, revocation.index), this.statusEntry('suspension', suspension.listId, suspension.index)];
      }
      const structure = checkStructure(unsigned);
      if (structure.result.status === 'failed') {
        throw new OpenlerError('validation_failed', structure.result.reason ?? 'The credential does not fit the data model', { field: structure.result.path ?? 'credential' });
      }
      const signed = await this.sign(unsigned, proof, keys);
      const types = Array.isArray(unsigned.type) ? unsigned.type.map(String) : [String(unsigned.type)];
      const row = await insertCredential(tx, {
        orgId, id: unsigned.id, issuerId: issuer.id, achievementId: null, type: types.at(-1) ?? 'VerifiableCredential', externalId: null,
        recipient: {}, proof, signed, revocation, suspension,
      });
      return { ...toIssued(row), created: true };
    }).catch((error: unknown) => {
      if (isUniqueViolation(error)) throw new OpenlerError('conflict', `A credential with id ${String(credential.id)} was issued already`, { field: 'credential.id' });
      throw error;
    });
  }

  /**
   * A Comprehensive Learner Record (CLR 2.0): the learner's achievement
   * credentials from this organization, each as it was signed, the
   * achievements they award, and how those relate (a course is part of a
   * program), signed by one of the organization's issuers.
   */
  async issueClr(orgId: string, input: ClrInput): Promise<IssuedCredential> {
    requireRecipient(input.recipient);
    const keys = await this.issuers.signingKeys(orgId, input.issuer);
    const rows = await this.db.query<CredentialRow>(`SELECT ${credentialColumns} FROM credentials WHERE org_id = $1 AND id = ANY($2::text[])`, [orgId, input.credentials]);
    const byId = new Map(rows.map((row) => [row.id, row]));
    const bundled: Array<Record<string, unknown> | string> = [];
    const achievements = new Map<string, Record<string, unknown>>();
    const listedAt = new Map<string, number>();
    for (const [index, id] of input.credentials.entries()) {
      const field = `credentials[${index}]`;
      const earlier = listedAt.get(id);
      if (earlier !== undefined) throw new OpenlerError('validation_failed', `Credential ${id} is listed twice (credentials[${earlier}] and ${field})`, { field });
      listedAt.set(id, index);
      const row = byId.get(id);
      if (row === undefined) throw new OpenlerError('not_found', `No credential ${id} of this organization`, { field });
      if (row.type !== 'OpenBadgeCredential') throw new OpenlerError('validation_failed', `Credential ${id} is a ${row.type}; a CLR bundles Open Badges credentials`, { field });
      if (row.status === 'revoked' || row.status === 'suspended') throw new OpenlerError('conflict', `Credential ${id} is ${row.status}`, { field });
      // A CLR speaks for one learner: every credential in it must be about its subject.
      if (!subjectIsRecipient(row.document.credentialSubject, input.recipient)) {
        throw new OpenlerError('validation_failed', `Credential ${id} was issued to someone other than this CLR's recipient (neither the DID nor the email matches its subject)`, { field });
      }
      bundled.push(row.jwt ?? row.document);
      const achievement = (row.document.credentialSubject as { achievement?: Record<string, unknown> } | undefined)?.achievement;
      if (achievement && typeof achievement.id === 'string') achievements.set(achievement.id, achievement);
    }
    const achievementUrl = (reference: string, field: string) => {
      const url = reference.startsWith('ach_') ? new URL(`achievements/${reference}`, withSlash(this.options.publicUrl)).href : reference;
      if (!achievements.has(url)) throw new OpenlerError('validation_failed', `${reference} is not the achievement of a bundled credential`, { field });
      return url;
    };
    const association = (input.associations ?? []).map((entry, index) => ({
      type: 'Association',
      associationType: entry.associationType,
      sourceId: achievementUrl(entry.source, `associations[${index}].source`),
      targetId: achievementUrl(entry.target, `associations[${index}].target`),
    }));
    const proof = input.proof ?? keys.issuer.proof;
    const validFrom = new Date();
    validFrom.setMilliseconds(0);
    return this.db.transaction(async (tx) => {
      const id = `urn:uuid:${randomUUID()}`;
      const revocation = await reserveStatusIndex(tx, orgId, keys.issuer.id, 'revocation');
      const suspension = await reserveStatusIndex(tx, orgId, keys.issuer.id, 'suspension');
      const subject = subjectOf(input.recipient, {}, undefined);
      delete subject.achievement;
      const unsigned: Record<string, unknown> = {
        '@context': [VC_V2, CLR_V2, OB_V3],
        id,
        type: ['VerifiableCredential', 'ClrCredential'],
        issuer: this.issuers.profileFields(keys.issuer),
        name: input.name ?? `Comprehensive Learner Record from ${keys.issuer.name}`,
        ...(input.description ? { description: input.description } : {}),
        validFrom: validFrom.toISOString().replace('.000Z', 'Z'),
        credentialSubject: {
          ...subject,
          type: ['ClrSubject'],
          verifiableCredential: bundled,
          achievement: [...achievements.values()],
          ...(association.length > 0 ? { association } : {}),
        },
        credentialStatus: [this.statusEntry('revocation', revocation.listId, revocation.index), this.statusEntry('suspension', suspension.listId, suspension.index)],
      };
      const structure = checkStructure(unsigned);
      if (structure.result.status === 'failed') {
        throw new OpenlerError('validation_failed', structure.result.reason ?? 'The CLR does not fit the data model', { field: structure.result.path ?? 'clr' });
      }
      const signed = await this.sign(unsigned, proof, keys);
      const row = await insertCredential(tx, {
        orgId, id, issuerId: keys.issuer.id, achievementId: null, type: 'ClrCredential', externalId: null,
        recipient: storedRecipient(input.recipient), proof, signed, revocation, suspension,
      });
      return { ...toIssued(row), created: true };
    });
  }

  /**
   * The credential baked into a badge image: the PNG or SVG given, or else a
   * badge openler draws with the achievement's and issuer's names.
   */
  async bake(orgId: string, id: string, image?: Uint8Array): Promise<{ contentType: 'image/png' | 'image/svg+xml'; bytes: Uint8Array }> {
    const issued = await this.get(orgId, id);
    if (image !== undefined && hasPngSignature(image)) return { contentType: 'image/png', bytes: bakePng(image, issued.credential) };
    let svg: string | Uint8Array;
    if (image !== undefined) {
      svg = image;
    } else {
      const document = typeof issued.credential === 'string' ? undefined : issued.credential;
      const rows = await this.db.query<{ document: Record<string, unknown> }>('SELECT document FROM credentials WHERE id = $1', [id]);
      const stored = document ?? rows[0]?.document ?? {};
      const name = String(stored.name ?? ((stored.credentialSubject as { achievement?: { name?: unknown } } | undefined)?.achievement?.name ?? 'Credential'));
      const issuerName = String((stored.issuer as { name?: unknown } | undefined)?.name ?? '');
      svg = defaultBadgeSvg(name, issuerName);
    }
    return { contentType: 'image/svg+xml', bytes: Buffer.from(bakeSvg(svg, issued.credential), 'utf8') };
  }

  /** The achievement a credential would be issued for (the organization's own). */
  achievementOf(orgId: string, id: string): Promise<AchievementRecord> {
    return this.achievements.get(orgId, id);
  }

  async get(orgId: string, id: string): Promise<IssuedCredential> {
    const rows = await this.db.query<CredentialRow>(`SELECT ${credentialColumns} FROM credentials WHERE id = $1 AND org_id = $2`, [id, orgId]);
    const row = rows[0];
    if (row === undefined) throw new OpenlerError('not_found', `No credential ${id}`, { field: 'id' });
    return { ...toIssued(row), created: false };
  }

  /** Revokes (for good), suspends, or reinstates a suspended credential, by flipping its bits in the issuer's status lists. */
  async setStatus(orgId: string, id: string, action: 'revoke' | 'suspend' | 'reinstate', reason?: string): Promise<IssuedCredential> {
    return this.db.transaction(async (tx) => {
      const rows = await tx.query<CredentialRow>(`SELECT ${credentialColumns} FROM credentials WHERE id = $1 AND org_id = $2 FOR UPDATE`, [id, orgId]);
      const row = rows[0];
      if (row === undefined) throw new OpenlerError('not_found', `No credential ${id}`, { field: 'id' });
      if (row.status === 'revoked') throw new OpenlerError('conflict', `Credential ${id} is revoked; revocation is final`, { field: 'id' });
      const next: CredentialStatusName = action === 'revoke' ? 'revoked' : action === 'suspend' ? 'suspended' : 'active';
      if (action === 'reinstate' && row.status !== 'suspended') throw new OpenlerError('conflict', `Credential ${id} is not suspended`, { field: 'id' });
      if (row.revocation_list === null || row.suspension_list === null) {
        throw new OpenlerError('conflict', `Credential ${id} was issued without status entries, so it cannot be revoked or suspended`, { field: 'id' });
      }
      if (action === 'revoke') await setStatusBit(tx, row.revocation_list as string, row.revocation_index as number, true);
      if (action === 'suspend' || action === 'reinstate') await setStatusBit(tx, row.suspension_list as string, row.suspension_index as number, action === 'suspend');
      const updated = await tx.query<CredentialRow>(
        `UPDATE credentials SET status = $2, status_reason = $3 WHERE id = $1 RETURNING ${credentialColumns}`,
        [id, next, reason ?? null],
      );
      return { ...toIssued(updated[0] as CredentialRow), created: false };
    });
  }

  /**
   * Collects the credential behind a claim link, which then stops working: a
   * claimed or expired link is refused, and a link is never stored, only its
   * hash. Only an explicit act of the learner calls this (a POST): opening the
   * link only previews it, so mail scanners and link previews do not use it up.
   */
  async claim(token: string): Promise<IssuedCredential> {
    return this.db.transaction(async (tx) => {
      const { credential } = await this.openClaimLink(tx, token, true);
      await tx.query('UPDATE claim_links SET claimed_at = now() WHERE token_hash = $1', [sha256(token)]);
      return { ...toIssued(credential), created: false };
    });
  }

  /** What a claim link offers (the achievement, its issuer, until when), without using it up. */
  async claimPreview(token: string): Promise<ClaimPreview> {
    const { credential, expiresAt } = await this.openClaimLink(this.db, token, false);
    const document = credential.document;
    const subject = (document.credentialSubject ?? {}) as { achievement?: { name?: unknown } };
    const issuer = document.issuer as { name?: unknown } | string | undefined;
    return {
      credentialId: credential.id,
      achievement: typeof subject.achievement?.name === 'string' ? subject.achievement.name : 'a credential',
      issuer: typeof issuer === 'object' && typeof issuer.name === 'string' ? issuer.name : typeof issuer === 'string' ? issuer : 'its issuer',
      format: credential.jwt === null ? 'json' : 'jwt',
      expiresAt: new Date(expiresAt).toISOString(),
    };
  }

  /**
   * A claim link that can still be used, and its credential. A revoked
   * credential is never handed out; a suspended one is not handed out while
   * the suspension lasts, and its link is left as it was, so it works again
   * once the issuer reinstates the credential.
   */
  private async openClaimLink(db: Queryable, token: string, lock: boolean): Promise<{ credential: CredentialRow; expiresAt: Date | string }> {
    const links = await db.query<{ credential_id: string; expires_at: Date | string; claimed_at: Date | string | null }>(
      `SELECT credential_id, expires_at, claimed_at FROM claim_links WHERE token_hash = $1${lock ? ' FOR UPDATE' : ''}`,
      [sha256(token)],
    );
    const link = links[0];
    if (link === undefined) throw new OpenlerError('not_found', 'No such claim link', { field: 'token' });
    if (link.claimed_at !== null) throw new OpenlerError('gone', 'This claim link has been used', { field: 'token' });
    if (new Date(link.expires_at).getTime() < Date.now()) throw new OpenlerError('gone', 'This claim link has expired; ask the issuer for a new one', { field: 'token' });
    // Collecting holds the credential's row, so a suspension or revocation committed meanwhile is seen, not raced.
    const rows = await db.query<CredentialRow>(`SELECT ${credentialColumns} FROM credentials WHERE id = $1${lock ? ' FOR SHARE' : ''}`, [link.credential_id]);
    const credential = rows[0] as CredentialRow;
    if (credential.status === 'revoked') throw new OpenlerError('gone', 'The issuer revoked this credential', { field: 'token' });
    if (credential.status === 'suspended') {
      throw new OpenlerError('conflict', 'The issuer has suspended this credential for now: it cannot be collected while suspended; this link is not used up and works again if the issuer reinstates it', { field: 'token' });
    }
    return { credential, expiresAt: link.expires_at };
  }

  /** A new claim link for a credential (the old ones stop working). */
  async newClaimLink(orgId: string, id: string, days = DEFAULT_CLAIM_DAYS): Promise<string> {
    const credential = await this.get(orgId, id);
    if (credential.status === 'revoked') throw new OpenlerError('conflict', `Credential ${id} is revoked: it cannot be claimed`, { field: 'id' });
    if (credential.status === 'suspended') throw new OpenlerError('conflict', `Credential ${id} is suspended: it cannot be claimed until it is reinstated`, { field: 'id' });
    return this.db.transaction(async (tx) => {
      await tx.query('UPDATE claim_links SET expires_at = now() WHERE credential_id = $1 AND claimed_at IS NULL', [id]);
      return this.createClaimLink(tx, orgId, id, days);
    });
  }

  private async createClaimLink(tx: Queryable, orgId: string, credentialId: string, days: number): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await tx.query(`INSERT INTO claim_links (token_hash, org_id, credential_id, expires_at) VALUES ($1, $2, $3, now() + make_interval(days => $4))`, [sha256(token), orgId, credentialId, days]);
    return new URL(`claim/${token}`, withSlash(this.options.publicUrl)).href;
  }

  statusListUrl(listId: string): string {
    return new URL(`status-lists/${listId}`, withSlash(this.options.publicUrl)).href;
  }

  private statusEntry(statusPurpose: StatusPurpose, listId: string, index: number): Record<string, unknown> {
    return { ...buildStatusEntry({ listUrl: this.statusListUrl(listId), statusPurpose, index }) };
  }

  private async sign(unsigned: Record<string, unknown>, proof: ProofFormat, keys: SigningKeys): Promise<{ document: Record<string, unknown>; jwt?: string }> {
    if (proof === 'eddsa-rdfc-2022') {
      // The batch signer compiles each credential shape once; its proofs are byte for byte signDataIntegrity's.
      const document = await this.signer.sign(unsigned, { keyPair: keys.ed25519, verificationMethod: keys.ed25519Method });
      return { document };
    }
    if (proof === 'jwt-eddsa') return { document: unsigned, jwt: await signVcJwt(unsigned, { keyPair: keys.ed25519, kid: keys.ed25519Method }) };
    if (keys.rsa === undefined) throw new OpenlerError('validation_failed', 'A did:key issuer signs with Ed25519 only', { field: 'proof' });
    const jwt = await signVcJwt(unsigned, { keyPair: keys.rsa.keyPair, kid: keys.rsa.method });
    return { document: unsigned, jwt };
  }

  private async findByExternalId(db: Queryable, issuerId: string, externalId: string): Promise<AwardRow | undefined> {
    const rows = await db.query<AwardRow>(`SELECT ${credentialColumns}, recipient FROM credentials WHERE issuer_id = $1 AND external_id = $2`, [issuerId, externalId]);
    return rows[0];
  }
}

/** A credential row with the recipient it was issued to, as stored. */
interface AwardRow extends CredentialRow {
  recipient: Partial<Recipient>;
}

/**
 * An externalId names one award: issuing it again for the same recipient (DID
 * and email; the name is openler's note, not the credential's) and the same
 * achievement answers the first credential; for anyone or anything else it is
 * a conflict, and nothing is issued.
 */
function sameAward(existing: AwardRow, externalId: string, achievementId: string, recipient: Recipient): IssuedCredential {
  const asked = storedRecipient(recipient);
  const differences: string[] = [];
  if (existing.achievement_id !== achievementId) differences.push(`for the achievement ${existing.achievement_id ?? 'none'}, not ${achievementId}`);
  if ((existing.recipient.did ?? null) !== (asked.did ?? null) || (existing.recipient.email ?? null) !== (asked.email ?? null)) {
    differences.push('to another recipient');
  }
  if (differences.length > 0) {
    throw new OpenlerError('conflict', `externalId ${externalId} was issued already (${existing.id}) ${differences.join(' and ')}; an externalId names one award`, { field: 'externalId', credential: existing.id });
  }
  return { ...toIssued(existing), created: false };
}

interface NewCredential {
  orgId: string;
  id: string;
  issuerId: string;
  achievementId: string | null;
  type: string;
  externalId: string | null;
  recipient: Recipient | Record<string, never>;
  proof: ProofFormat;
  signed: { document: Record<string, unknown>; jwt?: string };
  revocation: { listId: string; index: number } | undefined;
  suspension: { listId: string; index: number } | undefined;
}

/** Stores an issued credential with its status list places. */
async function insertCredential(tx: Queryable, credential: NewCredential): Promise<CredentialRow> {
  const rows = await tx.query<CredentialRow>(
    `INSERT INTO credentials (org_id, id, issuer_id, achievement_id, type, external_id, recipient, proof_format, document, jwt,
       revocation_list, revocation_index, suspension_list, suspension_index)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
     RETURNING ${credentialColumns}`,
    [credential.orgId, credential.id, credential.issuerId, credential.achievementId, credential.type, credential.externalId,
      JSON.stringify(credential.recipient), credential.proof, JSON.stringify(credential.signed.document), credential.signed.jwt ?? null,
      credential.revocation?.listId ?? null, credential.revocation?.index ?? null, credential.suspension?.listId ?? null, credential.suspension?.index ?? null],
  );
  return rows[0] as CredentialRow;
}

/**
 * A recipient openler can name: a DID, an email address, or both. Checked
 * here as well as in the HTTP schema, so rosters and the CLI get the same
 * answer.
 */
function requireRecipient(recipient: Recipient): void {
  if (!recipient.did && !recipient.email) throw new OpenlerError('validation_failed', 'A recipient needs a did, an email, or both', { field: 'recipient' });
  requireEmail(recipient.email, 'recipient.email');
  requireDid(recipient.did, 'recipient.did');
}

/** The AchievementSubject: the DID as id, the email only as a salted hash. */
function subjectOf(recipient: Recipient, achievement: Record<string, unknown>, narrative: string | undefined): Record<string, unknown> {
  const subject: Record<string, unknown> = {};
  if (recipient.did) subject.id = recipient.did;
  subject.type = ['AchievementSubject'];
  if (recipient.email) {
    const salt = randomBytes(16).toString('hex');
    subject.identifier = [{
      type: 'IdentityObject',
      identityHash: `sha256$${createHash('sha256').update(normalEmail(recipient.email) + salt).digest('hex')}`,
      identityType: 'emailAddress',
      hashed: true,
      salt,
    }];
  }
  subject.achievement = achievement;
  if (narrative) subject.narrative = narrative;
  return subject;
}

function storedRecipient(recipient: Recipient): Recipient {
  return { ...recipient, ...(recipient.email ? { email: normalEmail(recipient.email) } : {}) };
}

function toIssued(row: CredentialRow): Omit<IssuedCredential, 'created'> {
  return {
    id: row.id,
    issuer: row.issuer_id,
    achievement: row.achievement_id,
    type: row.type,
    externalId: row.external_id,
    proof: row.proof_format,
    status: row.status,
    statusReason: row.status_reason,
    issuedAt: new Date(row.issued_at).toISOString(),
    credential: row.jwt ?? row.document,
  };
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}
