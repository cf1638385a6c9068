import { createHash, randomBytes } from 'node:crypto';

/**
 * Client secrets, codes and tokens: 256 random bits after a prefix that says
 * what the string is. Only their SHA-256 is stored; with that much entropy a
 * fast hash is enough, and looking a row up by its hash is constant-time
 * enough (the hash, not the secret, is what the index compares).
 */
export function newSecret(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** A short random identifier (client IDs, grant IDs). */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('hex')}`;
}
