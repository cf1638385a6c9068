import { createHash } from 'node:crypto';
import type { Recipient } from './model.js';

/**
 * Who a credential is about, compared with a recipient: the subject's DID
 * (credentialSubject.id), or an email IdentityObject in credentialSubject.identifier.
 * A hashed identity is checked the way the Open Badges IdentityObject defines:
 * hash the known email with the identity's salt, by the algorithm its hash names.
 */

/** The email as openler writes it into a credential: trimmed, lower case. */
export function normalEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Whether the credential subject is the recipient: the same DID, or an email identity matching the recipient's email. */
export function subjectIsRecipient(subject: unknown, recipient: Recipient): boolean {
  if (subject === null || typeof subject !== 'object' || Array.isArray(subject)) return false;
  const { id, identifier } = subject as { id?: unknown; identifier?: unknown };
  if (recipient.did !== undefined && id === recipient.did) return true;
  if (recipient.email === undefined) return false;
  const email = normalEmail(recipient.email);
  const identities = Array.isArray(identifier) ? identifier : identifier === undefined ? [] : [identifier];
  return identities.some((identity) => emailIdentityMatches(identity, email));
}

const hashAlgorithms: Record<string, string> = { sha256: 'sha256', md5: 'md5' };

function emailIdentityMatches(identity: unknown, email: string): boolean {
  if (identity === null || typeof identity !== 'object') return false;
  const { identityType, identityHash, hashed, salt } = identity as { identityType?: unknown; identityHash?: unknown; hashed?: unknown; salt?: unknown };
  if (identityType !== 'emailAddress' || typeof identityHash !== 'string') return false;
  if (hashed !== true) return normalEmail(identityHash) === email;
  const separator = identityHash.indexOf('$');
  const algorithm = hashAlgorithms[identityHash.slice(0, separator).toLowerCase()];
  if (separator < 0 || algorithm === undefined) return false;
  const digest = createHash(algorithm).update(email + (typeof salt === 'string' ? salt : '')).digest('hex');
  return digest === identityHash.slice(separator + 1).toLowerCase();
}
