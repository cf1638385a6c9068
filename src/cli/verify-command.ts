import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { OpenlerError } from '../common/errors.js';
import { readTrustStore } from '../credentials/verification.js';
import type { Verifiers } from '../credentials/verifiers.js';
import type { VerificationReport } from '../credentials/verify/verify-credential.js';
import { emit } from './output.js';

/** Runs work with the verifiers: the database's when there is one, none opened or made when there is not. */
type WithVerifiers = <T>(work: (verifiers: Verifiers) => Promise<T>) => Promise<T>;

/**
 * `openler verify FILE`: exit 0 when every check passes, 1 when any fails,
 * 2 when the file is not a usable credential: unreadable, not JSON or a JWT,
 * or JSON that is not recognizable as a credential at all (the report is
 * still printed then, its structure check saying why).
 */
export function verifyCommand(program: Command, withVerifiers: WithVerifiers, jsonOutput: () => boolean): void {
  program.command('verify')
    .argument('<file>', 'a credential: JSON, a JWT, or a baked PNG or SVG badge')
    .option('--allow-remote', 'fetch issuer documents and status lists over the network when they are not known locally')
    .option('--trust-store <path>', 'a directory of trusted issuer documents and status lists (JSON), or one JSON file')
    .option('--json', 'machine-readable output')
    .description('verify a credential: structure, proof, issuer key, validity window and status, each with a reason')
    .action(async (file: string, options: { allowRemote?: boolean; trustStore?: string }) => {
      let bytes: Uint8Array;
      try {
        bytes = readFileSync(file);
      } catch (error) {
        throw new OpenlerError('bad_request', `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { field: 'file' });
      }
      const report = await withVerifiers(async (verifiers) => {
        // A trust store given here is added to the configured one; remote fetching is the user's call on the command line.
        const verification = options.trustStore || options.allowRemote
          ? verifiers.verificationWith({ ...(options.trustStore ? { trustStore: readTrustStore(options.trustStore) } : {}), allowRemote: options.allowRemote === true })
          : verifiers.verification;
        return verification.verify(bytes);
      });
      emit(jsonOutput(), report, () => describe(report, file));
      if (!report.verified) process.exitCode = isRecognizable(report) ? 1 : 2;
    });
}

/** The structure check names no kind when the input is no credential of any kind openler knows. */
function isRecognizable(report: VerificationReport): boolean {
  return report.kind !== undefined;
}

function describe(report: VerificationReport, file: string): string {
  const what = [report.kind, report.id ? report.id : undefined, report.issuer ? `issued by ${report.issuer}` : undefined].filter(Boolean).join(' ');
  const verdict = report.verified ? 'verified' : isRecognizable(report) ? 'NOT verified' : 'NOT a credential';
  const lines = [`${verdict}: ${file}${what ? ` (${what})` : ''}`];
  for (const check of report.checks) {
    lines.push(`  ${check.status.padEnd(7)} ${check.check.padEnd(9)} ${check.path && check.path !== '$' ? `${check.path} ` : ''}${check.reason ?? ''}`.trimEnd());
  }
  return lines.join('\n');
}
