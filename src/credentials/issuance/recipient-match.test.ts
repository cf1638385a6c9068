import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { subjectIsRecipient } from './recipient-match.js';

const hashed = (algorithm: 'sha256' | 'md5', email: string, salt: string) => ({
  type: 'IdentityObject', identityType: 'emailAddress', hashed: true, salt,
  identityHash: `${algorithm}$${createHash(algorithm).update(email + salt).digest('hex')}`,
});

describe('subjectIsRecipient', () => {
  it('matches the same DID, and only that DID', () => {
    assert.equal(subjectIsRecipient({ id: 'did:example:ana' }, { did: 'did:example:ana' }), true);
    assert.equal(subjectIsRecipient({ id: 'did:example:ana' }, { did: 'did:example:ben' }), false);
    assert.equal(subjectIsRecipient({ id: 'did:example:ana' }, { email: 'ana@example.edu' }), false);
  });

  it("matches an email by hashing it with the identity's salt, by the algorithm the hash names", () => {
    const subject = { identifier: [hashed('sha256', 'ana@example.edu', 'pepper')] };
    assert.equal(subjectIsRecipient(subject, { email: ' Ana@Example.EDU ' }), true, 'as openler writes it: trimmed, lower case');
    assert.equal(subjectIsRecipient(subject, { email: 'ben@example.edu' }), false);
    assert.equal(subjectIsRecipient({ identifier: hashed('md5', 'ana@example.edu', 'salt') }, { email: 'ana@example.edu' }), true);
    assert.equal(subjectIsRecipient({ identifier: [{ ...hashed('sha256', 'ana@example.edu', 'pepper'), salt: 'other' }] }, { email: 'ana@example.edu' }), false, 'the salt is part of the hash');
    assert.equal(subjectIsRecipient({ identifier: [{ ...hashed('sha256', 'ana@example.edu', 'pepper'), identityType: 'sourcedId' }] }, { email: 'ana@example.edu' }), false, 'only an email identity answers for an email');
  });

  it('matches an unhashed email identity as written, ignoring case', () => {
    const subject = { identifier: [{ type: 'IdentityObject', identityType: 'emailAddress', hashed: false, identityHash: 'Ana@example.edu' }] };
    assert.equal(subjectIsRecipient(subject, { email: 'ana@example.edu' }), true);
    assert.equal(subjectIsRecipient(subject, { email: 'ben@example.edu' }), false);
  });

  it('matches when either the DID or the email does', () => {
    const subject = { id: 'did:example:other', identifier: [hashed('sha256', 'ana@example.edu', 's')] };
    assert.equal(subjectIsRecipient(subject, { did: 'did:example:ana', email: 'ana@example.edu' }), true);
    assert.equal(subjectIsRecipient(undefined, { did: 'did:example:ana' }), false);
  });
});
