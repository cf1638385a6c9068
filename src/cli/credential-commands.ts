import { readFileSync, writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import type { Context } from '../context.js';
import { OpenlerError } from '../common/errors.js';
import type { IssuedCredential } from '../credentials/issuance/model.js';
import { associationTypes } from '../credentials/model/association.js';
import { issueRoster } from '../credentials/issuance/roster.js';
import type { IdentifierKind, ProofFormat } from '../credentials/issuers/model.js';
import { emit, progressReporter, table } from './output.js';
import { bakedFormatFor } from './baked-format.js';
import { dateTimeOption, didOption, emailOption, nonNegativeNumberOption } from './option-values.js';

type WithContext = <T>(work: (context: Context) => Promise<T>) => Promise<T>;

const proofs = ['eddsa-rdfc-2022', 'jwt-eddsa', 'jwt-rs256'];
const json = '--json';

/** `openler issuer|achievement|credential ...`: issuing from the command line, acting for one organization (--org). */
export function credentialCommands(program: Command, withContext: WithContext, jsonOutput: () => boolean): void {
  const orgOf = async (context: Context, ref: string) => (await context.orgs.get(ref)).id;

  const issuer = program.command('issuer').description('issuers: an organization\'s issuing identity and keys');
  issuer.command('create')
    .requiredOption('--org <org>', 'organization slug or ID')
    .requiredOption('--name <name>', 'the issuer\'s name, as credentials show it')
    .option('--url <url>', 'its home page')
    .option('--email <email>', 'its contact email')
    .option('--image <url>', 'its logo')
    .option('--description <text>', 'a description')
    .addOption(new Option('--identifier <kind>', 'how credentials identify it').choices(['https', 'did:web', 'did:key']).default('https'))
    .addOption(new Option('--proof <format>', 'the proof it signs with by default').choices(proofs).default('eddsa-rdfc-2022'))
    .option(json, 'machine-readable output')
    .description('create an issuer with new Ed25519 and RSA keys (sealed under the master key)')
    .action(async (options: { org: string; name: string; url?: string; email?: string; image?: string; description?: string; identifier: IdentifierKind; proof: ProofFormat }) => {
      if (options.email !== undefined) emailOption(options.email, 'email');
      await withContext(async (context) => {
        const created = await context.credentials.issuers.create(await orgOf(context, options.org), {
          name: options.name,
          identifier: options.identifier,
          proof: options.proof,
          ...(options.url ? { url: options.url } : {}),
          ...(options.email ? { email: options.email } : {}),
          ...(options.image ? { image: options.image } : {}),
          ...(options.description ? { description: options.description } : {}),
        });
        emit(jsonOutput(), created, () => `created issuer ${created.id}: ${created.name}\nidentifier ${created.issuerId}`);
      });
    });
  issuer.command('list').requiredOption('--org <org>', 'organization slug or ID').option(json, 'machine-readable output').description("list an organization's issuers")
    .action(async (options: { org: string }) => {
      await withContext(async (context) => {
        const list = await context.credentials.issuers.list(await orgOf(context, options.org));
        emit(jsonOutput(), list, () => table(list.map((entry) => [entry.id, entry.name, entry.proof, entry.issuerId]), ['ID', 'NAME', 'PROOF', 'IDENTIFIER']));
      });
    });
  issuer.command('show').argument('<issuer>', 'issuer ID (iss_...)').requiredOption('--org <org>', 'organization slug or ID').option(json, 'machine-readable output').description('show an issuer and its keys')
    .action(async (id: string, options: { org: string }) => {
      await withContext(async (context) => {
        const found = await context.credentials.issuers.get(await orgOf(context, options.org), id);
        emit(jsonOutput(), found, () => `${found.name} (${found.id})\nidentifier ${found.issuerId}\n${table(found.keys.map((key) => [key.algorithm, key.retiredAt ? `retired ${key.retiredAt}` : 'current', key.verificationMethod]), ['ALGORITHM', 'STATUS', 'VERIFICATION METHOD'])}`);
      });
    });
  issuer.command('rotate-keys').argument('<issuer>', 'issuer ID').requiredOption('--org <org>', 'organization slug or ID').option(json, 'machine-readable output')
    .description('new signing keys; the old ones stay listed so earlier credentials still verify')
    .action(async (id: string, options: { org: string }) => {
      await withContext(async (context) => {
        const rotated = await context.credentials.issuers.rotateKeys(await orgOf(context, options.org), id);
        emit(jsonOutput(), rotated, () => `rotated the keys of ${rotated.id}; ${rotated.keys.filter((key) => key.retiredAt === null).length} current, ${rotated.keys.filter((key) => key.retiredAt !== null).length} retired`);
      });
    });

  const achievement = program.command('achievement').description('achievements: what issuers award, aligned to skills');
  achievement.command('create')
    .requiredOption('--org <org>', 'organization slug or ID')
    .requiredOption('--issuer <issuer>', 'issuer ID (iss_...)')
    .requiredOption('--name <name>', 'its name')
    .requiredOption('--description <text>', 'what it is')
    .option('--criteria <text>', 'what a learner does to earn it')
    .option('--criteria-url <url>', 'a page stating the criteria')
    .option('--type <achievementType>', 'Badge, Course, Degree, Certificate, Competency, ...', 'Badge')
    .option('--credits <number>', 'credits available')
    .option('--field-of-study <text>', 'field of study')
    .option('--image <url>', 'an image')
    .option('--skill <id...>', 'skills it evidences (IDs in --library)')
    .option('--library <library>', 'the library of --skill (default: openler)')
    .option(json, 'machine-readable output')
    .description('create an achievement aligned to skills')
    .action(async (options: { org: string; issuer: string; name: string; description: string; criteria?: string; criteriaUrl?: string; type: string; credits?: string; fieldOfStudy?: string; image?: string; skill?: string[]; library?: string }) => {
      const credits = options.credits === undefined ? undefined : nonNegativeNumberOption(options.credits, 'credits');
      await withContext(async (context) => {
        const created = await context.credentials.achievements.create(await orgOf(context, options.org), {
          issuer: options.issuer,
          name: options.name,
          description: options.description,
          achievementType: options.type,
          criteria: { ...(options.criteria ? { narrative: options.criteria } : {}), ...(options.criteriaUrl ? { id: options.criteriaUrl } : {}) },
          ...(credits !== undefined ? { creditsAvailable: credits } : {}),
          ...(options.fieldOfStudy ? { fieldOfStudy: options.fieldOfStudy } : {}),
          ...(options.image ? { image: options.image } : {}),
          skills: (options.skill ?? []).map((id) => ({ id, ...(options.library ? { library: options.library } : {}) })),
        });
        const aligned = (created.achievement.alignment as Array<{ targetName: string }> | undefined) ?? [];
        emit(jsonOutput(), created, () => `created achievement ${created.id}: ${String(created.achievement.name)}${aligned.length ? `\naligned to ${aligned.map((entry) => entry.targetName).join(', ')}` : ''}`);
      });
    });
  achievement.command('list').requiredOption('--org <org>', 'organization slug or ID').option('--issuer <issuer>', 'only this issuer\'s').option(json, 'machine-readable output').description("list an organization's achievements")
    .action(async (options: { org: string; issuer?: string }) => {
      await withContext(async (context) => {
        const list = await context.credentials.achievements.list(await orgOf(context, options.org), options.issuer);
        emit(jsonOutput(), list, () => table(list.map((entry) => [entry.id, String(entry.achievement.name), String(entry.achievement.achievementType), entry.issuer]), ['ID', 'NAME', 'TYPE', 'ISSUER']));
      });
    });

  const credential = program.command('credential').description('issue, show, revoke, suspend and reinstate credentials');
  credential.command('issue')
    .requiredOption('--org <org>', 'organization slug or ID')
    .requiredOption('--achievement <achievement>', 'achievement ID (ach_...)')
    .option('--did <did>', "the learner's DID")
    .option('--email <email>', "the learner's email (written only as a salted hash)")
    .option('--name <name>', "the learner's name (kept by openler, not written)")
    .option('--external-id <id>', 'your ID for this award: issuing it again returns the first credential')
    .option('--roster <file.csv>', 'issue one credential per row: external_id, email and/or did, name, narrative')
    .addOption(new Option('--proof <format>', 'the proof to sign with (default: the issuer\'s)').choices(proofs))
    .option('--valid-until <date-time>', 'when the credential expires')
    .option('--out <file>', 'write the signed credential (JSON, or the JWT) to a file')
    .option(json, 'machine-readable output')
    .description('issue an Open Badges 3.0 credential, or a roster of them')
    .action(async (options: { org: string; achievement: string; did?: string; email?: string; name?: string; externalId?: string; roster?: string; proof?: ProofFormat; validUntil?: string; out?: string }) => {
      if (options.email !== undefined) emailOption(options.email, 'email');
      if (options.did !== undefined) didOption(options.did, 'did');
      const validUntil = options.validUntil === undefined ? undefined : futureDateTime(options.validUntil, 'valid-until');
      await withContext(async (context) => {
        const orgId = await orgOf(context, options.org);
        if (options.roster !== undefined) {
          if (options.did || options.email || options.externalId) throw new OpenlerError('bad_request', '--roster takes the recipients from the file: leave out --did, --email and --external-id', { field: 'roster' });
          const csv = readFile(options.roster);
          const report = await issueRoster(context.db, context.credentials.issuance, orgId, csv, {
            achievement: options.achievement,
            ...(options.proof ? { proof: options.proof } : {}),
            onProgress: jsonOutput() ? undefined : progressReporter('issuing'),
          });
          emit(jsonOutput(), report, () => {
            const failed = report.results.filter((result) => result.outcome === 'failed');
            const lines = [`issued ${report.issued}, skipped ${report.skipped} (already issued), failed ${report.failed} of ${report.rows} rows (run ${report.run})`];
            for (const result of failed) lines.push(`  row ${result.row} ${result.externalId || '(no external_id)'}: ${result.reason ?? ''}`);
            for (const result of report.results) if (result.claimUrl) lines.push(`  ${result.externalId}: ${result.claimUrl}`);
            return lines.join('\n');
          });
          if (report.failed > 0) process.exitCode = 1;
          return;
        }
        const issued = await context.credentials.issuance.issue(orgId, {
          achievement: options.achievement,
          recipient: { ...(options.did ? { did: options.did } : {}), ...(options.email ? { email: options.email } : {}), ...(options.name ? { name: options.name } : {}) },
          ...(options.externalId ? { externalId: options.externalId } : {}),
          ...(options.proof ? { proof: options.proof } : {}),
          ...(validUntil !== undefined ? { validUntil } : {}),
        });
        if (options.out) writeCredential(options.out, issued);
        emit(jsonOutput(), issued, () => `${issued.created ? 'issued' : 'already issued'} ${issued.id} (${issued.proof})${issued.claimUrl ? `\nclaim link (shown once): ${issued.claimUrl}` : ''}${options.out ? `\nwritten to ${options.out}` : ''}`);
      });
    });
  credential.command('show').argument('<credential>', 'credential ID (urn:uuid:...)').requiredOption('--org <org>', 'organization slug or ID').option(json, 'machine-readable output').description('show a credential and its status')
    .action(async (id: string, options: { org: string }) => {
      await withContext(async (context) => {
        const found = await context.credentials.issuance.get(await orgOf(context, options.org), id);
        emit(jsonOutput(), found, () => `${found.id}: ${found.status}${found.statusReason ? ` (${found.statusReason})` : ''}, issued ${found.issuedAt}, ${found.proof}`);
      });
    });
  credential.command('clr')
    .requiredOption('--org <org>', 'organization slug or ID')
    .requiredOption('--issuer <issuer>', 'the issuer that signs the CLR (iss_...)')
    .requiredOption('--credential <id...>', 'the Open Badges credentials to bundle')
    .option('--did <did>', "the learner's DID")
    .option('--email <email>', "the learner's email (written only as a salted hash)")
    .option('--name <name>', 'the CLR\'s name')
    .option('--association <type:source:target...>', 'how achievements relate, e.g. isPartOf:ach_course:ach_program')
    .addOption(new Option('--proof <format>', 'the proof to sign with (default: the issuer\'s)').choices(proofs))
    .option('--out <file>', 'write the signed CLR to a file')
    .option(json, 'machine-readable output')
    .description('issue a Comprehensive Learner Record (CLR 2.0) bundling a learner\'s credentials')
    .action(async (options: { org: string; issuer: string; credential: string[]; did?: string; email?: string; name?: string; association?: string[]; proof?: ProofFormat; out?: string }) => {
      if (options.email !== undefined) emailOption(options.email, 'email');
      if (options.did !== undefined) didOption(options.did, 'did');
      const associations = (options.association ?? []).map((text) => {
        const [associationType, source, target] = text.split(':');
        const known = associationTypes.find((name) => name === associationType);
        if (known === undefined || !source || !target) {
          throw new OpenlerError('validation_failed', `--association ${text} is not type:source:target with a type among ${associationTypes.join(', ')}`, { field: 'association' });
        }
        return { associationType: known, source, target };
      });
      await withContext(async (context) => {
        const issued = await context.credentials.issuance.issueClr(await orgOf(context, options.org), {
          issuer: options.issuer,
          recipient: { ...(options.did ? { did: options.did } : {}), ...(options.email ? { email: options.email } : {}) },
          credentials: options.credential,
          ...(options.name ? { name: options.name } : {}),
          ...(associations.length ? { associations } : {}),
          ...(options.proof ? { proof: options.proof } : {}),
        });
        if (options.out) writeCredential(options.out, issued);
        emit(jsonOutput(), issued, () => `issued CLR ${issued.id} bundling ${options.credential.length} credentials${options.out ? `\nwritten to ${options.out}` : ''}`);
      });
    });
  credential.command('bake')
    .argument('<credential>', 'credential ID (urn:uuid:...)')
    .requiredOption('--org <org>', 'organization slug or ID')
    .requiredOption('--out <file>', 'where to write the baked badge: a .png (needs a PNG --image) or an .svg file')
    .option('--image <file>', 'a PNG or SVG badge to bake into (default: an SVG openler draws)')
    .option(json, 'machine-readable output')
    .description('bake a credential into a PNG or SVG badge image')
    .action(async (id: string, options: { org: string; out: string; image?: string }) => {
      const image = options.image === undefined ? undefined : readBytes(options.image);
      const format = bakedFormatFor(options.out, image === undefined ? undefined : { path: options.image ?? '', bytes: image });
      await withContext(async (context) => {
        const baked = await context.credentials.issuance.bake(await orgOf(context, options.org), id, image);
        if (baked.contentType !== format.contentType) throw new OpenlerError('internal', `openler baked ${baked.contentType}, not the ${format.contentType} ${options.out} asks for; nothing was written`);
        writeFileSync(options.out, baked.bytes);
        emit(jsonOutput(), { credential: id, out: options.out, contentType: baked.contentType, bytes: baked.bytes.length }, () => `baked ${id} into ${options.out} (${baked.contentType}, ${baked.bytes.length} bytes)`);
      });
    });
  for (const action of ['revoke', 'suspend', 'reinstate'] as const) {
    credential.command(action).argument('<credential>', 'credential ID (urn:uuid:...)').requiredOption('--org <org>', 'organization slug or ID').option('--reason <text>', 'why (kept by openler)').option(json, 'machine-readable output')
      .description(action === 'revoke' ? 'revoke a credential for good' : action === 'suspend' ? 'suspend a credential' : 'reinstate a suspended credential')
      .action(async (id: string, options: { org: string; reason?: string }) => {
        await withContext(async (context) => {
          const updated = await context.credentials.issuance.setStatus(await orgOf(context, options.org), id, action, options.reason);
          emit(jsonOutput(), updated, () => `${updated.id} is ${updated.status}`);
        });
      });
  }
}

/** --valid-until: a date or date-time (see dateTimeOption) still to come. */
function futureDateTime(value: string, option: string): string {
  const moment = dateTimeOption(value, option);
  if (Date.parse(moment) <= Date.now()) throw new OpenlerError('validation_failed', `--${option} ${value} is not in the future`, { field: option });
  return moment;
}

function readFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new OpenlerError('not_found', `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { field: 'path' });
  }
}

function readBytes(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new OpenlerError('not_found', `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { field: 'image' });
  }
}

function writeCredential(path: string, issued: IssuedCredential): void {
  writeFileSync(path, typeof issued.credential === 'string' ? `${issued.credential}\n` : `${JSON.stringify(issued.credential, null, 2)}\n`);
}
