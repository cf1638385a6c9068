import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { migrations } from '../src/db/migrate.js';
import { join } from 'node:path';

/** The openler command as a user runs it, on its own embedded data directory (or the test server). */
function openler(dataDir: string, args: string[], env: Record<string, string> = {}, input?: string) {
  const result = spawnSync(process.execPath, ['bin/openler.js', '--data-dir', dataDir, ...args], {
    encoding: 'utf8',
    ...(input !== undefined ? { input } : {}),
    env: { ...process.env, DATABASE_URL: process.env.OPENLER_CLI_DATABASE_URL ?? '', ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The command with its standard output's reader gone before it writes, as in `openler ... | head -0`. */
async function openlerIntoClosedPipe(dataDir: string, args: string[]) {
  const child = spawn(process.execPath, ['bin/openler.js', '--data-dir', dataDir, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DATABASE_URL: process.env.OPENLER_CLI_DATABASE_URL ?? '' },
  });
  child.stdout.destroy();
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (text: string) => { stderr += text; });
  const code = await new Promise<number | null>((resolve) => child.on('close', (status) => resolve(status)));
  return { code, stderr };
}

/** The one JSON line a failing command writes on stderr with --json. */
function jsonError(stderr: string): { code: string; message: string } {
  const lines = stderr.trim().split('\n');
  assert.equal(lines.length, 1, stderr);
  return (JSON.parse(lines[0] ?? '') as { error: { code: string; message: string } }).error;
}

describe('openler CLI', () => {
  let dir: string;
  let dataDir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'openler-cli-'));
    dataDir = join(dir, 'data');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('migrates, then searches the default library as JSON and as a table', () => {
    const migrated = openler(dataDir, ['db', 'migrate', '--json']);
    assert.equal(migrated.code, 0, migrated.stderr);
    assert.equal(JSON.parse(migrated.stdout).current, migrations.at(-1)?.version);
    const found = openler(dataDir, ['--json', 'skills', 'search', 'k8s', '--limit', '3']);
    assert.equal(found.code, 0, found.stderr);
    const result = JSON.parse(found.stdout) as { library: string; data: Array<{ name: string; id: string }> };
    assert.equal(result.library, 'openler');
    assert.equal(result.data[0]?.name, 'Kubernetes');
    const table = openler(dataDir, ['skills', 'search', 'pyton']);
    assert.match(table.stdout, /^ID\s+NAME\s+TYPE\s+CATEGORY/);
    assert.match(table.stdout, /Python/);
    const one = openler(dataDir, ['skills', 'get', result.data[0]?.id ?? '', '--json']);
    assert.equal(JSON.parse(one.stdout).skill.name, 'Kubernetes');
  });

  it('fails with one line and a non-zero exit code', () => {
    const missing = openler(dataDir, ['skills', 'get', 'NO-SUCH-SKILL']);
    assert.equal(missing.code, 4);
    assert.equal(missing.stderr.trim().split('\n').length, 1);
    assert.match(missing.stderr, /^openler: no skill NO-SUCH-SKILL/);
    const badLimit = openler(dataDir, ['skills', 'search', 'x', '--limit', 'lots']);
    assert.equal(badLimit.code, 2);
    assert.match(badLimit.stderr, /--limit must be a whole number/);
    const unknownCommand = openler(dataDir, ['frobnicate']);
    assert.equal(unknownCommand.code, 2);
    const badFile = openler(dataDir, ['skills', 'import', 'csv', join(dir, 'absent.csv'), '--version', '1']);
    assert.equal(badFile.code, 4);
    assert.match(badFile.stderr, /cannot read/);
  });

  it('reports usage errors as one JSON line with --json, exit 2', () => {
    const unknownOption = openler(dataDir, ['--json', 'skills', 'search', 'x', '--bogus']);
    assert.equal(unknownOption.code, 2);
    assert.deepEqual(jsonError(unknownOption.stderr), { code: 'bad_request', message: "unknown option '--bogus'" });
    const badChoice = openler(dataDir, ['apikey', 'create', 'state-college', '--scope', 'everything', '--json']);
    assert.equal(badChoice.code, 2);
    const choiceError = jsonError(badChoice.stderr);
    assert.equal(choiceError.code, 'validation_failed');
    assert.match(choiceError.message, /'everything' is invalid/);
    const missingArgument = openler(dataDir, ['skills', 'get', '--json']);
    assert.equal(missingArgument.code, 2);
    assert.equal(jsonError(missingArgument.stderr).code, 'bad_request');
    const plain = openler(dataDir, ['skills', 'search', 'x', '--bogus']);
    assert.equal(plain.code, 2);
    assert.match(plain.stderr, /^error: unknown option '--bogus'/);
  });

  it('ends quietly when the reader of its output has gone', async () => {
    for (const args of [['skills', 'search', 'python'], ['--json', 'skills', 'libraries']]) {
      const result = await openlerIntoClosedPipe(dataDir, args);
      assert.equal(result.stderr, '', `openler ${args.join(' ')}`);
      assert.equal(result.code, 0);
    }
  });

  it('manages organizations, users and API keys', () => {
    const created = openler(dataDir, ['--json', 'org', 'create', 'state-college', '--name', 'State College']);
    assert.equal(created.code, 0, created.stderr);
    assert.equal(JSON.parse(created.stdout).kind, 'institution');
    assert.equal(openler(dataDir, ['org', 'create', 'state-college', '--name', 'Again']).code, 5);
    assert.equal(openler(dataDir, ['org', 'user', 'add', 'state-college', 'registrar@college.edu', '--role', 'admin']).code, 0);
    const key = JSON.parse(openler(dataDir, ['--json', 'apikey', 'create', 'state-college', '--name', 'sync', '--scope', 'skills:write', 'skills:read']).stdout) as { id: string; secret: string; scopes: string[] };
    assert.match(key.secret, /^olk_/);
    assert.deepEqual(key.scopes.sort(), ['skills:read', 'skills:write']);
    const listed = JSON.parse(openler(dataDir, ['--json', 'apikey', 'list', 'state-college']).stdout) as Array<{ id: string; revokedAt: string | null }>;
    assert.equal(listed[0]?.id, key.id);
    assert.ok(!JSON.stringify(listed).includes(key.secret));
    assert.equal(openler(dataDir, ['apikey', 'revoke', key.id]).code, 0);
    const after = JSON.parse(openler(dataDir, ['--json', 'apikey', 'list', 'state-college']).stdout) as Array<{ revokedAt: string | null }>;
    assert.ok(after[0]?.revokedAt);
  });

  it('imports a CSV library idempotently, reports changes, and exports it again', () => {
    const csv = join(dir, 'college-skills.csv');
    writeFileSync(csv, 'id,name,type,category,aliases\nC1,Lab Safety,specialized,Life Sciences,lab safety practices\nC2,Academic Writing,common,Common Skills,\n');
    const first = openler(dataDir, ['--json', 'skills', 'import', 'csv', csv, '--version', '2026.1', '--org', 'state-college']);
    assert.equal(first.code, 0, first.stderr);
    assert.equal(JSON.parse(first.stdout).status, 'published');
    const again = openler(dataDir, ['--json', 'skills', 'import', 'csv', csv, '--version', '2026.1', '--org', 'state-college']);
    assert.equal(JSON.parse(again.stdout).status, 'unchanged');
    // A URI as long as ESCO's, to show whole in tables.
    const longId = 'http://data.example.edu/skills/data-literacy/0005c151-5b5a-4a66-8aac-60e734beb1ab';
    writeFileSync(csv, `id,name,type,category,merged_into\nC1,Laboratory Safety,specialized,Life Sciences,\nC2,,,,C1\n${longId},Data Literacy,common,Common Skills,\n`);
    assert.equal(openler(dataDir, ['skills', 'import', 'csv', csv, '--version', 'v2026.2', '--org', 'state-college']).code, 0);
    // A release is named with or without its leading v.
    const changes = JSON.parse(openler(dataDir, ['--json', 'skills', 'changes', 'college-skills', '2026.2', '--since', 'v2026.1']).stdout) as { renames: unknown[]; consolidations: unknown[]; additions: unknown[] };
    assert.deepEqual(changes.renames, [{ id: 'C1', oldName: 'Lab Safety', newName: 'Laboratory Safety' }]);
    assert.deepEqual(changes.consolidations, [{ id: 'C1', name: 'Laboratory Safety', mergedIds: [{ id: 'C2', name: 'Academic Writing' }] }]);
    const out = join(dir, 'export.csv');
    assert.equal(openler(dataDir, ['skills', 'export', '--library', 'college-skills', '--format', 'csv', '--out', out]).code, 0);
    assert.match(readFileSync(out, 'utf8'), /^id,name,type/);
    const rsd = openler(dataDir, ['skills', 'export', '--library', 'college-skills', '--format', 'rsd']);
    assert.equal(JSON.parse(rsd.stdout).skills.length, 2);
    const found = openler(dataDir, ['skills', 'search', 'data', '--library', 'college-skills', '--version', '2026.2']);
    assert.equal(found.code, 0, found.stderr);
    assert.match(found.stdout, new RegExp(`^${longId.replace(/[.]/g, '\\.')}  +Data Literacy`, 'm'));
    assert.match(found.stdout, /in college-skills v2026\.2$/m);
  });

  it('extracts skills from JSON lines in input order on several workers, survives bad lines, and exits 1 after them', () => {
    const texts = ['Kubernetes and Docker on AWS', 'CPR and first aid', 'Forklift operation in a warehouse', 'Managed budgets'];
    const lines = Array.from({ length: 300 }, (_, i) => JSON.stringify({ id: `doc-${i}`, text: texts[i % texts.length] }));
    lines.splice(5, 0, '{broken');
    lines.splice(2, 0, '');
    lines.push(JSON.stringify({ id: 'no-text' }));
    const result = openler(dataDir, ['extract', '--format', 'jsonl', '--workers', '2', '--mode', 'literal'], {}, `${lines.join('\n')}\n`);
    assert.equal(result.code, 1, 'a failed line exits 1');
    assert.equal(result.stderr, '');
    const output = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as { id: string | null; skills?: Array<{ name: string; spans: number[][] }>; error?: { code: string; message: string; line: number } });
    assert.equal(output.length, 302, 'every line is written, the failed ones too');
    // Line numbers are 1-based and count the blank line, as an editor does.
    assert.equal(output[5]?.id, null);
    assert.equal(output[5]?.error?.code, 'bad_request');
    assert.match(output[5]?.error?.message ?? '', /^not a JSON line/);
    assert.equal(output[5]?.error?.line, 7);
    assert.equal(output[301]?.error?.line, 303);
    assert.equal(output[301]?.id, 'no-text');
    const ids = output.filter((entry) => entry.skills !== undefined).map((entry) => entry.id);
    assert.deepEqual(ids, Array.from({ length: 300 }, (_, i) => `doc-${i}`));
    assert.ok(output[0]?.skills?.some((skill) => skill.name === 'Kubernetes'));
    assert.ok(output[2]?.skills?.some((skill) => /Forklift/.test(skill.name)));
  });

  it('extracts skills from files and refuses binary ones', () => {
    const file = join(dir, 'posting.txt');
    writeFileSync(file, 'Managed budgets and wrote SQL reports.');
    const result = openler(dataDir, ['--json', 'extract', file]);
    assert.equal(result.code, 0, result.stderr);
    const names = (JSON.parse(result.stdout) as { documents: Array<{ skills: Array<{ name: string }> }> }).documents[0]?.skills.map((skill) => skill.name);
    assert.ok(names !== undefined && names.includes('Budget Management') && names.includes('SQL'), JSON.stringify(names));
    assert.ok(names.length <= 3, 'the named skills and at most the sentence\'s best description');
    const binary = join(dir, 'blob.bin');
    writeFileSync(binary, Buffer.from([0, 1, 2, 255, 254, 0]));
    const refused = openler(dataDir, ['extract', binary]);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /blob\.bin/);
  });
});
