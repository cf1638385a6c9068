import type { Database } from '../db/database.js';
import type { SkillCatalog } from '../skills/catalog.js';
import { AchievementService } from './achievements/service.js';
import { IssuanceService } from './issuance/service.js';
import { StatusListPublisher } from './issuance/status-publisher.js';
import { IssuerService } from './issuers/service.js';
import { createDocumentLoader, type DocumentLoader } from './jsonld/document-loader.js';
import { loadMasterKey, type MasterKey } from './keys/master-key.js';
import { createVerifiers, type Verifiers } from './verifiers.js';

export interface CredentialServicesOptions {
  /** The base URL openler is reached at (OPENLER_PUBLIC_URL); issuer, achievement and status list URLs hang off it. */
  publicUrl: string;
  /** Where master.key is kept when OPENLER_MASTER_KEY is not set. */
  dataDir?: string | undefined;
  /** A master key given directly (tests, embedding). */
  masterKey?: MasterKey | undefined;
  /** Issuer documents and status lists trusted locally (OPENLER_TRUST_STORE: a directory of JSON documents). */
  trustStore?: ReadonlyMap<string, object> | undefined;
  /** Whether verification may fetch remote issuer documents and status lists (OPENLER_VERIFY_REMOTE=1). */
  allowRemote?: boolean | undefined;
}

/** The verifiable-credentials domain, wired together: issuers, achievements, issuance, status lists and verification. */
export interface CredentialServices extends Verifiers {
  publicUrl: string;
  documentLoader: DocumentLoader;
  issuers: IssuerService;
  achievements: AchievementService;
  issuance: IssuanceService;
  statusLists: StatusListPublisher;
  /** openler's own status list ID behind a status list URL, if it is one of openler's. */
  localStatusListId: (url: string) => string | undefined;
}

export function credentialServices(db: Database, catalog: SkillCatalog, options: CredentialServicesOptions): CredentialServices {
  const publicUrl = options.publicUrl.replace(/\/+$/, '');
  // The master key is read (or its file created) only when a key is first made or used.
  let masterKey: Promise<MasterKey> | undefined = options.masterKey ? Promise.resolve(options.masterKey) : undefined;
  const getMasterKey = () => {
    masterKey ??= loadMasterKey({ dataDir: options.dataDir }).catch((error: unknown) => {
      masterKey = undefined;
      throw error;
    });
    return masterKey;
  };
  const documentLoader = createDocumentLoader();
  const issuers = new IssuerService(db, { publicUrl, masterKey: getMasterKey });
  const achievements = new AchievementService(db, catalog, issuers, publicUrl);
  const issuance = new IssuanceService(db, issuers, achievements, { publicUrl, documentLoader });
  const statusLists = new StatusListPublisher(db, issuers, documentLoader, (listId) => issuance.statusListUrl(listId));
  const statusListPrefix = issuance.statusListUrl('');
  const localStatusListId = (url: string) => (url.startsWith(statusListPrefix) ? url.slice(statusListPrefix.length).split(/[#?/]/)[0] || undefined : undefined);
  const verifiers = createVerifiers({ issuers, statusLists, localStatusListId }, documentLoader, { trustStore: options.trustStore, allowRemote: options.allowRemote });
  return { publicUrl, documentLoader, issuers, achievements, issuance, statusLists, localStatusListId, ...verifiers };
}
