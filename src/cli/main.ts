import { readFileSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { pino } from 'pino';
import { openContext, type Context } from '../context.js';
import { migrate } from '../db/migrate.js';
import { databaseExists, openDatabase } from '../db/open.js';
import { verifiersWithoutDatabase } from '../credentials/verifiers.js';
import { buildServer } from '../http/server.js';
import { apiKeyScopes, type OrganizationKind, type UserRole } from '../orgs/model.js';
import { OpenlerError } from '../common/errors.js';
import { exportFormats, exportRelease, type ExportFormat } from '../skills/exporters/export.js';
import { readSkillsCsv } from '../skills/importers/csv.js';
import { readEsco } from '../skills/importers/esco.js';
import { readSkillsJson } from '../skills/importers/json.js';
import { readOnetTechnologySkills } from '../skills/importers/onet.js';
import type { ReleaseContent, SkillType } from '../skills/model.js';
import type { LibraryDefinition } from '../skills/releases.js';
import { operator } from '../skills/catalog.js';
import { version } from '../version.js';
import { emit, fail, progressReporter, step, table } from './output.js';
import { extractCommand } from './extract-command.js';
import { credentialCommands } from './credential-commands.js';
import { verifyCommand } from './verify-command.js';
import { isInformational, usageError } from './commander-errors.js';
import { quietWhenStdoutCloses } from './stdout-pipe.js';

interface GlobalOptions {
  dataDir: string;
  json: boolean;
}

/** The `openler` command line: parses arguments, calls the core, prints results. */
export async function main(argv: string[]): Promise<void> {
  quietWhenStdoutCloses();
  const jsonRequested = argv.includes('--json');
  const program = new Command('openler')
    .description('openler: open skills library, skills-based Learning and Employment Records')
    // Root options go before the subcommand, so that a subcommand's own --version (a library
    // release) stays its own; `openler --version` is answered by hand below.
    .enablePositionalOptions()
    .addOption(new Option('--data-dir <dir>', 'embedded database directory').env('OPENLER_DATA_DIR').default('./.openler'))
    .option('--json', 'machine-readable output', false)
    .showSuggestionAfterError()
    .exitOverride();
  // With --json, commander's own usage errors are reported below as the JSON error line, not as its text.
  program.configureOutput({ writeErr: (text) => process.stderr.write(text), outputError: (text, write) => !jsonRequested && write(text) });
  // Every command also takes --json and --data-dir after its name; the command's own value wins.
  let commandOptions: Partial<GlobalOptions> = {};
  program.hook('preAction', (_program, action) => {
    commandOptions = action.opts<Partial<GlobalOptions>>();
  });
  const globals = (): GlobalOptions => {
    const root = program.opts<GlobalOptions>();
    return { dataDir: commandOptions.dataDir ?? root.dataDir, json: Boolean(commandOptions.json ?? root.json) };
  };

  program
    .command('serve')
    .description('start the HTTP server (DATABASE_URL selects a PostgreSQL server, else the embedded database)')
    .addOption(new Option('--port <port>', 'port to listen on').env('PORT').default('3000'))
    .addOption(new Option('--host <host>', 'address to listen on').env('HOST').default('127.0.0.1'))
    .option('--json', 'machine-readable output')
    .action(async (options: { port: string; host: string }) => {
      const port = Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new OpenlerError('validation_failed', `--port must be a port number, not ${options.port}`, { field: 'port' });
      const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' });
      // Issuer, achievement and status list URLs are made from the public URL: set OPENLER_PUBLIC_URL behind a proxy.
      const context = await openContextFor(globals(), { watchIntervalMs: 5000, publicUrl: process.env.OPENLER_PUBLIC_URL ?? `http://localhost:${port}` });
      const app = await buildServer(context, { logger });
      const shutdown = async (signal: string) => {
        logger.info({ signal }, 'shutting down');
        await app.close();
        await context.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void shutdown('SIGINT'));
      process.once('SIGTERM', () => void shutdown('SIGTERM'));
      const address = await app.listen({ port, host: options.host });
      logger.info({ url: address, database: context.db.driver, defaultLibrary: context.defaultLibrary }, `openler listening on ${address}`);
      // Build each library's latest search index now, the default first, rather than on its first search.
      void (async () => {
        const libraries = context.catalog.listLibraries(operator).sort((a, b) => Number(b.isDefault) - Number(a.isDefault));
        for (const library of libraries) {
          if (library.latestVersion === null) continue;
          const started = Date.now();
          try {
            const index = await context.catalog.index(context.catalog.resolve({ library: library.id }, operator));
            logger.info({ library: library.id, skills: index.size, labels: index.labelCount, ms: Date.now() - started }, 'search index ready');
          } catch (error) {
            logger.error({ err: error, library: library.id }, 'search index failed');
          }
        }
      })();
    });

  const db = program.command('db').description('database administration');
  db.command('migrate')
    .description('apply pending schema migrations')
    .option('--json', 'machine-readable output')
    .action(async () => {
      const options = globals();
      const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: options.dataDir });
      try {
        const result = await migrate(database);
        emit(options.json, { ...result, database: database.driver }, () =>
          result.applied.length === 0 ? `schema is up to date (version ${result.current})` : `applied ${result.applied.map((m) => `${m.version} ${m.name}`).join(', ')}; schema version ${result.current}`);
      } finally {
        await database.close();
      }
    });

  skillsCommands(program, globals);
  orgCommands(program, globals);
  extractCommand(program, (work) => withContext(globals(), work), () => globals().json);
  credentialCommands(program, (work) => withContext(globals(), work), () => globals().json);
  // Verifying needs the database only for openler's own issuers, which a database not yet made does not hold.
  verifyCommand(program, (work) => (databaseExists(storageOf(globals())) ? withContext(globals(), (context) => work(context.credentials)) : work(verifiersWithoutDatabase())), () => globals().json);
  addCommonOptions(program);

  if (argv[2] === '--version' || argv[2] === '-V') {
    process.stdout.write(`${version}\n`);
    return;
  }
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      if (isInformational(error)) process.exit(0);
      if (jsonRequested) fail(usageError(error), true);
      process.exit(2);
    }
    fail(error, jsonRequested);
  }
}

/** Gives every leaf command --json and --data-dir, so they may follow the command's name. */
function addCommonOptions(command: Command): void {
  for (const sub of command.commands) {
    if (sub.commands.length > 0) {
      addCommonOptions(sub);
      continue;
    }
    if (!sub.options.some((option) => option.long === '--json')) sub.option('--json', 'machine-readable output');
    sub.option('--data-dir <dir>', 'embedded database directory (default ./.openler, or OPENLER_DATA_DIR)');
  }
}

/** The database the options and the environment name. */
function storageOf(options: GlobalOptions) {
  return { databaseUrl: process.env.DATABASE_URL, dataDir: resolve(options.dataDir) };
}

async function openContextFor(options: GlobalOptions, extra: { watchIntervalMs?: number; publicUrl?: string } = {}): Promise<Context> {
  return openContext({ ...storageOf(options), ...extra });
}

async function withContext<T>(options: GlobalOptions, work: (context: Context) => Promise<T>): Promise<T> {
  const context = await openContextFor(options);
  try {
    return await work(context);
  } finally {
    await context.close();
  }
}

function skillsCommands(program: Command, globals: () => GlobalOptions): void {
  const skills = program.command('skills').description('search, read, import and export skills libraries');
  const release = (command: Command) => command.option('--library <id>', 'library (default: the default library)').option('--version <version>', 'release (default: latest)').option('--json', 'machine-readable output');

  release(skills.command('search').argument('[query...]', 'words to search for').description('search skills'))
    .addOption(new Option('--type <type>', 'only this type').choices(['specialized', 'common', 'certification']))
    .option('--category <category>', 'only this category')
    .option('--limit <n>', 'results per page', '20')
    .option('--offset <n>', 'results to skip', '0')
    .action(async (words: string[], options: { library?: string; version?: string; type?: SkillType; category?: string; limit: string; offset: string }) => {
      const limit = positiveInteger(options.limit, 'limit', 1000);
      const offset = positiveInteger(options.offset, 'offset', 1_000_000, 0);
      await withContext(globals(), async (context) => {
        const result = await context.catalog.search({ library: options.library, version: options.version }, { q: words.join(' '), type: options.type, category: options.category, limit, offset }, operator);
        const payload = { library: result.release.library.id, version: result.release.version.version, total: result.total, data: result.hits.map((hit) => ({ ...hit.skill, score: hit.score, matched: hit.matched })) };
        emit(globals().json, payload, () =>
          `${table(result.hits.map((hit) => [hit.skill.id, hit.skill.name, hit.skill.type, hit.skill.category]), ['ID', 'NAME', 'TYPE', 'CATEGORY'])}\n${result.total} match${result.total === 1 ? '' : 'es'} in ${payload.library} ${payload.version}`);
      });
    });

  release(skills.command('get').argument('<id>', 'skill ID').description('show one skill')).action(async (id: string, options: { library?: string; version?: string }) => {
    await withContext(globals(), async (context) => {
      const answer = await context.catalog.getSkill(id, options, operator);
      const s = answer.skill;
      emit(globals().json, answer, () => [
        `${s.name} [${s.id}]${answer.redirectedFrom ? `  (merged from ${answer.redirectedFrom})` : ''}`,
        `type: ${s.type}${s.isSoftware ? ', software' : ''}${s.isLanguage ? ', language' : ''}`,
        `category: ${s.category}${s.subcategory ? ` > ${s.subcategory}` : ''}`,
        s.aliases.length ? `aliases: ${s.aliases.join(', ')}` : '',
        s.description,
        `${answer.library} ${answer.version}`,
      ].filter(Boolean).join('\n'));
    });
  });

  skills.command('libraries').description('list libraries').option('--json', 'machine-readable output').action(async () => {
    await withContext(globals(), async (context) => {
      const libraries = context.catalog.listLibraries(operator);
      emit(globals().json, libraries, () => table(libraries.map((l) => [l.id, l.name, l.latestVersion ?? '-', l.isDefault ? 'default' : '']), ['ID', 'NAME', 'LATEST', '']));
    });
  });

  skills.command('versions').argument('<library>').description("list a library's releases").option('--json', 'machine-readable output').action(async (library: string) => {
    await withContext(globals(), async (context) => {
      const versions = context.catalog.listVersions(library, operator);
      emit(globals().json, versions, () => table(versions.map((v) => [v.version, v.releasedAt, String(v.skillCount)]), ['VERSION', 'RELEASED', 'SKILLS']));
    });
  });

  skills.command('changes').argument('<library>').argument('<version>').option('--since <version>', 'compare with this release instead of the previous one').option('--json', 'machine-readable output')
    .description('what a release changed').action(async (library: string, releaseVersion: string, options: { since?: string }) => {
      await withContext(globals(), async (context) => {
        const changes = await context.catalog.changes({ library, version: releaseVersion }, operator, options.since);
        emit(globals().json, changes, () => `${library} ${changes.from ?? '(none)'} -> ${changes.to}: ${changes.additions.length} added, ${changes.removals.length} removed, ${changes.renames.length} renamed, ${changes.consolidations.length} consolidated, ${changes.updates.length} updated`);
      });
    });

  skills.command('import')
    .argument('<format>', 'esco | onet | csv | json')
    .argument('<paths...>', 'files, zips or directories to read')
    .description('import a library release (idempotent: the same release again changes nothing)')
    .option('--library <id>', 'library ID (default: esco, onet, or the file name)')
    .option('--version <version>', 'release version (default: from the files)')
    .option('--name <name>', 'library name')
    .option('--org <org>', 'owning organization (slug); the library is then private to it')
    .option('--json', 'machine-readable output')
    .action(async (format: string, paths: string[], options: { library?: string; version?: string; name?: string; org?: string }) => {
      const json = globals().json;
      await withContext(globals(), async (context) => {
        const started = Date.now();
        const owner = options.org ? await context.orgs.get(options.org) : undefined;
        const visibility = owner ? 'private' : 'public';
        const orgId = owner?.id ?? 'org_openler';
        let library: LibraryDefinition;
        let releaseVersion: string;
        let content: ReleaseContent;
        let counts: Record<string, number> = {};
        switch (format) {
          case 'esco': {
            const result = readEsco(paths, (message) => !json && step(message));
            library = { id: options.library ?? 'esco', orgId, name: options.name ?? 'ESCO', description: 'European Skills, Competences, Qualifications and Occupations classification (European Commission).', license: 'ESCO reuse with acknowledgement (Commission Decision 2011/833/EU)', source: 'ESCO', url: 'http://data.europa.eu/esco', visibility };
            releaseVersion = options.version ?? result.version;
            content = result.content;
            counts = result.counts;
            break;
          }
          case 'onet': {
            const result = readOnetTechnologySkills(paths);
            library = { id: options.library ?? 'onet', orgId, name: options.name ?? 'O*NET Technology Skills', description: 'Technologies used in O*NET occupations (US Department of Labor).', license: 'CC-BY-4.0', source: 'O*NET', visibility };
            releaseVersion = options.version ?? 'unversioned';
            content = result.content;
            counts = result.counts;
            break;
          }
          case 'csv':
          case 'json': {
            if (paths.length !== 1) throw new OpenlerError('validation_failed', `${format} import reads exactly one file`, { field: 'paths' });
            const path = paths[0] as string;
            const text = readText(path);
            const id = options.library ?? basename(path).replace(/\.[^.]+$/, '').toLowerCase().replace(/[^a-z0-9._-]+/g, '-');
            const parsed = format === 'csv' ? { content: readSkillsCsv(text, id) } : readSkillsJson(text, id);
            library = { id, orgId, name: options.name ?? id, source: id, visibility };
            const fileVersion = 'version' in parsed ? parsed.version : undefined;
            const chosen = options.version ?? fileVersion;
            if (!chosen) throw new OpenlerError('validation_failed', '--version is required for this file', { field: 'version' });
            releaseVersion = chosen;
            content = parsed.content;
            counts = { skills: content.skills.length, merges: content.merges.length };
            break;
          }
          default:
            throw new OpenlerError('validation_failed', `unknown import format ${format}; formats: esco, onet, csv, json`, { field: 'format' });
        }
        if (!json) step(`writing ${library.id} ${releaseVersion}: ${content.skills.length} skills, ${content.relations.length} relations`);
        const result = await context.catalog.publish({ library, version: releaseVersion, content, ...(json ? {} : { onProgress: progressReporter('rows') }) });
        const seconds = (Date.now() - started) / 1000;
        emit(json, { ...result, source: counts, seconds }, () =>
          result.status === 'unchanged'
            ? `${library.id} ${releaseVersion} is already imported with this content: nothing changed (${result.skills} skills)`
            : `imported ${library.id} ${releaseVersion}: ${result.skills} skills (${result.added} new, ${result.changed} changed, ${result.removed} removed), ${result.relations} relations, ${Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(', ')} in ${seconds.toFixed(1)} s`);
      });
    });

  release(skills.command('export').description('export a library release'))
    .addOption(new Option('--format <format>', 'output format').choices([...exportFormats]).default('json'))
    .option('--out <file>', 'write to this file instead of standard output')
    .option('--base-url <url>', 'public URL of this openler, for skill links (default: OPENLER_PUBLIC_URL, else the one this openler remembers)')
    .action(async (options: { library?: string; version?: string; format: ExportFormat; out?: string; baseUrl?: string }) => {
      await withContext(globals(), async (context) => {
        const { release: resolved, index } = await context.catalog.skillsOf(options, operator);
        const body = exportRelease(options.format, {
          library: resolved.library,
          version: context.catalog.describeRelease(resolved),
          skills: index.skills,
          relations: await context.catalog.relationsOf(resolved),
          baseUrl: (options.baseUrl ?? context.credentials.publicUrl).replace(/\/+$/, ''),
        });
        if (options.out) {
          writeFileSync(options.out, body);
          emit(globals().json, { file: options.out, format: options.format, skills: index.size }, () => `wrote ${index.size} skills of ${resolved.library.id} ${resolved.version.version} to ${options.out} (${options.format})`);
        } else {
          process.stdout.write(body);
        }
      });
    });
}

function orgCommands(program: Command, globals: () => GlobalOptions): void {
  const org = program.command('org').description('organizations and their users');
  org.command('create').argument('<slug>', 'short name, e.g. state-college')
    .requiredOption('--name <name>', 'display name')
    .addOption(new Option('--kind <kind>', 'kind of organization').choices(['institution', 'employer', 'other']).default('institution'))
    .option('--json', 'machine-readable output')
    .description('create an organization')
    .action(async (slug: string, options: { name: string; kind: OrganizationKind }) => {
      await withContext(globals(), async (context) => {
        const created = await context.orgs.create({ slug, name: options.name, kind: options.kind });
        emit(globals().json, created, () => `created ${created.kind} ${created.slug} (${created.id})`);
      });
    });
  org.command('list').option('--json', 'machine-readable output').description('list organizations').action(async () => {
    await withContext(globals(), async (context) => {
      const list = await context.orgs.list();
      emit(globals().json, list, () => table(list.map((o) => [o.slug, o.name, o.kind, o.id]), ['SLUG', 'NAME', 'KIND', 'ID']));
    });
  });
  org.command('show').argument('<org>', 'slug or ID').option('--json', 'machine-readable output').description('show an organization').action(async (ref: string) => {
    await withContext(globals(), async (context) => {
      const found = await context.orgs.get(ref);
      emit(globals().json, found, () => `${found.name} (${found.slug}, ${found.kind}) ${found.id}`);
    });
  });
  const user = org.command('user').description("an organization's users");
  user.command('add').argument('<org>').argument('<email>')
    .addOption(new Option('--role <role>', 'role').choices(['owner', 'admin', 'member', 'viewer']).default('member'))
    .option('--name <name>', 'display name')
    .option('--json', 'machine-readable output')
    .description('add a user, or change their role')
    .action(async (ref: string, email: string, options: { role: UserRole; name?: string }) => {
      await withContext(globals(), async (context) => {
        const added = await context.orgs.addUser(ref, { email, role: options.role, ...(options.name ? { name: options.name } : {}) });
        emit(globals().json, added, () => `${added.email} is ${added.role} of ${ref}`);
      });
    });
  user.command('list').argument('<org>').option('--json', 'machine-readable output').description('list users').action(async (ref: string) => {
    await withContext(globals(), async (context) => {
      const users = await context.orgs.listUsers(ref);
      emit(globals().json, users, () => table(users.map((u) => [u.email, u.role, u.name]), ['EMAIL', 'ROLE', 'NAME']));
    });
  });

  const apikey = program.command('apikey').description('API keys: stored hashed, scoped, revocable');
  apikey.command('create').argument('<org>', 'organization slug or ID')
    .option('--name <name>', 'what the key is for', 'cli')
    .addOption(new Option('--scope <scope...>', 'scopes').choices([...apiKeyScopes]).default(['skills:read']))
    .option('--json', 'machine-readable output')
    .description('create a key; its secret is printed once')
    .action(async (ref: string, options: { name: string; scope: string[] }) => {
      await withContext(globals(), async (context) => {
        const { key, secret } = await context.orgs.createKey(ref, { name: options.name, scopes: options.scope });
        emit(globals().json, { ...key, secret }, () => `${secret}\n(key ${key.id}, scopes ${key.scopes.join(' ')}; store the secret now: it is not shown again)`);
      });
    });
  apikey.command('list').argument('<org>').option('--json', 'machine-readable output').description("list an organization's keys").action(async (ref: string) => {
    await withContext(globals(), async (context) => {
      const keys = await context.orgs.listKeys(ref);
      emit(globals().json, keys, () => table(keys.map((k) => [k.id, k.name, k.scopes.join(' '), k.revokedAt ? `revoked ${k.revokedAt}` : 'active']), ['ID', 'NAME', 'SCOPES', 'STATUS']));
    });
  });
  apikey.command('revoke').argument('<key-id>').option('--json', 'machine-readable output').description('revoke a key at once').action(async (id: string) => {
    await withContext(globals(), async (context) => {
      const key = await context.orgs.revokeKey(id);
      emit(globals().json, key, () => `revoked key ${key.id} (${key.name})`);
    });
  });
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new OpenlerError('not_found', `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { field: 'path' });
  }
}

function positiveInteger(value: string, name: string, max: number, min = 1): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < min || number > max) throw new OpenlerError('validation_failed', `--${name} must be a whole number from ${min} to ${max}`, { field: name });
  return number;
}
