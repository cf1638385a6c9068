import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { OpenlerError } from '../../common/errors.js';
import { loadMasterKey, MASTER_KEY_ENV, MasterKey, parseMasterKey } from './master-key.js';

async function withTempDir(run: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'openler-master-key-'));
  try {
    await run(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function assertConfigurationError(error: unknown, pattern: RegExp, secret?: string): true {
  assert.ok(error instanceof OpenlerError, String(error));
  assert.equal(error.code, 'validation_failed');
  assert.match(error.message, pattern);
  if (secret !== undefined) assert.ok(!error.message.includes(secret), 'the message never repeats the key');
  return true;
}

test('32 bytes as hex, base64 or base64url are one and the same master key', () => {
  const bytes = randomBytes(32);
  const ids = [bytes.toString('hex'), bytes.toString('hex').toUpperCase(), bytes.toString('base64'), bytes.toString('base64url'), ` ${bytes.toString('base64')}\n`]
    .map((text) => new MasterKey(parseMasterKey(text), { kind: 'environment' }).id);
  assert.equal(new Set(ids).size, 1);
  assert.match(ids[0] ?? '', /^[0-9a-f]{16}$/);
  assert.notEqual(new MasterKey(randomBytes(32), { kind: 'environment' }).id, ids[0]);
});

test('anything but 32 bytes in hex or base64 is refused without echoing it', () => {
  const short = randomBytes(31).toString('base64');
  assert.throws(() => parseMasterKey(short), (error) => assertConfigurationError(error, /decodes to 31 bytes; a master key is exactly 32 bytes/, short));
  const long = randomBytes(33).toString('hex');
  assert.throws(() => parseMasterKey(long), (error) => assertConfigurationError(error, /decodes to \d+ bytes/, long));
  assert.throws(() => parseMasterKey('correct horse battery staple!'), (error) => assertConfigurationError(error, /neither hex nor base64/, 'horse'));
  assert.throws(() => parseMasterKey('  '), (error) => assertConfigurationError(error, /is empty/));
});

test('the environment variable wins over the key file', async () => {
  await withTempDir(async (dir) => {
    const bytes = randomBytes(32);
    const key = await loadMasterKey({ dataDir: dir, env: { [MASTER_KEY_ENV]: bytes.toString('base64') } });
    assert.deepEqual(key.source, { kind: 'environment' });
    assert.equal(key.id, new MasterKey(bytes, { kind: 'environment' }).id);
    await assert.rejects(stat(join(dir, 'master.key')), /ENOENT/);
    await assert.rejects(loadMasterKey({ env: { [MASTER_KEY_ENV]: 'abc' } }), (error) => assertConfigurationError(error, /OPENLER_MASTER_KEY/));
  });
});

test('without the variable, master.key is created once with mode 0600 and then reused', async () => {
  await withTempDir(async (dir) => {
    const dataDir = join(dir, 'data');
    const first = await loadMasterKey({ dataDir, env: {} });
    const path = join(dataDir, 'master.key');
    assert.deepEqual(first.source, { kind: 'file', path });
    assert.equal((await stat(path)).mode & 0o777, 0o600);
    assert.equal(Buffer.from((await readFile(path, 'utf8')).trim(), 'base64').length, 32);
    const again = await loadMasterKey({ dataDir, env: {} });
    assert.equal(again.id, first.id);
    // Concurrent first starts agree on one key.
    await withTempDir(async (other) => {
      const keys = await Promise.all([1, 2, 3, 4].map(() => loadMasterKey({ dataDir: other, env: {} })));
      assert.equal(new Set(keys.map((key) => key.id)).size, 1);
    });
  });
});

test('a key file that others can read, or that holds no key, is refused with a clear reason', { skip: process.platform === 'win32' }, async () => {
  await withTempDir(async (dir) => {
    const path = join(dir, 'master.key');
    await writeFile(path, randomBytes(32).toString('base64'), { mode: 0o600 });
    await chmod(path, 0o644);
    await assert.rejects(loadMasterKey({ dataDir: dir, env: {} }), (error) => assertConfigurationError(error, /open to other users \(mode 0644\).*chmod 600/));
    await chmod(path, 0o640);
    await assert.rejects(loadMasterKey({ dataDir: dir, env: {} }), (error) => assertConfigurationError(error, /mode 0640/));
    await writeFile(path, 'not a key at all!', { mode: 0o600 });
    await chmod(path, 0o600);
    await assert.rejects(loadMasterKey({ dataDir: dir, env: {} }), (error) => assertConfigurationError(error, /master key file .* is neither hex nor base64/));
  });
  await assert.rejects(loadMasterKey({ env: {} }), (error) => assertConfigurationError(error, /No master key: set OPENLER_MASTER_KEY/));
});

test('a master key never prints its secret', () => {
  const bytes = randomBytes(32);
  const key = new MasterKey(bytes, { kind: 'environment' });
  for (const shown of [inspect(key), JSON.stringify(key), String(key)]) {
    assert.ok(!shown.includes(bytes.toString('hex')) && !shown.includes(bytes.toString('base64')), shown);
  }
  assert.deepEqual(JSON.parse(JSON.stringify(key)), { id: key.id });
});
