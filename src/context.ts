import type { Database } from './db/database.js';
import { ExtractionService } from './extraction/service.js';
import { migrate } from './db/migrate.js';
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
}

/** Opens the database, applies migrations, loads the default library when missing, and builds the services. */
export async function openContext(options: ContextOptions): Promise<Context> {
  return contextOn(await openDatabase(options), options);
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
    return {
      db,
      catalog,
      orgs: new OrganizationService(db),
      extraction,
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
