import type { Database } from '../../db/database.js';
import type { IssuerService } from '../issuers/service.js';
import type { DocumentLoader } from '../jsonld/document-loader.js';
import { signDataIntegrity } from '../proofs/data-integrity.js';
import { buildStatusListCredential } from '../status/status-list-credential.js';
import { readStatusList } from './status-lists.js';

/**
 * The Bitstring Status List credentials openler publishes for its issuers,
 * signed by the issuer's current Ed25519 key. A list is signed again only
 * after it changes.
 */
export class StatusListPublisher {
  private readonly signed = new Map<string, { updatedAt: string; credential: Record<string, unknown> }>();

  constructor(
    private readonly db: Database,
    private readonly issuers: IssuerService,
    private readonly documentLoader: DocumentLoader,
    private readonly urlOf: (listId: string) => string,
  ) {}

  async credential(listId: string): Promise<Record<string, unknown>> {
    const list = await readStatusList(this.db, listId);
    const cached = this.signed.get(listId);
    if (cached !== undefined && cached.updatedAt === list.updatedAt) return cached.credential;
    const keys = await this.issuers.signingKeys(list.orgId, list.issuerId);
    const url = this.urlOf(list.id);
    const unsigned = buildStatusListCredential({ url, issuer: keys.issuer.issuerId, statusPurpose: list.purpose, list: list.list, validFrom: list.updatedAt });
    const credential = await signDataIntegrity({ ...unsigned }, { keyPair: keys.ed25519, verificationMethod: keys.ed25519Method, documentLoader: this.documentLoader });
    this.signed.set(listId, { updatedAt: list.updatedAt, credential });
    if (this.signed.size > 1000) this.signed.delete(this.signed.keys().next().value as string);
    return credential;
  }
}
