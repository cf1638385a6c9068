import { credentialServices, type CredentialServices } from './credentials/services.js';
import type { MasterKey } from './credentials/keys/master-key.js';
import type { Database } from './db/database.js';
import { ExtractionService } from './extraction/service.js';
import { migrate } from './db/migrate.js';
import { readSetting, writeSetting } from './db/settings.js';
import { OpenlerError } from './common/errors.js';
import { obApiServices, type ObApiServices } from './oauth/service.js';
import { readObApiSettings, type ObApiSettingsInput } from './oauth/settings.js';
import { openDatabase, type StorageOptions } from './db/open.js';
import { OrganizationService } from './orgs/service.js';
import { SkillCatalog } from './skills/catalog.js';
import { readDefaultLibrary, readDefaultLibraryVersion } from './skills/default-library.js';
import type { PublishResult } from './skills/releases.js';

/** The core services one openler process runs on, wired to one database. */
export interface Context {
  db: Database;
  catalog: SkillCatalog;
  orgs: OrganizationService;
  extraction: ExtractionService;
  credentials: CredentialServices;
  /** The Open Badges 3.0 API: its OAuth 2.0 server, the credentials it holds and the organization's profile. */
  obApi: ObApiServices;
  /** What start-up did to the default library. */
  defaultLibrary: PublishResult | { status: 'present'; library: string; version: string };
  close(): Promise<void>;
}

export interface ContextOptions extends StorageOptions {
  /** Load the project's default library on start when its release is missing (default true). */
  loadDefaultLibrary?: boolean;
  /** Where the default library's YAML lives (default: the project's data/default-library). */
  defaultLibraryDir?: string;
  /** Poll for releases published by other processes (ms); only useful on a shared server. */
  watchIntervalMs?: number;
  /**
   * The base URL openler is reached at, written into credentials (default
   * OPENLER_PUBLIC_URL). Given, it is remembered in the database; not given,
   * the remembered one is used, else `defaultPublicUrl`.
   */
  publicUrl?: string | undefined;
  /** The URL to use when none is given or remembered (default http://localhost:3000). */
  defaultPublicUrl?: string | undefined;
  /** Where master.key lives when OPENLER_MASTER_KEY is not set (default: the data directory). */
  keyDir?: string | undefined;
  /** A master key given directly, instead of OPENLER_MASTER_KEY or the key file. */
  masterKey?: MasterKey | undefined;
  /** The Open Badges API's settings (default OPENLER_TERMS_URL, OPENLER_PRIVACY_URL). */
  obApi?: ObApiSettingsInput | undefined;
}

/** Opens the database, applies migrations, loads the default library when missing, and builds the services. */
export async function openContext(options: ContextOptions): Promise<Context> {
  return contextOn(await openDatabase(options), { ...options, keyDir: options.keyDir ?? (options.dataDir === ':memory:' ? undefined : options.dataDir) });
}

/** The same on a database the caller opened (tests use a fresh one each). */
export async function contextOn(db: Database, options: Omit<ContextOptions, keyof StorageOptions> = {}): Promise<Context> {
  try {
    await migrate(db);
    const catalog = new SkillCatalog(db);
    await catalog.refresh();
    let defaultLibrary: Context['defaultLibrary'];
    const wanted = readDefaultLibraryVersion(options.defaultLibraryDir);
    if (options.loadDefaultLibrary === false || catalog.hasRelease(wanted.id, wanted.version)) {
      defaultLibrary = { status: 'present', library: wanted.id, version: wanted.version };
    } else {
      const release = readDefaultLibrary(options.defaultLibraryDir);
      defaultLibrary = await catalog.publish({ library: release.library, version: release.version, notes: release.notes, content: release.content });
    }
    if (options.watchIntervalMs !== undefined && db.driver === 'postgres') catalog.watch(options.watchIntervalMs);
    const extraction = new ExtractionService(catalog);
    const credentials = credentialServices(db, catalog, {
      publicUrl: await resolvePublicUrl(db, options.publicUrl ?? process.env.OPENLER_PUBLIC_URL, options.defaultPublicUrl ?? 'http://localhost:3000'),
      dataDir: options.keyDir,
      masterKey: options.masterKey,
    });
    const orgs = new OrganizationService(db);
    return {
      db,
      catalog,
      orgs,
      extraction,
      credentials,
      obApi: obApiServices(db, orgs, credentials.issuers, readObApiSettings(credentials.publicUrl, options.obApi)),
      defaultLibrary,
      async close() {
        catalog.stop();
        await extraction.close();
        await db.close();
      },
    };
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
}

/**
 * The public URL credentials are issued under. Issuer identifiers, status
 * list URLs and achievement ids are built from it, so a process started
 * without it (a CLI command, a restart) must not fall back to another one:
 * the URL given last is remembered and used until another is given.
 */
async function resolvePublicUrl(db: Database, given: string | undefined, fallback: string): Promise<string> {
  const key = 'public_url';
  if (given !== undefined && given.trim() !== '') {
    let url: URL;
    try {
      url = new URL(given.trim());
    } catch {
      throw new OpenlerError('validation_failed', `The public URL ${JSON.stringify(given)} is not a URL (OPENLER_PUBLIC_URL must be like https://badges.example.edu)`, { field: 'OPENLER_PUBLIC_URL' });
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new OpenlerError('validation_failed', `The public URL must be http(s), not ${url.protocol}`, { field: 'OPENLER_PUBLIC_URL' });
    const value = given.trim();
    if ((await readSetting(db, key)) !== value) await writeSetting(db, key, value);
    return value;
  }
  const remembered = await readSetting(db, key);
  if (remembered !== undefined) return remembered;
  await writeSetting(db, key, fallback);
  return fallback;
}
