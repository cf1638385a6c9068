import { createHmac, randomBytes } from 'node:crypto';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { OpenlerError } from '../../common/errors.js';

/**
 * The master key encrypts issuers' private keys at rest. It comes from the
 * environment (OPENLER_MASTER_KEY: 32 bytes as 64 hex digits or base64) or,
 * failing that, from `<dataDir>/master.key`, created with mode 0600 on first
 * use. Its id (a keyed hash, which reveals nothing of the key) is stored with
 * every sealed key, so a changed master key is recognised as such instead of
 * looking like corruption.
 */

export const MASTER_KEY_ENV = 'OPENLER_MASTER_KEY';
export const MASTER_KEY_FILE = 'master.key';
const MASTER_KEY_BYTES = 32;

export type MasterKeySource = { kind: 'environment' } | { kind: 'file'; path: string };

export class MasterKey {
  readonly #bytes: Buffer;
  /** A public name for this key: HMAC-SHA256 of a fixed label under the key, first 8 bytes, hex. */
  readonly id: string;
  readonly source: MasterKeySource;

  constructor(bytes: Uint8Array, source: MasterKeySource) {
    if (bytes.length !== MASTER_KEY_BYTES) {
      throw new OpenlerError('validation_failed', `A master key is ${MASTER_KEY_BYTES} bytes, not ${bytes.length}`, { field: MASTER_KEY_ENV });
    }
    this.#bytes = Buffer.from(bytes);
    this.id = createHmac('sha256', this.#bytes).update('openler master key id').digest().subarray(0, 8).toString('hex');
    this.source = source;
  }

  /** The raw key, for the sealing code only. */
  secretBytes(): Buffer {
    return this.#bytes;
  }

  /** Never printed, logged or serialised by accident. */
  toJSON(): { id: string } {
    return { id: this.id };
  }

  [inspect.custom](): string {
    return `MasterKey { id: '${this.id}' }`;
  }
}

/**
 * 32 bytes from their text form: 64 hex digits, or base64 / base64url (with or
 * without padding). Anything else is refused without echoing the value.
 */
export function parseMasterKey(text: string, where: string = MASTER_KEY_ENV): Uint8Array {
  const trimmed = text.trim();
  if (trimmed === '') {
    throw new OpenlerError('validation_failed', `${where} is empty: give 32 random bytes as 64 hex digits or base64 (e.g. openssl rand -base64 32)`, { field: where });
  }
  let bytes: Buffer;
  if (/^[0-9a-fA-F]+$/.test(trimmed) && trimmed.length === MASTER_KEY_BYTES * 2) {
    bytes = Buffer.from(trimmed, 'hex');
  } else if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) {
    bytes = Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  } else {
    throw new OpenlerError('validation_failed', `${where} is neither hex nor base64: give 32 random bytes as 64 hex digits or base64 (e.g. openssl rand -base64 32)`, { field: where });
  }
  if (bytes.length !== MASTER_KEY_BYTES) {
    throw new OpenlerError('validation_failed', `${where} decodes to ${bytes.length} bytes; a master key is exactly ${MASTER_KEY_BYTES} bytes (64 hex digits or 44 base64 characters)`, { field: where });
  }
  return bytes;
}

export interface LoadMasterKeyOptions {
  /** Where master.key lives when the environment gives no key. */
  dataDir?: string;
  /** The environment to read OPENLER_MASTER_KEY from; process.env by default. */
  env?: Readonly<Record<string, string | undefined>>;
}

/** The master key from the environment, else from `<dataDir>/master.key` (created on first use). */
export async function loadMasterKey(options: LoadMasterKeyOptions = {}): Promise<MasterKey> {
  const env = options.env ?? process.env;
  const fromEnvironment = env[MASTER_KEY_ENV];
  if (fromEnvironment !== undefined) return new MasterKey(parseMasterKey(fromEnvironment), { kind: 'environment' });
  if (options.dataDir === undefined) {
    throw new OpenlerError('validation_failed', `No master key: set ${MASTER_KEY_ENV} or give a data directory for ${MASTER_KEY_FILE}`, { field: MASTER_KEY_ENV });
  }
  return loadOrCreateKeyFile(join(options.dataDir, MASTER_KEY_FILE), options.dataDir);
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}

async function loadOrCreateKeyFile(path: string, dataDir: string): Promise<MasterKey> {
  try {
    return await readKeyFile(path);
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const text = `${randomBytes(MASTER_KEY_BYTES).toString('base64')}\n`;
  try {
    // 'wx': never replace a key another process has just written; read theirs instead.
    await writeFile(path, text, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw new OpenlerError('internal', `Cannot create the master key file ${path}: ${(error as Error).message}`, { field: MASTER_KEY_FILE }, { cause: error });
    }
  }
  return readKeyFile(path);
}

async function readKeyFile(path: string): Promise<MasterKey> {
  const info = await stat(path);
  if (!info.isFile()) {
    throw new OpenlerError('validation_failed', `The master key file ${path} is not a regular file`, { field: MASTER_KEY_FILE });
  }
  // POSIX permissions only: Windows reports every file as 0o666.
  if (process.platform !== 'win32' && (info.mode & 0o077) !== 0) {
    const mode = (info.mode & 0o777).toString(8).padStart(4, '0');
    throw new OpenlerError(
      'validation_failed',
      `The master key file ${path} is open to other users (mode ${mode}); openler uses it only when only its owner can read it: chmod 600 ${path}`,
      { field: MASTER_KEY_FILE },
    );
  }
  const text = await readFile(path, 'utf8');
  return new MasterKey(parseMasterKey(text, `The master key file ${path}`), { kind: 'file', path });
}
