import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sharedPath } from './shared-data.js';

/** The openler command as a user runs it, on its own data directory (and the test server's database when CI gives one). */
function openler(dataDir: string, args: string[], extraEnv: Record<string, string> = {}) {
  // No OPENLER_MASTER_KEY: the key file in the data directory is used, as on a fresh install.
  const env = { ...process.env };
  delete env.OPENLER_MASTER_KEY;
  const result = spawnSync(process.execPath, ['bin/openler.js', '--data-dir', dataDir, ...args], {
    encoding: 'utf8',
    env: { ...env, DATABASE_URL: process.env.OPENLER_CLI_DATABASE_URL ?? '', ...extraEnv },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The one JSON line a failing command writes on stderr with --json. */
function jsonError(stderr: string): { code: string; message: string; field?: string } {
  const lines = stderr.trim().split('\n');
  assert.equal(lines.length, 1, stderr);
  return (JSON.parse(lines[0] ?? '') as { error: { code: string; message: string; field?: string } }).error;
}

describe('openler issuer / achievement / credential', () => {
  let dir: string;
  let dataDir: string;
  const org = `college-${randomBytes(4).toString('hex')}`;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'openler-credentials-cli-'));
    dataDir = join(dir, 'data');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('creates an issuer and an aligned achievement, issues one credential and a roster, and revokes', () => {
    const env = (args: string[]) => {
      const result = openler(dataDir, args);
      assert.equal(result.code, 0, result.stderr);
      return JSON.parse(result.stdout) as Record<string, unknown>;
    };
    env(['--json', 'org', 'create', org, '--name', 'State College']);
    const issuer = env(['--json', 'issuer', 'create', '--org', org, '--name', 'State College Registrar', '--identifier', 'did:web']);
    assert.match(String(issuer.issuerId), /^did:web:/);
    // The master key file is created on first use, readable by its owner only.
    assert.equal(statSync(join(dataDir, 'master.key')).mode & 0o777, 0o600);
    const skill = (env(['--json', 'skills', 'search', 'welding', '--limit', '1']).data as Array<{ id: string; name: string }>)[0];
    assert.ok(skill);
    const achievement = env(['--json', 'achievement', 'create', '--org', org, '--issuer', String(issuer.id), '--name', 'Welding I', '--description', 'Shielded metal arc welding.', '--criteria', 'Pass the bend test.', '--type', 'Certificate', '--skill', skill.id]);
    const aligned = (achievement.achievement as { alignment: Array<{ targetCode: string }> }).alignment;
    assert.equal(aligned[0]?.targetCode, skill.id);

    const out = join(dir, 'credential.jwt');
    const issued = env(['--json', 'credential', 'issue', '--org', org, '--achievement', String(achievement.id), '--email', 'ana@example.edu', '--proof', 'jwt-eddsa', '--out', out]);
    assert.equal(issued.created, true);
    assert.equal(readFileSync(out, 'utf8').trim(), issued.credential);

    // The baked badge's format follows the extension of --out.
    const bake = (file: string, ...more: string[]) => openler(dataDir, ['credential', 'bake', String(issued.id), '--org', org, '--out', join(dir, file), ...more]);
    const pngWithoutImage = bake('badge.png');
    assert.equal(pngWithoutImage.code, 2);
    assert.match(pngWithoutImage.stderr, /^openler: .*--image.*\.svg/);
    assert.equal(pngWithoutImage.stderr.trim().split('\n').length, 1);
    assert.equal(bake('badge.gif').code, 2);
    assert.throws(() => statSync(join(dir, 'badge.png')), 'nothing is written');
    assert.throws(() => statSync(join(dir, 'badge.gif')), 'nothing is written');
    assert.equal(bake('badge.svg').code, 0);
    assert.match(readFileSync(join(dir, 'badge.svg'), 'utf8'), /^<svg/);
    const png = bake('badge.png', '--image', sharedPath('fixtures', 'ob30', 'simple-json.png'));
    assert.equal(png.code, 0, png.stderr);
    assert.deepEqual([...readFileSync(join(dir, 'badge.png')).subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);

    const roster = join(dir, 'roster.csv');
    writeFileSync(roster, 'external_id,email,did\nr1,ben@example.edu,\nr2,,\nr3,,did:example:cy\n');
    const first = openler(dataDir, ['--json', 'credential', 'issue', '--org', org, '--achievement', String(achievement.id), '--roster', roster]);
    assert.equal(first.code, 1, 'a roster with a failed row exits 1');
    const rosterReport = JSON.parse(first.stdout) as { issued: number; skipped: number; failed: number; results: Array<{ row: number; reason?: string }> };
    assert.deepEqual([rosterReport.issued, rosterReport.skipped, rosterReport.failed], [2, 0, 1]);
    assert.equal(rosterReport.results[1]?.row, 3);
    const second = JSON.parse(openler(dataDir, ['--json', 'credential', 'issue', '--org', org, '--achievement', String(achievement.id), '--roster', roster]).stdout) as { issued: number; skipped: number };
    assert.deepEqual([second.issued, second.skipped], [0, 2]);

    const verified = openler(dataDir, ['verify', out]);
    assert.equal(verified.code, 0, verified.stdout + verified.stderr);
    assert.match(verified.stdout, /^verified: /);

    const revoked = env(['--json', 'credential', 'revoke', String(issued.id), '--org', org, '--reason', 'issued in error']);
    const afterRevocation = openler(dataDir, ['--json', 'verify', out]);
    assert.equal(afterRevocation.code, 1, 'a failed check exits 1');
    const report = JSON.parse(afterRevocation.stdout) as { verified: boolean; checks: Array<{ check: string; status: string }> };
    assert.equal(report.checks.find((check) => check.check === 'status')?.status, 'failed');
    assert.equal(revoked.status, 'revoked');
    const again = openler(dataDir, ['credential', 'reinstate', String(issued.id), '--org', org]);
    assert.equal(again.code, 5);
    assert.equal(again.stderr.trim().split('\n').length, 1);
  });

  it('verifies with a trust store, and exits 2 on a file that is no credential', () => {
    // The fixture's issuer is not on the network: its controller document, built from the proof's key, is the trust store.
    const fixture = sharedPath('fixtures', 'ob30', 'simple.json');
    const credential = JSON.parse(readFileSync(fixture, 'utf8')) as { issuer: { id: string }; proof: Array<{ verificationMethod: string }> | { verificationMethod: string } };
    const method = (Array.isArray(credential.proof) ? credential.proof[0] : credential.proof)?.verificationMethod ?? '';
    const trust = join(dir, 'trust.json');
    writeFileSync(trust, JSON.stringify({
      '@context': ['https://www.w3.org/ns/cid/v1'], id: credential.issuer.id,
      verificationMethod: [{ id: method, type: 'Multikey', controller: credential.issuer.id, publicKeyMultibase: method.split('#')[1] }],
      assertionMethod: [method],
    }));
    assert.equal(openler(dataDir, ['verify', fixture]).code, 1, 'unknown issuer offline: the proof check fails');
    const trusted = openler(dataDir, ['verify', fixture, '--trust-store', trust]);
    assert.equal(trusted.code, 0, trusted.stdout + trusted.stderr);
    const garbage = join(dir, 'garbage.txt');
    writeFileSync(garbage, 'hello');
    const unusable = openler(dataDir, ['verify', garbage]);
    assert.equal(unusable.code, 2);
    assert.equal(unusable.stderr.trim().split('\n').length, 1);
    // JSON that is no credential at all is unusable input too; --json still gives the report saying why.
    const empty = join(dir, 'empty.json');
    writeFileSync(empty, '{}');
    const unrecognized = openler(dataDir, ['verify', empty, '--json']);
    assert.equal(unrecognized.code, 2);
    const report = JSON.parse(unrecognized.stdout) as { verified: boolean; kind?: string; checks: Array<{ check: string; status: string }> };
    assert.equal(report.verified, false);
    assert.equal(report.kind, undefined);
    assert.equal(report.checks.find((check) => check.check === 'structure')?.status, 'failed');
  });

  it('verifies without making a database where there is none, and answers as it does with one', () => {
    const fixture = sharedPath('fixtures', 'ob30', 'simple.json');
    const neverMade = join(dir, 'never-made');
    const noDatabase = { DATABASE_URL: '' };
    const withoutDatabase = openler(neverMade, ['--json', 'verify', fixture], noDatabase);
    assert.equal(withoutDatabase.code, 1, 'unknown issuer offline: the proof check fails');
    assert.equal(existsSync(neverMade), false, 'verifying made no data directory');
    // The data directory of the tests above holds a database (here, or on the server CI names).
    const withDatabase = openler(dataDir, ['--json', 'verify', fixture]);
    assert.equal(withDatabase.code, 1);
    assert.deepEqual(JSON.parse(withoutDatabase.stdout), JSON.parse(withDatabase.stdout));
    assert.equal(openler(neverMade, ['verify', fixture, '--trust-store', join(dir, 'trust.json')], noDatabase).code, 0, 'the trust store still answers');
    assert.equal(openler(neverMade, ['verify', join(dir, 'garbage.txt')], noDatabase).code, 2);
    assert.equal(existsSync(neverMade), false);
  });

  it('fails with one line and the error\'s exit code', () => {
    const missing = openler(dataDir, ['credential', 'issue', '--org', org, '--achievement', 'ach_nope', '--email', 'x@example.edu']);
    assert.equal(missing.code, 4);
    assert.match(missing.stderr, /^openler: No achievement ach_nope\n$/);
    const noRoster = openler(dataDir, ['credential', 'issue', '--org', org, '--achievement', 'ach_nope', '--roster', join(dir, 'absent.csv')]);
    assert.notEqual(noRoster.code, 0);
    assert.equal(noRoster.stderr.trim().split('\n').length, 1);
  });

  it('refuses bad option values by the option\'s name, exit 2', () => {
    const yesterday = openler(dataDir, ['--json', 'credential', 'issue', '--org', org, '--achievement', 'ach_nope', '--email', 'x@example.edu', '--valid-until', 'yesterday']);
    assert.equal(yesterday.code, 2);
    const dateError = jsonError(yesterday.stderr);
    assert.equal(dateError.code, 'validation_failed');
    assert.equal(dateError.field, 'valid-until');
    assert.match(dateError.message, /^--valid-until must be a date/);
    const past = openler(dataDir, ['credential', 'issue', '--org', org, '--achievement', 'ach_nope', '--email', 'x@example.edu', '--valid-until', '2020-01-31']);
    assert.equal(past.code, 2);
    assert.match(past.stderr, /^openler: --valid-until 2020-01-31 is not in the future\n$/);
    const email = openler(dataDir, ['credential', 'issue', '--org', org, '--achievement', 'ach_nope', '--email', 'notanemail']);
    assert.equal(email.code, 2);
    assert.match(email.stderr, /^openler: --email must be an email address, not notanemail\n$/);
    const credits = openler(dataDir, ['achievement', 'create', '--org', org, '--issuer', 'iss_nope', '--name', 'N', '--description', 'D', '--credits', '-3']);
    assert.equal(credits.code, 2);
    assert.match(credits.stderr, /^openler: --credits must be a non-negative number, not -3\n$/);
  });
});
